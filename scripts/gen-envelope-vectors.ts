// Generates test/vectors/envelope/envelopes.json once (`npx tsx scripts/gen-envelope-vectors.ts`).
// The file is a format contract: later releases must still open every envelope in it
// (test/envelope/vectors.test.ts). Do not regenerate it to make a test pass.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { encryptStream, seal } from '../src/envelope/index.js';
import { importKey } from '../src/keys/index.js';
import { Keyring } from '../src/keys/keyring.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const secret = (alg: 'A256KW' | 'A256GCM') => {
  const raw = randomBytes(32);
  return {
    alg,
    raw: hex(raw),
    keyring: Keyring.fromKeys([importKey(raw, { alg, format: 'raw' })]),
  };
};

async function streamed(
  plaintext: Uint8Array,
  options: Parameters<typeof encryptStream>[0],
): Promise<Uint8Array> {
  const out = new Response(new Blob([plaintext]).stream().pipeThrough(encryptStream(options)));
  return new Uint8Array(await out.arrayBuffer());
}

const { exportKey } = await import('../src/keys/index.js');
function rawPrivate(alg: 'X25519' | 'ES256') {
  const key = Keyring.generate(alg).primary;
  const jwk = exportKey(key, 'jwk', { includeSecret: true }) as { d: string };
  const raw = Buffer.from(jwk.d, 'base64url');
  return {
    alg,
    raw: hex(raw),
    keyring: Keyring.fromKeys([importKey(raw, { alg, format: 'raw', type: 'private' })]),
  };
}

const kw = secret('A256KW');
const kwp = secret('A256KW');
const gcm = secret('A256GCM');
const x = rawPrivate('X25519');
const p = rawPrivate('ES256');
const text = new TextEncoder().encode(
  'cachet envelope vector: the quick brown fox jumps over the lazy dog',
);
const long = new Uint8Array(200).map((_, i) => i);
const ctx = { tenant: 'acme', purpose: 'invoice', ünïcode: 'välue' };

const cases = [
  {
    name: 'one-shot A256KW with context',
    keys: [kw],
    context: ctx,
    plaintext: text,
    env: await seal(text, { recipients: kw.keyring, context: ctx }),
  },
  {
    name: 'one-shot A256KWP',
    keys: [kwp],
    context: {},
    plaintext: text,
    env: await seal(text, { recipients: { key: kwp.keyring, wrap: 'A256KWP' } }),
  },
  {
    name: 'one-shot A256GCMKW with context',
    keys: [gcm],
    context: ctx,
    plaintext: text,
    env: await seal(text, { recipients: gcm.keyring, context: ctx }),
  },
  {
    name: 'one-shot HPKE X25519',
    keys: [x],
    context: ctx,
    plaintext: text,
    env: await seal(text, { recipients: x.keyring.publicKeyring(), context: ctx }),
  },
  {
    name: 'one-shot HPKE P-256',
    keys: [p],
    context: {},
    plaintext: text,
    env: await seal(text, { recipients: p.keyring.publicKeyring() }),
  },
  {
    name: 'one-shot empty plaintext, three recipients',
    keys: [kw, x, gcm],
    context: ctx,
    plaintext: new Uint8Array(0),
    env: await seal(new Uint8Array(0), {
      recipients: [kw.keyring, x.keyring.publicKeyring(), gcm.keyring],
      context: ctx,
    }),
  },
  {
    name: 'stream, 64-byte chunks, HPKE X25519 + A256KW',
    keys: [x, kw],
    context: ctx,
    plaintext: long,
    env: await streamed(long, {
      recipients: [x.keyring.publicKeyring(), kw.keyring],
      context: ctx,
      chunkSize: 64,
    }),
  },
  {
    name: 'stream, plaintext a whole number of chunks',
    keys: [gcm],
    context: {},
    plaintext: long.subarray(0, 128),
    env: await streamed(long.subarray(0, 128), { recipients: gcm.keyring, chunkSize: 64 }),
  },
  {
    name: 'stream, empty plaintext',
    keys: [p],
    context: {},
    plaintext: new Uint8Array(0),
    env: await streamed(new Uint8Array(0), {
      recipients: p.keyring.publicKeyring(),
      chunkSize: 64,
    }),
  },
];

const json = {
  description:
    'cachet/envelope format v1 fixed vectors (docs/formats.md#envelope). keys: raw secret (A256KW, A256GCM) or raw private key (X25519 scalar, P-256 d) hex; id: the key id in the stanzas.',
  generator: 'scripts/gen-envelope-vectors.ts',
  vectors: cases.map((c) => ({
    name: c.name,
    keys: c.keys.map((k) => ({ alg: k.alg, raw: k.raw, id: k.keyring.primary.id })),
    context: c.context,
    plaintext: hex(c.plaintext),
    envelope: hex(c.env),
  })),
};
writeFileSync(
  resolve(import.meta.dirname, '../test/vectors/envelope/envelopes.json'),
  `${JSON.stringify(json, null, 2)}\n`,
);
console.log(`wrote ${cases.length} vectors`);
