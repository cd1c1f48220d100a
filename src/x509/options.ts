/**
 * verifyChain's options: their types, defaults and the boundary checks that turn them into
 * the normalized form the validator uses.
 */
import { assertInteger, assertOptions, invalidArgument } from '../assert.js';
import { base64Decode } from '../bytes.js';
import { InvalidInputError } from '../errors.js';
import {
  type Certificate,
  DEFAULT_MAX_CERTIFICATE_BYTES,
  KEY_USAGES,
  type KeyUsage,
  toCertificate,
} from './certificate.js';
import { type Crl, DEFAULT_MAX_CRL_BYTES, toCrl } from './crl.js';
import { normalizeHostname } from './dns.js';
import { parseIp } from './ip.js';
import { EKU } from './oids.js';
import type { Profile } from './profile.js';

/**
 * A certificate as accepted by verifyChain: PEM text, DER bytes, or a parsed Certificate.
 *
 * @example
 * ```ts
 * import { type CertificateInput, createTestPki, verifyChain } from 'cachet/x509';
 * const pki = await createTestPki();
 * const leaf: CertificateInput = pki.leaf.toDer(); // DER bytes, e.g. from socket.getPeerCertificate().raw
 * const roots: CertificateInput[] = [pki.root.toPem()]; // PEM text, e.g. from a file
 * await verifyChain({ leaf, intermediates: [pki.intermediate], roots, hostname: 'localhost' });
 * ```
 */
export type CertificateInput = string | Uint8Array | Certificate;

/**
 * What the leaf must be good for: an extended key usage by name, an EKU OID, or `'any'`.
 *
 * @example
 * ```ts
 * import { createTestPki, type Purpose, verifyChain } from 'cachet/x509';
 * const pki = await createTestPki({ leaf: { subject: 'CN=worker-7', dnsNames: [], extendedKeyUsage: ['clientAuth'] } });
 * const purpose: Purpose = 'clientAuth'; // an mTLS client certificate
 * await verifyChain({ leaf: pki.leaf, intermediates: [pki.intermediate], roots: [pki.root], purpose });
 * ```
 */
export type Purpose = 'serverAuth' | 'clientAuth' | 'codeSigning' | 'any' | (string & {});

/**
 * Work and size limits for hostile input.
 *
 * @example
 * ```ts
 * import { createTestPki, verifyChain, type VerifyLimits } from 'cachet/x509';
 * const pki = await createTestPki();
 * const limits: VerifyLimits = { maxIntermediates: 16, maxSignatureChecks: 20 }; // tighter than the defaults
 * await verifyChain({ leaf: pki.leaf, intermediates: [pki.intermediate], roots: [pki.root], limits });
 * ```
 */
export interface VerifyLimits {
  /** Most intermediates accepted in the pool (default 256). */
  maxIntermediates?: number;
  /** Most trust anchors accepted (default 4096). */
  maxRoots?: number;
  /** Most signature verifications during path building, CRLs included (default 100). */
  maxSignatureChecks?: number;
  /** Most issuer candidates examined during path building (default 2000). */
  maxCandidates?: number;
  /** Most name-constraint comparisons (default 250 000, as Go and rustls-webpki). */
  maxNameChecks?: number;
  /** Largest certificate, in DER bytes (default 65 536). */
  maxCertificateBytes?: number;
  /** Largest CRL, in DER bytes (default 16 MiB). */
  maxCrlBytes?: number;
}

/**
 * Options of verifyChain.
 *
 * @example
 * ```ts
 * import { createTestPki, type VerifyChainOptions, verifyChain } from 'cachet/x509';
 * const pki = await createTestPki({ leaf: { dnsNames: ['api.example.com'] } });
 * const options: VerifyChainOptions = {
 *   leaf: pki.leaf,
 *   intermediates: [pki.intermediate],
 *   roots: [pki.root],
 *   hostname: 'api.example.com',
 *   purpose: 'serverAuth',
 *   pins: [pki.intermediate.publicKey.pin],
 *   at: new Date(), // the default; pass a past date to check an old signature's chain
 * };
 * const { chain } = await verifyChain(options);
 * ```
 */
