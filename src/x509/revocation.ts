/**
 * The CRL check of one certificate against the CRLs the caller supplied (RFC 5280 §6.3):
 * CRLs are matched to the certificate's issuer by name (and key identifier when both
 * carry one); a matching CRL must be well-formed, current, signed by that issuer with a
 * key allowed to sign CRLs, and then decides whether the serial number is revoked.
 */
import { hexEncode } from '../bytes.js';
import { type Crl, crlData, HANDLED_CRL } from './crl.js';
import { EXT } from './oids.js';
import type { CertData } from './parse.js';
import { describe, type Problem } from './profile.js';
import { verifySignature } from './signature.js';
import { sameBytes } from './signed.js';

const KU_CRL_SIGN = 1 << 6;
const REMOVE_FROM_CRL = 8;

/**
 * Checks `cert` (issued by `issuer`) against `crls` at time `at` (seconds). `countSignature`
 * charges the work budget for each CRL signature verified.
 */
export async function revocationProblem(
  cert: CertData,
  issuer: CertData,
  isLeaf: boolean,
  crls: readonly Crl[],
  at: number,
  countSignature: () => void,
): Promise<Problem | undefined> {
  const who = describe(cert, isLeaf ? 'leaf' : 'ca');
  for (const crl of crls) {
    const c = crlData(crl);
    if (!sameBytes(c.issuer.der, cert.issuer.der)) continue;
    const ski = issuer.ext.subjectKeyId;
    if (c.authorityKeyId && ski && !sameBytes(c.authorityKeyId, ski)) continue;
    const isCa = cert.ext.basicConstraints?.ca === true;
    if ((c.scope.userOnly && isCa) || (c.scope.caOnly && !isCa)) continue;
    const from = `CRL of "${c.issuer.name.text.slice(0, 120)}"`;
    const policy = (message: string): Problem => ({
      code: 'ERR_CERT_POLICY',
      message: `${from}: ${message}`,
    });
    if (c.scope.unsupported) return policy(`${c.scope.unsupported} is not supported`);
    for (const ext of c.extensions) {
      if (ext.critical && !HANDLED_CRL.has(ext.oid)) {
        return {
          code: 'ERR_CERT_UNHANDLED_CRITICAL_EXTENSION',
          message: `${from}: critical extension ${ext.oid}`,
        };
      }
    }
    if (c.unhandledEntryExtension) {
      return {
        code: 'ERR_CERT_UNHANDLED_CRITICAL_EXTENSION',
        message: `${from}: critical entry extension ${c.unhandledEntryExtension}`,
      };
    }
    // RFC 5280 §5.2.3: conforming CRLs are v2 with a non-critical CRL number.
    if (!c.crlNumber) return policy('no CRL number (RFC 5280 §5.2.3)');
    if (c.extensions.some((e) => e.oid === EXT.crlNumber && e.critical))
      return policy('critical CRL number');
    // RFC 5280 §6.3.3 (f): the issuer's key usage, if present, must allow cRLSign.
    const ku = issuer.ext.keyUsage;
    if (ku !== undefined && !(ku & KU_CRL_SIGN)) {
      return {
        code: 'ERR_CERT_KEY_USAGE',
        message: `${from}: the issuer's key usage lacks cRLSign`,
      };
    }
    if (c.thisUpdate > at)
      return { code: 'ERR_CERT_NOT_YET_VALID', message: `${from}: thisUpdate is in the future` };
    if (c.nextUpdate !== undefined && c.nextUpdate < at) {
      return {
        code: 'ERR_CERT_EXPIRED',
        message: `${from}: out of date (nextUpdate has passed); fetch a fresh CRL`,
      };
    }
    countSignature();
    let ok = verifySignature(c.sigAlg, issuer.key, c.tbs, c.signature);
    if (ok instanceof Promise) ok = await ok;
    if (!ok)
      return {
        code: 'ERR_CERT_BAD_SIGNATURE',
        message: `${from}: signature does not verify with the issuer's key`,
      };
    const entry = c.revoked.get(hexEncode(cert.serial));
    if (entry && entry.reason !== REMOVE_FROM_CRL) {
      return {
        code: 'ERR_CERT_REVOKED',
        message: `${who}: revoked on ${new Date(entry.date * 1000).toISOString()}`,
      };
    }
  }
  return undefined;
}
