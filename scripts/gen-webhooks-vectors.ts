// Generates test/vectors/webhooks/keys.json once (`npx tsx scripts/gen-webhooks-vectors.ts`),
// with node:crypto only (not cachet): Standard Webhooks Ed25519 keys in the whsk_/whpk_
// layout of docs/formats.md#webhook-keys, and v1/v1a signatures made with them. The file is
// a format contract: later releases must still read these keys and verify these
// signatures (test/webhooks/format-vectors.test.ts). Do not regenerate it to make a test pass.
import { createHmac, createPrivateKey, createPublicKey, randomBytes, sign } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex'); // RFC 8410 §7
const b64 = (b: Buffer) => b.toString('base64');

function keyPair(seed: Buffer) {
  const priv = createPrivateKey({
    key: Buffer.concat([PKCS8, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const pub = createPublicKey(priv).export({ format: 'der', type: 'spki' }).subarray(12);
  return {
    priv,
    seedHex: seed.toString('hex'),
    publicKeyHex: pub.toString('hex'),
    secretKey: `whsk_${b64(Buffer.concat([seed, pub]))}`,
    publicKey: `whpk_${b64(pub)}`,
  };
}

const keys = [
  // RFC 8032 §7.1 TEST 1, as in ../shared/vectors/standard-webhooks.json asymmetricDerived.
  keyPair(Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex')),
  keyPair(randomBytes(32)),
  keyPair(randomBytes(32)),
];
const hmacSecret = randomBytes(32);
const whsec = `whsec_${b64(hmacSecret)}`;

const messages = [
  {
    id: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
    timestamp: 1674087231,
    payload: Buffer.from(
      '{"type":"contact.created","timestamp":"2022-11-03T20:26:10.344522Z","data":{"id":"1f81eb52-5198-4599-803e-771906343485"}}',
    ),
  },
  { id: 'msg_empty', timestamp: 1700000000, payload: Buffer.alloc(0) },
  {
    id: 'msg_binary',
    timestamp: 1700000001,
    payload: Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0xc3, 0x28]),
  },
];

const vectors = messages.map((m, i) => {
  const key = keys[i % keys.length]!;
  const content = Buffer.concat([Buffer.from(`${m.id}.${m.timestamp}.`), m.payload]);
  const v1 = `v1,${b64(createHmac('sha256', hmacSecret).update(content).digest())}`;
  const v1a = `v1a,${b64(sign(null, content, key.priv))}`;
  return {
    key: i % keys.length,
    msgId: m.id,
    timestamp: m.timestamp,
    payloadHex: m.payload.toString('hex'),
    headers: {
      'webhook-id': m.id,
      'webhook-timestamp': String(m.timestamp),
      'webhook-signature': `${v1} ${v1a}`,
    },
  };
});

const out = {
  name: 'cachet/webhooks: Standard Webhooks keys (whsk_/whpk_) and v1/v1a signatures',
  format: 'docs/formats.md#webhook-keys',
  generatedBy: 'scripts/gen-webhooks-vectors.ts (node:crypto only)',
  whsec,
  keys: keys.map(({ priv: _priv, ...k }) => k),
  vectors,
};
const dir = resolve(import.meta.dirname, '../test/vectors/webhooks');
mkdirSync(dir, { recursive: true });
writeFileSync(resolve(dir, 'keys.json'), `${JSON.stringify(out, null, 2)}\n`);
console.log(`wrote ${vectors.length} vectors and ${keys.length} keys`);
