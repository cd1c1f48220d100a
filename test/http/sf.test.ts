// The structured-field parser and serializer of cachet/http (src/http/sf): RFC 8941 and
// RFC 9651 examples, differential fuzzing against the structured-headers package (the
// maintained implementation the parser replaces on the hot path), and property tests:
// serialization is canonical and parses back to the same value.
import fc from 'fast-check';
import * as sh from 'structured-headers';
import { describe, expect, it } from 'vitest';
import { CachetError } from '../../src/errors.js';
import { parseDictionary, parseItem, parseList } from '../../src/http/sf/parse.js';
import { serializeDictionary, serializeItem, serializeList } from '../../src/http/sf/serialize.js';
import {
  type BareItem,
  Decimal,
  DisplayString,
  type Item,
  isInnerList,
  type Member,
  type Params,
  SfDate,
  Token,
} from '../../src/http/sf/types.js';

type Kind = 'dictionary' | 'list' | 'item';

// A common form for both libraries' output: numbers (structured-headers does not keep
// Integer and Decimal apart), and tagged strings, tokens, bytes, dates, display strings.
function bare(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'boolean') return value === 0 ? 0 : value;
  if (typeof value === 'string') return { s: value };
  if (value instanceof Decimal) return value.value === 0 ? 0 : value.value;
  if (value instanceof Token) return { t: value.value };
  if (value instanceof sh.Token) return { t: value.toString() };
  if (value instanceof Uint8Array) return { b: Array.from(value) };
  if (value instanceof ArrayBuffer) return { b: Array.from(new Uint8Array(value)) };
  // A JS Date (structured-headers' type) ends at ±8.64e12 s; sf-date goes further.
  if (value instanceof SfDate)
    return { d: Math.abs(value.seconds) > 8.64e12 ? 'out of Date range' : value.seconds };
  if (value instanceof Date)
    return { d: Number.isNaN(value.getTime()) ? 'out of Date range' : value.getTime() / 1000 };
  if (value instanceof DisplayString) return { ds: value.value };
  if (value instanceof sh.DisplayString) return { ds: value.toString() };
  throw new Error(`unexpected ${String(value)}`);
}
const params = (p: Map<string, unknown>) => [...p].map(([k, val]) => [k, bare(val)]);
function ours(member: Member): unknown {
  return isInnerList(member)
    ? { inner: member.items.map(ours), p: params(member.params) }
    : { v: bare(member.value), p: params(member.params) };
}
function theirs(member: sh.Item | sh.InnerList): unknown {
  return Array.isArray(member[0])
    ? { inner: (member[0] as sh.Item[]).map(theirs), p: params(member[1]) }
    : { v: bare(member[0]), p: params(member[1]) };
}

function parseOurs(kind: Kind, input: string): unknown {
  if (kind === 'dictionary') return [...parseDictionary(input, 'f')].map(([k, m]) => [k, ours(m)]);
  if (kind === 'list') return parseList(input, 'f').map(ours);
  return ours(parseItem(input, 'f'));
}
function parseTheirs(kind: Kind, input: string): unknown {
  if (kind === 'dictionary') return [...sh.parseDictionary(input)].map(([k, m]) => [k, theirs(m)]);
  if (kind === 'list') return sh.parseList(input).map(theirs);
  return theirs(sh.parseItem(input));
}

function outcome<T>(fn: () => T): { ok: true; value: T } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

