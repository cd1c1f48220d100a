// verifyChain behaviour on generated PKIs, on every backend (and in Chromium): each failure
// has its error code, path building copes with unordered, cross-signed and hostile pools,
// and every option is checked at the boundary. Expected outcomes are set by construction
// (what the test issued), never read back from the code under test.
import { beforeAll, describe, expect, it } from 'vitest';
import { CachetError } from '../../src/errors.js';
import {
  Certificate,
  Crl,
  createCrl,
  createTestPki,
  generateTestKeyPair,
  issueCertificate,
  parseCertificate,
  parseCertificates,
  parseCrl,
  type TestKeyPair,
  type TestPki,
  type VerifyChainOptions,
  verifyChain,
} from '../../src/x509/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';

const DAY = 86_400_000;

async function code(options: VerifyChainOptions): Promise<string> {
  try {
    await verifyChain(options);
    return 'OK';
  } catch (e) {
    if (!(e instanceof CachetError)) throw e;
    return e.code;
  }
}

let pki: TestPki;
let other: TestPki;
let base: VerifyChainOptions;

beforeAll(async () => {
  pki = await createTestPki({
    leaf: {
      dnsNames: ['api.example.com', '*.svc.example.com', 'xn--bcher-kva.example'],
      ips: ['10.0.0.1', '2001:db8::7'],
    },
  });
  other = await createTestPki();
  base = {
    leaf: pki.leaf,
    intermediates: [pki.intermediate],
    roots: [pki.root],
    hostname: 'api.example.com',
  };
});

