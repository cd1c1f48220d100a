// The builders read `subject` as RFC 4514 text, the most specific attribute first
// (`CN=api.example.com,O=Example,C=US` encodes C, then O, then CN: RFC 4514 §2.1), as their
// documentation says. Checked against OpenSSL through node:crypto, whose `subject` lists
// the attributes in encoded order.
import { X509Certificate } from 'node:crypto';
import { expect, it } from 'vitest';
import {
  createCsr,
  createTestPki,
  generateTestKeyPair,
  issueCertificate,
} from '../../src/x509/index.js';

const TEXT = 'CN=api.example.com,O=Example Corp,C=US';
const ENCODED = 'C=US\nO=Example Corp\nCN=api.example.com';

it('createTestPki encodes an RFC 4514 subject most general first', async () => {
  const pki = await createTestPki({
    root: { subject: 'CN=Dev Root,O=Example Corp', ca: true },
    leaf: { subject: TEXT, dnsNames: ['api.example.com'] },
  });
  expect(new X509Certificate(pki.leaf.toDer()).subject).toBe(ENCODED);
  expect(pki.leaf.subject.text).toBe(TEXT);
  expect(pki.leaf.subject.rdns.flat().map((a) => a.type)).toEqual(['C', 'O', 'CN']);
  // The issuer of what the root signs is the root's subject, byte for byte.
  expect(new X509Certificate(pki.root.toDer()).subject).toBe('O=Example Corp\nCN=Dev Root');
  expect(pki.intermediate.issuer.text).toBe('CN=Dev Root,O=Example Corp');
});

it('issueCertificate and createCsr read the same order; a CSR subject is kept as encoded', async () => {
  const keys = await generateTestKeyPair('ES256');
  const self = await issueCertificate({
    subject: TEXT,
    publicKey: keys.publicKey,
    issuerKey: keys,
  });
  expect(new X509Certificate(self.toDer()).subject).toBe(ENCODED);
  expect(self.issuer.text).toBe(TEXT);

  const pki = await createTestPki();
  const { pem } = await createCsr({ subject: TEXT, dnsNames: ['api.example.com'] });
  const fromCsr = await issueCertificate({
    csr: pem,
    issuer: pki.intermediate,
    issuerKey: pki.keys.intermediate,
  });
  expect(new X509Certificate(fromCsr.toDer()).subject).toBe(ENCODED);
  const renamed = await issueCertificate({
    csr: pem,
    subject: 'CN=other,O=Example Corp',
    issuer: pki.intermediate,
    issuerKey: pki.keys.intermediate,
  });
  expect(renamed.subject.text).toBe('CN=other,O=Example Corp');
});

it('a subject with an escaped comma stays one attribute', async () => {
  const pki = await createTestPki({
    leaf: { subject: 'CN=api.example.com,O=Example\\, Inc.', dnsNames: ['api.example.com'] },
  });
  expect(pki.leaf.subject.rdns.flat().map((a) => a.value)).toEqual([
    'Example, Inc.',
    'api.example.com',
  ]);
  expect(new X509Certificate(pki.leaf.toDer()).subject).toBe(
    'O=Example\\, Inc.\nCN=api.example.com', // node escapes the comma when printing
  );
});
