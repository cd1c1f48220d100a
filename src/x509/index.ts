/**
 * cachet/x509: certificate checks. Parse certificates and CRLs into typed, immutable
 * views; build and validate chains per RFC 5280 §6 with the CA/B Forum web profile by
 * default (signatures, validity, basic constraints, key usage, extended key usage, name
 * constraints, critical extensions, host names per RFC 6125, IP addresses, CRLs, SPKI
 * pins), with bounded work on hostile input; create test PKIs, CSRs and CRLs.
 *
 * @example
 * ```ts
 * import { createTestPki, verifyChain } from 'cachet/x509';
 * const pki = await createTestPki({ leaf: { dnsNames: ['api.example.com'] } });
 * const { chain } = await verifyChain({
 *   leaf: pki.leaf,
 *   intermediates: [pki.intermediate],
 *   roots: [pki.root],
 *   hostname: 'api.example.com',
 * });
 * ```
 *
 * @module cachet/x509
 */
export {
  type CertificateSpec,
  type CrlOptions,
  type CsrOptions,
  createCrl,
  createCsr,
  createTestPki,
  type IssueOptions,
  issueCertificate,
  type NameConstraintNames,
  type TestPki,
  type TestPkiOptions,
} from './build.js';
export {
  Certificate,
  type CertificateExtension,
  type KeyUsage,
  type NameConstraint,
  type ParseOptions,
  type PublicKeyInfo,
  parseCertificate,
  parseCertificates,
  type SubjectAltNames,
} from './certificate.js';
export { Crl, parseCrl, type RevokedEntry } from './crl.js';
export type { DistinguishedName, NameAttribute } from './name.js';
export type {
  CertificateInput,
  Purpose,
  VerifyChainOptions,
  VerifyLimits,
} from './options.js';
export type { Profile } from './profile.js';
export { generateTestKeyPair, type TestKeyAlgorithm, type TestKeyPair } from './test-keys.js';
export { type VerifiedChain, verifyChain } from './verify.js';