describeEachBackend('verifyChain', () => {
  it('returns the path, leaf first, as the given Certificate objects', async () => {
    const { chain } = await verifyChain(base);
    expect(chain).toHaveLength(3);
    expect(chain[0]).toBe(pki.leaf);
    expect(chain[1]).toBe(pki.intermediate);
    expect(chain[2]).toBe(pki.root);
  });

  it('accepts PEM strings, DER bytes and PEM bundles', async () => {
    const { chain } = await verifyChain({
      leaf: pki.leaf.toPem(),
      intermediates: other.intermediate.toPem() + pki.intermediate.toPem(),
      roots: [other.root.toDer(), pki.root.toDer()],
      hostname: 'api.example.com',
    });
    expect(chain.map((c) => c.sha256Fingerprint)).toEqual(
      [pki.leaf, pki.intermediate, pki.root].map((c) => c.sha256Fingerprint),
    );
  });

  it('builds through unordered pools with unrelated certificates', async () => {
    const deep = await createTestPki({ intermediates: 3, leaf: { dnsNames: ['deep.example'] } });
    const { chain } = await verifyChain({
      leaf: deep.leaf,
      intermediates: [...deep.intermediates].reverse().concat(other.intermediates, [other.root]),
      roots: [other.root, deep.root],
      hostname: 'deep.example',
    });
    expect(chain.map((c) => c.subject.text)).toEqual([
      'CN=deep.example',
      'CN=cachet test intermediate 3',
      'CN=cachet test intermediate 2',
      'CN=cachet test intermediate 1',
      'CN=cachet test root',
    ]);
  });

  it('follows a cross-signed intermediate to the root that is trusted', async () => {
    const [rootA, rootB, caKeys, leafKeys] = await Promise.all([
      generateTestKeyPair(),
      generateTestKeyPair(),
      generateTestKeyPair(),
      generateTestKeyPair(),
    ]);
    const selfSigned = (name: string, k: TestKeyPair) =>
      issueCertificate({ subject: name, ca: true, publicKey: k.publicKey, issuerKey: k });
    const a = await selfSigned('CN=Root A', rootA);
    const b = await selfSigned('CN=Root B', rootB);
    const ca = { subject: 'CN=Issuing CA', ca: true, publicKey: caKeys.publicKey } as const;
    const underA = await issueCertificate({ ...ca, issuer: a, issuerKey: rootA });
    const underB = await issueCertificate({ ...ca, issuer: b, issuerKey: rootB });
    const leaf = await issueCertificate({
      dnsNames: ['x.example'],
      publicKey: leafKeys.publicKey,
      issuer: underA,
      issuerKey: caKeys,
    });
    const viaB = await verifyChain({
      leaf,
      intermediates: [underA, underB],
      roots: [b],
      hostname: 'x.example',
    });
    expect(viaB.chain[1]).toBe(underB);
    const viaA = await verifyChain({
      leaf,
      intermediates: [underB, underA],
      roots: [a],
      hostname: 'x.example',
    });
    expect(viaA.chain[1]).toBe(underA);
    expect(await code({ leaf, intermediates: [underA, underB], roots: [other.root] })).toBe(
      'ERR_CERT_UNKNOWN_ISSUER',
    );
  });

  it('matches host names per RFC 6125: case, trailing dot, wildcards, IDNA, IP literals', async () => {
    const ok = [
      'API.EXAMPLE.COM',
      'api.example.com.',
      'a.svc.example.com',
      'bücher.example',
      'xn--bcher-kva.example',
      '10.0.0.1',
      '[2001:db8::7]',
      '2001:0db8:0:0:0:0:0:7',
    ];
    for (const hostname of ok) expect(await code({ ...base, hostname }), hostname).toBe('OK');
    const bad = [
      'example.com',
      'svc.example.com',
      'a.b.svc.example.com',
      'api.example.co',
      '10.0.0.2',
      'api_example.com',
      '*.svc.example.com',
    ];
    for (const hostname of bad)
      expect(await code({ ...base, hostname }), hostname).toBe('ERR_CERT_NAME_MISMATCH');
    expect(await code({ ...base, hostname: undefined as never, ip: '2001:db8::7' })).toBe('OK');
    expect(await code({ ...base, ip: '10.0.0.9' })).toBe('ERR_CERT_NAME_MISMATCH');
  });

  it('checks validity at `at`, inclusive, at one-second granularity', async () => {
    const notAfter = pki.leaf.notAfter.getTime();
    expect(await code({ ...base, at: notAfter })).toBe('OK');
    expect(await code({ ...base, at: notAfter + 999 })).toBe('OK');
    expect(await code({ ...base, at: notAfter + 1000 })).toBe('ERR_CERT_EXPIRED');
    expect(await code({ ...base, at: new Date(pki.leaf.notBefore.getTime() - 1) })).toBe(
      'ERR_CERT_NOT_YET_VALID',
    );
    const shortCa = await createTestPki({ intermediate: { notAfter: new Date(Date.now() + DAY) } });
    expect(
      await code({
        leaf: shortCa.leaf,
        intermediates: [shortCa.intermediate],
        roots: [shortCa.root],
        at: Date.now() + 2 * DAY,
      }),
    ).toBe('ERR_CERT_EXPIRED');
  });

  it('checks the purpose (EKU) of the leaf and of the CAs', async () => {
    expect(await code({ ...base, purpose: 'clientAuth' })).toBe('OK');
    expect(await code({ ...base, purpose: 'codeSigning' })).toBe('ERR_CERT_EKU');
    expect(await code({ ...base, purpose: 'any' })).toBe('OK');
    const custom = await createTestPki({ leaf: { extendedKeyUsage: ['1.3.6.1.4.1.99999.1'] } });
    const o = { leaf: custom.leaf, intermediates: [custom.intermediate], roots: [custom.root] };
    expect(await code({ ...o, purpose: '1.3.6.1.4.1.99999.1' })).toBe('OK');
    expect(await code(o)).toBe('ERR_CERT_EKU');
    const caEku = await createTestPki({ intermediate: { extendedKeyUsage: ['clientAuth'] } });
    const c = { leaf: caEku.leaf, intermediates: [caEku.intermediate], roots: [caEku.root] };
    expect(await code({ ...c, purpose: 'clientAuth' })).toBe('OK');
    expect(await code({ ...c, purpose: 'serverAuth' })).toBe('ERR_CERT_EKU');
  });

  it('checks key usage: keyCertSign on CAs, requested usages on the leaf', async () => {
    expect(await code({ ...base, keyUsage: ['digitalSignature'] })).toBe('OK');
    expect(await code({ ...base, keyUsage: ['keyEncipherment'] })).toBe('ERR_CERT_KEY_USAGE');
    const noSign = await createTestPki({
      intermediate: { ca: true, keyUsage: ['digitalSignature', 'cRLSign'] },
    });
    expect(
      await code({ leaf: noSign.leaf, intermediates: [noSign.intermediate], roots: [noSign.root] }),
    ).toBe('ERR_CERT_KEY_USAGE');
  });

  it('refuses an issuer that is not a CA', async () => {
    const k = await generateTestKeyPair();
    const notCa = await issueCertificate({
      dnsNames: ['not-a-ca.example'],
      publicKey: k.publicKey,
      issuer: pki.intermediate,
      issuerKey: pki.keys.intermediate,
      keyUsage: ['digitalSignature'],
    });
    const leafKeys = await generateTestKeyPair();
    const leaf = await issueCertificate({
      dnsNames: ['x.example'],
      publicKey: leafKeys.publicKey,
      issuer: notCa,
      issuerKey: k,
    });
    expect(await code({ leaf, intermediates: [notCa, pki.intermediate], roots: [pki.root] })).toBe(
      'ERR_CERT_NOT_A_CA',
    );
  });

  it('enforces pathLenConstraint and maxDepth', async () => {
    expect(await code({ ...base, maxDepth: 0 })).toBe('ERR_CERT_PATH_TOO_LONG');
    const two = await createTestPki({ intermediates: 2, intermediate: { ca: { pathLength: 0 } } });
    expect(
      await code({ leaf: two.leaf, intermediates: two.intermediates, roots: [two.root] }),
    ).toBe('ERR_CERT_PATH_TOO_LONG');
    const ok = await createTestPki({ intermediates: 2 });
    const o = { leaf: ok.leaf, intermediates: ok.intermediates, roots: [ok.root] };
    expect(await code(o)).toBe('OK');
    expect(await code({ ...o, maxDepth: 1 })).toBe('ERR_CERT_PATH_TOO_LONG');
  });

  it('detects a bad signature anywhere in the path', async () => {
    const der = pki.leaf.toDer();
    der[der.length - 3]! ^= 0x40;
    expect(await code({ ...base, leaf: der })).toBe('ERR_CERT_BAD_SIGNATURE');
    const ider = pki.intermediate.toDer();
    ider[ider.length - 3]! ^= 0x40;
    expect(await code({ ...base, intermediates: [ider] })).toBe('ERR_CERT_BAD_SIGNATURE');
  });

  it('reports an unknown issuer and an untrusted root', async () => {
    expect(await code({ ...base, intermediates: [] })).toBe('ERR_CERT_UNKNOWN_ISSUER');
    expect(await code({ ...base, roots: [other.root] })).toBe('ERR_CERT_UNKNOWN_ISSUER');
  });

  it('applies name constraints of every CA, permitted and excluded', async () => {
    const nc = await createTestPki({
      root: {
        ca: true,
        nameConstraints: { permitted: { dns: ['example.com'], ips: ['10.0.0.0/8'] } },
      },
      intermediate: { ca: true, nameConstraints: { excluded: { dns: ['secret.example.com'] } } },
      leaf: { dnsNames: ['a.example.com', 'b.secret.example.com'] },
    });
    const o = {
      leaf: nc.leaf,
      intermediates: [nc.intermediate],
      roots: [nc.root],
      hostname: 'a.example.com',
    };
    expect(await code(o)).toBe('ERR_CERT_NAME_CONSTRAINTS');
    const fine = await createTestPki({
      root: {
        ca: true,
        nameConstraints: { permitted: { dns: ['example.com'], ips: ['10.0.0.0/8'] } },
      },
      leaf: { dnsNames: ['a.example.com'], ips: ['10.1.2.3'] },
    });
    expect(
      await code({ leaf: fine.leaf, intermediates: [fine.intermediate], roots: [fine.root] }),
    ).toBe('OK');
    const outside = await createTestPki({
      root: { ca: true, nameConstraints: { permitted: { ips: ['10.0.0.0/8'] } } },
      leaf: { dnsNames: ['a.example.com'], ips: ['192.168.1.1'] },
    });
    expect(
      await code({
        leaf: outside.leaf,
        intermediates: [outside.intermediate],
        roots: [outside.root],
      }),
    ).toBe('ERR_CERT_NAME_CONSTRAINTS');
  });

  it('applies e-mail and URI name constraints (RFC 5280 §4.2.1.10 forms)', async () => {
    const run = async (constraint: object, leaf: object) => {
      const p = await createTestPki({
        intermediate: { ca: true, nameConstraints: constraint },
        leaf: { dnsNames: [], ...leaf },
      });
      return code({
        leaf: p.leaf,
        intermediates: [p.intermediate],
        roots: [p.root],
        purpose: 'clientAuth',
      });
    };
    const emails = { permitted: { emails: ['example.com', '.corp.example'] } };
    expect(await run(emails, { emails: ['Ann@EXAMPLE.com'] })).toBe('OK');
    expect(await run(emails, { emails: ['ann@dev.corp.example'] })).toBe('OK');
    expect(await run(emails, { emails: ['ann@sub.example.com'] })).toBe(
      'ERR_CERT_NAME_CONSTRAINTS',
    );
    expect(await run(emails, { emails: ['ann@corp.example'] })).toBe('ERR_CERT_NAME_CONSTRAINTS');
    const mailbox = { permitted: { emails: ['ann@example.com'] } };
    expect(await run(mailbox, { emails: ['ann@example.com'] })).toBe('OK');
    expect(await run(mailbox, { emails: ['Ann@example.com'] })).toBe('ERR_CERT_NAME_CONSTRAINTS');
    const uris = { permitted: { uris: ['.example.com'] }, excluded: { uris: ['bad.example.com'] } };
    expect(await run(uris, { uris: ['https://svc.example.com:8443/path'] })).toBe('OK');
    expect(await run(uris, { uris: ['spiffe://a.example.com/ns/web'] })).toBe('OK');
    expect(await run(uris, { uris: ['https://bad.example.com/'] })).toBe(
      'ERR_CERT_NAME_CONSTRAINTS',
    );
    expect(await run(uris, { uris: ['https://example.com/'] })).toBe('ERR_CERT_NAME_CONSTRAINTS');
    expect(await run(uris, { uris: ['urn:uuid:1234'] })).toBe('ERR_CERT_NAME_CONSTRAINTS');
    // Constraints on one form leave the others alone.
    expect(await run(uris, { emails: ['ann@elsewhere.test'] })).toBe('OK');
  });

  it('refuses unknown critical extensions only in certificates of the path', async () => {
    const ext = [{ oid: '1.3.6.1.4.1.55738.666.1', critical: true, value: new Uint8Array([5, 0]) }];
    const bad = await createTestPki({ leaf: { extensions: ext } });
    expect(
      await code({ leaf: bad.leaf, intermediates: [bad.intermediate], roots: [bad.root] }),
    ).toBe('ERR_CERT_UNHANDLED_CRITICAL_EXTENSION');
    const unrelated = await createTestPki({ root: { ca: true, extensions: ext } });
    expect(await code({ ...base, roots: [unrelated.root, pki.root] })).toBe('OK');
  });

  it('checks CRLs: revoked, other serials, other issuers, stale, forged', async () => {
    const revoked = await createCrl({
      issuer: pki.intermediate,
      issuerKey: pki.keys.intermediate,
      revoked: [pki.leaf],
    });
    expect(await code({ ...base, crls: [revoked] })).toBe('ERR_CERT_REVOKED');
    expect(await code({ ...base, crls: [revoked.toPem()] })).toBe('ERR_CERT_REVOKED');
    const clean = await createCrl({
      issuer: pki.intermediate,
      issuerKey: pki.keys.intermediate,
      revoked: ['0badc0de'],
    });
    expect(await code({ ...base, crls: [clean] })).toBe('OK');
    const elsewhere = await createCrl({
      issuer: other.intermediate,
      issuerKey: other.keys.intermediate,
      revoked: [pki.leaf],
    });
    expect(await code({ ...base, crls: [elsewhere] })).toBe('OK');
    const stale = await createCrl({
      issuer: pki.intermediate,
      issuerKey: pki.keys.intermediate,
      thisUpdate: new Date(Date.now() - 10 * DAY),
      nextUpdate: new Date(Date.now() - DAY),
    });
    expect(await code({ ...base, crls: [stale] })).toBe('ERR_CERT_EXPIRED');
    const intermediateRevoked = await createCrl({
      issuer: pki.root,
      issuerKey: pki.keys.root,
      revoked: [pki.intermediate],
    });
    expect(await code({ ...base, crls: [clean, intermediateRevoked] })).toBe('ERR_CERT_REVOKED');
    // Same issuer name and key id, signed by another key: a forgery.
    const forged = await createCrl({
      issuer: pki.intermediate,
      issuerKey: other.keys.intermediate,
    });
    expect(await code({ ...base, crls: [forged] })).toBe('ERR_CERT_BAD_SIGNATURE');
  });

  it('checks SPKI pins against every certificate of the path', async () => {
    for (const c of [pki.leaf, pki.intermediate, pki.root]) {
      expect(await code({ ...base, pins: [other.root.publicKey.pin, c.publicKey.pin] })).toBe('OK');
    }
    expect(await code({ ...base, pins: [other.root.publicKey.pin] })).toBe('ERR_CERT_PIN_MISMATCH');
  });

  it("applies CA/B Forum rules in the 'web' profile only", async () => {
    const caLeaf = await createTestPki({ leaf: { ca: true, dnsNames: ['ca-leaf.example'] } });
    const o = { leaf: caLeaf.leaf, intermediates: [caLeaf.intermediate], roots: [caLeaf.root] };
    expect(await code(o)).toBe('ERR_CERT_POLICY');
    expect(await code({ ...o, profile: 'rfc5280' })).toBe('OK');
    const cn = await createTestPki({
      leaf: { subject: 'CN=Payments API', dnsNames: ['pay.example'] },
    });
    const p = {
      leaf: cn.leaf,
      intermediates: [cn.intermediate],
      roots: [cn.root],
      hostname: 'pay.example',
    };
    expect(await code(p)).toBe('ERR_CERT_POLICY');
    // The message names the rule and the way out for a private PKI.
    await expect(verifyChain(p)).rejects.toThrow(
      /common name "Payments API" is not one of its subjectAltName entries .*profile: 'rfc5280'/,
    );
    expect(await code({ ...p, purpose: 'clientAuth' })).toBe('OK');
    expect(await code({ ...p, profile: 'rfc5280' })).toBe('OK');
  });

  it('trusts a self-signed leaf that is itself a trust anchor', async () => {
    const k = await generateTestKeyPair('Ed25519');
    const self = await issueCertificate({
      dnsNames: ['pinned.example'],
      publicKey: k.publicKey,
      issuerKey: k,
    });
    const { chain } = await verifyChain({ leaf: self, roots: [self], hostname: 'pinned.example' });
    expect(chain).toEqual([self]);
    expect(await code({ leaf: self, roots: [pki.root] })).toBe('ERR_CERT_UNKNOWN_ISSUER');
  });

  it('verifies Ed25519, P-384, P-521, RSA PKCS#1 and RSA-PSS chains', {
    timeout: 120_000,
  }, async () => {
    for (const algorithm of ['Ed25519', 'ES384', 'ES512', 'RS256', 'PS256'] as const) {
      const p = await createTestPki({ algorithm });
      expect(
        await code({
          leaf: p.leaf,
          intermediates: [p.intermediate],
          roots: [p.root],
          hostname: 'localhost',
        }),
        algorithm,
      ).toBe('OK');
      const der = p.leaf.toDer();
      der[der.length - 5]! ^= 1;
      expect(
        await code({ leaf: der, intermediates: [p.intermediate], roots: [p.root] }),
        algorithm,
      ).toBe('ERR_CERT_BAD_SIGNATURE');
    }
  });

  it('stops hostile pools within the work limits', async () => {
    // 40 CAs with one subject and one key: every one appears to issue every other.
    const k = await generateTestKeyPair();
    const loop: Certificate[] = [];
    for (let i = 0; i < 40; i++) {
      loop.push(
        await issueCertificate({
          subject: 'CN=Loop',
          ca: true,
          publicKey: k.publicKey,
          issuerKey: k,
          notBefore: new Date(Date.now() - i * 60_000),
        }),
      );
    }
    const leafKeys = await generateTestKeyPair();
    const leaf = await issueCertificate({
      dnsNames: ['loop.example'],
      publicKey: leafKeys.publicKey,
      issuer: loop[0]!,
      issuerKey: k,
    });
    const started = Date.now();
    const err = await verifyChain({ leaf, intermediates: loop, roots: [other.root] }).catch(
      (e: CachetError) => e,
    );
    expect((err as CachetError).code).toBe('ERR_CERT_UNKNOWN_ISSUER');
    expect((err as CachetError).message).toMatch(/limits\.max(SignatureChecks|Candidates)/);
    expect(Date.now() - started).toBeLessThan(20_000);
    const limited = await verifyChain({
      leaf,
      intermediates: loop,
      roots: [other.root],
      limits: { maxIntermediates: 10 },
    }).catch((e: CachetError) => e.code);
    expect(limited).toBe('ERR_LIMIT_EXCEEDED');
  });

  it('validates every option at the boundary', async () => {
    const bad: [Partial<VerifyChainOptions>, string][] = [
      [{ roots: [] }, 'ERR_INVALID_ARGUMENT'],
      [{ roots: 'no pem here' }, 'ERR_INVALID_ARGUMENT'],
      [{ leaf: 42 as never }, 'ERR_INVALID_ARGUMENT'],
      [{ leaf: new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]) }, 'ERR_CERT_MALFORMED'],
      [
        { leaf: '-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----' },
        'ERR_CERT_MALFORMED',
      ],
      [{ at: Number.NaN }, 'ERR_INVALID_ARGUMENT'],
      [{ at: new Date('nope') }, 'ERR_INVALID_ARGUMENT'],
      [{ purpose: 'webServer' }, 'ERR_INVALID_ARGUMENT'],
      [{ hostname: '' }, 'ERR_INVALID_ARGUMENT'],
      [{ ip: '10.0.0.256' }, 'ERR_INVALID_ARGUMENT'],
      [{ ip: '010.0.0.1' }, 'ERR_INVALID_ARGUMENT'],
      [{ maxDepth: -1 }, 'ERR_INVALID_ARGUMENT'],
      [{ profile: 'strict' as never }, 'ERR_INVALID_ARGUMENT'],
      [{ keyUsage: ['signing' as never] }, 'ERR_INVALID_ARGUMENT'],
      [{ pins: [] }, 'ERR_INVALID_ARGUMENT'],
      [{ pins: ['sha1/AAAA'] }, 'ERR_INVALID_ARGUMENT'],
      [{ pins: ['sha256/AAAA'] }, 'ERR_INVALID_ARGUMENT'],
      [{ crls: ['not a crl'] }, 'ERR_CERT_MALFORMED'],
      [{ limits: { maxSignatureChecks: 1.5 } }, 'ERR_INVALID_ARGUMENT'],
      [{ limits: { maxCertificateBytes: 100 } }, 'ERR_LIMIT_EXCEEDED'],
    ];
    for (const [patch, want] of bad)
      expect(await code({ ...base, ...patch }), JSON.stringify(patch)).toBe(want);
    expect(await code(null as never)).toBe('ERR_INVALID_ARGUMENT');
  });
});

