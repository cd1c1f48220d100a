// Chains for the differential tests: made with createTestPki / issueCertificate, each with
// the verdict RFC 5280 and the web PKI rules give (written here by hand, not computed by
// cachet), so that cachet, openssl and pyca/cryptography can each be checked against it.
import {
  type Certificate,
  type CertificateSpec,
  createTestPki,
  generateTestKeyPair,
  issueCertificate,
  type TestKeyAlgorithm,
} from '../../src/x509/index.js';

export interface Scenario {
  id: string;
  expect: 'accept' | 'reject';
  roots: Certificate[];
  intermediates: Certificate[];
  leaf: Certificate | Uint8Array;
  /** Validation time, epoch seconds. */
  at: number;
  kind: 'server' | 'client';
  dns?: string;
  ip?: string;
}

const DAY = 86_400;
const NOW = Math.floor(Date.now() / 1000);

function flipLastByte(der: Uint8Array): Uint8Array {
  const out = der.slice();
  out[out.length - 1]! ^= 0x01;
  return out;
}

async function chain(
  id: string,
  expect: Scenario['expect'],
  opts: {
    algorithm?: TestKeyAlgorithm;
    leaf?: CertificateSpec;
    intermediate?: CertificateSpec;
    intermediates?: number;
    root?: CertificateSpec;
  },
  check: Partial<Omit<Scenario, 'id' | 'expect' | 'roots' | 'intermediates' | 'leaf'>> = {},
): Promise<Scenario> {
  const pki = await createTestPki({
    ...(opts.algorithm ? { algorithm: opts.algorithm } : {}),
    ...(opts.root ? { root: opts.root } : {}),
    ...(opts.intermediate ? { intermediate: opts.intermediate } : {}),
    ...(opts.intermediates ? { intermediates: opts.intermediates } : {}),
    leaf: { dnsNames: ['api.example.com'], extendedKeyUsage: ['serverAuth'], ...opts.leaf },
  });
  const { dns, ...rest } = check;
  return {
    id,
    expect,
    roots: [pki.root],
    intermediates: pki.intermediates,
    leaf: pki.leaf,
    at: NOW,
    kind: 'server',
    // One peer name: the DNS name, unless the scenario checks an IP address.
    ...(rest.ip ? {} : { dns: dns ?? 'api.example.com' }),
    ...rest,
  };
}

