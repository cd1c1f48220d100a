/**
 * The public, immutable view of a parsed certificate, and `parseCertificate` /
 * `parseCertificates`. Every field is decoded once at parse time; byte arrays handed out
 * are copies, so nothing a caller does can change what the validator sees.
 */
import { assertInteger, assertOptions, invalidArgument } from '../assert.js';
import { digest } from '../backend/hash.js';
import { base64Encode, hexEncode } from '../bytes.js';
import { CertificateError, InvalidInputError } from '../errors.js';
import { pemDecodeAll, pemEncode, pemTextOf } from '../pem.js';
import { FORM, type GName } from './general-name.js';
import type { DistinguishedName } from './name.js';
import { EKU_NAMES } from './oids.js';
import { type CertData, parseCertificateDer } from './parse.js';

/**
 * A key usage name (RFC 5280 §4.2.1.3).
 *
 * @example
 * ```ts
 * import { createTestPki, type KeyUsage } from 'cachet/x509';
 * const pki = await createTestPki();
 * const usages: readonly KeyUsage[] = pki.intermediate.keyUsage ?? [];
 * console.log(usages.includes('keyCertSign')); // true
 * ```
 */
export type KeyUsage =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign'
  | 'encipherOnly'
  | 'decipherOnly';

/** Key usage bits (RFC 5280 §4.2.1.3), in bit order. */
export const KEY_USAGES: readonly KeyUsage[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

/**
 * The subject public key.
 *
 * @example
 * ```ts
 * import { createTestPki, type PublicKeyInfo } from 'cachet/x509';
 * const pki = await createTestPki({ algorithm: 'RS256' });
 * const key: PublicKeyInfo = pki.leaf.publicKey;
 * console.log(key.algorithm, key.bits, key.pin.startsWith('sha256/')); // 'RSA' 2048 true
 * ```
 */
export interface PublicKeyInfo {
  /** `'EC'`, `'RSA'`, `'Ed25519'`, or the algorithm name / OID of a key cachet cannot use. */
  readonly algorithm: string;
  /** Named curve of an EC key. */
  readonly curve?: 'P-256' | 'P-384' | 'P-521';
  /** Modulus size of an RSA key. */
  readonly bits?: number;
  /** SPKI pin: `'sha256/'` + base64 of the SHA-256 of the SubjectPublicKeyInfo (RFC 7469 §2.4). */
  readonly pin: string;
  /** Why cachet cannot verify signatures with this key, if it cannot. */
  readonly unsupported?: string;
}

/**
 * Subject alternative names by type (RFC 5280 §4.2.1.6).
 *
 * @example
 * ```ts
 * import { createTestPki, type SubjectAltNames } from 'cachet/x509';
 * const pki = await createTestPki({ leaf: { dnsNames: ['a.example'], ips: ['2001:db8::1'], emails: ['ops@a.example'] } });
 * const names: SubjectAltNames = pki.leaf.subjectAltNames;
 * console.log(names.dns, names.ip, names.email); // [ 'a.example' ] [ '2001:db8::1' ] [ 'ops@a.example' ]
 * ```
 */
export interface SubjectAltNames {
  readonly dns: readonly string[];
  /** IP addresses as text (RFC 5952 for IPv6). */
  readonly ip: readonly string[];
  readonly email: readonly string[];
  readonly uri: readonly string[];
}

/**
 * One name constraint subtree.
 *
 * @example
 * ```ts
 * import { createTestPki, type NameConstraint } from 'cachet/x509';
 * const pki = await createTestPki({ root: { ca: true, nameConstraints: { permitted: { dns: ['internal'] } } } });
 * const permitted: readonly NameConstraint[] = pki.root.nameConstraints?.permitted ?? [];
 * console.log(permitted); // [ { type: 'dns', value: 'internal' } ]
 * ```
 */
export interface NameConstraint {
  readonly type:
    | 'dns'
    | 'ip'
    | 'email'
    | 'uri'
    | 'dn'
    | 'otherName'
    | 'x400'
    | 'ediParty'
    | 'registeredId';
  /** `example.com`, `192.0.2.0/255.255.255.0`, `.example.com`, `CN=foo`... */
  readonly value: string;
}

/**
 * One extension as encoded.
 *
 * @example
 * ```ts
 * import { type CertificateExtension, createTestPki } from 'cachet/x509';
 * const pki = await createTestPki();
 * const basic: CertificateExtension | undefined = pki.root.extensions.find((e) => e.oid === '2.5.29.19');
 * console.log(basic?.critical); // true (basicConstraints)
 * ```
 */
export interface CertificateExtension {
  readonly oid: string;
  readonly critical: boolean;
  /** The DER inside extnValue (a copy). */
  readonly value: Uint8Array;
}

const FORM_NAMES: readonly NameConstraint['type'][] = [
  'otherName',
  'email',
  'dns',
  'x400',
  'dn',
  'ediParty',
  'uri',
  'ip',
  'registeredId',
];

function freezeAll<T>(items: T[]): readonly T[] {
  return Object.freeze(items);
}

function sanView(names: readonly GName[] | undefined): SubjectAltNames {
  const pick = (form: number) =>
    freezeAll((names ?? []).filter((n) => n.form === form).map((n) => n.text));
  return Object.freeze({
    dns: pick(FORM.dns),
    ip: pick(FORM.ip),
    email: pick(FORM.email),
    uri: pick(FORM.uri),
  });
}

function keyView(d: CertData): PublicKeyInfo {
  const k = d.key;
  const pin = `sha256/${base64Encode(digest('SHA-256', d.spki))}`;
  switch (k.kind) {
    case 'ec':
      return Object.freeze({ algorithm: 'EC', curve: k.curve, pin });
    case 'rsa':
      return Object.freeze({ algorithm: 'RSA', bits: k.bits, pin });
    case 'ed25519':
      return Object.freeze({ algorithm: 'Ed25519', pin });
    default:
      return Object.freeze({ algorithm: k.algorithm, pin, unsupported: k.reason });
  }
}

/**
 * @internal The text of a serial number from the hex of its INTEGER contents, shared with
 * Crl.revoked: the leading 00 of a positive number with its top bit set is dropped; a
 * negative one (RFC 5280 §4.1.2.2: not allowed, but to be handled gracefully) is `-` and
 * its two's-complement contents, so it never reads like a positive serial.
 */
export function serialText(hex: string): string {
  if (Number.parseInt(hex[0]!, 16) >= 8) return `-${hex}`;
  return hex.startsWith('00') && hex.length > 2 ? hex.slice(2) : hex;
}

/** Internal accessor: the parsed record behind a Certificate (set in the class's static block). */
export let certData: (certificate: Certificate) => CertData;

/** Only this module's parsers construct certificates (a forged record could skip parsing). */
const CONSTRUCT = Symbol('cachet.x509.certificate');

/**
 * A parsed X.509 certificate: an immutable, typed view. Create one with
 * {@link parseCertificate}.
 *
 * @example
 * ```ts
 * import { createTestPki } from 'cachet/x509';
 * const { leaf } = await createTestPki({ leaf: { dnsNames: ['api.example.com'] } });
 * console.log(leaf.subject.text, leaf.subjectAltNames.dns, leaf.publicKey.pin);
 * ```
 */
export class Certificate {
  readonly #d: CertData;
  #key?: PublicKeyInfo;
  #fingerprint?: string;

  static {
    certData = (c) => c.#d;
  }

  /**
   * Not for direct use: call {@link parseCertificate}.
   * @internal
   * @param data - internal
   * @param token - internal
   * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT when called directly
   */
  constructor(data: CertData, token?: symbol) {
    if (token !== CONSTRUCT)
      invalidArgument('Certificate', 'parseCertificate(...) (not new)', data);
    this.#d = data;
    this.subject = data.subject.name;
    this.issuer = data.issuer.name;
    this.version = data.version;
    this.serialNumber = serialText(hexEncode(data.serial));
    this.signatureAlgorithm = data.sigAlg.name;
    const e = data.ext;
    this.subjectAltNames = sanView(e.subjectAltName);
    this.keyUsage =
      e.keyUsage === undefined
        ? undefined
        : freezeAll(KEY_USAGES.filter((_, bit) => (e.keyUsage! >> bit) & 1));
    this.extendedKeyUsage = e.extKeyUsage
      ? freezeAll(e.extKeyUsage.map((oid) => EKU_NAMES.get(oid) ?? oid))
      : undefined;
    this.basicConstraints = e.basicConstraints
      ? Object.freeze({ ...e.basicConstraints })
      : undefined;
    const nc = e.nameConstraints;
    const view = (list: { base: GName }[]) =>
      freezeAll(
        list.map((s) => Object.freeze({ type: FORM_NAMES[s.base.form]!, value: s.base.text })),
      );
    this.nameConstraints = nc
      ? Object.freeze({ permitted: view(nc.permitted), excluded: view(nc.excluded) })
      : undefined;
    this.authorityKeyIdentifier = e.authorityKeyId?.keyId
      ? hexEncode(e.authorityKeyId.keyId)
      : undefined;
    this.subjectKeyIdentifier = e.subjectKeyId ? hexEncode(e.subjectKeyId) : undefined;
    this.policies = e.policies ? freezeAll([...e.policies]) : undefined;
    this.crlDistributionPoints = e.crlDistributionPoints
      ? freezeAll([...e.crlDistributionPoints])
      : undefined;
    this.authorityInfoAccess = e.authorityInfoAccess
      ? Object.freeze({
          ocsp: freezeAll([...e.authorityInfoAccess.ocsp]),
          caIssuers: freezeAll([...e.authorityInfoAccess.caIssuers]),
        })
      : undefined;
    this.isSelfIssued = data.selfIssued;
    Object.freeze(this);
  }

  /** 1, 2 or 3. */
  readonly version: number;
  /** Serial number as lowercase hex (a `-` prefix marks a non-conforming negative one). */
  readonly serialNumber: string;
  readonly subject: DistinguishedName;
  readonly issuer: DistinguishedName;
  /** Signature algorithm: `'ES256'`, `'RS256'`, `'PS256'`, `'Ed25519'`..., or a name/OID cachet refuses. */
  readonly signatureAlgorithm: string;
  readonly subjectAltNames: SubjectAltNames;
  readonly keyUsage: readonly KeyUsage[] | undefined;
  /** Purposes: `'serverAuth'`, `'clientAuth'`, `'codeSigning'`, ..., or OIDs. */
  readonly extendedKeyUsage: readonly string[] | undefined;
  readonly basicConstraints: { readonly ca: boolean; readonly pathLength?: number } | undefined;
  readonly nameConstraints:
    | {
        readonly permitted: readonly NameConstraint[];
        readonly excluded: readonly NameConstraint[];
      }
    | undefined;
  /** Hex keyIdentifier of the authority key identifier extension. */
  readonly authorityKeyIdentifier: string | undefined;
  readonly subjectKeyIdentifier: string | undefined;
  /** Certificate policy OIDs. */
  readonly policies: readonly string[] | undefined;
  /** URIs of the CRL distribution points. */
  readonly crlDistributionPoints: readonly string[] | undefined;
  readonly authorityInfoAccess:
    | { readonly ocsp: readonly string[]; readonly caIssuers: readonly string[] }
    | undefined;
  /** Subject and issuer are the same name (a root, or a CA re-keying itself). */
  readonly isSelfIssued: boolean;

  /**
   * Start of the validity period.
   *
   * @example
   * ```ts
   * import { createTestPki } from 'cachet/x509';
   * const { leaf } = await createTestPki();
   * console.log(leaf.notBefore <= new Date()); // true
   * ```
   */
  get notBefore(): Date {
    return new Date(this.#d.notBefore * 1000);
  }
  /**
   * End of the validity period (inclusive).
   *
   * @example
   * ```ts
   * import { createTestPki } from 'cachet/x509';
   * const { leaf } = await createTestPki();
   * const daysLeft = Math.floor((leaf.notAfter.getTime() - Date.now()) / 86_400_000);
   * console.log(daysLeft); // about 90: test leaves are valid for 90 days
   * ```
   */
  get notAfter(): Date {
    return new Date(this.#d.notAfter * 1000);
  }
  /**
   * The subject public key: algorithm, curve or size, and its SPKI pin.
   *
   * @example
   * ```ts
   * import { createTestPki } from 'cachet/x509';
   * const { intermediate } = await createTestPki();
   * console.log(intermediate.publicKey); // { algorithm: 'EC', curve: 'P-256', pin: 'sha256/…' }
   * ```
   */
  get publicKey(): PublicKeyInfo {
    this.#key ??= keyView(this.#d);
    return this.#key;
  }
  /**
   * Whether basicConstraints has cA set.
   *
   * @example
   * ```ts
   * import { createTestPki } from 'cachet/x509';
   * const pki = await createTestPki();
   * console.log(pki.intermediate.isCA, pki.leaf.isCA); // true false
   * ```
   */
  get isCA(): boolean {
    return this.#d.ext.basicConstraints?.ca === true;
  }
  /**
   * Every extension as encoded, in order.
   *
   * @example
   * ```ts
   * import { createTestPki } from 'cachet/x509';
   * const { leaf } = await createTestPki();
   * console.log(leaf.extensions.map((e) => `${e.oid}${e.critical ? ' (critical)' : ''}`));
   * ```
   */
  get extensions(): readonly CertificateExtension[] {
    return freezeAll(
      this.#d.extensions.map((e) =>
        Object.freeze({ oid: e.oid, critical: e.critical, value: e.value.slice() }),
      ),
    );
  }
  /**
   * SHA-256 of the DER, lowercase hex.
   *
   * @example
   * ```ts
   * import { createTestPki } from 'cachet/x509';
   * const { leaf } = await createTestPki();
   * console.log(leaf.sha256Fingerprint.length); // 64, as `openssl x509 -fingerprint -sha256` shows it (with colons)
   * ```
   */
  get sha256Fingerprint(): string {
    this.#fingerprint ??= hexEncode(digest('SHA-256', this.#d.der));
    return this.#fingerprint;
  }
  /**
   * The DER encoding (a copy).
   *
   * @example
   * ```ts
   * import { createTestPki, parseCertificate } from 'cachet/x509';
   * const { leaf } = await createTestPki();
   * const der = leaf.toDer();
   * console.log(parseCertificate(der).sha256Fingerprint === leaf.sha256Fingerprint); // true
   * ```
   */
  toDer(): Uint8Array {
    return this.#d.der.slice();
  }
  /**
   * The PEM encoding (`-----BEGIN CERTIFICATE-----`).
   *
   * @example
   * ```ts
   * import { createTestPki } from 'cachet/x509';
   * const { root } = await createTestPki();
   * console.log(root.toPem().split('\n')[0]); // '-----BEGIN CERTIFICATE-----'
   * ```
   */
  toPem(): string {
    return pemEncode('CERTIFICATE', this.#d.der);
  }
  /**
   * A short description: subject, issuer and validity.
   *
   * @example
   * ```ts
   * import { createTestPki } from 'cachet/x509';
   * const { leaf } = await createTestPki();
   * console.log(String(leaf)); // 'Certificate(subject="CN=localhost", issuer="CN=cachet test intermediate 1", notAfter=…)'
   * ```
   */
  toString(): string {
    return `Certificate(subject="${this.subject.text}", issuer="${this.issuer.text}", notAfter=${this.notAfter.toISOString()})`;
  }
  /**
   * A JSON summary (no key material: certificates are public anyway).
   *
   * @example
   * ```ts
   * import { createTestPki } from 'cachet/x509';
   * const { leaf } = await createTestPki();
   * console.log(JSON.stringify(leaf, null, 2)); // subject, issuer, serial, validity, SANs, key, fingerprint
   * ```
   */
  toJSON(): Record<string, unknown> {
    return {
      subject: this.subject.text,
      issuer: this.issuer.text,
      serialNumber: this.serialNumber,
      notBefore: this.notBefore.toISOString(),
      notAfter: this.notAfter.toISOString(),
      subjectAltNames: this.subjectAltNames,
      publicKey: this.publicKey,
      signatureAlgorithm: this.signatureAlgorithm,
      sha256Fingerprint: this.sha256Fingerprint,
    };
  }
}

/**
 * Options for {@link parseCertificate} and {@link parseCertificates}.
 *
 * @example
 * ```ts
 * import { createTestPki, type ParseOptions, parseCertificate } from 'cachet/x509';
 * const { leaf } = await createTestPki();
 * const tight: ParseOptions = { maxBytes: 4096 }; // refuse anything larger before parsing
 * console.log(parseCertificate(leaf.toPem(), tight).subject.text); // 'CN=localhost'
 * ```
 */
export interface ParseOptions {
  /** Largest DER certificate accepted, in bytes (default 65536). */
  maxBytes?: number;
}

/** Default size limit of one certificate. */
export const DEFAULT_MAX_CERTIFICATE_BYTES: number = 65_536;

function derBlocks(input: string, name: string): Uint8Array[] {
  let blocks: ReturnType<typeof pemDecodeAll>;
  try {
    blocks = pemDecodeAll(input, name);
  } catch (cause) {
    if (cause instanceof InvalidInputError && cause.code === 'ERR_INVALID_FORMAT') {
      throw new CertificateError('ERR_CERT_MALFORMED', cause.message, { cause });
    }
    throw cause;
  }
  return blocks.filter((b) => b.label === 'CERTIFICATE').map((b) => b.der);
}

function checkSize(der: Uint8Array, maxBytes: number, name: string): void {
  if (der.length > maxBytes) {
    throw new InvalidInputError(
      'ERR_LIMIT_EXCEEDED',
      `"${name}": certificate of ${der.length} bytes exceeds maxBytes (${maxBytes})`,
    );
  }
}

/** Parses one input: a Certificate (returned as is), PEM text, or DER (or PEM) bytes. */
export function toCertificate(input: unknown, name: string, maxBytes: number): Certificate {
  if (input instanceof Certificate) {
    checkSize(certData(input).der, maxBytes, name);
    return input;
  }
  let der: Uint8Array;
  if (typeof input === 'string') {
    const blocks = derBlocks(input, name);
    if (blocks.length !== 1) {
      throw new CertificateError(
        'ERR_CERT_MALFORMED',
        `"${name}": expected one CERTIFICATE PEM block, found ${blocks.length} (use parseCertificates for bundles)`,
      );
    }
    der = blocks[0]!;
  } else if (input instanceof Uint8Array) {
    const pem = pemTextOf(input);
    if (pem !== undefined) return toCertificate(pem, name, maxBytes);
    der = input.slice();
  } else {
    return invalidArgument(name, 'PEM string, DER Uint8Array or Certificate', input);
  }
  checkSize(der, maxBytes, name);
  return new Certificate(parseCertificateDer(der), CONSTRUCT);
}

/** @internal `options.maxBytes` checked, or `fallback`; shared with parseCrl. */
export function maxBytesOf(
  options: ParseOptions | undefined,
  fallback: number = DEFAULT_MAX_CERTIFICATE_BYTES,
): number {
  if (options === undefined) return fallback;
  assertOptions(options);
  if (options.maxBytes === undefined) return fallback;
  assertInteger(options.maxBytes, 'options.maxBytes', 1);
  return options.maxBytes;
}

/**
 * Parses one certificate from PEM (exactly one `CERTIFICATE` block) or DER.
 *
 * @param input - PEM text, DER bytes (PEM bytes are recognised too), or a Certificate
 * @param options - `maxBytes`: the largest certificate accepted (default 64 KiB)
 * @returns the immutable certificate view
 * @throws {@link cachet!CertificateError} ERR_CERT_MALFORMED for anything that is not one well-formed certificate
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for a wrong type, ERR_LIMIT_EXCEEDED when too large
 * @example
 * ```ts
 * import { createTestPki, parseCertificate } from 'cachet/x509';
 * const { leaf } = await createTestPki();
 * const cert = parseCertificate(leaf.toPem());
 * console.log(cert.subject.text, cert.notAfter.toISOString(), cert.subjectAltNames.dns);
 * ```
 */
export function parseCertificate(
  input: string | Uint8Array | Certificate,
  options?: ParseOptions,
): Certificate {
  return toCertificate(input, 'input', maxBytesOf(options));
}

/**
 * Parses every `CERTIFICATE` block of a PEM bundle (other blocks are skipped), or a list
 * of PEM strings / DER arrays.
 *
 * @param input - PEM text with one or more certificates, or an array of inputs
 * @param options - `maxBytes` per certificate (default 64 KiB)
 * @returns the certificates, in order
 * @throws {@link cachet!CertificateError} ERR_CERT_MALFORMED when a block is malformed or none is found
 * @example
 * ```ts
 * import { createTestPki, parseCertificates } from 'cachet/x509';
 * const pki = await createTestPki();
 * const bundle = pki.leaf.toPem() + pki.intermediate.toPem();
 * console.log(parseCertificates(bundle).length); // 2
 * ```
 */
export function parseCertificates(
  input: string | ReadonlyArray<string | Uint8Array | Certificate>,
  options?: ParseOptions,
): Certificate[] {
  const maxBytes = maxBytesOf(options);
  if (Array.isArray(input)) {
    return input.flatMap((item, i) =>
      typeof item === 'string'
        ? parseCertificates(item, options)
        : [toCertificate(item, `input[${i}]`, maxBytes)],
    );
  }
  if (typeof input !== 'string') invalidArgument('input', 'PEM string or array', input);
  const blocks = derBlocks(input as string, 'input');
  if (blocks.length === 0) {
    throw new CertificateError('ERR_CERT_MALFORMED', '"input": no CERTIFICATE PEM block found');
  }
  return blocks.map((der) => {
    checkSize(der, maxBytes, 'input');
    return new Certificate(parseCertificateDer(der), CONSTRUCT);
  });
}
