/**
 * Making certificates, CSRs and CRLs for tests and for bootstrapping mTLS in development,
 * on top of @peculiar/x509 (loaded lazily, with cachet's Reflect polyfill, on the first
 * call). Every result is parsed back with cachet's own parser.
 */
import type * as PX from '@peculiar/x509';
import { assertInteger, assertOptions, invalidArgument } from '../assert.js';
import { hexEncode } from '../bytes.js';
import { tlv, unsignedInteger } from '../der.js';
import { CertificateError, InvalidInputError } from '../errors.js';
import { randomBytes } from '../random.js';
import { Reader } from './asn1.js';
import {
  type Certificate,
  certData,
  KEY_USAGES,
  type KeyUsage,
  parseCertificate,
} from './certificate.js';
import { type Crl, parseCrl } from './crl.js';
import { FORM, readGeneralNames } from './general-name.js';
import { formatIp, parseIp } from './ip.js';
import { EKU, EXT } from './oids.js';
import { peculiar } from './reflect.js';
import {
  algorithmOf,
  assertTestAlgorithm,
  generateTestKeyPair,
  TEST_ALGORITHMS,
  type TestKeyAlgorithm,
  type TestKeyPair,
} from './test-keys.js';

/**
 * Names for a name constraint subtree (RFC 5280 §4.2.1.10).
 *
 * @example
 * ```ts
 * import { createTestPki, type NameConstraintNames, verifyChain } from 'cachet/x509';
 * const internal: NameConstraintNames = { dns: ['internal'], ips: ['10.0.0.0/8'] };
 * const pki = await createTestPki({
 *   intermediate: { ca: { pathLength: 0 }, nameConstraints: { permitted: internal } },
 *   leaf: { dnsNames: ['evil.example'] },
 * });
 * const outcome = await verifyChain({ leaf: pki.leaf, intermediates: [pki.intermediate], roots: [pki.root], profile: 'rfc5280' })
 *   .catch((e) => e.code);
 * console.log(outcome); // 'ERR_CERT_NAME_CONSTRAINTS'
 * ```
 */
export interface NameConstraintNames {
  /** DNS subtrees: `'example.com'` covers it and every name below it. */
  dns?: readonly string[];
  /** IP ranges in CIDR form: `'192.0.2.0/24'`, `'2001:db8::/32'`. */
  ips?: readonly string[];
  /** Mailboxes, hosts, or `.domain` for every host under it. */
  emails?: readonly string[];
  /** URI hosts, or `.domain`. */
  uris?: readonly string[];
}

/**
 * What goes into one certificate.
 *
 * @example
 * ```ts
 * import { type CertificateSpec, createTestPki } from 'cachet/x509';
 * const leaf: CertificateSpec = {
 *   subject: 'CN=api.internal,O=Example',
 *   dnsNames: ['api.internal'],
 *   ips: ['10.0.0.7'],
 *   notAfter: new Date(Date.now() + 7 * 86_400_000),
 *   extendedKeyUsage: ['serverAuth'],
 * };
 * const pki = await createTestPki({ leaf });
 * console.log(pki.leaf.subjectAltNames.ip); // [ '10.0.0.7' ]
 * ```
 */
export interface CertificateSpec {
  /** Subject, RFC 4514 style (`'CN=api.example.com,O=Example'`). Default: the first DNS name, or a test name. */
  subject?: string;
  dnsNames?: readonly string[];
  ips?: readonly string[];
  emails?: readonly string[];
  uris?: readonly string[];
  notBefore?: Date;
  notAfter?: Date;
  /** A CA certificate (basicConstraints cA), optionally with a pathLenConstraint. */
  ca?: boolean | { pathLength?: number };
  keyUsage?: readonly KeyUsage[];
  /** Purposes (`'serverAuth'`, `'clientAuth'`, `'codeSigning'`, `'any'`) or OIDs. */
  extendedKeyUsage?: readonly string[];
  nameConstraints?: { permitted?: NameConstraintNames; excluded?: NameConstraintNames };
  /** Extra extensions, as DER values (e.g. an unknown critical one, for tests). */
  extensions?: readonly { oid: string; critical?: boolean; value: Uint8Array }[];
  /** Serial number as hex (default: 16 random bytes). */
  serialNumber?: string;
}