describe('Certificate view', () => {
  it('shows what was issued', () => {
    const leaf = pki.leaf;
    expect(leaf.version).toBe(3);
    expect(leaf.subject.text).toBe('CN=api.example.com');
    expect(leaf.issuer.text).toBe('CN=cachet test intermediate 1');
    expect(leaf.subjectAltNames).toEqual({
      dns: ['api.example.com', '*.svc.example.com', 'xn--bcher-kva.example'],
      ip: ['10.0.0.1', '2001:db8::7'],
      email: [],
      uri: [],
    });
    expect(leaf.keyUsage).toEqual(['digitalSignature']);
    expect(leaf.extendedKeyUsage).toEqual(['serverAuth', 'clientAuth']);
    expect(leaf.basicConstraints).toBeUndefined();
    expect(leaf.publicKey).toMatchObject({ algorithm: 'EC', curve: 'P-256' });
    expect(leaf.signatureAlgorithm).toBe('ES256');
    expect(leaf.authorityKeyIdentifier).toBe(pki.intermediate.subjectKeyIdentifier);
    expect(pki.intermediate.basicConstraints).toEqual({ ca: true, pathLength: 0 });
    expect(pki.root.isSelfIssued && !leaf.isSelfIssued).toBe(true);
    expect(pki.intermediate.keyUsage).toEqual(['keyCertSign', 'cRLSign']);
    expect(leaf.serialNumber).toMatch(/^[0-7][0-9a-f]{31}$/);
  });

  it('shows name constraints, policies-free CAs and raw extensions', async () => {
    const nc = await createTestPki({
      intermediate: {
        ca: true,
        nameConstraints: {
          permitted: { dns: ['example.com'], ips: ['10.0.0.0/8'], emails: ['.example.com'] },
          excluded: { uris: ['.evil.example'] },
        },
      },
    });
    expect(nc.intermediate.nameConstraints).toEqual({
      permitted: [
        { type: 'dns', value: 'example.com' },
        { type: 'ip', value: '10.0.0.0/255.0.0.0' },
        { type: 'email', value: '.example.com' },
      ],
      excluded: [{ type: 'uri', value: '.evil.example' }],
    });
    expect(nc.intermediate.extensions.map((e) => `${e.oid}${e.critical ? '!' : ''}`)).toEqual([
      '2.5.29.19!',
      '2.5.29.15!',
      '2.5.29.30!',
      '2.5.29.14',
      '2.5.29.35',
    ]);
  });

  it('is immutable: frozen, and bytes handed out are copies', () => {
    const leaf = pki.leaf;
    expect(Object.isFrozen(leaf)).toBe(true);
    expect(Object.isFrozen(leaf.subjectAltNames.dns)).toBe(true);
    const fp = leaf.sha256Fingerprint;
    const der = leaf.toDer();
    der.fill(0);
    leaf.extensions[0]!.value.fill(0);
    expect(leaf.sha256Fingerprint).toBe(fp);
    expect(parseCertificate(leaf.toDer()).sha256Fingerprint).toBe(fp);
    expect(() => {
      (leaf as { version: number }).version = 1;
    }).toThrow(TypeError);
    // Only the parsers make certificates: a hand-made record cannot skip parsing.
    expect(() => new Certificate({} as never)).toThrow(/parseCertificate/);
    expect(() => new Crl({} as never)).toThrow(/parseCrl/);
  });

  it('parses PEM bundles and refuses ambiguous input', () => {
    const bundle = `junk before\n${pki.leaf.toPem()}\n${pki.intermediate.toPem()}`;
    expect(parseCertificates(bundle).map((c) => c.subject.text)).toEqual([
      'CN=api.example.com',
      'CN=cachet test intermediate 1',
    ]);
    expect(parseCertificates([pki.leaf.toDer(), bundle])).toHaveLength(3);
    expect(() => parseCertificate(bundle)).toThrow(/expected one CERTIFICATE/);
    expect(parseCertificate(new TextEncoder().encode(pki.leaf.toPem())).subject.text).toBe(
      'CN=api.example.com',
    );
    // PEM as bytes after a byte-order mark or explanatory text (RFC 7468 §2), as for strings.
    for (const before of ['\uFEFF', 'Subject: CN=api.example.com\n']) {
      const bytes = new TextEncoder().encode(before + pki.leaf.toPem());
      expect(parseCertificate(bytes).toDer()).toEqual(pki.leaf.toDer());
    }
    expect(() => parseCertificate(new TextEncoder().encode('no boundary here'))).toThrowError(
      expect.objectContaining({ code: 'ERR_CERT_MALFORMED' }),
    );
    expect(() => parseCertificates('nothing')).toThrow(CachetError);
    expect(() => parseCertificate(pki.leaf.toDer(), { maxBytes: 10 })).toThrow(/exceeds maxBytes/);
  });

  it('refuses a TBS signature field that differs from signatureAlgorithm, in certificates and CRLs', async () => {
    // RFC 5280 §4.1.1.2 / §5.1.1.2. ecdsa-with-SHA256 appears twice: in the TBS, then outside.
    const sha256Alg = [0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];
    const withInnerSha384 = (der: Uint8Array): Uint8Array => {
      const at: number[] = [];
      for (let i = 0; i + sha256Alg.length <= der.length; i++) {
        if (sha256Alg.every((b, j) => der[i + j] === b)) at.push(i);
      }
      expect(at).toHaveLength(2);
      const out = der.slice();
      out[at[0]! + sha256Alg.length - 1] = 0x03; // ecdsa-with-SHA384, same length
      return out;
    };
    const crl = await createCrl({ issuer: pki.intermediate, issuerKey: pki.keys.intermediate });
    for (const parse of [
      () => parseCertificate(withInnerSha384(pki.leaf.toDer())),
      () => parseCrl(withInnerSha384(crl.toDer())),
    ]) {
      expect(parse).toThrow(/signatureAlgorithm differs from the signature field of the TBS/);
      try {
        parse();
      } catch (err) {
        expect((err as CachetError).code).toBe('ERR_CERT_MALFORMED');
      }
    }
    expect(parseCrl(crl.toDer()).crlNumber).toBe(crl.crlNumber);
    expect(() => parseCrl(crl.toDer(), { maxBytes: 10 })).toThrow(/exceeds maxBytes/);
    // As certificates: PEM given as bytes is read as PEM, and a parsed Crl is held to maxBytes.
    const pemBytes = new TextEncoder().encode(crl.toPem());
    expect(parseCrl(pemBytes).toDer()).toEqual(crl.toDer());
    expect(
      parseCrl(new TextEncoder().encode(`\uFEFFissuer: test\n${crl.toPem()}`)).toDer(),
    ).toEqual(crl.toDer());
    expect(parseCrl(crl)).toBe(crl);
    expect(() => parseCrl(crl, { maxBytes: 10 })).toThrow(/exceeds maxBytes/);
    expect(() =>
      parseCrl(new TextEncoder().encode('-----BEGIN X509 CRL-----\nnot base64')),
    ).toThrowError(expect.objectContaining({ code: 'ERR_CERT_MALFORMED' }));
    expect(() => parseCrl(crl.toDer(), { maxBytes: 0 })).toThrow(/"options.maxBytes"/);
  });

  it('writes a serial number the same way in a certificate and a CRL entry, negative ones included', async () => {
    // Flips the top bit of the first byte of the INTEGER whose contents are `hex`: a negative
    // serial of the same length (parsing does not check the signature).
    const negate = (der: Uint8Array, hex: string) => {
      const contents = Uint8Array.from(hex.match(/../g)!, (b) => Number.parseInt(b, 16));
      for (let i = 2; i + contents.length <= der.length; i++) {
        if (
          der[i - 2] === 0x02 &&
          der[i - 1] === contents.length &&
          contents.every((b, j) => der[i + j] === b)
        ) {
          const out = der.slice();
          out[i]! |= 0x80;
          return out;
        }
      }
      throw new Error(`serial ${hex} not found`);
    };
    // A fixed serial whose DER contents are exactly its hex (a random one may need a 00).
    const cert = await issueCertificate({
      subject: 'CN=serial test',
      serialNumber: '5a01',
      publicKey: pki.keys.leaf.publicKey,
      issuer: pki.intermediate,
      issuerKey: pki.keys.intermediate,
    });
    const crl = await createCrl({
      issuer: pki.intermediate,
      issuerKey: pki.keys.intermediate,
      revoked: [cert, '7f01'],
    });
    expect(crl.revoked.map((r) => r.serialNumber)).toEqual(['5a01', '7f01']);
    const leaf = parseCertificate(negate(cert.toDer(), '5a01'));
    expect(leaf.serialNumber).toBe('-da01');
    const negativeCrl = parseCrl(negate(negate(crl.toDer(), '5a01'), '7f01'));
    expect(negativeCrl.revoked.map((r) => r.serialNumber)).toEqual(['-da01', '-ff01']);
    // createCrl cannot write a negative serial, and refuses one number listed twice.
    await expect(
      createCrl({ issuer: pki.intermediate, issuerKey: pki.keys.intermediate, revoked: [leaf] }),
    ).rejects.toThrow(/positive serial number/);
    for (const twice of [
      ['abc', '0abc'],
      ['ff01', '00ff01'],
      [cert, '5a01'],
    ]) {
      await expect(
        createCrl({ issuer: pki.intermediate, issuerKey: pki.keys.intermediate, revoked: twice }),
      ).rejects.toMatchObject({
        code: 'ERR_INVALID_ARGUMENT',
        message: expect.stringMatching(/already listed/),
      });
    }
  });
});
