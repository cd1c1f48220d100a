/**
 * JSON Web Keys (RFC 7517, RFC 7518 §6, RFC 8037): `oct`, `OKP` (Ed25519, X25519), `EC`
 * (P-256, P-384) and `RSA` (public only). Members are base64url without padding, decoded
 * strictly.
 */
import { assertObject } from '../assert.js';
import { base64urlDecode } from '../bytes.js';
import { InvalidInputError, KeyError, UnsupportedError } from '../errors.js';
import type { Alg } from './algorithms.js';
import type { ParsedKey } from './pkcs.js';

/**
 * A JSON Web Key as cachet reads and writes it.
 *
 * @example
 * ```ts
 * import { exportKey, generateKey, type Jwk } from 'cachet/keys';
 * const jwk: Jwk = exportKey(generateKey('ES256').publicKey!, 'jwk');
 * console.log(jwk.kty, jwk.crv); // 'EC' 'P-256'
 * ```
 */
export interface Jwk {
  kty: 'oct' | 'OKP' | 'EC' | 'RSA';
  kid?: string;
  alg?: string;
  use?: string;
  key_ops?: string[];
  k?: string;
  crv?: string;
  x?: string;
  y?: string;
  d?: string;
  n?: string;
  e?: string;
  [member: string]: unknown;
}

/** A JWK after decoding: either a secret or a parsed asymmetric key. */
export type JwkContents = { family: 'secret'; secret: Uint8Array } | ParsedKey;

function member(jwk: Record<string, unknown>, name: string, required: true): Uint8Array;
function member(
  jwk: Record<string, unknown>,
  name: string,
  required: false,
): Uint8Array | undefined;
function member(
  jwk: Record<string, unknown>,
  name: string,
  required: boolean,
): Uint8Array | undefined {
  const value = jwk[name];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string') {
    throw new InvalidInputError(
      'ERR_INVALID_FORMAT',
      `JWK member "${name}" must be a base64url string`,
    );
  }
  return base64urlDecode(value, `jwk.${name}`);
}

/** A member's value for an error message: short, and never by calling its methods. */
function shown(value: unknown): string {
  return typeof value === 'string' ? `"${value.slice(0, 32)}"` : `of type ${typeof value}`;
}

const RSA_PRIVATE = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'];

/** Decodes a JWK object (or its JSON text). */
export function parseJwk(input: unknown): { contents: JwkContents; kid?: string; alg?: string } {
  let jwk = input;
  if (typeof jwk === 'string') {
    try {
      jwk = JSON.parse(jwk);
    } catch {
      // No `cause`: V8's SyntaxError quotes the input, which here holds key material.
      throw new InvalidInputError('ERR_INVALID_FORMAT', 'JWK is not valid JSON');
    }
  }
  assertObject(jwk, 'jwk');
  const { kty, crv, kid, alg } = jwk;
  if (kid !== undefined && typeof kid !== 'string')
    throw new InvalidInputError('ERR_INVALID_FORMAT', 'JWK "kid" must be a string');
  if (alg !== undefined && typeof alg !== 'string')
    throw new InvalidInputError('ERR_INVALID_FORMAT', 'JWK "alg" must be a string');
  const meta = { ...(kid === undefined ? {} : { kid }), ...(alg === undefined ? {} : { alg }) };
  switch (kty) {
    case 'oct':
      return { contents: { family: 'secret', secret: member(jwk, 'k', true) }, ...meta };
    case 'OKP': {
      if (crv !== 'Ed25519' && crv !== 'X25519') {
        throw new UnsupportedError(
          'ERR_UNSUPPORTED_ALGORITHM',
          `JWK OKP curve ${shown(crv)} is not supported`,
        );
      }
      const d = member(jwk, 'd', false);
      return {
        contents: {
          family: 'okp',
          curve: crv,
          public: member(jwk, 'x', true),
          ...(d ? { private: d } : {}),
        },
        ...meta,
      };
    }
    case 'EC': {
      if (crv !== 'P-256' && crv !== 'P-384') {
        throw new UnsupportedError(
          'ERR_UNSUPPORTED_ALGORITHM',
          `JWK EC curve ${shown(crv)} is not supported`,
        );
      }
      const x = member(jwk, 'x', true);
      const y = member(jwk, 'y', true);
      const size = crv === 'P-256' ? 32 : 48;
      // RFC 7518 §6.2.1.2/§6.2.2.1: coordinates and d are exactly the field size.
      if (x.length !== size || y.length !== size)
        throw new KeyError('ERR_INVALID_KEY', `JWK ${crv} coordinates must be ${size} bytes`);
      const point = new Uint8Array(1 + 2 * size);
      point[0] = 4;
      point.set(x, 1);
      point.set(y, 1 + size);
      const d = member(jwk, 'd', false);
      return {
        contents: { family: 'ec', curve: crv, public: point, ...(d ? { private: d } : {}) },
        ...meta,
      };
    }
    case 'RSA':
      if (RSA_PRIVATE.some((m) => m in jwk)) {
        throw new UnsupportedError(
          'ERR_UNSUPPORTED_ALGORITHM',
          'RSA private keys are not supported; import the public key to verify',
        );
      }
      return {
        contents: { family: 'rsa', n: member(jwk, 'n', true), e: member(jwk, 'e', true) },
        ...meta,
      };
    default:
      if (typeof kty !== 'string')
        throw new InvalidInputError('ERR_INVALID_FORMAT', 'JWK "kty" is missing or not a string');
      throw new UnsupportedError(
        'ERR_UNSUPPORTED_ALGORITHM',
        `JWK "kty" must be oct, OKP, EC or RSA`,
      );
  }
}

/** JOSE names that mean the same as a cachet algorithm on import. */
export const JWK_ALG_ALIASES: Readonly<Record<string, Alg>> = { EdDSA: 'Ed25519' };