/**
 * Options of {@link issueCertificate}.
 *
 * @example
 * ```ts
 * import { generateTestKeyPair, type IssueOptions, issueCertificate } from 'cachet/x509';
 * const keys = await generateTestKeyPair('Ed25519');
 * const selfSigned: IssueOptions = {
 *   subject: 'CN=device-42',
 *   publicKey: keys.publicKey,
 *   issuerKey: keys, // no issuer: self-signed
 *   extendedKeyUsage: ['clientAuth'],
 * };
 * const cert = await issueCertificate(selfSigned);
 * console.log(cert.isSelfIssued, cert.signatureAlgorithm); // true 'Ed25519'
 * ```
 */
export interface IssueOptions extends CertificateSpec {
  /** The subject's public key: a CryptoKey, or a PKCS #10 CSR (PEM) whose signature is checked first. */
  publicKey?: CryptoKey;
  csr?: string;
  /** The issuing CA; omit for a self-signed certificate. */
  issuer?: Certificate;
  /** The private key that signs: the issuer's, or the subject's own when self-signed. */
  issuerKey: TestKeyPair | CryptoKey;
}

/** CN = the first DNS name (or IP), so the CN is one of the SANs as CABF BR 7.1.4.3 requires. */
function defaultSubject(spec: CertificateSpec): string {
  const first = spec.dnsNames?.[0] ?? spec.ips?.[0];
  const ip = first === undefined ? undefined : parseIp(first);
  if (ip) return `CN=${formatIp(ip)}`;
  return first === undefined ? 'CN=cachet test certificate' : `CN=${first}`;
}

const PURPOSE_OIDS: Readonly<Record<string, string>> = {
  serverAuth: EKU.serverAuth,
  clientAuth: EKU.clientAuth,
  codeSigning: EKU.codeSigning,
  emailProtection: EKU.emailProtection,
  any: EKU.any,
};

function ekuOid(purpose: string, i: number): string {
  const oid = PURPOSE_OIDS[purpose] ?? (/^[0-2](\.\d+)+$/.test(purpose) ? purpose : undefined);
  return oid ?? invalidArgument(`extendedKeyUsage[${i}]`, 'a purpose name or dotted OID', purpose);
}

function ascii(text: string, name: string): Uint8Array {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: IA5String is ASCII
  if (typeof text !== 'string' || !/^[\u0000-\u007f]*$/.test(text))
    invalidArgument(name, 'ASCII string', text);
  return new TextEncoder().encode(text);
}

function asciiText(text: string, name: string): string {
  ascii(text, name);
  return text;
}

function cidr(text: string, name: string): Uint8Array {
  const [address, bits, extra] = typeof text === 'string' ? text.split('/') : [];
  const bytes = address === undefined ? undefined : parseIp(address);
  const prefix = Number(bits);
  if (!bytes || extra !== undefined || !/^\d+$/.test(bits ?? '') || prefix > bytes.length * 8) {
    return invalidArgument(name, "an address range such as '192.0.2.0/24'", text);
  }
  const mask = new Uint8Array(bytes.length);
  for (let i = 0; i < prefix; i++) mask[i >> 3]! |= 0x80 >> (i & 7);
  const out = new Uint8Array(bytes.length * 2);
  out.set(bytes);
  out.set(mask, bytes.length);
  return out;
}