export async function scenarios(): Promise<Scenario[]> {
  const list: Promise<Scenario>[] = [
    chain('valid ES256', 'accept', {}),
    chain('valid ES384', 'accept', { algorithm: 'ES384' }),
    chain('valid ES512 (P-521)', 'accept', { algorithm: 'ES512' }),
    chain('valid RS256', 'accept', { algorithm: 'RS256' }),
    chain('valid PS256 (RSA-PSS)', 'accept', { algorithm: 'PS256' }),
    chain('valid two intermediates', 'accept', { intermediates: 2 }),
    chain('expired root', 'reject', {
      root: { notAfter: new Date((NOW - DAY) * 1000), notBefore: new Date((NOW - 9 * DAY) * 1000) },
    }),
    chain('expired leaf', 'reject', { leaf: { notAfter: new Date((NOW - DAY) * 1000) } }),
    chain('leaf not yet valid', 'reject', { leaf: { notBefore: new Date((NOW + DAY) * 1000) } }),
    chain('validated after the intermediate expired', 'reject', {}, { at: NOW + 2000 * DAY }),
    chain('validated before the chain existed', 'reject', {}, { at: NOW - 30 * DAY }),
    chain('wrong EKU (clientAuth leaf, server check)', 'reject', {
      leaf: { extendedKeyUsage: ['clientAuth'] },
    }),
    chain(
      'clientAuth leaf, client check',
      'accept',
      { leaf: { extendedKeyUsage: ['clientAuth'] } },
      {
        kind: 'client',
      },
    ),
    chain('serverAuth-only leaf, client check', 'reject', {}, { kind: 'client' }),
    chain('intermediate EKU excludes serverAuth', 'reject', {
      intermediate: { extendedKeyUsage: ['clientAuth'] },
    }),
    chain('wrong host name', 'reject', {}, { dns: 'www.example.com' }),
    chain('host name differs only in case', 'accept', {}, { dns: 'API.Example.COM' }),
    chain(
      'wildcard matches one label',
      'accept',
      { leaf: { dnsNames: ['*.example.com'] } },
      {
        dns: 'a.example.com',
      },
    ),
    chain(
      'wildcard does not match two labels',
      'reject',
      { leaf: { dnsNames: ['*.example.com'] } },
      {
        dns: 'a.b.example.com',
      },
    ),
    chain(
      'wildcard does not match the apex',
      'reject',
      { leaf: { dnsNames: ['*.example.com'] } },
      {
        dns: 'example.com',
      },
    ),
    chain(
      'IP SAN match',
      'accept',
      { leaf: { dnsNames: [], ips: ['192.0.2.7'] } },
      { ip: '192.0.2.7' },
    ),
    chain(
      'IP SAN mismatch',
      'reject',
      { leaf: { dnsNames: [], ips: ['192.0.2.7'] } },
      { ip: '192.0.2.8' },
    ),
    chain(
      'IPv6 SAN mismatch',
      'reject',
      { leaf: { dnsNames: [], ips: ['2001:db8::1'] } },
      { ip: '2001:db8::2' },
    ),
    chain(
      'IPv6 SAN match',
      'accept',
      { leaf: { dnsNames: [], ips: ['2001:db8::1'] } },
      { ip: '2001:db8::1' },
    ),
    chain('name constraint permits the SAN', 'accept', {
      intermediate: { nameConstraints: { permitted: { dns: ['example.com'] } } },
    }),
    chain('name constraint does not permit the SAN', 'reject', {
      intermediate: { nameConstraints: { permitted: { dns: ['example.org'] } } },
    }),
    chain('name constraint excludes the SAN', 'reject', {
      intermediate: { nameConstraints: { excluded: { dns: ['api.example.com'] } } },
    }),
    chain('root name constraint excludes the SAN', 'reject', {
      root: { nameConstraints: { excluded: { dns: ['example.com'] } } },
    }),
    chain(
      'IP name constraint permits',
      'accept',
      {
        intermediate: { nameConstraints: { permitted: { ips: ['192.0.2.0/24'] } } },
        leaf: { dnsNames: [], ips: ['192.0.2.7'] },
      },
      { ip: '192.0.2.7' },
    ),
    chain(
      'IP name constraint excludes',
      'reject',
      {
        intermediate: { nameConstraints: { excluded: { ips: ['192.0.2.0/24'] } } },
        leaf: { dnsNames: [], ips: ['192.0.2.7'] },
      },
      { ip: '192.0.2.7' },
    ),
    chain('pathLen 0 followed by another CA', 'reject', {
      intermediates: 2,
      intermediate: { ca: { pathLength: 0 } },
    }),
    chain('pathLen 1 followed by one CA', 'accept', {
      intermediates: 2,
      intermediate: { ca: { pathLength: 1 } },
    }),
    chain('intermediate without keyCertSign', 'reject', {
      intermediate: { keyUsage: ['digitalSignature'] },
    }),
    chain('unknown critical extension in the leaf', 'reject', {
      leaf: {
        extensions: [
          { oid: '1.3.6.1.4.1.55738.666.1', critical: true, value: new Uint8Array([5, 0]) },
        ],
      },
    }),
    chain('unknown non-critical extension in the leaf', 'accept', {
      leaf: {
        extensions: [
          { oid: '1.3.6.1.4.1.55738.666.1', critical: false, value: new Uint8Array([5, 0]) },
        ],
      },
    }),
    chain('unknown critical extension in the intermediate', 'reject', {
      intermediate: {
        extensions: [
          { oid: '1.3.6.1.4.1.55738.666.1', critical: true, value: new Uint8Array([5, 0]) },
        ],
      },
    }),
    chain('leaf that is a CA', 'reject', { leaf: { ca: true } }),
  ];
  const base = await Promise.all(list);

  // Tampered signature, untrusted root, missing intermediate.
  const good = base[0]!;
  const leafDer = (good.leaf as Certificate).toDer();
  base.push({ ...good, id: 'bad leaf signature', expect: 'reject', leaf: flipLastByte(leafDer) });
  const other = await createTestPki();
  base.push({ ...good, id: 'root not trusted', expect: 'reject', roots: [other.root] });
  base.push({ ...good, id: 'missing intermediate', expect: 'reject', intermediates: [] });
  base.push({
    ...good,
    id: 'extra unrelated intermediates',
    expect: 'accept',
    intermediates: [...other.intermediates, ...good.intermediates],
  });

  // A leaf issued directly by a self-signed root.
  const rootKeys = await generateTestKeyPair();
  const root = await issueCertificate({
    subject: 'CN=Direct Root',
    ca: true,
    publicKey: rootKeys.publicKey,
    issuerKey: rootKeys,
  });
  const leafKeys = await generateTestKeyPair();
  const leaf = await issueCertificate({
    dnsNames: ['direct.example.com'],
    extendedKeyUsage: ['serverAuth'],
    publicKey: leafKeys.publicKey,
    issuer: root,
    issuerKey: rootKeys,
  });
  base.push({
    id: 'leaf issued by the root',
    expect: 'accept',
    roots: [root],
    intermediates: [],
    leaf,
    at: NOW,
    kind: 'server',
    dns: 'direct.example.com',
  });
  return base;
}
