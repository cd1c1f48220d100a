/**
 * Normalizers for blind indexes: they map the spellings of one value to one string
 * before it is indexed, so `' Alice@Example.com'` finds `'alice@example.com'`. They apply
 * to string values only; other values are indexed as they are.
 */
import { invalidArgument } from '../assert.js';

/**
 * A built-in normalizer, or your own function from string to string.
 *
 * @example
 * ```ts
 * import { fieldCipher, type Normalizer } from 'cachet/fields';
 * import { Keyring } from 'cachet/keys';
 * const noDashes: Normalizer = (s) => s.replaceAll('-', '');
 * const iban = fieldCipher(Keyring.generate('A256GCM'), {
 *   table: 'payouts',
 *   column: 'iban',
 *   blindIndex: { normalize: ['trim', 'lowercase', noDashes] },
 * });
 * console.log(iban.blindIndex(' DE89-3704 ') === iban.blindIndex('de893704')); // true
 * ```
 */
export type Normalizer =
  | 'trim'
  | 'lowercase'
  | 'nfc'
  | 'nfkc'
  | 'whitespace'
  | 'digits'
  | 'email'
  | ((value: string) => string);

const BUILT_IN: {
  readonly [N in Exclude<Normalizer, (value: string) => string>]: (s: string) => string;
} = {
  /** Leading and trailing white space removed. */
  trim: (s) => s.trim(),
  /** Unicode default lower case (locale-independent). */
  lowercase: (s) => s.toLowerCase(),
  /** Unicode canonical composition (UAX #15): é as one code point or two are one value. */
  nfc: (s) => s.normalize('NFC'),
  /** Compatibility composition: also folds ligatures, full-width forms, superscripts. */
  nfkc: (s) => s.normalize('NFKC'),
  /** Runs of white space become one space, ends trimmed. */
  whitespace: (s) => s.replace(/\s+/gu, ' ').trim(),
  /** Only the ASCII digits kept: phone numbers, national ids, card numbers. */
  digits: (s) => s.replace(/[^0-9]/g, ''),
  /** NFC, trimmed, lower case: the whole address, local part included, as most services treat it. */
  email: (s) => s.normalize('NFC').trim().toLowerCase(),
};

/** The normalizers as one function over strings, checked. */
export function normalizerOf(value: unknown, name: string): (s: string) => string {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const steps = list.map((step, i) => {
    if (typeof step === 'function') {
      return (s: string) => {
        const out = (step as (s: string) => unknown)(s);
        if (typeof out !== 'string') invalidArgument(`${name}[${i}] result`, 'string', out);
        return out;
      };
    }
    if (typeof step === 'string' && Object.hasOwn(BUILT_IN, step)) {
      return BUILT_IN[step as keyof typeof BUILT_IN];
    }
    return invalidArgument(
      `${name}[${i}]`,
      `a function or one of ${Object.keys(BUILT_IN)
        .map((k) => `'${k}'`)
        .join(', ')}`,
      step,
    );
  });
  return (s) => steps.reduce((acc, step) => step(acc), s);
}