// RFC 5280 §4.2.1.10: NameConstraints ::= SEQUENCE { permittedSubtrees [0], excludedSubtrees [1] }.
function nameConstraintsDer(nc: NonNullable<CertificateSpec['nameConstraints']>): Uint8Array {
  const subtrees = (names: NameConstraintNames | undefined, tag: number, which: string) => {
    if (!names) return new Uint8Array(0);
    const items: Uint8Array[] = [
      ...(names.dns ?? []).map((n, i) => tlv(0x82, ascii(n, `${which}.dns[${i}]`))),
      ...(names.ips ?? []).map((n, i) => tlv(0x87, cidr(n, `${which}.ips[${i}]`))),
      ...(names.emails ?? []).map((n, i) => tlv(0x81, ascii(n, `${which}.emails[${i}]`))),
      ...(names.uris ?? []).map((n, i) => tlv(0x86, ascii(n, `${which}.uris[${i}]`))),
    ].map((base) => tlv(0x30, base));
    return items.length ? tlv(tag, ...items) : new Uint8Array(0);
  };
  const body = [subtrees(nc.permitted, 0xa0, 'permitted'), subtrees(nc.excluded, 0xa1, 'excluded')];
  if (body.every((b) => b.length === 0))
    invalidArgument('nameConstraints', 'permitted or excluded names', nc);
  return tlv(0x30, ...body);
}

function serial(spec: CertificateSpec): string {
  if (spec.serialNumber !== undefined) {
    if (typeof spec.serialNumber !== 'string' || !/^[0-9a-f]+$/i.test(spec.serialNumber)) {
      invalidArgument('serialNumber', 'hex string', spec.serialNumber);
    }
    return spec.serialNumber;
  }
  // CABF BR 7.1: at least 64 random bits, positive: 16 bytes with the top bit clear.
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return hexEncode(bytes);
}

function sanList(spec: CertificateSpec): PX.JsonGeneralNames {
  const names: PX.JsonGeneralNames = [];
  for (const [i, d] of (spec.dnsNames ?? []).entries()) {
    names.push({ type: 'dns', value: asciiText(d, `dnsNames[${i}]`) });
  }
  for (const [i, ip] of (spec.ips ?? []).entries()) {
    if (!parseIp(ip)) invalidArgument(`ips[${i}]`, 'an IPv4 or IPv6 address', ip);
    names.push({ type: 'ip', value: ip });
  }
  for (const [i, e] of (spec.emails ?? []).entries()) {
    names.push({ type: 'email', value: asciiText(e, `emails[${i}]`) });
  }
  for (const [i, u] of (spec.uris ?? []).entries()) {
    names.push({ type: 'url', value: asciiText(u, `uris[${i}]`) });
  }
  return names;
}

function checkDate(value: unknown, name: string): asserts value is Date | undefined {
  if (value !== undefined && !(value instanceof Date && Number.isFinite(value.getTime()))) {
    invalidArgument(name, 'a valid Date', value);
  }
}

type Peculiar = Awaited<ReturnType<typeof peculiar>>;

/**
 * A Name from RFC 4514 text, the most specific attribute first (`CN=api.example.com,O=Example`
 * encodes O, then CN; RFC 4514 §2.1). @peculiar/x509 reads text in encoded order, the
 * reverse, so its RDNs are reversed before encoding.
 */
function nameFromText(x: Peculiar, text: string): PX.Name {
  return new x.Name(text === '' ? [] : new x.Name(text).toJSON().reverse());
}

