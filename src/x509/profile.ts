/**
 * Per-certificate rules that do not depend on the rest of the path: RFC 5280 §4.2
 * requirements and, in the default `'web'` profile, the CA/Browser Forum Baseline
 * Requirements rules that validators such as rustls-webpki and pyca/cryptography apply.
 * The verdict for a (certificate, role, profile) is computed once and memoized, since
 * certificates are immutable.
 */
import type { CertificateErrorCode } from '../errors.js';
import { keyProblem } from './algorithms.js';
import { HANDLED } from './extensions.js';
import { FORM } from './general-name.js';
import { formatIp } from './ip.js';
import { CN, EXT } from './oids.js';
import type { CertData } from './parse.js';
import { sameBytes } from './signed.js';

/**
 * Validation profile: `'web'` adds CA/B Forum rules to RFC 5280's.
 *
 * @example
 * ```ts
 * import { createTestPki, type Profile, verifyChain } from 'cachet/x509';
 * // A private PKI whose leaf has a descriptive CN, which the web profile refuses (BR 7.1.4.3).
 * const pki = await createTestPki({ leaf: { subject: 'CN=Payments API', dnsNames: ['payments.internal'] } });
 * const profile: Profile = 'rfc5280';
 * await verifyChain({ leaf: pki.leaf, intermediates: [pki.intermediate], roots: [pki.root], hostname: 'payments.internal', profile });
 * ```
 */
export type Profile = 'web' | 'rfc5280';

/** Where a certificate sits in the path. */
export type Role = 'leaf' | 'ca' | 'anchor';

/** A reason to reject. */
export interface Problem {
  code: CertificateErrorCode;
  message: string;
}

const KU_KEY_CERT_SIGN = 1 << 5;

/** How a certificate is named in messages. */
export function describe(d: CertData, role: Role): string {
  const text = d.subject.name.text;
  const label = role === 'leaf' ? 'leaf' : role === 'anchor' ? 'trust anchor' : 'intermediate';
  return `${label} "${text.length > 120 ? `${text.slice(0, 117)}...` : text}"`;
}

function isCriticalExt(d: CertData, oid: string): boolean | undefined {
  for (const e of d.extensions) if (e.oid === oid) return e.critical;
  return undefined;
}

