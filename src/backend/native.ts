/**
 * The native backend: node:crypto (OpenSSL) reached through `process.getBuiltinModule`.
 * What OpenSSL 3.0 lacks (AES-GCM-SIV, AES-SIV, deterministic ECDSA) is delegated to the
 * portable backend; XChaCha20-Poly1305 derives its subkey with HChaCha20 in JS and then
 * runs OpenSSL's ChaCha20-Poly1305. Asymmetric keys become KeyObjects once, cached by the
 * identity of the key's byte array (cachet keys are immutable), so no call re-imports.
 */
import { hchacha } from '@noble/ciphers/chacha.js';
import { isAcceptableEd25519Key } from './ed25519-policy.js';
import {
  CURVE_BYTES,
  EC_PKCS8,
  EC_SPKI,
  ED25519_PKCS8,
  ED25519_SPKI,
  withPrefix,
  X25519_PKCS8,
  X25519_SPKI,
} from './key-der.js';
import type { NodeCrypto, NodeKeyObject } from './node.js';
import * as portable from './portable.js';
import type { Curve, EcdsaNonce, HashName, RsaScheme } from './types.js';

const NODE_HASH = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' } as const;
const HASH_LEN = { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 } as const;
const TAG = 16;

/**
 * A Node Buffer as a plain Uint8Array. Zero-copy when the Buffer owns its memory; a copy
 * when it is a slice of Node's shared pool (its `.buffer` would expose unrelated bytes).
 */
function u8(buf: Uint8Array): Uint8Array {
  return buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength
    ? new Uint8Array(buf.buffer, 0, buf.byteLength)
    : Uint8Array.prototype.slice.call(buf);
}

function join(a: Uint8Array, b: Uint8Array, c?: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length + (c?.length ?? 0));
  out.set(a);
  out.set(b, a.length);
  if (c) out.set(c, a.length + b.length);
  return out;
}

function aesName(mode: string, keyLength: number): string {
  return `aes-${keyLength * 8}-${mode}`;
}

function cached(
  cache: WeakMap<Uint8Array, NodeKeyObject>,
  raw: Uint8Array,
  make: () => NodeKeyObject,
): NodeKeyObject {
  let key = cache.get(raw);
  if (!key) {
    key = make();
    cache.set(raw, key);
  }
  return key;
}

const edPrivate = new WeakMap<Uint8Array, NodeKeyObject>();
const edPublic = new WeakMap<Uint8Array, NodeKeyObject>();
const xPrivate = new WeakMap<Uint8Array, NodeKeyObject>();
const xPublic = new WeakMap<Uint8Array, NodeKeyObject>();
const rsaPublic = new WeakMap<Uint8Array, NodeKeyObject>();
const ecPrivate = {
  'P-256': new WeakMap(),
  'P-384': new WeakMap(),
  'P-521': new WeakMap(),
} as Record<Curve, WeakMap<Uint8Array, NodeKeyObject>>;
const ecPublic = {
  'P-256': new WeakMap(),
  'P-384': new WeakMap(),
  'P-521': new WeakMap(),
} as Record<Curve, WeakMap<Uint8Array, NodeKeyObject>>;

function privateKey(
  c: NodeCrypto,
  cache: WeakMap<Uint8Array, NodeKeyObject>,
  prefix: Uint8Array,
  raw: Uint8Array,
) {
  return cached(cache, raw, () =>
    c.createPrivateKey({ key: withPrefix(prefix, raw), format: 'der', type: 'pkcs8' }),
  );
}

function publicKey(
  c: NodeCrypto,
  cache: WeakMap<Uint8Array, NodeKeyObject>,
  prefix: Uint8Array,
  raw: Uint8Array,
) {
  return cached(cache, raw, () =>
    c.createPublicKey({ key: withPrefix(prefix, raw), format: 'der', type: 'spki' }),
  );
}

