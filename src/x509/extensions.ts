/**
 * Certificate extensions (RFC 5280 §4.2): each known one decoded by its own small reader
 * that must consume the whole extnValue. Unknown extensions are kept raw; whether a
 * critical one is acceptable is decided by the validator, per certificate in the path.
 */
import { malformed, Reader, T } from './asn1.js';
import { FORM, type GName, readGeneralName, readGeneralNames } from './general-name.js';
import { EXT } from './oids.js';

/** One raw extension. */
export interface RawExtension {
  oid: string;
  critical: boolean;
  /** The extnValue contents (the DER of the extension's own structure). */
  value: Uint8Array;
}

/** A name constraint subtree (RFC 5280 §4.2.1.10). */
export interface Subtree {
  base: GName;
}

/** Decoded extensions cachet understands. */
export interface DecodedExtensions {
  basicConstraints?: { ca: boolean; pathLength?: number };
  /** Bit i set for KeyUsage bit i (0 digitalSignature ... 8 decipherOnly). */
  keyUsage?: number;
  extKeyUsage?: string[];
  subjectAltName?: GName[];
  nameConstraints?: { permitted: Subtree[]; excluded: Subtree[] };
  authorityKeyId?: { keyId?: Uint8Array; hasIssuer: boolean; hasSerial: boolean };
  subjectKeyId?: Uint8Array;
  policies?: string[];
  crlDistributionPoints?: string[];
  authorityInfoAccess?: { ocsp: string[]; caIssuers: string[] };
  policyConstraints?: true;
}

/** Extension OIDs whose meaning the validator applies; a critical extension outside this set is refused. */
export const HANDLED: ReadonlySet<string> = new Set([
  EXT.basicConstraints,
  EXT.keyUsage,
  EXT.extKeyUsage,
  EXT.subjectAltName,
  EXT.nameConstraints,
  EXT.authorityKeyIdentifier,
  EXT.subjectKeyIdentifier,
  // Policies: cachet runs RFC 5280 §6.1 with any-policy and no explicit-policy requirement,
  // for which the policy tree never rejects a path; policyConstraints and policyMappings,
  // which can make it reject, are therefore not in this set.
  EXT.certificatePolicies,
  EXT.crlDistributionPoints,
  EXT.authorityInfoAccess,
  EXT.issuerAltName,
  EXT.subjectInfoAccess,
]);

type Decoder = (r: Reader, out: DecodedExtensions) => void;

function readKeyUsage(r: Reader, out: DecodedExtensions): void {
  const { bytes } = r.bitString();
  let mask = 0;
  for (let bit = 0; bit < Math.min(bytes.length * 8, 9); bit++) {
    if (bytes[bit >> 3]! & (0x80 >> (bit & 7))) mask |= 1 << bit;
  }
  out.keyUsage = mask;
}