function check(d: CertData, role: Role, profile: Profile, server: boolean): Problem | undefined {
  const who = describe(d, role);
  const policy = (message: string): Problem => ({
    code: 'ERR_CERT_POLICY',
    message: `${who}: ${message}`,
  });
  // Rules of the default 'web' profile only: say how a private PKI opts out.
  const webPolicy = (message: string): Problem =>
    policy(
      `${message} (a CA/B Forum rule of the 'web' profile; private PKIs can pass profile: 'rfc5280')`,
    );
  const e = d.ext;
  const web = profile === 'web';
  const isCaRole = role !== 'leaf';

  // CABF BR 7.1.1 / RFC 5280 §4.1.2.1: v3 (extensions are needed to express everything below).
  if (d.version !== 3) return policy(`X.509 v${d.version}; only v3 certificates are accepted`);
  for (const ext of d.extensions) {
    if (ext.critical && !HANDLED.has(ext.oid)) {
      return {
        code: 'ERR_CERT_UNHANDLED_CRITICAL_EXTENSION',
        message: `${who}: critical extension ${ext.oid} is not understood`,
      };
    }
  }
  // RFC 5280 §4.1.2.2: positive, at most 20 octets. Trust anchors are taken as they are.
  if (role !== 'anchor') {
    const s = d.serial;
    if (s[0]! & 0x80 || s.length > 21 || (s.length === 21 && s[0] !== 0)) {
      return policy('serial number is negative or longer than 20 octets');
    }
    if (s.every((b) => b === 0)) return policy('serial number is zero');
  }
  const badKey = keyProblem(d.key);
  if (badKey) return policy(`public key not accepted: ${badKey}`);
  // RFC 5280 §4.1.2.4: the issuer field MUST contain a non-empty name.
  if (d.issuer.name.rdns.length === 0) return policy('empty issuer name');

  // RFC 5280 §4.2.1.1: AKI non-critical. (Its presence is checked by the validator: the
  // self-signed exception needs a signature check.)
  const aki = e.authorityKeyId;
  if (isCriticalExt(d, EXT.authorityKeyIdentifier)) {
    return policy('critical authority key identifier');
  }
  if (web && role === 'anchor' && aki) {
    // CABF BR 7.1.2.1.3: a root's AKI has keyIdentifier only, equal to its SKI.
    if (!aki.keyId) return webPolicy('authority key identifier without keyIdentifier');
    if (aki.hasIssuer || aki.hasSerial)
      return webPolicy('authority key identifier with issuer or serial');
    if (d.selfIssued && e.subjectKeyId && !sameBytes(aki.keyId, e.subjectKeyId)) {
      return webPolicy('authority key identifier differs from its subject key identifier');
    }
  }
  // RFC 5280 §4.2.1.2: SKI non-critical, and present in every CA certificate.
  if (isCriticalExt(d, EXT.subjectKeyIdentifier)) return policy('critical subject key identifier');
  if (isCriticalExt(d, EXT.authorityInfoAccess))
    return policy('critical authority information access');
  // RFC 5280 §4.2.1.11: policyConstraints MUST be critical (a critical one is refused above:
  // cachet does not run the policy tree that it constrains).
  if (isCriticalExt(d, EXT.policyConstraints) === false)
    return policy('non-critical policy constraints');

  const bc = e.basicConstraints;
  const ku = e.keyUsage;
  // RFC 5280 §4.2.1.9: pathLenConstraint only with cA and keyCertSign.
  if (bc?.pathLength !== undefined && (!bc.ca || (ku !== undefined && !(ku & KU_KEY_CERT_SIGN)))) {
    return policy('pathLenConstraint without cA and keyCertSign');
  }
  // RFC 5280 §4.2.1.3: keyCertSign requires cA.
  if (ku !== undefined && ku & KU_KEY_CERT_SIGN && !bc?.ca) {
    return {
      code: 'ERR_CERT_KEY_USAGE',
      message: `${who}: keyCertSign without basicConstraints cA`,
    };
  }
  const san = e.subjectAltName;
  const emptySubject = d.subject.name.rdns.length === 0;
  const sanCritical = isCriticalExt(d, EXT.subjectAltName);
  // RFC 5280 §4.2.1.6: an empty subject needs a critical subjectAltName.
  if (emptySubject && (!san || !sanCritical))
    return policy('empty subject without a critical subjectAltName');
  const nc = isCriticalExt(d, EXT.nameConstraints);
  if (isCaRole) {
    if (!bc?.ca) {
      return {
        code: 'ERR_CERT_NOT_A_CA',
        message: `${who}: not a CA (basicConstraints cA is not set)`,
      };
    }
    // RFC 5280 §4.2.1.9: MUST be critical in CA certificates.
    if (isCriticalExt(d, EXT.basicConstraints) === false)
      return policy('non-critical basicConstraints');
    if (ku !== undefined && !(ku & KU_KEY_CERT_SIGN)) {
      return { code: 'ERR_CERT_KEY_USAGE', message: `${who}: key usage lacks keyCertSign` };
    }
    if (!e.subjectKeyId) return policy('no subject key identifier');
    // RFC 5280 §4.1.2.6: a CA's subject is non-empty.
    if (emptySubject) return policy('empty subject');
    // RFC 5280 §4.2.1.10 says critical; CABF BR 7.1.2.5.2 allows non-critical (the web profile).
    if (nc === false && !web) return policy('non-critical name constraints');
  } else {
    // RFC 5280 §4.2.1.10: name constraints only in CA certificates.
    if (nc !== undefined) return policy('name constraints in an end-entity certificate');
    if (web) {
      // CABF BR 7.1.2.7.8: a subscriber certificate has cA FALSE.
      if (bc?.ca) return webPolicy('a CA certificate cannot be the end entity');
      // CABF BR 7.1.2.7.12: SAN non-critical when the subject is not empty.
      if (!emptySubject && sanCritical)
        return webPolicy('critical subjectAltName with a non-empty subject');
      if (server) {
        const problem = commonNameProblem(d);
        if (problem) return webPolicy(problem);
      }
    }
  }
  return undefined;
}

/**
 * CABF BR 7.1.4.3: a subscriber's common name, if present, is a character-for-character
 * copy of a dNSName in the SAN, or an IP address SAN in its canonical text.
 */
function commonNameProblem(d: CertData): string | undefined {
  const san = d.ext.subjectAltName ?? [];
  for (const rdn of d.subject.name.rdns) {
    for (const attr of rdn) {
      if (attr.oid !== CN) continue;
      const ok = san.some(
        (n) =>
          (n.form === FORM.dns && n.text === attr.value) ||
          (n.form === FORM.ip && n.valid && formatIp(n.bytes!) === attr.value),
      );
      if (!ok)
        return `common name "${attr.value.slice(0, 64)}" is not one of its subjectAltName entries`;
    }
  }
  return undefined;
}

const verdicts = new WeakMap<CertData, Map<string, Problem | null>>();

/** The memoized profile verdict of one certificate in one role. */
export function profileProblem(
  d: CertData,
  role: Role,
  profile: Profile,
  server: boolean,
): Problem | undefined {
  let memo = verdicts.get(d);
  if (!memo) {
    memo = new Map();
    verdicts.set(d, memo);
  }
  const key = `${role}:${profile}:${server ? 1 : 0}`;
  let problem = memo.get(key);
  if (problem === undefined) {
    problem = check(d, role, profile, server) ?? null;
    memo.set(key, problem);
  }
  return problem ?? undefined;
}