export interface VerifyChainOptions {
  /** The end-entity certificate to validate. */
  leaf: CertificateInput;
  /** Untrusted certificates that may help build a path, in any order (or a PEM bundle). */
  intermediates?: readonly CertificateInput[] | string;
  /** Trust anchors (or a PEM bundle). At least one. */
  roots: readonly CertificateInput[] | string;
  /** Validation time (default: now). Compared at one-second granularity. */
  at?: Date | number;
  /** Required purpose of the leaf (extended key usage); default `'serverAuth'`. */
  purpose?: Purpose;
  /** DNS name the leaf must be valid for (SAN dNSName only; IP literals match IP SANs). */
  hostname?: string;
  /** IP address the leaf must be valid for (SAN iPAddress). */
  ip?: string;
  /** Key usages the leaf must allow when it has a keyUsage extension. */
  keyUsage?: readonly KeyUsage[];
  /** CRLs to check each certificate of the path against (PEM, DER or parsed). */
  crls?: readonly (string | Uint8Array | Crl)[];
  /** SPKI pins (`'sha256/<base64>'`, RFC 7469 style): some certificate of the path must match one. */
  pins?: readonly string[];
  /** Most intermediates in a path, self-issued ones not counted (default 8). */
  maxDepth?: number;
  /** `'web'` (default): RFC 5280 plus CA/B Forum rules. `'rfc5280'`: RFC 5280 only, for private PKIs. */
  profile?: Profile;
  /** Work and size limits. */
  limits?: VerifyLimits;
}

/** Normalized options. */
export interface Normalized {
  leaf: Certificate;
  intermediates: Certificate[];
  roots: Certificate[];
  at: number;
  purposeOid: string | undefined;
  server: boolean;
  hostname?: { text: string; dns?: string; ip?: Uint8Array };
  ip?: { text: string; bytes: Uint8Array };
  keyUsageMask: number;
  crls: Crl[];
  pins: Uint8Array[] | undefined;
  maxDepth: number;
  profile: Profile;
  maxSignatureChecks: number;
  maxCandidates: number;
  maxNameChecks: number;
}

const PURPOSES: Readonly<Record<string, string | undefined>> = {
  serverAuth: EKU.serverAuth,
  clientAuth: EKU.clientAuth,
  codeSigning: EKU.codeSigning,
  any: undefined,
};

function limit(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  assertInteger(value, name, 0);
  return value;
}

function list(
  value: unknown,
  name: string,
  max: number,
  maxBytes: number,
  required: boolean,
): Certificate[] {
  if (value === undefined && !required) return [];
  if (typeof value === 'string') {
    // A PEM bundle; count its blocks before parsing any.
    const count = value.split('-----BEGIN CERTIFICATE-----').length - 1;
    if (count > max) tooMany(name, count, max);
    const items = value
      .split(/(?=-----BEGIN CERTIFICATE-----)/)
      .filter((s) => s.includes('-----BEGIN CERTIFICATE-----'));
    if (items.length === 0 && required) invalidArgument(name, 'at least one certificate', value);
    return items.map((item, i) => toCertificate(item, `${name}[${i}]`, maxBytes));
  }
  if (!Array.isArray(value))
    return invalidArgument(name, 'array of certificates or a PEM bundle', value);
  if (value.length > max) tooMany(name, value.length, max);
  if (value.length === 0 && required) invalidArgument(name, 'at least one certificate', value);
  return value.map((item, i) => toCertificate(item, `${name}[${i}]`, maxBytes));
}

function tooMany(name: string, count: number, max: number): never {
  throw new InvalidInputError(
    'ERR_LIMIT_EXCEEDED',
    `"${name}": ${count} certificates exceed the limit of ${max} (limits)`,
  );
}

function pin(value: unknown, i: number): Uint8Array {
  const name = `pins[${i}]`;
  if (typeof value !== 'string' || !value.startsWith('sha256/')) {
    return invalidArgument(name, "'sha256/<base64 SHA-256 of the SPKI>'", value);
  }
  const bytes = base64Decode(value.slice(7), name);
  if (bytes.length !== 32) invalidArgument(name, 'a 32-byte SHA-256 digest', bytes);
  return bytes;
}

