// The shared bad-input table (test/helpers/bad-input.ts) thrown at every argument of every
// public function of cachet/webhooks, the others valid: each wrong value gives a typed
// CachetError whose message names the argument, never a TypeError. A check at the end makes
// sure no exported function escapes the table.
import { describe, expect, it } from 'vitest';
import * as webhooks from '../../src/webhooks/index.js';
import { expectTypedFailure, WRONG_TYPES } from '../helpers/bad-input.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const BODY = '{"type":"invoice.paid"}';
const headers = webhooks.signWebhook({ payload: BODY }, SECRET);
const request = () =>
  new Request('https://example.com/hooks', { method: 'POST', body: BODY, headers });

/** Wrong values minus those a parameter legitimately accepts. */
const except = (...names: string[]) => WRONG_TYPES.filter(([name]) => !names.includes(name));
// Objects that an options parameter accepts as "no options set".
const optionsLike = ['undefined', 'plain object', 'Date', 'ArrayBuffer', 'Uint16Array', 'DataView'];

interface Row {
  fn: keyof typeof webhooks;
  arg: string;
  call: (value: never) => unknown;
  values: ReadonlyArray<readonly [string, unknown]>;
  mention: RegExp;
}

const rows: Row[] = [
  {
    fn: 'verifyWebhook',
    arg: 'payload',
    call: (v) => webhooks.verifyWebhook(v, headers, SECRET),
    // Every binary view is a body (its bytes), so those fail the signature instead.
    values: except('ArrayBuffer', 'Uint16Array', 'DataView'),
    mention: /"payload"/,
  },
  {
    fn: 'verifyWebhook',
    arg: 'headers',
    call: (v) => webhooks.verifyWebhook(BODY, v, SECRET),
    values: WRONG_TYPES,
    mention: /header/,
  },
  {
    fn: 'verifyWebhook',
    arg: 'secrets',
    call: (v) => webhooks.verifyWebhook(BODY, headers, v),
    values: WRONG_TYPES,
    mention: /secret/,
  },
  {
    fn: 'verifyWebhook',
    arg: 'options',
    call: (v) => webhooks.verifyWebhook(BODY, headers, SECRET, v),
    values: except(...optionsLike),
    mention: /"options"/,
  },
  {
    fn: 'signWebhook',
    arg: 'message',
    call: (v) => webhooks.signWebhook(v, SECRET),
    values: WRONG_TYPES,
    mention: /"message"|"payload"/,
  },
  {
    fn: 'signWebhook',
    arg: 'message.payload',
    call: (v) => webhooks.signWebhook({ payload: v }, SECRET),
    values: except('ArrayBuffer', 'Uint16Array', 'DataView'),
    mention: /"payload"/,
  },
  {
    fn: 'signWebhook',
    arg: 'message.id',
    call: (v) => webhooks.signWebhook({ id: v, payload: BODY }, SECRET),
    values: except('undefined'),
    mention: /"message.id"/,
  },
  {
    fn: 'signWebhook',
    arg: 'message.timestamp',
    call: (v) => webhooks.signWebhook({ timestamp: v, payload: BODY }, SECRET),
    values: except('undefined', 'Date', 'number'), // 42 is a valid time (1970)
    mention: /"message.timestamp"/,
  },
  {
    fn: 'signWebhook',
    arg: 'secrets',
    call: (v) => webhooks.signWebhook({ payload: BODY }, v),
    values: WRONG_TYPES,
    mention: /secret/,
  },
  {
    fn: 'signWebhook',
    arg: 'options',
    call: (v) => webhooks.signWebhook({ payload: BODY }, SECRET, v),
    values: except(...optionsLike),
    mention: /"options"/,
  },
  {
    fn: 'readRawBody',
    arg: 'request',
    call: (v) => webhooks.readRawBody(v),
    values: WRONG_TYPES,
    mention: /"request"/,
  },
  {
    fn: 'readRawBody',
    arg: 'options',
    call: (v) => webhooks.readRawBody(request(), v),
    values: except(...optionsLike),
    mention: /"options"/,
  },
  {
    fn: 'verifyWebhookRequest',
    arg: 'request',
    call: (v) => webhooks.verifyWebhookRequest(v, SECRET),
    values: WRONG_TYPES,
    mention: /"request"/,
  },
  {
    fn: 'verifyWebhookRequest',
    arg: 'secrets',
    call: (v) => webhooks.verifyWebhookRequest(request(), v),
    values: WRONG_TYPES,
    mention: /secret/,
  },
  {
    fn: 'verifyWebhookRequest',
    arg: 'options',
    call: (v) => webhooks.verifyWebhookRequest(request(), SECRET, v),
    values: except(...optionsLike),
    mention: /"options"/,
  },
  {
    fn: 'MemoryReplayStore',
    arg: 'options',
    call: (v) => new webhooks.MemoryReplayStore(v),
    values: except(...optionsLike),
    mention: /"options"/,
  },
  {
    fn: 'RedisReplayStore',
    arg: 'client',
    call: (v) => new webhooks.RedisReplayStore(v),
    values: WRONG_TYPES,
    mention: /"client"/,
  },
];

describe('cachet/webhooks: bad input', () => {
  for (const row of rows) {
    it(`${row.fn}: "${row.arg}" of the wrong type is a typed error naming it`, async () => {
      for (const [, value] of row.values) {
        await expectTypedFailure(() => row.call(value as never), row.mention);
      }
    });
  }

  it('every exported function is in the table', () => {
    const covered = new Set<string>(rows.map((r) => r.fn));
    // No arguments to get wrong.
    const exempt = new Set(['generateWebhookSecret', 'generateWebhookKeyPair', 'preloadEd25519']);
    for (const [name, value] of Object.entries(webhooks)) {
      if (typeof value !== 'function') continue;
      expect(covered.has(name) || exempt.has(name), `${name} is not in the table`).toBe(true);
    }
  });
});
