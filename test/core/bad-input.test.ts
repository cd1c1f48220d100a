// The bad-input table thrown at every public function of the `cachet` root: wrong types,
// wrong lengths and malformed encodings each give a typed CachetError whose message names
// the argument. A check at the end makes sure no exported function escapes the table.
import { describe, expect, it } from 'vitest';
import * as root from '../../src/index.js';
import { expectTypedFailure, WRONG_TYPES } from '../helpers/bad-input.js';

const notString = WRONG_TYPES.filter(([, v]) => typeof v !== 'string');
const notBytes = WRONG_TYPES.filter(([, v]) => !(v instanceof Uint8Array));

interface Row {
  fn: keyof typeof root;
  arg: string;
  call: (value: never) => unknown;
  values: ReadonlyArray<readonly [string, unknown]>;
  code: string;
}

const rows: Row[] = [
  {
    fn: 'utf8Encode',
    arg: 'text',
    call: (v) => root.utf8Encode(v),
    values: notString,
    code: 'ERR_INVALID_ARGUMENT',
  },
  {
    fn: 'utf8Decode',
    arg: 'bytes',
    call: (v) => root.utf8Decode(v),
    values: notBytes,
    code: 'ERR_INVALID_ARGUMENT',
  },
  {
    fn: 'hexEncode',
    arg: 'bytes',
    call: (v) => root.hexEncode(v),
    values: notBytes,
    code: 'ERR_INVALID_ARGUMENT',
  },
  {
    fn: 'hexDecode',
    arg: 'text',
    call: (v) => root.hexDecode(v),
    values: notString,
    code: 'ERR_INVALID_ARGUMENT',
  },
  {
    fn: 'base64Encode',
    arg: 'bytes',
    call: (v) => root.base64Encode(v),
    values: notBytes,
    code: 'ERR_INVALID_ARGUMENT',
  },
  {
    fn: 'base64Decode',
    arg: 'text',
    call: (v) => root.base64Decode(v),
    values: notString,
    code: 'ERR_INVALID_ARGUMENT',
  },
  {
    fn: 'base64urlEncode',
    arg: 'bytes',
    call: (v) => root.base64urlEncode(v),
    values: notBytes,
    code: 'ERR_INVALID_ARGUMENT',
  },
  {
    fn: 'base64urlDecode',
    arg: 'text',
    call: (v) => root.base64urlDecode(v),
    values: notString,
    code: 'ERR_INVALID_ARGUMENT',
  },
  {
    fn: 'concatBytes',
    arg: 'parts[1]',
    call: (v) => root.concatBytes(new Uint8Array(1), v),
    values: notBytes,
    code: 'ERR_INVALID_ARGUMENT',
  },
  {
    fn: 'equalBytes',
    arg: 'a',
    call: (v) => root.equalBytes(v, new Uint8Array(1)),
    values: notBytes,
    code: 'ERR_INVALID_ARGUMENT',
  },
  {
    fn: 'equalBytes',
    arg: 'b',
    call: (v) => root.equalBytes(new Uint8Array(1), v),
    values: notBytes,
    code: 'ERR_INVALID_ARGUMENT',
  },
  {
    fn: 'randomBytes',
    arg: 'length',
    call: (v) => root.randomBytes(v),
    values: [
      ...WRONG_TYPES.filter(([, v]) => typeof v !== 'number'),
      ['negative', -1],
      ['fraction', 1.5],
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
      ['2^31', 2 ** 31],
      ['numeric string', '16'],
    ],
    code: 'ERR_INVALID_ARGUMENT',
  },
  {
    fn: 'setBackend',
    arg: 'name',
    call: (v) => root.setBackend(v),
    values: [
      ...WRONG_TYPES.filter(([, v]) => v !== undefined),
      ['unknown name', 'openssl'],
      ['wrong case', 'Portable'],
      ['empty', ''],
    ],
    code: 'ERR_INVALID_ARGUMENT',
  },
];

// Malformed encodings: the decoders name the argument they were given (default "text").
const malformed: Array<[keyof typeof root, (t: string) => unknown, string[]]> = [
  ['hexDecode', (t) => root.hexDecode(t, 'digest'), ['0', 'zz', '0x00', '00 ', 'ÿÿ']],
  [
    'base64Decode',
    (t) => root.base64Decode(t, 'digest'),
    ['Zg', 'Zg=', 'Zh==', 'Z===', 'Zm9v\n', '-_8='],
  ],
  [
    'base64urlDecode',
    (t) => root.base64urlDecode(t, 'digest'),
    ['Zg==', 'Z', 'Zh', '+/8', 'Zm 9v'],
  ],
];

describe('cachet root: bad input', () => {
  for (const row of rows) {
    it(`${row.fn}: "${row.arg}" of the wrong type or range`, async () => {
      for (const [label, value] of row.values) {
        const err = await expectTypedFailure(
          () => row.call(value as never),
          `"${row.arg}"`,
          row.code,
        );
        expect(err.message, label).toMatch(/expected/);
      }
    });
  }

  for (const [fn, call, inputs] of malformed) {
    it(`${fn}: malformed text names the argument`, async () => {
      for (const text of inputs)
        await expectTypedFailure(() => call(text), '"digest"', 'ERR_INVALID_FORMAT');
    });
  }

  it('utf8Decode: invalid UTF-8 is ERR_INVALID_FORMAT naming "bytes"', async () => {
    await expectTypedFailure(
      () => root.utf8Decode(new Uint8Array([0xc0, 0x80])),
      '"bytes"',
      'ERR_INVALID_FORMAT',
    );
  });

  it('the error constructors are not a place to validate: they keep what they are given', () => {
    const err = new root.KeyError('ERR_KEY_NOT_FOUND', 'm', { cause: 1 });
    expect([err.code, err.message, err.cause]).toEqual(['ERR_KEY_NOT_FOUND', 'm', 1]);
  });

  it('every exported function of the root is in the table', () => {
    const covered = new Set<string>([...rows.map((r) => r.fn), ...malformed.map(([fn]) => fn)]);
    const exempt = new Set(['getBackend']); // takes no argument
    for (const [name, value] of Object.entries(root)) {
      if (typeof value !== 'function' || /Error$/.test(name)) continue; // classes: see above
      expect(covered.has(name) || exempt.has(name), `${name} is not in the bad-input table`).toBe(
        true,
      );
    }
  });
});