/** Checks and normalizes verifyChain's options. */
export function normalize(options: VerifyChainOptions): Normalized {
  assertOptions(options);
  const limits = options.limits ?? {};
  assertOptions(limits, 'options.limits');
  const maxBytes = limit(
    limits.maxCertificateBytes,
    'limits.maxCertificateBytes',
    DEFAULT_MAX_CERTIFICATE_BYTES,
  );
  const maxCrlBytes = limit(limits.maxCrlBytes, 'limits.maxCrlBytes', DEFAULT_MAX_CRL_BYTES);
  const intermediates = list(
    options.intermediates,
    'intermediates',
    limit(limits.maxIntermediates, 'limits.maxIntermediates', 256),
    maxBytes,
    false,
  );
  const roots = list(
    options.roots,
    'roots',
    limit(limits.maxRoots, 'limits.maxRoots', 4096),
    maxBytes,
    true,
  );
  const leaf = toCertificate(options.leaf, 'leaf', maxBytes);

  let at = Date.now();
  if (options.at !== undefined) {
    const t = options.at instanceof Date ? options.at.getTime() : options.at;
    if (typeof t !== 'number' || !Number.isFinite(t))
      invalidArgument('at', 'a valid Date or epoch milliseconds', options.at);
    at = t;
  }
  const purpose = options.purpose ?? 'serverAuth';
  if (typeof purpose !== 'string') invalidArgument('purpose', 'a purpose name or OID', purpose);
  let purposeOid: string | undefined;
  if (Object.hasOwn(PURPOSES, purpose)) purposeOid = PURPOSES[purpose];
  else if (/^[0-2](\.(0|[1-9][0-9]*))+$/.test(purpose)) purposeOid = purpose;
  else
    invalidArgument(
      'purpose',
      "'serverAuth', 'clientAuth', 'codeSigning', 'any' or a dotted OID",
      purpose,
    );

  const out: Normalized = {
    leaf,
    intermediates,
    roots,
    // RFC 5280 times have one-second granularity: compare against the floored second.
    at: Math.floor(at / 1000),
    purposeOid,
    server: purposeOid === EKU.serverAuth,
    keyUsageMask: 0,
    crls: [],
    pins: undefined,
    maxDepth: limit(options.maxDepth, 'maxDepth', 8),
    profile: 'web',
    maxSignatureChecks: limit(limits.maxSignatureChecks, 'limits.maxSignatureChecks', 100),
    maxCandidates: limit(limits.maxCandidates, 'limits.maxCandidates', 2000),
    maxNameChecks: limit(limits.maxNameChecks, 'limits.maxNameChecks', 250_000),
  };
  if (options.profile !== undefined) {
    if (options.profile !== 'web' && options.profile !== 'rfc5280') {
      invalidArgument('profile', "'web' or 'rfc5280'", options.profile);
    }
    out.profile = options.profile;
  }
  if (options.hostname !== undefined) {
    if (typeof options.hostname !== 'string' || options.hostname.length === 0) {
      invalidArgument('hostname', 'non-empty string', options.hostname);
    }
    const ipBytes = parseIp(options.hostname);
    const dns = ipBytes ? undefined : normalizeHostname(options.hostname);
    out.hostname = {
      text: options.hostname,
      ...(dns === undefined ? {} : { dns }),
      ...(ipBytes ? { ip: ipBytes } : {}),
    };
  }
  if (options.ip !== undefined) {
    const bytes = typeof options.ip === 'string' ? parseIp(options.ip) : undefined;
    if (!bytes) invalidArgument('ip', 'an IPv4 or IPv6 address', options.ip);
    out.ip = { text: options.ip, bytes };
  }
  if (options.keyUsage !== undefined) {
    if (!Array.isArray(options.keyUsage))
      invalidArgument('keyUsage', 'array of key usage names', options.keyUsage);
    for (const [i, u] of options.keyUsage.entries()) {
      const bit = KEY_USAGES.indexOf(u);
      if (bit < 0) invalidArgument(`keyUsage[${i}]`, KEY_USAGES.join(' | '), u);
      out.keyUsageMask |= 1 << bit;
    }
  }
  if (options.crls !== undefined) {
    if (!Array.isArray(options.crls)) invalidArgument('crls', 'array of CRLs', options.crls);
    out.crls = options.crls.map((c, i) => toCrl(c, `crls[${i}]`, maxCrlBytes));
  }
  if (options.pins !== undefined) {
    if (!Array.isArray(options.pins) || options.pins.length === 0) {
      invalidArgument('pins', 'non-empty array of pins', options.pins);
    }
    out.pins = options.pins.map(pin);
  }
  return out;
}