async function extensions(
  x: Peculiar,
  spec: CertificateSpec,
  subjectKey: PX.PublicKeyType,
  issuerSki: string | undefined,
): Promise<PX.Extension[]> {
  const out: PX.Extension[] = [];
  const ca =
    spec.ca === undefined || spec.ca === false ? undefined : spec.ca === true ? {} : spec.ca;
  if (ca) {
    if (ca.pathLength !== undefined) assertInteger(ca.pathLength, 'ca.pathLength', 0, 255);
    out.push(new x.BasicConstraintsExtension(true, ca.pathLength, true));
  }
  const usages = spec.keyUsage ?? (ca ? ['keyCertSign', 'cRLSign'] : ['digitalSignature']);
  let flags = 0;
  for (const [i, u] of usages.entries()) {
    const bit = KEY_USAGES.indexOf(u);
    if (bit < 0) invalidArgument(`keyUsage[${i}]`, KEY_USAGES.join(' | '), u);
    flags |= 1 << bit;
  }
  if (flags) out.push(new x.KeyUsagesExtension(flags, true));
  if (spec.extendedKeyUsage) {
    out.push(new x.ExtendedKeyUsageExtension(spec.extendedKeyUsage.map(ekuOid), false));
  }
  const san = sanList(spec);
  // RFC 5280 §4.2.1.6: critical only when the subject is empty.
  if (san.length) out.push(new x.SubjectAlternativeNameExtension(san, spec.subject === ''));
  if (spec.nameConstraints) {
    out.push(
      new x.Extension(
        EXT.nameConstraints,
        true,
        nameConstraintsDer(spec.nameConstraints) as Uint8Array<ArrayBuffer>,
      ),
    );
  }
  const ski = await x.SubjectKeyIdentifierExtension.create(subjectKey, false);
  out.push(ski);
  out.push(new x.AuthorityKeyIdentifierExtension(issuerSki ?? ski.keyId, false));
  for (const [i, e] of (spec.extensions ?? []).entries()) {
    assertOptions(e, `extensions[${i}]`);
    if (typeof e.oid !== 'string' || !/^[0-2](\.\d+)+$/.test(e.oid))
      invalidArgument(`extensions[${i}].oid`, 'dotted OID', e.oid);
    if (!(e.value instanceof Uint8Array))
      invalidArgument(`extensions[${i}].value`, 'Uint8Array', e.value);
    out.push(
      new x.Extension(e.oid, e.critical === true, e.value.slice() as Uint8Array<ArrayBuffer>),
    );
  }
  return out;
}

function privateKeyOf(key: TestKeyPair | CryptoKey, name: string): CryptoKey {
  const k = key instanceof CryptoKey ? key : (key as TestKeyPair | undefined)?.privateKey;
  if (!(k instanceof CryptoKey) || k.type !== 'private')
    invalidArgument(name, 'a TestKeyPair or private CryptoKey', key);
  return k;
}

/**
 * Issues one certificate: signed by `issuer` with `issuerKey`, or self-signed when there is
 * no issuer. Names, validity, CA flag, key usages, purposes, name constraints and extra
 * extensions come from the spec; SKI and AKI are always added.
 *
 * @param options - the certificate's content, its public key (or CSR) and the signer
 * @returns the new certificate
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for bad options
 * @throws {@link cachet!CertificateError} ERR_CERT_BAD_SIGNATURE for a CSR whose signature does not verify
 * @example
 * ```ts
 * import { generateTestKeyPair, issueCertificate } from 'cachet/x509';
 * const keys = await generateTestKeyPair();
 * const root = await issueCertificate({ subject: 'CN=Dev Root', ca: true, publicKey: keys.publicKey, issuerKey: keys });
 * console.log(root.isSelfIssued, root.isCA); // true true
 * ```
 */
