/**
 * Certificate revocation lists (RFC 5280 §5): `parseCrl` and the revocation check run on
 * each certificate of a candidate path (RFC 5280 §6.3, for complete CRLs issued directly
 * by the certificate's issuer). Indirect CRLs, delta CRLs and CRLs partitioned by reason
 * are refused rather than half-applied.
 */
import { invalidArgument } from '../assert.js';
import { hexEncode } from '../bytes.js';
import { CertificateError, InvalidInputError } from '../errors.js';
import { pemDecodeAll, pemEncode, pemTextOf } from '../pem.js';
import type { SignatureAlgorithm } from './algorithms.js';
import { malformed, Reader, T } from './asn1.js';
import { maxBytesOf, serialText } from './certificate.js';
import type { RawExtension } from './extensions.js';
import { type DistinguishedName, type ParsedName, readName } from './name.js';
import { EXT } from './oids.js';
import { readExtensionList, readInnerAlgorithm, readSigned } from './signed.js';
import { readTime } from './time.js';

/** CRL extensions whose criticality cachet handles (RFC 5280 §5.2). */
export const HANDLED_CRL: ReadonlySet<string> = new Set([
  EXT.crlNumber,
  EXT.authorityKeyIdentifier,
  EXT.issuerAltName,
  EXT.issuingDistributionPoint,
  EXT.deltaCrlIndicator,
]);

/** Reason codes (RFC 5280 §5.3.1). */
const REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'unused',
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
] as const;

/**
 * One revoked certificate.
 *
 * @example
 * ```ts
 * import { createCrl, createTestPki, type RevokedEntry } from 'cachet/x509';
 * const pki = await createTestPki();
 * const crl = await createCrl({ issuer: pki.intermediate, issuerKey: pki.keys.intermediate, revoked: [pki.leaf] });
 * const entry: RevokedEntry | undefined = crl.revoked[0];
 * console.log(entry?.serialNumber === pki.leaf.serialNumber, entry?.revocationDate instanceof Date); // true true
 * ```
 */
export interface RevokedEntry {
  /** Serial number, lowercase hex as in {@link Certificate.serialNumber}. */
  readonly serialNumber: string;
  readonly revocationDate: Date;
  readonly reason?: string;
}

/** Internal record of a parsed CRL. */
export interface CrlData {
  der: Uint8Array;
  tbs: Uint8Array;
  sigAlg: SignatureAlgorithm;
  signature: Uint8Array;
  version: number;
  issuer: ParsedName;
  thisUpdate: number;
  nextUpdate?: number;
  /** Revoked serials (hex of the INTEGER contents) → entry. */
  revoked: Map<string, { date: number; reason?: number }>;
  extensions: RawExtension[];
  crlNumber?: Uint8Array;
  authorityKeyId?: Uint8Array;
  /** Issuing distribution point scope (RFC 5280 §5.2.5). */
  scope: { userOnly: boolean; caOnly: boolean; unsupported?: string };
  /** A critical CRL entry extension cachet does not process, if any. */
  unhandledEntryExtension?: string;
}

function readIdp(value: Uint8Array, what: string): CrlData['scope'] {
  const r = new Reader(value, what).enter(T.SEQUENCE, what);
  const scope: CrlData['scope'] = { userOnly: false, caOnly: false };
  r.optional(0xa0); // distributionPoint: which CRL this is; matching it is not needed here
  const flag = (tag: number) => {
    const t = r.optional(tag);
    if (!t) return false;
    const c = r.contents(t);
    if (c.length !== 1 || (c[0] !== 0 && c[0] !== 0xff)) malformed(what, 'bad BOOLEAN');
    return c[0] === 0xff;
  };
  scope.userOnly = flag(0x81);
  scope.caOnly = flag(0x82);
  if (r.optional(0x83)) scope.unsupported = 'CRL partitioned by reason (onlySomeReasons)';
  if (flag(0x84)) scope.unsupported = 'indirect CRL';
  if (flag(0x85)) scope.unsupported = 'attribute-certificate CRL';
  r.finish();
  return scope;
}

