// Generates test/vectors/aead/aead.json and test/vectors/fields/fields.json once
// (`npx tsx scripts/gen-aead-fields-vectors.ts`). The files are format contracts: later
// releases must still decrypt every ciphertext in them (test/aead/vectors.test.ts,
// test/fields/vectors.test.ts), and test/aead/independent.py checks them against
// docs/formats.md with pyca/cryptography. Do not regenerate them to make a test pass.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { aead } from '../src/aead/index.js';
import { type FieldValue, fieldCipher } from '../src/fields/index.js';
import { importKey, Keyring } from '../src/keys/index.js';

type Alg = 'A256GCM' | 'A256GCM-SIV' | 'XC20P' | 'AES-SIV';
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const utf8 = (s: string) => new TextEncoder().encode(s);

function key(alg: Alg) {
  const raw = randomBytes(alg === 'AES-SIV' ? 64 : 32);
  const k = importKey(raw, { alg, format: 'raw' });
  return { alg, raw: hex(raw), id: k.id, keyring: Keyring.fromKeys([k]) };
}
const keys = {
  A256GCM: key('A256GCM'),
  'A256GCM-SIV': key('A256GCM-SIV'),
  XC20P: key('XC20P'),
  'AES-SIV': key('AES-SIV'),
};

// --- cachet/aead
const message = utf8('cachet aead vector: the quick brown fox jumps over the lazy dog');
const aeadCases: Array<{
  name: string;
  alg: Alg;
  commit: boolean;
  aad: Uint8Array;
  plaintext: Uint8Array;
}> = [];
for (const alg of Object.keys(keys) as Alg[]) {
  aeadCases.push({
    name: `${alg}, committed, with aad`,
    alg,
    commit: true,
    aad: utf8('record 42'),
    plaintext: message,
  });
  aeadCases.push({
    name: `${alg}, not committed, with aad`,
    alg,
    commit: false,
    aad: utf8('record 42'),
    plaintext: message,
  });
  aeadCases.push({
    name: `${alg}, committed, empty plaintext, no aad`,
    alg,
    commit: true,
    aad: new Uint8Array(0),
    plaintext: new Uint8Array(0),
  });
}
aeadCases.push({
  name: 'A256GCM, committed, 1000-byte plaintext',
  alg: 'A256GCM',
  commit: true,
  aad: new Uint8Array(0),
  plaintext: new Uint8Array(1000).map((_, i) => i % 251),
});

const aeadFile = {
  description:
    'cachet/aead format v1 fixed vectors (docs/formats.md#aead). key: the raw secret (hex); keyId: its id in the header; aad and plaintext hex.',
  generator: 'scripts/gen-aead-fields-vectors.ts',
  vectors: aeadCases.map((c) => {
    const k = keys[c.alg];
    const box = aead(k.keyring, { keyCommitment: c.commit, deterministic: c.alg === 'AES-SIV' });
    return {
      name: c.name,
      alg: c.alg,
      key: k.raw,
      keyId: k.id,
      keyCommitment: c.commit,
      aad: hex(c.aad),
      plaintext: hex(c.plaintext),
      ciphertext: hex(box.encrypt(c.plaintext, c.aad)),
    };
  }),
};

// --- cachet/fields. Values are written as { type, value } with value a string:
// string as is; number as String(n) except '-0'; bigint decimal; boolean 'true'/'false';
// date as milliseconds since the epoch; bytes hex; json as JSON text; null ''.
interface Written {
  type: 'string' | 'number' | 'bigint' | 'boolean' | 'date' | 'bytes' | 'json' | 'null';
  value: string;
}
function written(v: FieldValue): Written {
  if (v === null) return { type: 'null', value: '' };
  if (typeof v === 'string') return { type: 'string', value: v };
  if (typeof v === 'number') return { type: 'number', value: Object.is(v, -0) ? '-0' : String(v) };
  if (typeof v === 'bigint') return { type: 'bigint', value: v.toString() };
  if (typeof v === 'boolean') return { type: 'boolean', value: String(v) };
  if (v instanceof Date) return { type: 'date', value: String(v.getTime()) };
  if (v instanceof Uint8Array) return { type: 'bytes', value: hex(v) };
  return { type: 'json', value: JSON.stringify(v) };
}