// Fragments that exercise every production and most failure paths of RFC 8941 §4.2.
const FRAGMENTS = [
  'a',
  'b',
  'key',
  '*k',
  'k-1.x_y*',
  'A',
  '=',
  ',',
  ', ',
  ' ,',
  ';',
  '; ',
  ' ',
  '  ',
  '\t',
  '(',
  ')',
  '( ',
  ' )',
  '"s"',
  '"a b"',
  '"a\\"b"',
  '"a\\\\b"',
  '"\\x"',
  '"',
  '"\u00e9"',
  '0',
  '1',
  '-1',
  '-',
  '007',
  '1.5',
  '-0.5',
  '1.',
  '.5',
  '1.2345',
  '123456789012345',
  '1234567890123456',
  '123456789012.5',
  '1234567890123.5',
  '1.123',
  ':YQ==:',
  ':YQ:',
  ':YWI=:',
  ':Y:',
  ':****:',
  '::',
  ':YQ=:',
  ':',
  ':a==b:',
  '?0',
  '?1',
  '?2',
  '?',
  'tok/x',
  'Tok:y',
  "t!#$%&'*+-.^_`|~",
  '!',
  '\u00e9',
  '\u007f',
  '%"a%c3%a9"',
  '%"%ff"',
  '%"%C3%A9"',
  '%"a',
  '%a',
  '%"\u00e9"',
];
const generated = fc
  .array(fc.constantFrom(...FRAGMENTS), { maxLength: 14 })
  .map((parts) => parts.join(''));
const randomAscii = fc.string({
  unit: fc.integer({ min: 0, max: 0xff }).map((c) => String.fromCharCode(c)),
  maxLength: 40,
});

describe('structured fields: RFC 8941 / RFC 9651 examples', () => {
  it('parses and strictly re-serializes the RFC examples', () => {
    const cases: Array<[Kind, string, string]> = [
      ['list', 'sugar, tea, rum', 'sugar, tea, rum'],
      [
        'list',
        '"foo", "bar", "It was the best of times."',
        '"foo", "bar", "It was the best of times."',
      ],
      [
        'list',
        '("foo" "bar"), ("baz"), ("bat" "one"), ()',
        '("foo" "bar"), ("baz"), ("bat" "one"), ()',
      ],
      [
        'list',
        '("foo"; a=1;b=2);lvl=5, ("bar" "baz");lvl=1',
        '("foo";a=1;b=2);lvl=5, ("bar" "baz");lvl=1',
      ],
      [
        'list',
        'abc;a=1;b=2; cde_456, (ghi;jk=4 l);q="9";r=w',
        'abc;a=1;b=2;cde_456, (ghi;jk=4 l);q="9";r=w',
      ],
      [
        'dictionary',
        'en="Applepie", da=:w4ZibGV0w6ZydGU=:',
        'en="Applepie", da=:w4ZibGV0w6ZydGU=:',
      ],
      ['dictionary', 'a=?0, b, c; foo=bar', 'a=?0, b, c;foo=bar'],
      ['dictionary', 'rating=1.5, feelings=(joy sadness)', 'rating=1.5, feelings=(joy sadness)'],
      [
        'dictionary',
        'a=(1 2), b=3, c=4;aa=bb, d=(5 6);valid',
        'a=(1 2), b=3, c=4;aa=bb, d=(5 6);valid',
      ],
      // RFC 9421 §2.1.1: the `sf` example.
      ['dictionary', 'a=1,    b=2;x=1;y=2,   c=(a   b   c)', 'a=1, b=2;x=1;y=2, c=(a b c)'],
      ['item', '5; foo=bar', '5;foo=bar'],
      ['item', '1.0', '1.0'],
      ['item', '-0.250', '-0.25'],
      ['item', '007', '7'],
      ['item', '@1659578233', '@1659578233'],
      [
        'item',
        '%"This is intended for display to %c3%bcsers."',
        '%"This is intended for display to %c3%bcsers."',
      ],
      ['item', ':YWI:', ':YWI=:'],
    ];
    for (const [kind, input, canonical] of cases) {
      const serialize = {
        dictionary: serializeDictionary,
        list: serializeList,
        item: serializeItem,
      }[kind] as (x: unknown) => string;
      const parse = { dictionary: parseDictionary, list: parseList, item: parseItem }[kind];
      expect(serialize(parse(input, 'f')), input).toBe(canonical);
    }
  });

  it('keeps Decimal and Integer apart and reads Dates and Display Strings', () => {
    expect(parseItem('1.0', 'f').value).toBeInstanceOf(Decimal);
    expect(parseItem('1', 'f').value).toBe(1);
    expect(parseItem('@-62135596800;x', 'f')).toEqual({
      value: new SfDate(-62135596800),
      params: new Map([['x', true]]),
    });
    expect((parseItem('%"caf%c3%a9"', 'f').value as DisplayString).value).toBe('café');
    expect(parseList('@1, @2', 'f')).toHaveLength(2);
  });

  it('refuses malformed values with ERR_INVALID_FORMAT naming the field and offset', () => {
    for (const [kind, input] of [
      ['dictionary', 'a=1,'],
      ['dictionary', 'A=1'],
      ['list', '("a"'],
      ['item', '"unterminated'],
      ['item', '1.2345'],
      ['item', '1234567890123456'],
      ['item', ':YQ==:x'],
      ['item', '?2'],
      ['item', '@1.5'],
      ['item', '%"%FF"'],
      ['item', '%"%ff"'],
      ['item', '"\u00e9"'],
      ['item', 'a b'],
    ] as const) {
      const parse = { dictionary: parseDictionary, list: parseList, item: parseItem }[kind];
      expect(() => parse(input, 'Example'), input).toThrow(
        /Example: not a valid structured field \(.* at offset \d+\)/,
      );
      try {
        parse(input, 'Example');
      } catch (err) {
        expect((err as CachetError).code).toBe('ERR_INVALID_FORMAT');
      }
    }
  });

  it('enforces member, item and parameter limits with ERR_LIMIT_EXCEEDED', () => {
    const many = Array.from({ length: 20 }, (_, i) => `k${i}=1`).join(', ');
    expect(() => parseDictionary(many, 'f', { maxMembers: 10 })).toThrow(
      expect.objectContaining({ code: 'ERR_LIMIT_EXCEEDED' }),
    );
    expect(() => parseList(`(${'a '.repeat(50)})`, 'f', { maxItems: 10 })).toThrow(
      expect.objectContaining({ code: 'ERR_LIMIT_EXCEEDED' }),
    );
    expect(() =>
      parseItem(
        `a${';p'.repeat(1)}${Array.from({ length: 30 }, (_, i) => `;p${i}`).join('')}`,
        'f',
        { maxParams: 10 },
      ),
    ).toThrow(expect.objectContaining({ code: 'ERR_LIMIT_EXCEEDED' }));
    expect(() => parseDictionary('a=1, a=2', 'f', { uniqueKeys: true })).toThrow(
      /repeated key "a"/,
    );
    expect([...parseDictionary('a=1, a=2', 'f')]).toEqual([['a', { value: 2, params: new Map() }]]);
  });
});

