// Certificate checks: a test PKI (root → intermediate → leaf), a chain validated for its
// host name, then the same chain refused for another host, after it expired, once its leaf
// is revoked, and under a pin it does not match.
import { CertificateError } from '../src/errors.js';
import { createCrl, createTestPki, verifyChain } from '../src/x509/index.js';
import { type DemoLog, expect } from './log.js';

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (e) {
    if (!(e instanceof CertificateError)) throw e;
    return e.code;
  }
}

export async function run(log: DemoLog): Promise<void> {
  log.step('Certificate checks (cachet/x509)');
  const pki = await createTestPki({
    leaf: { dnsNames: ['api.example.com'], extendedKeyUsage: ['serverAuth'] },
  });
  log.ok(
    `made a test PKI: "${pki.root.subject.text}" → "${pki.intermediate.subject.text}" → "${pki.leaf.subject.text}" (P-256)`,
  );
  const chain = {
    leaf: pki.leaf.toPem(),
    intermediates: [pki.intermediate.toPem()],
    roots: [pki.root.toPem()],
  };

  const { chain: path } = await verifyChain({ ...chain, hostname: 'api.example.com' });
  expect(path.length === 3, 'the chain validates');
  log.ok(`validated the chain for api.example.com: ${path.length} certificates, leaf to root`);

  const wrongHost = await refusal(verifyChain({ ...chain, hostname: 'evil.example.com' }));
  expect(wrongHost === 'ERR_CERT_NAME_MISMATCH', 'another host is refused');
  log.ok(`the same chain for evil.example.com is refused: ${wrongHost}`);

  const later = new Date(pki.leaf.notAfter.getTime() + 1000);
  const expired = await refusal(verifyChain({ ...chain, hostname: 'api.example.com', at: later }));
  expect(expired === 'ERR_CERT_EXPIRED', 'an expired leaf is refused');
  log.ok(`one second after the leaf's notAfter (${later.toISOString()}) it is refused: ${expired}`);

  const crl = await createCrl({
    issuer: pki.intermediate,
    issuerKey: pki.keys.intermediate,
    revoked: [pki.leaf],
  });
  const revoked = await refusal(
    verifyChain({ ...chain, hostname: 'api.example.com', crls: [crl.toPem()] }),
  );
  expect(revoked === 'ERR_CERT_REVOKED', 'a revoked leaf is refused');
  log.ok(
    `with the intermediate's CRL listing serial ${pki.leaf.serialNumber.slice(0, 8)}…: ${revoked}`,
  );

  await verifyChain({
    ...chain,
    hostname: 'api.example.com',
    pins: [pki.intermediate.publicKey.pin],
  });
  const other = await createTestPki();
  const pinned = await refusal(
    verifyChain({
      ...chain,
      hostname: 'api.example.com',
      pins: [other.intermediate.publicKey.pin],
    }),
  );
  expect(pinned === 'ERR_CERT_PIN_MISMATCH', 'a wrong pin is refused');
  log.ok(`pinned to the intermediate's key it passes; pinned to another CA's key: ${pinned}`);
}
