// Generates test/vectors/keys/keyring.json once (`npx tsx scripts/gen-keys-vectors.ts`).
// The file is a format contract: later releases must still read the keyring documents,
// unseal the sealed ones and derive the same key ids (test/keys/vectors.test.ts). Do not
// regenerate it to make a test pass.
//
// Everything except `sealedByCachet` is written here from docs/formats.md with node:crypto
// alone (key material, public halves, derived ids, the JSON documents, AES-256-GCM
// sealing), so the vectors check cachet against the documented format, not against itself.
import {
  createCipheriv,
  createHash,
  createHmac,
  generateKeyPairSync,
  randomBytes,
} from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { importKey, Keyring } from '../src/keys/index.js';

const b64url = (b: Uint8Array) => Buffer.from(b).toString('base64url');
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

const LABEL = 'cachet/key-id/v1';
// docs/formats.md#key-ids
const secretId = (k: Uint8Array) =>
  hex(createHmac('sha256', k).update(LABEL).digest().subarray(0, 4));
const publicId = (alg: string, pub: Uint8Array) =>
  hex(
    createHash('sha256')
      .update(Buffer.concat([Buffer.from(`${LABEL}\0${alg}\0`), pub]))
      .digest()
      .subarray(0, 4),
  );

interface Material {
  secret?: Uint8Array;
  private?: Uint8Array;
  public?: Uint8Array;
}

function asymmetric(alg: 'Ed25519' | 'X25519' | 'ES256' | 'ES384'): Material {
  const pair =
    alg === 'Ed25519' || alg === 'X25519'
      ? generateKeyPairSync(alg.toLowerCase() as 'ed25519')
      : generateKeyPairSync('ec', { namedCurve: alg === 'ES256' ? 'P-256' : 'P-384' });
  const jwk = pair.privateKey.export({ format: 'jwk' });
  const d = Buffer.from(jwk.d!, 'base64url');
  const x = Buffer.from(jwk.x!, 'base64url');
  const pub = jwk.y ? Buffer.concat([Buffer.from([4]), x, Buffer.from(jwk.y, 'base64url')]) : x;
  return { private: d, public: pub };
}

const specs: Array<{ alg: string; status: string; material: Material }> = [
  { alg: 'A256GCM', status: 'primary', material: { secret: randomBytes(32) } },
  { alg: 'A256GCM-SIV', status: 'active', material: { secret: randomBytes(32) } },
  { alg: 'XC20P', status: 'active', material: { secret: randomBytes(32) } },
  { alg: 'AES-SIV', status: 'active', material: { secret: randomBytes(64) } },
  { alg: 'HS256', status: 'disabled', material: { secret: randomBytes(40) } },
  { alg: 'HS512', status: 'active', material: { secret: randomBytes(64) } },
  { alg: 'A256KW', status: 'active', material: { secret: randomBytes(32) } },
  { alg: 'Ed25519', status: 'active', material: asymmetric('Ed25519') },
  { alg: 'X25519', status: 'disabled', material: asymmetric('X25519') },
  { alg: 'ES256', status: 'active', material: asymmetric('ES256') },
  { alg: 'ES384', status: 'active', material: asymmetric('ES384') },
  {
    alg: 'RS256',
    status: 'active',
    material: {
      public: new Uint8Array(
        generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
          format: 'der',
          type: 'spki',
        }),
      ),
    },
  },
];

const keys = specs.map((spec, i) => {
  const m = spec.material;
  return {
    id: hex(randomBytes(4)),
    alg: spec.alg,
    status: spec.status,
    created: new Date(Date.UTC(2026, 0, 1 + i, 12, 0, 0)).toISOString(),
    derivedId: m.secret ? secretId(m.secret) : publicId(spec.alg, m.public!),
    material: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, hex(v)])),
  };
});

function document(secrets: boolean) {
  return {
    format: 'cachet.keyring',
    version: 1,
    secrets,
    keys: specs.map((spec, i) => {
      const { id, alg, status, created } = keys[i]!;
      const m = spec.material;
      return {
        id,
        alg,
        status,
        created,
        ...(secrets && m.secret ? { secret: b64url(m.secret) } : {}),
        ...(secrets && m.private ? { private: b64url(m.private) } : {}),
        ...(m.public ? { public: b64url(m.public) } : {}),
      };
    }),
  };
}

const secretJSON = document(true);
const master = randomBytes(32);
const masterId = secretId(master);

// docs/formats.md#sealed-keyring: AES-256-GCM, 12-byte nonce, ciphertext ‖ 16-byte tag,
// associated data "cachet.keyring.sealed/v1/<kid>".
function sealIndependently(plaintext: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', master, nonce);
  cipher.setAAD(Buffer.from(`cachet.keyring.sealed/v1/${masterId}`));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return JSON.stringify({
    format: 'cachet.keyring.sealed',
    version: 1,
    kid: masterId,
    nonce: b64url(nonce),
    ciphertext: b64url(ct),
  });
}

const sealedByCachet = await Keyring.fromJSON(secretJSON as never).seal(
  importKey(master, { alg: 'A256GCM' }),
);

const out = {
  description:
    'cachet keyring JSON (format cachet.keyring v1) and sealed keyrings (cachet.keyring.sealed v1); see docs/formats.md',
  generator: 'scripts/gen-keys-vectors.ts',
  keys,
  secretJSON,
  safeJSON: document(false),
  master: { raw: hex(master), id: masterId },
  sealedIndependently: sealIndependently(JSON.stringify(secretJSON)),
  sealedByCachet,
};
const path = resolve(import.meta.dirname, '../test/vectors/keys/keyring.json');
writeFileSync(path, `${JSON.stringify(out, null, 2)}\n`);
console.log(`wrote ${path}`);