export async function issueCertificate(options: IssueOptions): Promise<Certificate> {
  assertOptions(options);
  const x = await peculiar();
  checkDate(options.notBefore, 'notBefore');
  checkDate(options.notAfter, 'notAfter');
  const signingKey = privateKeyOf(options.issuerKey, 'issuerKey');
  let subjectKey: PX.PublicKeyType;
  let spec: CertificateSpec = options;
  let csrSubject: PX.Name | undefined;
  if (options.csr !== undefined) {
    if (typeof options.csr !== 'string') invalidArgument('csr', 'PEM string', options.csr);
    let csr: PX.Pkcs10CertificateRequest;
    try {
      csr = new x.Pkcs10CertificateRequest(options.csr);
    } catch (cause) {
      throw new CertificateError('ERR_CERT_MALFORMED', '"csr": not a PKCS #10 request', { cause });
    }
    if (!(await csr.verify())) {
      throw new CertificateError(
        'ERR_CERT_BAD_SIGNATURE',
        '"csr": the request is not signed by its key',
      );
    }
    subjectKey = csr.publicKey;
    csrSubject = csr.subjectName; // as encoded in the request
    const san = csr.getExtension(EXT.subjectAltName);
    const names = san ? readGeneralNames(new Reader(new Uint8Array(san.value), 'csr'), 'csr') : [];
    const pick = (form: number) =>
      names.filter((n) => n.form === form && n.valid).map((n) => n.text);
    spec = {
      dnsNames: pick(FORM.dns),
      ips: pick(FORM.ip),
      emails: pick(FORM.email),
      uris: pick(FORM.uri),
      ...options,
    };
  } else {
    if (!(options.publicKey instanceof CryptoKey) || options.publicKey.type !== 'public') {
      invalidArgument('publicKey', 'a public CryptoKey (or give csr)', options.publicKey);
    }
    subjectKey = options.publicKey;
  }
  const issuerData = options.issuer ? certData(options.issuer) : undefined;
  if (options.issuer !== undefined && !issuerData)
    invalidArgument('issuer', 'a Certificate', options.issuer);
  const now = Date.now();
  const subjectName =
    spec.subject !== undefined
      ? nameFromText(x, spec.subject)
      : (csrSubject ?? nameFromText(x, defaultSubject(spec)));
  const cert = await x.X509CertificateGenerator.create({
    serialNumber: serial(spec),
    subject: subjectName,
    issuer: issuerData
      ? new x.Name(issuerData.subject.der as Uint8Array<ArrayBuffer>)
      : subjectName,
    notBefore: spec.notBefore ?? new Date(now - 5 * 60_000),
    notAfter: spec.notAfter ?? new Date(now + 90 * 86_400_000),
    publicKey: subjectKey,
    signingKey,
    signingAlgorithm: TEST_ALGORITHMS[algorithmOf(signingKey)].sign,
    extensions: await extensions(
      x,
      spec,
      subjectKey,
      issuerData?.ext.subjectKeyId ? hexEncode(issuerData.ext.subjectKeyId) : undefined,
    ),
  });
  return parseCertificate(new Uint8Array(cert.rawData));
}

/**
 * Options of {@link createTestPki}.
 *
 * @example
 * ```ts
 * import { createTestPki, type TestPkiOptions } from 'cachet/x509';
 * const options: TestPkiOptions = {
 *   algorithm: 'ES384',
 *   intermediates: 2, // root → intermediate → intermediate → leaf
 *   leaf: { dnsNames: ['db.internal'], extendedKeyUsage: ['serverAuth'] },
 * };
 * const pki = await createTestPki(options);
 * console.log(pki.chain.length, pki.leaf.publicKey.curve); // 3 'P-384'
 * ```
 */
export interface TestPkiOptions {
  /** Key algorithm for every certificate (default `'ES256'`). */
  algorithm?: TestKeyAlgorithm;
  root?: CertificateSpec;
  /** How many intermediates (1 to 8, default 1), or one spec per intermediate, the root's child first. */
  intermediates?: number | readonly CertificateSpec[];
  /** Applied to every intermediate when `intermediates` is a number. */
  intermediate?: CertificateSpec;
  /** The end-entity certificate. Default: `localhost`, `127.0.0.1`, `::1`, serverAuth and clientAuth. */
  leaf?: CertificateSpec;
}

/**
 * A generated PKI.
 *
 * @example
 * ```ts
 * import { createTestPki, type TestPki } from 'cachet/x509';
 * const pki: TestPki = await createTestPki();
 * const certPem = pki.chain.map((c) => c.toPem()).join(''); // node:tls `cert`
 * const keyPem = pki.keys.leaf.privateKeyPem; // node:tls `key`
 * const caPem = pki.root.toPem(); // what clients trust
 * console.log(pki.leaf.issuer.text === pki.intermediate.subject.text); // true
 * ```
 */
