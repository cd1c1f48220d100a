/**
 * importKey: one entry point for raw bytes, JWK, PEM and DER. The algorithm is taken from
 * the options, the JWK `alg`, or the key itself (Ed25519, X25519, P-256 → ES256,
 * P-384 → ES384); symmetric and RSA keys need it named, since the bytes cannot say.
 */
import { assertBytes, assertObject, assertOneOf, invalidArgument } from '../assert.js';
import { DerReader, TAG } from '../der.js';
import { InvalidInputError, KeyError, UnsupportedError } from '../errors.js';
import { pemDecode } from '../pem.js';
import {
  ALG_NAMES,
  ALGORITHMS,
  type Alg,
  type AsymmetricAlg,
  type RsaAlg,
  type SymmetricAlg,
} from './algorithms.js';
import { privateKey, publicKey } from './asymmetric.js';
import { checkKeyId, isKeyId } from './id.js';
import { JWK_ALG_ALIASES, type Jwk, type JwkContents, parseJwk } from './jwk.js';
import type { Key } from './key.js';
import { parsePkcs8, parseSec1, parseSpki } from './pkcs.js';
import { parseRsaPublicKey, rsaPublicKey } from './rsa.js';
import { type KeyOrigin, secretKey } from './secret.js';

/**
 * Key encodings.
 *
 * @example
 * ```ts
 * import { type KeyFormat, importKey } from 'cachet/keys';
 * const format: KeyFormat = 'raw';
 * const key = importKey(new Uint8Array(32), { alg: 'A256KW', format });
 * ```
 */
export type KeyFormat = 'raw' | 'jwk' | 'pem' | 'der';

/**
 * Options of {@link importKey}.
 *
 * @example
 * ```ts
 * import { type ImportKeyOptions, importKey } from 'cachet/keys';
 * const options: ImportKeyOptions = { alg: 'X25519', format: 'raw', type: 'private' };
 * console.log(importKey(new Uint8Array(32).fill(1), options).type); // 'private'
 * ```
 */
export interface ImportKeyOptions {
  /** The algorithm; needed for raw, symmetric and RSA keys, inferred otherwise. */
  alg?: Alg;
  /** The encoding; inferred when absent (PEM text, JWK object or JSON text, raw bytes). */
  format?: KeyFormat;
  /** For raw Ed25519/X25519/EC bytes: whether they are the private or (default) public key. */
  type?: 'private' | 'public';
  /** The key id (8 lowercase hex); else a JWK `kid` of that form; else derived from the key. */
  id?: string;
}

function inferFormat(input: unknown): KeyFormat {
  if (input instanceof Uint8Array) return 'raw';
  // RFC 7468 §5.2 lets explanatory text precede the PEM block.
  if (typeof input === 'string') return input.includes('-----BEGIN ') ? 'pem' : 'jwk';
  // Other binary views (ArrayBuffer, Uint16Array...) are mistakes, not JWKs.
  const binary = ArrayBuffer.isView(input) || input instanceof ArrayBuffer;
  if (typeof input === 'object' && input !== null && !binary) return 'jwk';
  return invalidArgument('input', 'Uint8Array, PEM string or JWK', input);
}

function decodeDer(der: Uint8Array): JwkContents {
  // SPKI is SEQUENCE { SEQUENCE (algorithm) ... }; PKCS #8 is SEQUENCE { INTEGER (version),
  // SEQUENCE (algorithm) ... }; SEC1 (RFC 5915, what `openssl pkey -outform DER` writes for
  // EC keys) is SEQUENCE { INTEGER 1, OCTET STRING ... }.
  const body = new DerReader(der, 'DER key').enter();
  if (body.peekTag() !== TAG.INTEGER) return parseSpki(der);
  body.read(TAG.INTEGER);
  return body.peekTag() === TAG.OCTET_STRING ? parseSec1(der) : parsePkcs8(der);
}

function decodePem(text: string): JwkContents {
  const { label, der } = pemDecode(text, 'input');
  switch (label) {
    case 'PUBLIC KEY':
      return parseSpki(der);
    case 'PRIVATE KEY':
      return parsePkcs8(der);
    case 'EC PRIVATE KEY':
      return parseSec1(der);
    case 'RSA PUBLIC KEY':
      return { family: 'rsa', ...parseRsaPublicKey(der) };
    case 'ENCRYPTED PRIVATE KEY':
      throw new UnsupportedError(
        'ERR_UNSUPPORTED_ALGORITHM',
        'encrypted PKCS #8 is not supported; decrypt it first (openssl pkcs8 -in key.pem -out plain.pem)',
      );
    default:
      throw new InvalidInputError('ERR_INVALID_FORMAT', `PEM label "${label}" is not a key`);
  }
}

function inferAlg(contents: JwkContents): Alg | undefined {
  if (contents.family === 'okp') return contents.curve;
  if (contents.family === 'ec') return contents.curve === 'P-256' ? 'ES256' : 'ES384';
  return undefined;
}

