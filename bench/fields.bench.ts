// cachet/fields and cachet/aead: a 64-byte string field encrypted to text and decrypted
// back (the hot path of a web app reading and writing a row), against hand-written
// node:crypto AES-256-GCM with a random nonce and base64 (the floor), raw @noble/ciphers
// GCM with @scure/base (the portable floor) and the peers: @47ng/cloak, WebCrypto AES-GCM
// and libsodium-wrappers XChaCha20-Poly1305, each to base64 and back; the cost of key
// commitment; the deterministic and blind-index paths; and 1 MiB encrypted at rest.
import * as crypto from 'node:crypto';
import { decryptStringSync, encryptStringSync, parseKeySync } from '@47ng/cloak';
import { gcm } from '@noble/ciphers/aes.js';
import { base64urlnopad } from '@scure/base';
import sodium from 'libsodium-wrappers';
import { aead } from '../src/aead/index.js';
import { fieldCipher } from '../src/fields/index.js';
import { Keyring } from '../src/keys/index.js';
import type { Group } from './harness.js';

const FIELD = 'alice.lovelace+newsletter@analytical-engine.example.org, London, UK!'.slice(0, 64);
const MIB = 1024 * 1024;

export async function groups(): Promise<Group[]> {
  if (new TextEncoder().encode(FIELD).length !== 64) throw new Error('the field must be 64 bytes');
  const keyring = Keyring.generate('A256GCM');
  const email = fieldCipher(keyring, { table: 'users', column: 'email' });
  const loose = fieldCipher(keyring, { table: 'users', column: 'email', keyCommitment: false });
  const nid = fieldCipher(Keyring.generate('AES-SIV'), {
    table: 'users',
    column: 'national_id',
    deterministic: true,
  });
  const indexed = fieldCipher(keyring, {
    table: 'users',
    column: 'email',
    blindIndex: { normalize: 'email' },
  });
  const key = crypto.randomBytes(32);
  const cloakKey = parseKeySync(`k1.aesgcm256.${key.toString('base64url')}`);
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const box = aead(keyring);
  const record = crypto.randomBytes(MIB);

  const floor = () => {
    const iv = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', key, iv);
    const body = c.update(FIELD, 'utf8');
    c.final();
    const text = Buffer.concat([iv, body, c.getAuthTag()]).toString('base64');
    const bytes = Buffer.from(text, 'base64');
    const d = crypto.createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
    d.setAuthTag(bytes.subarray(bytes.length - 16));
    const plain = d.update(bytes.subarray(12, bytes.length - 16));
    d.final();
    return plain.toString('utf8');
  };
  const noble = () => {
    const nonce = globalThis.crypto.getRandomValues(new Uint8Array(12));
    const sealed = gcm(key, nonce).encrypt(encoder.encode(FIELD));
    const out = new Uint8Array(12 + sealed.length);
    out.set(nonce);
    out.set(sealed, 12);
    const bytes = base64urlnopad.decode(base64urlnopad.encode(out));
    return decoder.decode(gcm(key, bytes.subarray(0, 12)).decrypt(bytes.subarray(12)));
  };
  // What a per-message commitment would cost: the floor plus one HKDF-SHA-256 on each side
  // deriving a message key and a commitment from a 32-byte random salt (as the AWS
  // Encryption SDK's committing suites do), and the commitment compared on decryption.
  const perMessageHkdf = () => {
    const salt = crypto.randomBytes(32);
    const derived = Buffer.from(crypto.hkdfSync('sha256', key, salt, 'cachet sketch', 64));
    const iv = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', derived.subarray(0, 32), iv);
    const body = c.update(FIELD, 'utf8');
    c.final();
    const text = Buffer.concat([salt, derived.subarray(32), iv, body, c.getAuthTag()]).toString(
      'base64',
    );
    const bytes = Buffer.from(text, 'base64');
    const again = Buffer.from(
      crypto.hkdfSync('sha256', key, bytes.subarray(0, 32), 'cachet sketch', 64),
    );
    if (!crypto.timingSafeEqual(again.subarray(32), bytes.subarray(32, 64)))
      throw new Error('commitment');
    const d = crypto.createDecipheriv('aes-256-gcm', again.subarray(0, 32), bytes.subarray(64, 76));
    d.setAuthTag(bytes.subarray(bytes.length - 16));
    const plain = d.update(bytes.subarray(76, bytes.length - 16));
    d.final();
    return plain.toString('utf8');
  };
  // WebCrypto: the CryptoKey imported once; the Web API's own base64 is btoa/atob, so
  // Buffer's (faster) stands in for it.
  const subtle = globalThis.crypto.subtle;
  const webKey = await subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt', 'decrypt']);
  const webCrypto = async () => {
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
    const sealed = await subtle.encrypt({ name: 'AES-GCM', iv }, webKey, encoder.encode(FIELD));
    const text = Buffer.concat([iv, new Uint8Array(sealed)]).toString('base64');
    const bytes = Buffer.from(text, 'base64');
    const iv2 = bytes.subarray(0, 12);
    return decoder.decode(
      await subtle.decrypt({ name: 'AES-GCM', iv: iv2 }, webKey, bytes.subarray(12)),
    );
  };
  await sodium.ready;
  const sodiumKey = sodium.crypto_aead_xchacha20poly1305_ietf_keygen();
  const libsodium = () => {
    const nonce = sodium.randombytes_buf(24);
    const sealed = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
      FIELD,
      null,
      null,
      nonce,
      sodiumKey,
    );
    const out = new Uint8Array(24 + sealed.length);
    out.set(nonce);
    out.set(sealed, 24);
    const bytes = sodium.from_base64(sodium.to_base64(out));
    const plain = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      bytes.subarray(24),
      null,
      bytes.subarray(0, 24),
      sodiumKey,
    );
    return sodium.to_string(plain);
  };
  if (perMessageHkdf() !== FIELD) throw new Error('the HKDF sketch does not round-trip');
  if (libsodium() !== FIELD || (await webCrypto()) !== FIELD) {
    throw new Error('a peer does not round-trip');
  }
  if (floor() !== FIELD || noble() !== FIELD || email.decrypt(email.encrypt(FIELD)) !== FIELD) {
    throw new Error('a case does not round-trip');
  }

  return [
    {
      area: 'fields',
      name: 'encrypt + decrypt a 64-byte string field, to and from text',
      note: 'floor: node:crypto AES-256-GCM, random 96-bit nonce, base64 (no header, no key id, no context, no type). cachet adds the version/suite/key-id header, the 32-byte key commitment, table/column binding as AAD and the type tag (defaults). Portable target: raw @noble/ciphers gcm with @scure/base. Peers: @47ng/cloak (its own header, AES-256-GCM), WebCrypto AES-256-GCM (asynchronous) and libsodium-wrappers XChaCha20-Poly1305 (WebAssembly), each with a random nonce and base64.',
      cases: [
        {
          name: 'cachet (native)',
          kind: 'cachet',
          backend: 'native',
          fn: () => email.decrypt(email.encrypt(FIELD)),
        },
        {
          name: 'cachet (portable)',
          kind: 'cachet',
          backend: 'portable',
          fn: () => email.decrypt(email.encrypt(FIELD)),
        },
        { name: 'node:crypto floor', kind: 'floor', fn: floor },
        { name: '@noble/ciphers gcm + @scure/base', kind: 'noble', fn: noble },
        {
          name: '@47ng/cloak (sync)',
          kind: 'peer',
          fn: () => decryptStringSync(encryptStringSync(FIELD, cloakKey), cloakKey),
        },
        { name: 'WebCrypto AES-GCM', kind: 'peer', fn: webCrypto },
        { name: 'libsodium-wrappers XChaCha20-Poly1305', kind: 'peer', fn: libsodium },
      ],
      targets: [
        { subject: 'cachet (native)', baseline: 'node:crypto floor', max: 1.3 },
        { subject: 'cachet (native)', baseline: 'best-peer', max: 1 },
        { subject: 'cachet (portable)', baseline: '@noble/ciphers gcm + @scure/base', max: 1.15 },
      ],
    },
    {
      area: 'fields',
      name: 'key commitment cost (64-byte field round trip, native)',
      note: 'The same round trip with and without the key commitment (keyCommitment: false). The commitment is derived once per key, so per message it costs 32 bytes to write, compare and encode. For comparison: the node:crypto floor alone, and with a per-message HKDF commitment (the design not chosen).',
      cases: [
        {
          name: 'committed (default)',
          kind: 'cachet',
          backend: 'native',
          fn: () => email.decrypt(email.encrypt(FIELD)),
        },
        {
          name: 'not committed',
          kind: 'cachet',
          backend: 'native',
          fn: () => loose.decrypt(loose.encrypt(FIELD)),
        },
        { name: 'node:crypto floor', kind: 'floor', fn: floor },
        { name: 'floor + per-message HKDF (AWS-style sketch)', kind: 'cachet', fn: perMessageHkdf },
      ],
      targets: [{ subject: 'committed (default)', baseline: 'not committed', max: 1.1 }],
    },
    {
      area: 'fields',
      name: 'deterministic (AES-SIV) field round trip and a blind index',
      note: 'Native AES-SIV is CMAC (AES-CBC) and AES-CTR on node:crypto, which has no SIV mode; portable is @noble/ciphers. The blind index is HKDF-derived once per key, then one HMAC-SHA-256 per value.',
      cases: [
        {
          name: 'deterministic round trip (native)',
          kind: 'cachet',
          backend: 'native',
          fn: () => nid.decrypt(nid.encrypt('123-45-6789')),
        },
        {
          name: 'deterministic round trip (portable)',
          kind: 'cachet',
          backend: 'portable',
          fn: () => nid.decrypt(nid.encrypt('123-45-6789')),
        },
        {
          name: 'blind index (native)',
          kind: 'cachet',
          backend: 'native',
          fn: () => indexed.blindIndex(' Alice@Example.com'),
        },
        {
          name: 'blind index (portable)',
          kind: 'cachet',
          backend: 'portable',
          fn: () => indexed.blindIndex(' Alice@Example.com'),
        },
      ],
    },
    {
      area: 'fields',
      name: 'aead: encrypt 1 MiB at rest',
      note: 'floor: node:crypto random nonce, AES-256-GCM of 1 MiB, nonce ‖ ciphertext ‖ tag in one buffer (Buffer.concat).',
      cases: [
        {
          name: 'cachet aead (native)',
          kind: 'cachet',
          backend: 'native',
          fn: () => box.encrypt(record),
        },
        {
          name: 'node:crypto floor',
          kind: 'floor',
          fn: () => {
            const iv = crypto.randomBytes(12);
            const c = crypto.createCipheriv('aes-256-gcm', key, iv);
            const body = c.update(record);
            c.final();
            return Buffer.concat([iv, body, c.getAuthTag()]);
          },
        },
      ],
      targets: [{ subject: 'cachet aead (native)', baseline: 'node:crypto floor', max: 1.2 }],
    },
  ];
}