function spkiTail(c: NodeCrypto, key: NodeKeyObject, length: number): Uint8Array {
  const spki = c.createPublicKey(key).export({ format: 'der', type: 'spki' });
  return u8(spki).slice(spki.length - length);
}

export function randomBytes(c: NodeCrypto, length: number): Uint8Array {
  return c.randomFillSync(new Uint8Array(length));
}

export function digest(c: NodeCrypto, hash: HashName, data: Uint8Array): Uint8Array {
  return u8(c.createHash(NODE_HASH[hash]).update(data).digest());
}

export function hmac(c: NodeCrypto, hash: HashName, key: Uint8Array, data: Uint8Array): Uint8Array {
  return u8(c.createHmac(NODE_HASH[hash], key).update(data).digest());
}

export function hkdf(
  c: NodeCrypto,
  hash: HashName,
  ikm: Uint8Array,
  salt: Uint8Array,
  info: Uint8Array,
  length: number,
): Uint8Array {
  // node:crypto caps `info` at 1024 bytes; RFC 5869 does not.
  if (info.length > 1024) return portable.hkdf(hash, ikm, salt, info, length);
  if (length > 255 * HASH_LEN[hash])
    throw new RangeError('HKDF output length exceeds 255 * HashLen');
  return new Uint8Array(c.hkdfSync(NODE_HASH[hash], ikm, salt, info, length));
}

function aeadSeal(
  c: NodeCrypto,
  name: string,
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  const cipher = c.createCipheriv(name, key, nonce, { authTagLength: TAG });
  if (aad.length > 0) cipher.setAAD(aad, { plaintextLength: plaintext.length });
  const body = cipher.update(plaintext);
  cipher.final();
  return join(body, cipher.getAuthTag());
}

function aeadOpen(
  c: NodeCrypto,
  name: string,
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  if (sealed.length < TAG) return null;
  const split = sealed.length - TAG;
  try {
    const decipher = c.createDecipheriv(name, key, nonce, { authTagLength: TAG });
    decipher.setAuthTag(sealed.subarray(split));
    if (aad.length > 0) decipher.setAAD(aad, { plaintextLength: split });
    const body = decipher.update(sealed.subarray(0, split));
    decipher.final(); // throws when the tag does not verify; `body` is never returned then
    return u8(body);
  } catch {
    return null;
  }
}

export function aesGcmSeal(
  c: NodeCrypto,
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  if (nonce.length !== 12) throw new RangeError('AES-GCM needs a 12-byte nonce');
  return aeadSeal(c, aesName('gcm', key.length), key, nonce, plaintext, aad);
}

export function aesGcmOpen(
  c: NodeCrypto,
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  if (nonce.length !== 12) return null;
  return aeadOpen(c, aesName('gcm', key.length), key, nonce, sealed, aad);
}

export function chacha20Poly1305Seal(
  c: NodeCrypto,
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  return aeadSeal(c, 'chacha20-poly1305', key, nonce, plaintext, aad);
}

export function chacha20Poly1305Open(
  c: NodeCrypto,
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  if (nonce.length !== 12) return null;
  return aeadOpen(c, 'chacha20-poly1305', key, nonce, sealed, aad);
}

const SIGMA = new Uint32Array([0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]); // "expand 32-byte k"

function readU32LE(bytes: Uint8Array, words: number): Uint32Array {
  const out = new Uint32Array(words);
  for (let i = 0; i < words; i++) {
    out[i] =
      bytes[4 * i]! |
      (bytes[4 * i + 1]! << 8) |
      (bytes[4 * i + 2]! << 16) |
      (bytes[4 * i + 3]! << 24);
  }
  return out;
}

/**
 * draft-irtf-cfrg-xchacha-03 §2.3: the subkey is HChaCha20(key, nonce[0..16]) and the
 * ChaCha20-Poly1305 nonce is four zero bytes followed by nonce[16..24].
 */