describe('structured fields: differential against structured-headers', () => {
  // structured-headers 2.1 reads a Date to the end of the input, so a Date followed by
  // anything (a parameter, another member) fails there; those inputs are compared only
  // when structured-headers succeeds.
  const dateFollowed = /@-?\d+[^\d]/;

  for (const kind of ['dictionary', 'list', 'item'] as const) {
    it(`${kind}: the same value or both refuse, on generated and random input`, () => {
      fc.assert(
        fc.property(fc.oneof(generated, randomAscii, mutated()), (input) => {
          const a = outcome(() => parseOurs(kind, input));
          const b = outcome(() => parseTheirs(kind, input));
          if (!a.ok) expect(a.error).toBeInstanceOf(CachetError);
          if (!b.ok && a.ok && dateFollowed.test(input)) return;
          expect(a.ok, `ours ${a.ok ? 'accepts' : 'refuses'} ${JSON.stringify(input)}`).toBe(b.ok);
          if (a.ok && b.ok) expect(a.value).toEqual(b.value);
        }),
        { numRuns: 4000 },
      );
    });
  }
});

const keyArb = fc.stringMatching(/^[a-z*][a-z0-9_\-.*]{0,6}$/);
const bareArb: fc.Arbitrary<BareItem> = fc.oneof(
  fc.integer({ min: -999_999_999_999_999, max: 999_999_999_999_999 }),
  fc
    .integer({ min: -999_999_999_999, max: 999_999_999_999 })
    .chain((i) =>
      fc
        .integer({ min: 0, max: 999 })
        .map(
          (f) =>
            new Decimal(Number(`${i < 0 ? '-' : ''}${Math.abs(i)}.${String(f).padStart(3, '0')}`)),
        ),
    ),
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    maxLength: 12,
  }),
  fc.stringMatching(/^[A-Za-z*][A-Za-z0-9!#$%&'*+\-.^_`|~:/]{0,8}$/).map((t) => new Token(t)),
  fc.uint8Array({ maxLength: 12 }),
  fc.boolean(),
  fc.integer({ min: -1e12, max: 1e12 }).map((s) => new SfDate(s)),
  fc
    .string({ maxLength: 8 })
    .filter((s) => (s as string & { isWellFormed(): boolean }).isWellFormed())
    .map((s) => new DisplayString(s)),
);
const paramsArb: fc.Arbitrary<Params> = fc
  .uniqueArray(fc.tuple(keyArb, bareArb), { selector: ([k]) => k, maxLength: 3 })
  .map((entries) => new Map(entries));
const itemArb: fc.Arbitrary<Item> = fc.record({ value: bareArb, params: paramsArb });
const memberArb: fc.Arbitrary<Member> = fc.oneof(
  itemArb,
  fc.record({ items: fc.array(itemArb, { maxLength: 3 }), params: paramsArb }),
);

// Canonical serializations of random dictionaries, then one fragment spliced in at a random
// place: mostly valid input with unusual whitespace, plus near-misses.
function mutated(): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.uniqueArray(fc.tuple(keyArb, memberArb), {
        selector: ([k]) => k,
        minLength: 1,
        maxLength: 4,
      }),
      fc.nat(),
      fc.constantFrom(...FRAGMENTS, ' ', '  ', '\t', ''),
    )
    .map(([entries, at, fragment]) => {
      const text = serializeDictionary(new Map(entries));
      const i = at % (text.length + 1);
      return text.slice(0, i) + fragment + text.slice(i);
    });
}