export interface TestPki {
  root: Certificate;
  /** The leaf's issuer (the last intermediate). */
  intermediate: Certificate;
  /** All intermediates, the root's child first. */
  intermediates: Certificate[];
  leaf: Certificate;
  /** What a TLS peer sends: the leaf, then intermediates from the leaf's issuer up. */
  chain: Certificate[];
  keys: {
    root: TestKeyPair;
    intermediate: TestKeyPair;
    intermediates: TestKeyPair[];
    leaf: TestKeyPair;
  };
}

const DAY = 86_400_000;

/**
 * Creates a root, intermediates and a leaf for tests and development mTLS. Defaults: P-256
 * keys, a root valid 10 years, intermediates 5 years (the last with pathLenConstraint 0),
 * a leaf valid 90 days for `localhost`, `127.0.0.1` and `::1` with serverAuth and clientAuth.
 * Any part can be changed (names, dates, purposes, name constraints, extra extensions).
 *
 * @param options - see {@link TestPkiOptions}
 * @returns the certificates and their key pairs (CryptoKeys and PEM)
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for bad options
 * @example
 * ```ts
 * import { createTestPki, verifyChain } from 'cachet/x509';
 * const pki = await createTestPki({ leaf: { dnsNames: ['svc.internal'], extendedKeyUsage: ['serverAuth'] } });
 * await verifyChain({ leaf: pki.leaf, intermediates: pki.intermediates, roots: [pki.root], hostname: 'svc.internal' });
 * ```
 */
export async function createTestPki(options: TestPkiOptions = {}): Promise<TestPki> {
  assertOptions(options);
  const algorithm = options.algorithm ?? 'ES256';
  assertTestAlgorithm(algorithm, 'algorithm');
  const now = Date.now();
  let specs: CertificateSpec[];
  if (options.intermediates === undefined || typeof options.intermediates === 'number') {
    const n = options.intermediates ?? 1;
    assertInteger(n, 'intermediates', 1, 8);
    specs = Array.from({ length: n }, (_, i) => ({
      subject: `CN=cachet test intermediate ${i + 1}`,
      ca: { pathLength: n - 1 - i },
      ...options.intermediate,
    }));
  } else {
    if (
      !Array.isArray(options.intermediates) ||
      options.intermediates.length < 1 ||
      options.intermediates.length > 8
    ) {
      invalidArgument('intermediates', '1 to 8 specs', options.intermediates);
    }
    specs = options.intermediates.map((s, i) => ({
      subject: `CN=cachet test intermediate ${i + 1}`,
      ca: true,
      ...s,
    }));
  }
  const keys = await Promise.all(
    [algorithm, ...specs.map(() => algorithm), algorithm].map(generateTestKeyPair),
  );
  const rootKeys = keys[0]!;
  const leafKeys = keys[keys.length - 1]!;
  const root = await issueCertificate({
    subject: 'CN=cachet test root',
    ca: true,
    notBefore: new Date(now - 60 * 60_000),
    notAfter: new Date(now + 3650 * DAY),
    ...options.root,
    publicKey: rootKeys.publicKey,
    issuerKey: rootKeys,
  });
  const intermediates: Certificate[] = [];
  let issuer = root;
  let issuerKey = rootKeys;
  for (const [i, spec] of specs.entries()) {
    const own = keys[i + 1]!;
    issuer = await issueCertificate({
      notBefore: new Date(now - 60 * 60_000),
      notAfter: new Date(now + 1825 * DAY),
      ...spec,
      publicKey: own.publicKey,
      issuer,
      issuerKey,
    });
    issuerKey = own;
    intermediates.push(issuer);
  }
  const leafSpec: CertificateSpec = options.leaf ?? {};
  const hasNames = ['dnsNames', 'ips', 'emails', 'uris'].some((k) => k in leafSpec);
  const leaf = await issueCertificate({
    ...(hasNames ? {} : { dnsNames: ['localhost'], ips: ['127.0.0.1', '::1'] }),
    extendedKeyUsage: ['serverAuth', 'clientAuth'],
    ...leafSpec,
    publicKey: leafKeys.publicKey,
    issuer,
    issuerKey,
  });
  return {
    root,
    intermediate: issuer,
    intermediates,
    leaf,
    chain: [leaf, ...intermediates.slice().reverse()],
    keys: {
      root: rootKeys,
      intermediate: issuerKey,
      intermediates: keys.slice(1, -1),
      leaf: leafKeys,
    },
  };
}

