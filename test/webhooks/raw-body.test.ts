// readRawBody / verifyWebhookRequest on Fetch Requests (Node and Chromium): exact bytes,
// an already-read body, limits, and arguments that are not requests.
import { expect, it } from 'vitest';
import { readRawBody, signWebhook, verifyWebhookRequest } from '../../src/webhooks/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const code = (c: string) => expect.objectContaining({ code: c });
const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request('https://example.com/hooks', { method: 'POST', body, headers });

describeEachBackend('raw body from a Fetch Request', () => {
  it('returns the exact bytes, including non-UTF-8 and empty bodies', async () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x00, 0x7b]);
    expect(await readRawBody(post(bytes))).toEqual(bytes);
    expect(await readRawBody(post(null))).toEqual(new Uint8Array(0));
    expect(await readRawBody(new Request('https://example.com/', { method: 'GET' }))).toHaveLength(
      0,
    );
  });

  it('an already-read body is ERR_BODY_ALREADY_PARSED', async () => {
    const request = post('{"a":1}');
    await request.json();
    await expect(readRawBody(request)).rejects.toThrow(code('ERR_BODY_ALREADY_PARSED'));
  });

  it('enforces the limit from Content-Length and while reading', async () => {
    await expect(
      readRawBody(post('x'.repeat(20), { 'content-length': '20' }), { limit: 10 }),
    ).rejects.toThrow(code('ERR_LIMIT_EXCEEDED'));
    await expect(readRawBody(post('x'.repeat(20)), { limit: 10 })).rejects.toThrow(
      code('ERR_LIMIT_EXCEEDED'),
    );
    expect(await readRawBody(post('x'.repeat(10)), { limit: 10 })).toHaveLength(10);
    for (const limit of [-1, 1.5, '10']) {
      await expect(readRawBody(post('x'), { limit } as never)).rejects.toThrow(
        code('ERR_INVALID_ARGUMENT'),
      );
    }
  });

  it('refuses what is not a request', async () => {
    for (const bad of [null, '{"a":1}', new Uint8Array(1), { headers: {} }]) {
      await expect(readRawBody(bad as never)).rejects.toThrow(code('ERR_INVALID_ARGUMENT'));
    }
  });

  it('verifyWebhookRequest: verifies, returns bytes, passes options through', async () => {
    const body = '{"type":"user.created"}';
    const headers = signWebhook({ id: 'msg_req', payload: body }, SECRET);
    const result = await verifyWebhookRequest(post(body, headers), SECRET);
    expect(result.id).toBe('msg_req');
    expect(new TextDecoder().decode(result.payload)).toBe(body);
    await expect(verifyWebhookRequest(post(body, headers), SECRET, { limit: 5 })).rejects.toThrow(
      code('ERR_LIMIT_EXCEEDED'),
    );
    await expect(
      verifyWebhookRequest(post(body, headers), SECRET, { now: Date.now() + 3_600_000 }),
    ).rejects.toThrow(code('ERR_TIMESTAMP_TOO_OLD'));
    await expect(verifyWebhookRequest(post(`${body}\n`, headers), SECRET)).rejects.toThrow(
      code('ERR_SIGNATURE_INVALID'),
    );
  });
});