function resolveAlg(
  contents: JwkContents,
  optionAlg: Alg | undefined,
  jwkAlg: string | undefined,
): Alg {
  const fromJwk =
    jwkAlg === undefined || !Object.hasOwn(JWK_ALG_ALIASES, jwkAlg)
      ? jwkAlg
      : JWK_ALG_ALIASES[jwkAlg];
  if (optionAlg && fromJwk && optionAlg !== fromJwk) {
    throw new KeyError(
      'ERR_WRONG_KEY_TYPE',
      `options.alg "${optionAlg}" contradicts the JWK's alg "${jwkAlg!.slice(0, 32)}"`,
    );
  }
  const alg = optionAlg ?? fromJwk ?? inferAlg(contents);
  if (alg === undefined) {
    const kind = contents.family === 'rsa' ? 'an RSA key (RS256, PS256, ...)' : 'a symmetric key';
    throw new InvalidInputError('ERR_INVALID_ARGUMENT', `"options.alg" is required for ${kind}`);
  }
  if (!(ALG_NAMES as readonly string[]).includes(alg)) {
    throw new UnsupportedError(
      'ERR_UNSUPPORTED_ALGORITHM',
      `algorithm "${alg.slice(0, 32)}" is not supported`,
    );
  }
  const info = ALGORITHMS[alg as Alg];
  const fits =
    contents.family === info.family &&
    (contents.family === 'secret' || contents.family === 'rsa' || contents.curve === info.curve);
  if (!fits) throw new KeyError('ERR_WRONG_KEY_TYPE', `the key material is not a ${alg} key`);
  return alg as Alg;
}

/**
 * Imports a key from raw bytes, a JWK, PEM or DER. Public keys are validated (on the
 * curve, not the identity, canonical, not of small order); private keys are range-checked
 * and matched with their public half when one is included; symmetric keys must have their
 * algorithm's length (HMAC: at least the hash length, RFC 7518 §3.2).
 *
 * @param input - raw bytes, a PEM string, a JWK object or its JSON text, or DER bytes
 * @param options - `alg`, `format`, `type` (raw asymmetric keys) and `id`
 * @returns the key
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_FORMAT / ERR_INVALID_ARGUMENT for malformed input
 * @throws {@link cachet!KeyError} ERR_INVALID_KEY for invalid material, ERR_WRONG_KEY_TYPE for an alg mismatch
 * @throws {@link cachet!UnsupportedError} ERR_UNSUPPORTED_ALGORITHM for key types cachet does not handle
 * @example
 * ```ts
 * import { importKey } from 'cachet/keys';
 * const key = importKey(new Uint8Array(32).fill(7), { alg: 'A256GCM' });
 * const pub = importKey({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' });
 * console.log(key.type, pub.alg); // 'secret' 'Ed25519'
 * ```
 */
export function importKey(
  input: Uint8Array | string | Jwk | JsonWebKey,
  options: ImportKeyOptions = {},
): Key {
  assertObject(options, 'options');
  const format = options.format === undefined ? inferFormat(input) : options.format;
  assertOneOf(format, 'options.format', ['raw', 'jwk', 'pem', 'der']);
  if (options.alg !== undefined) assertOneOf(options.alg, 'options.alg', ALG_NAMES);
  if (options.type !== undefined) assertOneOf(options.type, 'options.type', ['private', 'public']);
  const origin: KeyOrigin =
    options.id === undefined ? {} : { id: checkKeyId(options.id, 'options.id') };

  let contents: JwkContents;
  let jwkAlg: string | undefined;
  if (format === 'raw') {
    assertBytes(input, 'input');
    if (!options.alg)
      throw new InvalidInputError('ERR_INVALID_ARGUMENT', '"options.alg" is required for raw keys');
    const info = ALGORITHMS[options.alg];
    if (info.family === 'rsa') {
      throw new UnsupportedError(
        'ERR_UNSUPPORTED_ALGORITHM',
        'raw RSA keys are not supported; use pem, der or jwk',
      );
    }
    if (info.family === 'secret') contents = { family: 'secret', secret: input };
    else {
      const side = options.type === 'private' ? { private: input } : { public: input };
      contents = { family: info.family, curve: info.curve, ...side } as JwkContents;
    }
  } else if (format === 'jwk') {
    const parsed = parseJwk(input);
    contents = parsed.contents;
    jwkAlg = parsed.alg;
    if (origin.id === undefined && isKeyId(parsed.kid)) origin.id = parsed.kid;
  } else if (format === 'pem') {
    if (typeof input !== 'string') invalidArgument('input', 'PEM string', input);
    contents = decodePem(input);
  } else {
    assertBytes(input, 'input');
    contents = decodeDer(input);
  }

  const alg = resolveAlg(contents, options.alg, jwkAlg);
  switch (contents.family) {
    case 'secret':
      return secretKey(alg as SymmetricAlg, contents.secret, origin);
    case 'rsa':
      return rsaPublicKey(alg as RsaAlg, contents.n, contents.e, origin);
    default:
      if (contents.private)
        return privateKey(alg as AsymmetricAlg, contents.private, contents.public, origin);
      return publicKey(alg as AsymmetricAlg, contents.public!, origin);
  }
}