/**
 * Options of {@link createCsr}.
 *
 * @example
 * ```ts
 * import { createCsr, type CsrOptions } from 'cachet/x509';
 * const request: CsrOptions = { subject: 'CN=worker-7', dnsNames: ['worker-7.internal'], algorithm: 'ES256' };
 * const { pem } = await createCsr(request);
 * console.log(pem.startsWith('-----BEGIN CERTIFICATE REQUEST-----')); // true
 * ```
 */
export interface CsrOptions {
  subject?: string;
  dnsNames?: readonly string[];
  ips?: readonly string[];
  emails?: readonly string[];
  uris?: readonly string[];
  /** The key pair to certify (default: a new one of `algorithm`). */
  keys?: TestKeyPair;
  algorithm?: TestKeyAlgorithm;
}

/**
 * Creates a PKCS #10 certificate signing request (RFC 2986) with the requested names in an
 * extensionRequest, signed by the key it certifies.
 *
 * @param options - subject, names, and the key pair (or the algorithm of a new one)
 * @returns the CSR as PEM and the key pair
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for bad options
 * @example
 * ```ts
 * import { createCsr, createTestPki, issueCertificate } from 'cachet/x509';
 * const pki = await createTestPki();
 * const { pem, keys } = await createCsr({ dnsNames: ['worker-7.internal'] });
 * const cert = await issueCertificate({ csr: pem, issuer: pki.intermediate, issuerKey: pki.keys.intermediate });
 * console.log(cert.subjectAltNames.dns, keys.algorithm); // ['worker-7.internal'] 'ES256'
 * ```
 */
export async function createCsr(
  options: CsrOptions = {},
): Promise<{ pem: string; keys: TestKeyPair }> {
  assertOptions(options);
  const keys = options.keys ?? (await generateTestKeyPair(options.algorithm ?? 'ES256'));
  const x = await peculiar();
  const san = sanList(options);
  const csr = await x.Pkcs10CertificateRequestGenerator.create({
    name: nameFromText(x, options.subject ?? defaultSubject(options)),
    keys: { privateKey: keys.privateKey, publicKey: keys.publicKey },
    signingAlgorithm: TEST_ALGORITHMS[keys.algorithm].sign,
    extensions: san.length ? [new x.SubjectAlternativeNameExtension(san, false)] : [],
  });
  return { pem: csr.toString('pem'), keys };
}

/**
 * Options of {@link createCrl}.
 *
 * @example
 * ```ts
 * import { createCrl, createTestPki, type CrlOptions } from 'cachet/x509';
 * const pki = await createTestPki();
 * const options: CrlOptions = {
 *   issuer: pki.intermediate,
 *   issuerKey: pki.keys.intermediate,
 *   revoked: [pki.leaf, '0badc0de'], // certificates or serial numbers in hex
 *   crlNumber: 7,
 * };
 * const crl = await createCrl(options);
 * console.log(crl.revoked.length, crl.crlNumber); // 2 '07'
 * ```
 */
export interface CrlOptions {
  /** The CA that issues the CRL. */
  issuer: Certificate;
  issuerKey: TestKeyPair | CryptoKey;
  /** Certificates (or serial numbers in hex) to list as revoked. */
  revoked?: readonly (Certificate | string)[];
  thisUpdate?: Date;
  /** Default: thisUpdate + 7 days. */
  nextUpdate?: Date;
  /** CRL number (default 1). */
  crlNumber?: number;
}

