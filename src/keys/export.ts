/**
 * exportKey: public keys export freely; secret and private material only when the caller
 * asks for it by name (`{ includeSecret: true }`), so it never leaves by accident.
 */
import { assertObject, assertOneOf, invalidArgument } from '../assert.js';
import { base64urlEncode } from '../bytes.js';
import { DerReader } from '../der.js';
import { KeyError, UnsupportedError } from '../errors.js';
import { pemEncode } from '../pem.js';
import type { KeyFormat } from './import.js';
import type { Jwk } from './jwk.js';
import { infoOf, isKey, type Key, materialOf } from './key.js';
import { encodePkcs8, encodeSpki } from './pkcs.js';
import { parseRsaPublicKey } from './rsa.js';

/**
 * Options of {@link exportKey}.
 *
 * @example
 * ```ts
 * import { type ExportKeyOptions, exportKey, generateKey } from 'cachet/keys';
 * const options: ExportKeyOptions = { includeSecret: true };
 * const raw = exportKey(generateKey('HS256'), 'raw', options);
 * ```
 */
export interface ExportKeyOptions {
  /** Required to export a secret or private key: the material leaves cachet's custody. */
  includeSecret?: boolean;
  /** Raw EC public keys: the 33/49-byte compressed point instead of the uncompressed one. */
  compressed?: boolean;
}

type OkpOrEcCurve = 'Ed25519' | 'X25519' | 'P-256' | 'P-384';

function compress(point: Uint8Array): Uint8Array {
  const size = (point.length - 1) / 2;
  const out = new Uint8Array(1 + size);
  out[0] = point[point.length - 1]! & 1 ? 3 : 2; // SEC1 §2.3.3: 02/03 by the parity of y
  out.set(point.subarray(1, 1 + size), 1);
  return out;
}

function rsaMembers(spki: Uint8Array): { n: string; e: string } {
  const outer = new DerReader(spki, 'RSA key');
  const seq = outer.enter();
  seq.enter();
  const { n, e } = parseRsaPublicKey(seq.readBitString());
  return { n: base64urlEncode(n), e: base64urlEncode(e) };
}

/**
 * Exports a key.
 *
 * - public keys: `raw` (Ed25519/X25519 32 bytes; EC uncompressed or `compressed` point),
 *   `der`/`pem` (SubjectPublicKeyInfo), `jwk`;
 * - private keys, with `includeSecret`: `raw` (seed or scalar), `der`/`pem` (PKCS #8), `jwk`;
 * - secret keys, with `includeSecret`: `raw`, `jwk` (`oct`).
 *
 * @param key - the key
 * @param format - `'raw'`, `'der'`, `'pem'` or `'jwk'`
 * @param options - `includeSecret` to allow secret material out; `compressed` for EC points
 * @returns bytes for raw/der, a string for pem, an object for jwk
 * @throws {@link cachet!KeyError} ERR_WRONG_KEY_TYPE when secret material is asked for without `includeSecret`
 * @throws {@link cachet!UnsupportedError} ERR_UNSUPPORTED_ALGORITHM for a format the key type has no form in
 * @example
 * ```ts
 * import { exportKey, generateKey } from 'cachet/keys';
 * const key = generateKey('Ed25519');
 * const spkiPem = exportKey(key.publicKey!, 'pem');
 * const jwk = exportKey(key, 'jwk', { includeSecret: true }); // has "d": handle with care
 * ```
 */
export function exportKey(key: Key, format: 'raw' | 'der', options?: ExportKeyOptions): Uint8Array;
export function exportKey(key: Key, format: 'pem', options?: ExportKeyOptions): string;
export function exportKey(key: Key, format: 'jwk', options?: ExportKeyOptions): Jwk;
export function exportKey(
  key: Key,
  format: KeyFormat,
  options?: ExportKeyOptions,
): Uint8Array | string | Jwk;
export function exportKey(
  key: Key,
  format: KeyFormat,
  options: ExportKeyOptions = {},
): Uint8Array | string | Jwk {
  if (!isKey(key)) invalidArgument('key', 'a cachet Key', key);
  assertOneOf(format, 'format', ['raw', 'jwk', 'pem', 'der']);
  assertObject(options, 'options');
  if (key.type !== 'public' && options.includeSecret !== true) {
    throw new KeyError(
      'ERR_WRONG_KEY_TYPE',
      `exporting a ${key.type} key needs { includeSecret: true }` +
        (key.type === 'private' ? '; export key.publicKey for the public half' : ''),
    );
  }
  const info = infoOf(key);
  const material = materialOf(key);
  const unsupported = (): never => {
    throw new UnsupportedError(
      'ERR_UNSUPPORTED_ALGORITHM',
      `a ${key.alg} ${key.type} key has no ${format} form`,
    );
  };

  if (info.family === 'secret') {
    const secret = material.secret!;
    if (format === 'raw') return secret.slice();
    if (format === 'jwk')
      return { kty: 'oct', k: base64urlEncode(secret), alg: key.alg, kid: key.id };
    return unsupported();
  }
  if (info.family === 'rsa') {
    const spki = material.public!;
    if (format === 'der') return spki.slice();
    if (format === 'pem') return pemEncode('PUBLIC KEY', spki);
    if (format === 'jwk') return { kty: 'RSA', ...rsaMembers(spki), alg: key.alg, kid: key.id };
    return unsupported();
  }

  const curve = info.curve as OkpOrEcCurve;
  const pub = material.public!;
  const priv = key.type === 'private' ? material.private! : undefined;
  switch (format) {
    case 'raw':
      if (priv) return priv.slice();
      return options.compressed && info.family === 'ec' ? compress(pub) : pub.slice();
    case 'der':
      return priv ? encodePkcs8(curve, priv) : encodeSpki(curve, pub);
    case 'pem':
      return priv
        ? pemEncode('PRIVATE KEY', encodePkcs8(curve, priv))
        : pemEncode('PUBLIC KEY', encodeSpki(curve, pub));
    default: {
      const d = priv ? { d: base64urlEncode(priv) } : {};
      const alg = key.alg === 'X25519' ? {} : { alg: key.alg };
      if (info.family === 'okp')
        return { kty: 'OKP', crv: curve, x: base64urlEncode(pub), ...d, ...alg, kid: key.id };
      const size = (pub.length - 1) / 2;
      return {
        kty: 'EC',
        crv: curve,
        x: base64urlEncode(pub.subarray(1, 1 + size)),
        y: base64urlEncode(pub.subarray(1 + size)),
        ...d,
        ...alg,
        kid: key.id,
      };
    }
  }
}