describe('structured fields: serialization', () => {
  it('serializes any value to a form that parses back to it and is a fixed point', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(keyArb, memberArb), { selector: ([k]) => k, maxLength: 5 }),
        (entries) => {
          const dict = new Map(entries);
          const text = serializeDictionary(dict);
          const back = parseDictionary(text, 'f');
          expect([...back].map(([k, m]) => [k, ours(m)])).toEqual(
            entries.map(([k, m]) => [k, ours(m)]),
          );
          expect(serializeDictionary(back)).toBe(text);
          // structured-headers reads our output the same way (it merges Integer and Decimal).
          if (!/@/.test(text))
            expect(parseTheirs('dictionary', text)).toEqual(parseOurs('dictionary', text));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('serializes byte sequences of any length as padded base64 (RFC 8941 §4.1.8)', () => {
    const expected = (bytes: Uint8Array) =>
      `:${btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''))}:`;
    const item = (bytes: Uint8Array) => serializeItem({ value: bytes, params: new Map() });
    // The encoder flushes every 6144 input bytes: lengths around that and far beyond it.
    for (const length of [0, 1, 2, 3, 6143, 6144, 6145, 6146, 12_289, 100_000]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 131 + 7) & 0xff);
      expect(item(bytes), `length ${length}`).toBe(expected(bytes));
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 20_000 }), (bytes) => {
        expect(item(bytes)).toBe(expected(bytes));
      }),
      { numRuns: 60 },
    );
  });

  it('refuses values that have no serialization', () => {
    expect(() => serializeItem({ value: 1e15, params: new Map() })).toThrow(/15 digits/);
    expect(() => serializeItem({ value: 'é', params: new Map() })).toThrow(/printable ASCII/);
    expect(() => serializeItem({ value: new Token('1a'), params: new Map() })).toThrow(/token/);
    expect(() => serializeItem({ value: new Decimal(1e12), params: new Map() })).toThrow(
      /12 integer digits/,
    );
    expect(serializeItem({ value: new Decimal(0.0005), params: new Map() })).toBe('0.0');
    expect(serializeItem({ value: new Decimal(0.0015), params: new Map() })).toBe('0.002');
    expect(serializeItem({ value: new Decimal(2.5), params: new Map([['a', true]]) })).toBe(
      '2.5;a',
    );
  });
});