interface FieldCase {
  name: string;
  alg: Alg;
  value: FieldValue;
  table?: string;
  column?: string;
  rowId?: string;
  pad?: number;
  commit?: boolean;
}
const fieldCases: FieldCase[] = [
  { name: 'string', alg: 'A256GCM', value: 'alice@example.com' },
  { name: 'string with row id', alg: 'A256GCM', value: 'alice@example.com', rowId: '42' },
  { name: 'unicode string, padded to 32', alg: 'A256GCM', value: 'Zoë 🦊 — ünïcödé', pad: 32 },
  { name: 'empty string', alg: 'A256GCM', value: '' },
  { name: 'number', alg: 'A256GCM', value: Math.PI },
  { name: 'negative zero', alg: 'A256GCM', value: -0 },
  { name: 'NaN', alg: 'A256GCM', value: Number.NaN },
  { name: '-Infinity', alg: 'A256GCM', value: Number.NEGATIVE_INFINITY },
  { name: 'bigint', alg: 'A256GCM', value: -(2n ** 100n) },
  { name: 'true', alg: 'A256GCM', value: true },
  { name: 'false', alg: 'A256GCM', value: false },
  { name: 'date', alg: 'A256GCM', value: new Date(Date.UTC(2024, 1, 29, 12, 0, 0, 123)) },
  { name: 'date before 1970', alg: 'A256GCM', value: new Date(-1234567890123) },
  { name: 'bytes', alg: 'A256GCM', value: new Uint8Array([0, 1, 2, 254, 255]) },
  {
    name: 'json object',
    alg: 'A256GCM',
    value: { name: 'Alice', tags: ['a', 'b'], age: 30, ok: true, none: null },
  },
  { name: 'json array', alg: 'A256GCM', value: [1, 'two', { three: 3 }] },
  { name: 'null', alg: 'A256GCM', value: null },
  { name: 'not committed', alg: 'A256GCM', value: 'alice@example.com', commit: false },
  { name: 'A256GCM-SIV', alg: 'A256GCM-SIV', value: 'alice@example.com', rowId: '7' },
  { name: 'XC20P', alg: 'XC20P', value: 'alice@example.com', rowId: '7' },
  { name: 'deterministic AES-SIV', alg: 'AES-SIV', value: '123-45-6789' },
  {
    name: 'deterministic AES-SIV with row id, padded to 16',
    alg: 'AES-SIV',
    value: '123-45-6789',
    rowId: 'u-1',
    pad: 16,
  },
  {
    name: 'deterministic AES-SIV, not committed',
    alg: 'AES-SIV',
    value: 123456789n,
    commit: false,
  },
  {
    name: 'other table and column',
    alg: 'A256GCM',
    value: 'x',
    table: 'accounts',
    column: 'secret_note',
  },
];

const fieldVectors = fieldCases.map((c) => {
  const k = keys[c.alg];
  const table = c.table ?? 'users';
  const column = c.column ?? 'email';
  const cipher = fieldCipher(k.keyring, {
    table,
    column,
    deterministic: c.alg === 'AES-SIV',
    ...(c.pad ? { pad: c.pad } : {}),
    ...(c.commit === false ? { keyCommitment: false } : {}),
  });
  const opts = c.rowId === undefined ? {} : { rowId: c.rowId };
  return {
    name: c.name,
    alg: c.alg,
    key: k.raw,
    keyId: k.id,
    table,
    column,
    ...(c.rowId === undefined ? {} : { rowId: c.rowId }),
    deterministic: c.alg === 'AES-SIV',
    keyCommitment: c.commit !== false,
    pad: c.pad ?? 0,
    value: written(c.value),
    text: cipher.encrypt(c.value, opts),
    bytes: hex(cipher.encryptBytes(c.value, opts)),
  };
});

const blindCases: Array<{
  alg: Alg;
  bits: number;
  normalize: 'email' | 'digits' | undefined;
  input: FieldValue;
  normalized: FieldValue;
  table: string;
  column: string;
}> = [
  {
    alg: 'A256GCM',
    bits: 32,
    normalize: 'email',
    input: '  Alice@Example.COM ',
    normalized: 'alice@example.com',
    table: 'users',
    column: 'email',
  },
  {
    alg: 'A256GCM',
    bits: 32,
    normalize: 'email',
    input: 'alice@example.com',
    normalized: 'alice@example.com',
    table: 'accounts',
    column: 'email',
  },
  {
    alg: 'A256GCM',
    bits: 20,
    normalize: undefined,
    input: 'alice@example.com',
    normalized: 'alice@example.com',
    table: 'users',
    column: 'email',
  },
  {
    alg: 'A256GCM',
    bits: 256,
    normalize: undefined,
    input: 42,
    normalized: 42,
    table: 'users',
    column: 'age',
  },
  {
    alg: 'AES-SIV',
    bits: 16,
    normalize: 'digits',
    input: '123-45-6789',
    normalized: '123456789',
    table: 'users',
    column: 'national_id',
  },
  {
    alg: 'XC20P',
    bits: 7,
    normalize: undefined,
    input: true,
    normalized: true,
    table: 'users',
    column: 'flag',
  },
];
const blindVectors = blindCases.map((c) => {
  const k = keys[c.alg];
  const cipher = fieldCipher(k.keyring, {
    table: c.table,
    column: c.column,
    deterministic: c.alg === 'AES-SIV',
    blindIndex: { bits: c.bits, ...(c.normalize ? { normalize: c.normalize } : {}) },
  });
  return {
    alg: c.alg,
    key: k.raw,
    table: c.table,
    column: c.column,
    bits: c.bits,
    normalize: c.normalize ?? null,
    input: written(c.input),
    normalized: written(c.normalized),
    index: cipher.blindIndex(c.input),
  };
});

const fieldsFile = {
  description:
    'cachet/fields format v1 fixed vectors (docs/formats.md#fields). key: raw secret hex; value: { type, value } (see the generator for the string forms); text and bytes: the two forms of one value (independent encryptions); blindIndexes: index of `input` after the normalizer (`normalized` is what gets hashed).',
  generator: 'scripts/gen-aead-fields-vectors.ts',
  vectors: fieldVectors,
  blindIndexes: blindVectors,
};

const root = resolve(import.meta.dirname, '..');
writeFileSync(
  resolve(root, 'test/vectors/aead/aead.json'),
  `${JSON.stringify(aeadFile, null, 2)}\n`,
);
writeFileSync(
  resolve(root, 'test/vectors/fields/fields.json'),
  `${JSON.stringify(fieldsFile, null, 2)}\n`,
);
console.log(
  `wrote ${aeadFile.vectors.length} aead vectors, ${fieldVectors.length} field vectors, ${blindVectors.length} blind indexes`,
);