const DECODERS: ReadonlyMap<string, Decoder> = new Map<string, Decoder>([
  [
    EXT.basicConstraints,
    (r, out) => {
      const s = r.enter();
      // cA is DEFAULT FALSE; an explicit FALSE is a DER flaw common enough to tolerate.
      const ca = s.peek() === T.BOOLEAN ? s.boolean() : false;
      const pathLength = s.peek() === T.INTEGER ? s.smallInteger() : undefined;
      s.finish();
      out.basicConstraints = pathLength === undefined ? { ca } : { ca, pathLength };
    },
  ],
  [EXT.keyUsage, readKeyUsage],
  [
    EXT.extKeyUsage,
    (r, out) => {
      const s = r.enter();
      const oids: string[] = [];
      while (!s.done) oids.push(s.oid());
      // RFC 5280 §4.2.1.12: SEQUENCE SIZE (1..MAX) OF KeyPurposeId.
      if (oids.length === 0) malformed(r.what, 'empty extended key usage');
      out.extKeyUsage = oids;
    },
  ],
  [
    EXT.subjectAltName,
    (r, out) => {
      out.subjectAltName = readGeneralNames(r, r.what);
    },
  ],
  [
    EXT.nameConstraints,
    (r, out) => {
      const s = r.enter();
      const subtrees = (tag: number): Subtree[] => {
        const field = s.optional(tag);
        if (!field) return [];
        const list = s.inside(field);
        const result: Subtree[] = [];
        while (!list.done) {
          const st = list.enter();
          const base = readGeneralName(st, r.what, true);
          // RFC 5280 §4.2.1.10: minimum MUST be zero and maximum MUST be absent.
          if (st.peek() === 0x80 && st.smallInteger(0x80) !== 0) malformed(r.what, 'minimum != 0');
          if (!st.done) malformed(r.what, 'subtree maximum or trailing data');
          result.push({ base });
        }
        if (result.length === 0) malformed(r.what, 'empty GeneralSubtrees');
        return result;
      };
      const permitted = subtrees(0xa0);
      const excluded = subtrees(0xa1);
      s.finish();
      // RFC 5280 §4.2.1.10: at least one of the two MUST be present.
      if (permitted.length + excluded.length === 0) malformed(r.what, 'empty name constraints');
      out.nameConstraints = { permitted, excluded };
    },
  ],
  [
    EXT.authorityKeyIdentifier,
    (r, out) => {
      const s = r.enter();
      const keyIdTlv = s.optional(0x80);
      const issuer = s.optional(0xa1);
      if (issuer) {
        // [1] IMPLICIT GeneralNames: the names sit directly inside the tag.
        const names = s.inside(issuer);
        if (names.done) malformed(r.what, 'empty authorityCertIssuer');
        while (!names.done) readGeneralName(names, r.what);
      }
      const serial = s.optional(0x82);
      s.finish();
      out.authorityKeyId = {
        ...(keyIdTlv ? { keyId: s.contents(keyIdTlv) } : {}),
        hasIssuer: !!issuer,
        hasSerial: !!serial,
      };
    },
  ],
  [
    EXT.subjectKeyIdentifier,
    (r, out) => {
      out.subjectKeyId = r.contents(r.next(T.OCTET_STRING));
    },
  ],
  [
    EXT.certificatePolicies,
    (r, out) => {
      const s = r.enter();
      const policies: string[] = [];
      while (!s.done) {
        const info = s.enter();
        policies.push(info.oid());
        if (!info.done) info.next(T.SEQUENCE); // qualifiers are informational
        info.finish();
      }
      if (policies.length === 0) malformed(r.what, 'empty certificate policies');
      out.policies = policies;
    },
  ],
  [
    EXT.crlDistributionPoints,
    (r, out) => {
      const s = r.enter();
      const uris: string[] = [];
      let count = 0;
      while (!s.done) {
        const dp = s.enter();
        count++;
        const name = dp.optional(0xa0);
        if (name) {
          const n = dp.inside(name);
          const full = n.optional(0xa0);
          if (full) {
            const names = n.inside(full);
            while (!names.done) {
              const g = readGeneralName(names, r.what);
              if (g.form === FORM.uri) uris.push(g.text);
            }
          } else {
            n.next(0xa1);
          }
          n.finish();
        }
        dp.optional(0x81);
        dp.optional(0xa2);
        dp.finish();
      }
      if (count === 0) malformed(r.what, 'empty CRL distribution points');
      out.crlDistributionPoints = uris;
    },
  ],
  [
    EXT.authorityInfoAccess,
    (r, out) => {
      const s = r.enter();
      const aia = { ocsp: [] as string[], caIssuers: [] as string[] };
      let count = 0;
      while (!s.done) {
        const ad = s.enter();
        count++;
        const method = ad.oid();
        const location = readGeneralName(ad, r.what);
        ad.finish();
        if (location.form !== FORM.uri) continue;
        if (method === '1.3.6.1.5.5.7.48.1') aia.ocsp.push(location.text);
        if (method === '1.3.6.1.5.5.7.48.2') aia.caIssuers.push(location.text);
      }
      // RFC 5280 §4.2.2.1: SEQUENCE SIZE (1..MAX) OF AccessDescription.
      if (count === 0) malformed(r.what, 'empty authority information access');
      out.authorityInfoAccess = aia;
    },
  ],
  [
    EXT.policyConstraints,
    (r, out) => {
      const s = r.enter();
      s.optional(0x80);
      s.optional(0x81);
      s.finish();
      out.policyConstraints = true;
    },
  ],
]);

/** Decodes the known extensions of `list` into `out`. */
export function decodeExtensions(list: readonly RawExtension[], what: string): DecodedExtensions {
  const out: DecodedExtensions = {};
  for (const ext of list) {
    const decode = DECODERS.get(ext.oid);
    if (!decode) continue;
    const r = new Reader(ext.value, `${what}: extension ${ext.oid}`);
    decode(r, out);
    r.finish();
  }
  return out;
}