/** Parses CRL DER (copied by the caller). */
function parseCrlDer(der: Uint8Array): CrlData {
  const what = 'CRL';
  const { tbs, tbsBytes, sigAlg, signature, outerAlg } = readSigned(der, what);
  let version = 1;
  if (tbs.peek() === T.INTEGER) {
    version = tbs.smallInteger() + 1;
    if (version !== 2) malformed(what, `unknown version ${version}`);
  }
  readInnerAlgorithm(tbs, outerAlg, what);
  const issuer = readName(tbs, `${what} issuer`);
  const thisUpdate = readTime(tbs);
  const next = tbs.peek();
  const nextUpdate = next === T.UTC_TIME || next === T.GENERALIZED_TIME ? readTime(tbs) : undefined;
  const revoked: CrlData['revoked'] = new Map();
  let unhandledEntryExtension: string | undefined;
  if (tbs.peek() === T.SEQUENCE) {
    const entries = tbs.enter(T.SEQUENCE, what);
    while (!entries.done) {
      const entry = entries.enter(T.SEQUENCE, what);
      const serial = entry.integer();
      const date = readTime(entry);
      let reason: number | undefined;
      if (!entry.done) {
        if (version !== 2) malformed(what, 'entry extensions in a v1 CRL');
        for (const ext of readExtensionList(entry, what)) {
          if (ext.oid === EXT.reasonCode) {
            const rr = new Reader(ext.value, what);
            const c = rr.contents(rr.next(T.ENUMERATED));
            rr.finish();
            if (c.length !== 1 || c[0]! > 10 || c[0] === 7) malformed(what, 'bad reason code');
            reason = c[0]!;
          } else if (ext.critical && ext.oid !== EXT.invalidityDate) {
            unhandledEntryExtension ??= ext.oid;
          }
        }
      }
      entry.finish();
      revoked.set(hexEncode(serial), reason === undefined ? { date } : { date, reason });
    }
  }
  let extensions: RawExtension[] = [];
  const extTag = tbs.optional(0xa0);
  if (extTag) {
    if (version !== 2) malformed(what, 'extensions in a v1 CRL');
    const inner = tbs.inside(extTag, what);
    extensions = readExtensionList(inner, what);
    inner.finish();
  }
  tbs.finish();
  let crlNumber: Uint8Array | undefined;
  let authorityKeyId: Uint8Array | undefined;
  let scope: CrlData['scope'] = { userOnly: false, caOnly: false };
  for (const ext of extensions) {
    const r = new Reader(ext.value, `${what} extension ${ext.oid}`);
    if (ext.oid === EXT.crlNumber) {
      crlNumber = r.integer();
    } else if (ext.oid === EXT.authorityKeyIdentifier) {
      const s = r.enter();
      const id = s.optional(0x80);
      if (id) authorityKeyId = s.contents(id);
      while (!s.done) s.next();
    } else if (ext.oid === EXT.issuingDistributionPoint) {
      scope = readIdp(ext.value, what);
      r.pos = r.end;
    } else if (ext.oid === EXT.deltaCrlIndicator) {
      scope = { ...scope, unsupported: 'delta CRL' };
      r.pos = r.end;
    } else {
      r.pos = r.end;
    }
    r.finish();
  }
  return {
    der,
    tbs: tbsBytes,
    sigAlg,
    signature,
    version,
    issuer,
    thisUpdate,
    ...(nextUpdate === undefined ? {} : { nextUpdate }),
    revoked,
    extensions,
    ...(crlNumber ? { crlNumber } : {}),
    ...(authorityKeyId ? { authorityKeyId } : {}),
    scope,
    ...(unhandledEntryExtension ? { unhandledEntryExtension } : {}),
  };
}

/** Internal accessor for the record behind a Crl. */
export let crlData: (crl: Crl) => CrlData;

/** Only this module's parser constructs CRLs. */
const CONSTRUCT = Symbol('cachet.x509.crl');

/**
 * A parsed certificate revocation list. Create one with {@link parseCrl}; pass it to
 * `verifyChain({ crls })`.
 *
 * @example
 * ```ts
 * import { createCrl, createTestPki, parseCrl } from 'cachet/x509';
 * const pki = await createTestPki();
 * const crl = await createCrl({ issuer: pki.intermediate, issuerKey: pki.keys.intermediate, revoked: [pki.leaf] });
 * console.log(parseCrl(crl.toPem()).revoked.length); // 1
 * ```
 */