function xchachaParams(key: Uint8Array, nonce: Uint8Array): [Uint8Array, Uint8Array] {
  const words = new Uint32Array(8);
  hchacha(SIGMA, readU32LE(key, 8), readU32LE(nonce, 4), words);
  const subkey = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const w = words[i]!;
    subkey[4 * i] = w & 0xff;
    subkey[4 * i + 1] = (w >>> 8) & 0xff;
    subkey[4 * i + 2] = (w >>> 16) & 0xff;
    subkey[4 * i + 3] = w >>> 24;
  }
  const nonce12 = new Uint8Array(12);
  nonce12.set(nonce.subarray(16, 24), 4);
  return [subkey, nonce12];
}

export function xchacha20Poly1305Seal(
  c: NodeCrypto,
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  if (key.length !== 32 || nonce.length !== 24)
    throw new RangeError('XChaCha20-Poly1305 needs a 32-byte key and 24-byte nonce');
  const [subkey, nonce12] = xchachaParams(key, nonce);
  try {
    return aeadSeal(c, 'chacha20-poly1305', subkey, nonce12, plaintext, aad);
  } finally {
    subkey.fill(0);
  }
}

export function xchacha20Poly1305Open(
  c: NodeCrypto,
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  if (key.length !== 32 || nonce.length !== 24) return null;
  const [subkey, nonce12] = xchachaParams(key, nonce);
  try {
    return aeadOpen(c, 'chacha20-poly1305', subkey, nonce12, sealed, aad);
  } finally {
    subkey.fill(0);
  }
}

// RFC 3394 §2.2.3.1 and RFC 5649 §3 default initial values.
const KW_IV = new Uint8Array([0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6]);
const KWP_IV = new Uint8Array([0xa6, 0x59, 0x59, 0xa6]);

function wrap(
  c: NodeCrypto,
  name: string,
  iv: Uint8Array,
  kek: Uint8Array,
  data: Uint8Array,
): Uint8Array {
  const cipher = c.createCipheriv(name, kek, iv);
  return join(cipher.update(data), cipher.final());
}

function unwrap(
  c: NodeCrypto,
  name: string,
  iv: Uint8Array,
  kek: Uint8Array,
  data: Uint8Array,
): Uint8Array | null {
  try {
    const decipher = c.createDecipheriv(name, kek, iv);
    return join(decipher.update(data), decipher.final());
  } catch {
    return null;
  }
}

export function aesKwWrap(c: NodeCrypto, kek: Uint8Array, key: Uint8Array): Uint8Array {
  // RFC 3394 §2: at least two 64-bit blocks.
  if (key.length < 16 || key.length % 8 !== 0)
    throw new RangeError('AES-KW input must be n*8 bytes, n >= 2');
  return wrap(c, `id-aes${kek.length * 8}-wrap`, KW_IV, kek, key);
}

export function aesKwUnwrap(
  c: NodeCrypto,
  kek: Uint8Array,
  wrapped: Uint8Array,
): Uint8Array | null {
  if (wrapped.length < 24 || wrapped.length % 8 !== 0) return null;
  return unwrap(c, `id-aes${kek.length * 8}-wrap`, KW_IV, kek, wrapped);
}

export function aesKwpWrap(c: NodeCrypto, kek: Uint8Array, key: Uint8Array): Uint8Array {
  if (key.length === 0) throw new RangeError('AES-KWP input must not be empty');
  return wrap(c, `id-aes${kek.length * 8}-wrap-pad`, KWP_IV, kek, key);
}

export function aesKwpUnwrap(
  c: NodeCrypto,
  kek: Uint8Array,
  wrapped: Uint8Array,
): Uint8Array | null {
  if (wrapped.length < 16 || wrapped.length % 8 !== 0) return null;
  return unwrap(c, `id-aes${kek.length * 8}-wrap-pad`, KWP_IV, kek, wrapped);
}

export function ed25519PublicKey(c: NodeCrypto, seed: Uint8Array): Uint8Array {
  return spkiTail(c, privateKey(c, edPrivate, ED25519_PKCS8, seed), 32);
}

