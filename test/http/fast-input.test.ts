// The single-signature fast path of verification (src/http/fast-input.ts) against the
// general structured-field parser: whenever the fast path reads a Signature-Input and
// Signature, the general parser reads the same label, components, parameters, signature
// bytes, and serializes the inner list to exactly the text the fast path signs over.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { base64Encode as base64 } from '../../src/bytes.js';
import { fastSignature, isCanonicalBase64 } from '../../src/http/fast-input.js';
import { readParams } from '../../src/http/params.js';
import { parseDictionary } from '../../src/http/sf/parse.js';
import { serializeInnerList } from '../../src/http/sf/serialize.js';
import { isInnerList } from '../../src/http/sf/types.js';

const name = fc.oneof(
  fc.constantFrom('@method', '@target-uri', '@authority', 'content-digest', 'x-a', ''),
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    maxLength: 8,
  }),
);
const paramValue = fc.oneof(
  fc.nat({ max: 2 ** 40 }).map(String),
  fc.constantFrom('007', '-1', '1.5', '?1', 'tok', '"a\\"b"', '""', ':AA==:'),
  fc
    .string({
      unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      maxLength: 8,
    })
    .map((v) => `"${v.replace(/["\\]/g, '')}"`),
);
const paramKey = fc.constantFrom(
  'created',
  'expires',
  'nonce',
  'alg',
  'keyid',
  'tag',
  'x',
  'created',
);
const canonical = fc
  .tuple(
    fc.constantFrom('sig1', 'sig-b21', 'a', '*x', 'Sig'),
    fc.array(name, { maxLength: 5 }),
    fc.array(fc.tuple(paramKey, paramValue), { maxLength: 5 }),
    fc.uint8Array({ maxLength: 70 }),
  )
  .map(([label, names, params, sig]) => ({
    input: `${label}=(${names.map((n) => `"${n}"`).join(' ')})${params.map(([k, v]) => `;${k}=${v}`).join('')}`,
    signature: `${label}=:${base64(sig)}:`,
  }));
const mutated = fc
  .tuple(
    canonical,
    fc.nat(),
    fc.constantFrom('', ' ', '"', ';', '=', ')', '(', ',', 'a', '0', ':', '=', '\\', '\t'),
    fc.nat({ max: 2 }),
    fc.boolean(),
  )
  .map(([c, at, piece, cut, inSignature]) => {
    const s = inSignature ? c.signature : c.input;
    const i = at % (s.length + 1);
    const m = s.slice(0, i) + piece + s.slice(i + cut);
    return inSignature ? { ...c, signature: m } : { ...c, input: m };
  });

it('reads single canonical signatures exactly as the general parser does', () => {
  let taken = 0;
  fc.assert(
    fc.property(fc.oneof(canonical, mutated), ({ input, signature }) => {
      const fast = fastSignature(input, signature, 32, 16);
      if (!fast) return;
      taken++;
      const inputs = parseDictionary(input, 'Signature-Input');
      let values: ReturnType<typeof parseDictionary>;
      try {
        values = parseDictionary(signature, 'Signature');
      } catch {
        // Only text that is not canonical base64 may fail to parse here.
        expect(isCanonicalBase64(fast.signature)).toBe(false);
        return;
      }
      expect([...inputs.keys()]).toEqual([fast.label]);
      expect([...values.keys()]).toEqual([fast.label]);
      const member = inputs.get(fast.label)!;
      if (!isInnerList(member)) throw new Error('not an inner list');
      expect(member.items.map((i) => i.value)).toEqual(fast.names);
      expect(member.items.every((i) => i.params.size === 0)).toBe(true);
      expect(readParams(member.params, fast.label)).toEqual(fast.params);
      expect(serializeInnerList(member)).toBe(fast.signatureParams);
      // The text is taken as it is; it is canonical base64 exactly when the general
      // parser reads bytes whose canonical encoding is that text.
      const value = values.get(fast.label)!;
      if (isInnerList(value)) throw new Error('not an item');
      const same = value.value instanceof Uint8Array && base64(value.value) === fast.signature;
      expect(isCanonicalBase64(fast.signature)).toBe(same);
    }),
    { numRuns: 5000 },
  );
  expect(taken).toBeGreaterThan(500);
});

it('leaves anything unusual to the general parser', () => {
  const sig = 'sig1=:AAAA:';
  for (const input of [
    'sig1=("@method";req)',
    'sig1=("@method"  "@path")',
    'sig1=( "@method")',
    'sig1=();created=01',
    'sig1=();created="1"',
    'sig1=();keyid=1',
    'sig1=();a=1;a=2',
    'sig1=();flag',
    'sig1=("a\\"b")',
    'sig1=(), sig2=()',
    'sig1=() ',
  ]) {
    expect(fastSignature(input, sig, 32, 16), input).toBeUndefined();
  }
  // Base64 is not checked by the fast read (see isCanonicalBase64).
  expect(isCanonicalBase64(fastSignature('sig1=()', 'sig1=:AAA:', 32, 16)!.signature)).toBe(false);
  expect(isCanonicalBase64(fastSignature('sig1=()', 'sig1=:AAB=:', 32, 16)!.signature)).toBe(false);
  expect(isCanonicalBase64(fastSignature('sig1=()', 'sig1=:AAA=:', 32, 16)!.signature)).toBe(true);
  expect(isCanonicalBase64(fastSignature('sig1=()', 'sig1=:a+/A:', 32, 16)!.signature)).toBe(true);
  expect(isCanonicalBase64(fastSignature('sig1=()', 'sig1=:a-_A:', 32, 16)!.signature)).toBe(false);
  expect(isCanonicalBase64(fastSignature('sig1=()', 'sig1=::', 32, 16)!.signature)).toBe(true);
  for (const signature of ['sig2=:AAAA:', 'sig1=:AAAA:;x', 'sig1=:AA==:, sig2=:AA==:']) {
    expect(fastSignature('sig1=()', signature, 32, 16), signature).toBeUndefined();
  }
  expect(fastSignature('sig1=("a" "b" "c")', sig, 2, 16)).toBeUndefined();
  expect(fastSignature('sig1=();a=1;b=2;c=3', sig, 32, 2)).toBeUndefined();
});