export class Crl {
  readonly #d: CrlData;
  static {
    crlData = (c) => c.#d;
  }
  /**
   * Not for direct use: call {@link parseCrl}.
   * @internal
   * @param data - internal
   * @param token - internal
   * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT when called directly
   */
  constructor(data: CrlData, token?: symbol) {
    if (token !== CONSTRUCT) invalidArgument('Crl', 'parseCrl(...) (not new)', data);
    this.#d = data;
    this.issuer = data.issuer.name;
    this.crlNumber = data.crlNumber ? hexEncode(data.crlNumber) : undefined;
    this.signatureAlgorithm = data.sigAlg.name;
    Object.freeze(this);
  }
  readonly issuer: DistinguishedName;
  /** CRL number as hex, if present (RFC 5280 §5.2.3). */
  readonly crlNumber: string | undefined;
  readonly signatureAlgorithm: string;
  /**
   * When the CRL was issued (RFC 5280 §5.1.2.4).
   *
   * @example
   * ```ts
   * import { createCrl, createTestPki } from 'cachet/x509';
   * const pki = await createTestPki();
   * const crl = await createCrl({ issuer: pki.intermediate, issuerKey: pki.keys.intermediate, revoked: [pki.leaf] });
   * console.log(crl.thisUpdate <= new Date()); // true
   * ```
   */
  get thisUpdate(): Date {
    return new Date(this.#d.thisUpdate * 1000);
  }
  /**
   * When the next CRL is due (RFC 5280 §5.1.2.5); past it, verifyChain refuses this CRL
   * as expired, so fetch a fresh one.
   *
   * @example
   * ```ts
   * import { createCrl, createTestPki } from 'cachet/x509';
   * const pki = await createTestPki();
   * const crl = await createCrl({ issuer: pki.intermediate, issuerKey: pki.keys.intermediate, revoked: [pki.leaf] });
   * console.log(crl.nextUpdate); // a week after thisUpdate
   * ```
   */
  get nextUpdate(): Date | undefined {
    return this.#d.nextUpdate === undefined ? undefined : new Date(this.#d.nextUpdate * 1000);
  }
  /**
   * The revoked certificates.
   *
   * @example
   * ```ts
   * import { createCrl, createTestPki } from 'cachet/x509';
   * const pki = await createTestPki();
   * const crl = await createCrl({ issuer: pki.intermediate, issuerKey: pki.keys.intermediate, revoked: [pki.leaf] });
   * console.log(crl.revoked.map((r) => r.serialNumber).includes(pki.leaf.serialNumber)); // true
   * ```
   */
  get revoked(): readonly RevokedEntry[] {
    return Object.freeze(
      [...this.#d.revoked].map(([serial, e]) =>
        Object.freeze({
          serialNumber: serialText(serial),
          revocationDate: new Date(e.date * 1000),
          ...(e.reason === undefined ? {} : { reason: REASONS[e.reason]! }),
        }),
      ),
    );
  }
  /**
   * DER (a copy).
   *
   * @example
   * ```ts
   * import { createCrl, createTestPki, parseCrl } from 'cachet/x509';
   * const pki = await createTestPki();
   * const crl = await createCrl({ issuer: pki.intermediate, issuerKey: pki.keys.intermediate, revoked: [pki.leaf] });
   * console.log(parseCrl(crl.toDer()).revoked.length); // 1
   * ```
   */
  toDer(): Uint8Array {
    return this.#d.der.slice();
  }
  /**
   * PEM (`-----BEGIN X509 CRL-----`).
   *
   * @example
   * ```ts
   * import { createCrl, createTestPki } from 'cachet/x509';
   * const pki = await createTestPki();
   * const crl = await createCrl({ issuer: pki.intermediate, issuerKey: pki.keys.intermediate, revoked: [pki.leaf] });
   * console.log(crl.toPem().split('\n')[0]); // '-----BEGIN X509 CRL-----'
   * ```
   */
  toPem(): string {
    return pemEncode('X509 CRL', this.#d.der);
  }
}

/** Default size limit of one CRL (large CAs publish CRLs of several MiB). */
export const DEFAULT_MAX_CRL_BYTES: number = 16 * 1024 * 1024;

function checkSize(der: Uint8Array, maxBytes: number, name: string): void {
  if (der.length > maxBytes) {
    throw new InvalidInputError(
      'ERR_LIMIT_EXCEEDED',
      `"${name}": CRL of ${der.length} bytes exceeds maxBytes (${maxBytes})`,
    );
  }
}

/** Parses one CRL input: a Crl (returned as is), PEM text, or DER (or PEM) bytes. */
export function toCrl(input: unknown, name: string, maxBytes: number): Crl {
  if (input instanceof Crl) {
    checkSize(crlData(input).der, maxBytes, name);
    return input;
  }
  let der: Uint8Array;
  if (typeof input === 'string') {
    let blocks: ReturnType<typeof pemDecodeAll>;
    try {
      blocks = pemDecodeAll(input, name).filter((b) => b.label === 'X509 CRL');
    } catch (cause) {
      throw new CertificateError('ERR_CERT_MALFORMED', (cause as Error).message, { cause });
    }
    if (blocks.length !== 1) {
      throw new CertificateError(
        'ERR_CERT_MALFORMED',
        `"${name}": expected one X509 CRL PEM block, found ${blocks.length}`,
      );
    }
    der = blocks[0]!.der;
  } else if (input instanceof Uint8Array) {
    const pem = pemTextOf(input);
    if (pem !== undefined) return toCrl(pem, name, maxBytes);
    der = input.slice();
  } else {
    return invalidArgument(name, 'PEM string, DER Uint8Array or Crl', input);
  }
  checkSize(der, maxBytes, name);
  return new Crl(parseCrlDer(der), CONSTRUCT);
}

/**
 * Parses a CRL from PEM (one `X509 CRL` block) or DER.
 *
 * @param input - PEM text, DER bytes (PEM bytes are recognised too), or a Crl
 * @param options - `maxBytes` (default 16 MiB)
 * @returns the parsed CRL
 * @throws {@link cachet!CertificateError} ERR_CERT_MALFORMED when it is not a well-formed CRL
 * @example
 * ```ts
 * import { createCrl, createTestPki, parseCrl } from 'cachet/x509';
 * const pki = await createTestPki();
 * const pem = (await createCrl({ issuer: pki.intermediate, issuerKey: pki.keys.intermediate })).toPem();
 * const crl = parseCrl(pem);
 * console.log(crl.issuer.text, crl.nextUpdate);
 * ```
 */
export function parseCrl(input: string | Uint8Array | Crl, options?: { maxBytes?: number }): Crl {
  return toCrl(input, 'input', maxBytesOf(options, DEFAULT_MAX_CRL_BYTES));
}