export function ed25519Sign(c: NodeCrypto, seed: Uint8Array, message: Uint8Array): Uint8Array {
  return u8(c.sign(null, message, privateKey(c, edPrivate, ED25519_PKCS8, seed)));
}

export function ed25519Verify(
  c: NodeCrypto,
  key: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (signature.length !== 64 || !isAcceptableEd25519Key(key)) return false;
  try {
    return c.verify(null, message, publicKey(c, edPublic, ED25519_SPKI, key), signature);
  } catch {
    return false;
  }
}

export function ecPublicKey(c: NodeCrypto, curve: Curve, scalar: Uint8Array): Uint8Array {
  return spkiTail(
    c,
    privateKey(c, ecPrivate[curve], EC_PKCS8[curve], scalar),
    1 + 2 * CURVE_BYTES[curve],
  );
}

export function ecdsaSign(
  c: NodeCrypto,
  curve: Curve,
  hash: HashName,
  scalar: Uint8Array,
  message: Uint8Array,
  nonce: EcdsaNonce,
): Uint8Array {
  // OpenSSL derives k from the private key, the digest and fresh randomness (hedged);
  // it cannot do RFC 6979, so deterministic or caller-entropy signing is portable's job.
  if (nonce !== 'hedged') return portable.ecdsaSign(curve, hash, scalar, message, nonce);
  const key = privateKey(c, ecPrivate[curve], EC_PKCS8[curve], scalar);
  return u8(c.sign(NODE_HASH[hash], message, { key, dsaEncoding: 'ieee-p1363' }));
}

export function ecdsaVerify(
  c: NodeCrypto,
  curve: Curve,
  hash: HashName,
  key: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (signature.length !== 2 * CURVE_BYTES[curve]) return false;
  try {
    const pub = publicKey(c, ecPublic[curve], EC_SPKI[curve], key);
    return c.verify(NODE_HASH[hash], message, { key: pub, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}

export function ecdh(
  c: NodeCrypto,
  curve: Curve,
  scalar: Uint8Array,
  key: Uint8Array,
): Uint8Array | null {
  try {
    return u8(
      c.diffieHellman({
        privateKey: privateKey(c, ecPrivate[curve], EC_PKCS8[curve], scalar),
        publicKey: publicKey(c, ecPublic[curve], EC_SPKI[curve], key),
      }),
    );
  } catch {
    return null;
  }
}

export function x25519PublicKey(c: NodeCrypto, key: Uint8Array): Uint8Array {
  return spkiTail(c, privateKey(c, xPrivate, X25519_PKCS8, key), 32);
}

export function x25519(c: NodeCrypto, key: Uint8Array, peer: Uint8Array): Uint8Array | null {
  try {
    // OpenSSL fails when the result is all zero (RFC 7748 §6.1), i.e. for low-order peers.
    return u8(
      c.diffieHellman({
        privateKey: privateKey(c, xPrivate, X25519_PKCS8, key),
        publicKey: publicKey(c, xPublic, X25519_SPKI, peer),
      }),
    );
  } catch {
    return null;
  }
}

export async function rsaVerify(
  c: NodeCrypto,
  scheme: RsaScheme,
  hash: HashName,
  spki: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
  saltLength?: number,
): Promise<boolean> {
  try {
    const key = cached(rsaPublic, spki, () =>
      c.createPublicKey({ key: spki, format: 'der', type: 'spki' }),
    );
    const padding =
      scheme === 'pss' ? c.constants.RSA_PKCS1_PSS_PADDING : c.constants.RSA_PKCS1_PADDING;
    const options =
      scheme === 'pss'
        ? { key, padding, saltLength: saltLength ?? HASH_LEN[hash] }
        : { key, padding };
    return c.verify(NODE_HASH[hash], message, options, signature);
  } catch {
    return false;
  }
}