/**
 * Creates a CRL signed by a CA of a test PKI, with a CRL number and the CA's key
 * identifier, listing the given certificates as revoked.
 *
 * @param options - issuer, its key, what is revoked, validity
 * @returns the parsed CRL (`toPem()` for files)
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for bad options
 * @example
 * ```ts
 * import { createCrl, createTestPki, verifyChain } from 'cachet/x509';
 * const pki = await createTestPki();
 * const crl = await createCrl({ issuer: pki.intermediate, issuerKey: pki.keys.intermediate, revoked: [pki.leaf] });
 * await verifyChain({ leaf: pki.leaf, intermediates: [pki.intermediate], roots: [pki.root], hostname: 'localhost', crls: [crl] })
 *   .catch((e) => console.log(e.code)); // 'ERR_CERT_REVOKED'
 * ```
 */
export async function createCrl(options: CrlOptions): Promise<Crl> {
  assertOptions(options);
  const issuer = options.issuer ? certData(options.issuer) : undefined;
  if (!issuer) invalidArgument('issuer', 'a Certificate', options.issuer);
  const signingKey = privateKeyOf(options.issuerKey, 'issuerKey');
  checkDate(options.thisUpdate, 'thisUpdate');
  checkDate(options.nextUpdate, 'nextUpdate');
  const crlNumber = options.crlNumber ?? 1;
  assertInteger(crlNumber, 'crlNumber', 0, 2 ** 31 - 1);
  const x = await peculiar();
  const thisUpdate = options.thisUpdate ?? new Date(Date.now() - 60_000);
  // @peculiar/x509 writes a hex serial as a positive INTEGER, so '0abc' and 'abc' are one
  // number; listing it twice would make it throw a plain Error.
  const listed = new Set<bigint>();
  const entries = (options.revoked ?? []).map((r, i) => {
    let serialNumber: string;
    if (typeof r === 'string') {
      if (!/^[0-9a-f]+$/i.test(r))
        invalidArgument(`revoked[${i}]`, 'hex serial number or Certificate', r);
      serialNumber = r;
    } else {
      const d = certData(r);
      if (!d) invalidArgument(`revoked[${i}]`, 'hex serial number or Certificate', r);
      // A negative serial (RFC 5280 §4.1.2.2 forbids them) cannot be written as one here.
      if ((d.serial[0]! & 0x80) !== 0)
        invalidArgument(`revoked[${i}]`, 'a certificate with a positive serial number', r);
      serialNumber = hexEncode(d.serial);
    }
    const value = BigInt(`0x${serialNumber}`);
    if (listed.has(value)) {
      throw new InvalidInputError(
        'ERR_INVALID_ARGUMENT',
        `"revoked[${i}]": serial number ${serialNumber} is already listed`,
      );
    }
    listed.add(value);
    return { serialNumber, revocationDate: thisUpdate };
  });
  // DER INTEGER contents are minimal (X.690 §8.3.2); unsignedInteger trims the zeros.
  const numberDer = unsignedInteger(
    new Uint8Array([crlNumber >>> 24, crlNumber >> 16, crlNumber >> 8, crlNumber]),
  );
  const crl = await x.X509CrlGenerator.create({
    issuer: new x.Name(issuer.subject.der as Uint8Array<ArrayBuffer>),
    thisUpdate,
    nextUpdate: options.nextUpdate ?? new Date(thisUpdate.getTime() + 7 * DAY),
    signingKey,
    signingAlgorithm: TEST_ALGORITHMS[algorithmOf(signingKey)].sign,
    entries,
    extensions: [
      new x.Extension(EXT.crlNumber, false, numberDer as Uint8Array<ArrayBuffer>),
      ...(issuer.ext.subjectKeyId
        ? [new x.AuthorityKeyIdentifierExtension(hexEncode(issuer.ext.subjectKeyId), false)]
        : []),
    ],
  });
  return parseCrl(new Uint8Array(crl.rawData));
}
