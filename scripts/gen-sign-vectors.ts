// Generates test/vectors/sign/signatures.json once (`npx tsx scripts/gen-sign-vectors.ts`).
// The file is a contract (docs/formats.md#signatures): later releases must still import
// every key to the same id and verify every signature, and deterministic ECDSA and
// Ed25519 must reproduce the same bytes (test/sign/vectors.test.ts). Do not regenerate it
// to make a test pass.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { exportKey, generateKey, importKey } from '../src/keys/index.js';
import { type SignAlg, sign } from '../src/sign/index.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const messages = [
  '',
  hex(new TextEncoder().encode('cachet signature vector: the quick brown fox')),
  hex(randomBytes(300)),
];

const keys = (['Ed25519', 'ES256', 'ES384'] as SignAlg[]).map((alg) => {
  const generated = generateKey(alg);
  const raw = exportKey(generated, 'raw', { includeSecret: true });
  const key = importKey(raw, { alg, type: 'private' }); // the id derived from the public key
  const pub = key.publicKey!;
  return {
    alg,
    id: key.id,
    private: hex(raw),
    public: {
      raw: hex(exportKey(pub, 'raw')),
      ...(alg === 'Ed25519'
        ? {}
        : { compressed: hex(exportKey(pub, 'raw', { compressed: true })) }),
      pem: exportKey(pub, 'pem'),
      jwk: exportKey(pub, 'jwk'),
    },
    signatures: messages.map((m) => {
      const msg = Buffer.from(m, 'hex');
      if (alg === 'Ed25519') return { message: m, signature: hex(sign(key, msg)) };
      return {
        message: m,
        // RFC 6979 deterministic, s as computed, in both encodings, and low-S normalised.
        p1363: hex(sign(key, msg, { nonce: 'deterministic', lowS: false })),
        der: hex(sign(key, msg, { nonce: 'deterministic', lowS: false, format: 'der' })),
        lowS: hex(sign(key, msg, { nonce: 'deterministic' })),
        // A hedged signature: verifies, but cannot be reproduced.
        hedged: hex(sign(key, msg)),
      };
    }),
  };
});

const out = resolve(import.meta.dirname, '../test/vectors/sign/signatures.json');
writeFileSync(
  out,
  `${JSON.stringify({ description: 'cachet/sign fixed vectors (docs/formats.md#signatures)', keys }, null, 2)}\n`,
);
console.log(`wrote ${out}`);
