// The Node entry of cachet/webhooks (src/webhooks/index.node.ts, package.json condition
// "node") exports the same API as index.ts and, without importing @noble/hashes, computes
// the same MACs on both backends: on the portable one mac.ts loads @noble/hashes through
// require(esm) on first use. Checked against the official standardwebhooks library and
// node:crypto HMAC, both independent of cachet.
import { createHmac, randomBytes } from 'node:crypto';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { expect, it } from 'vitest';
import * as nodeEntry from '../../src/webhooks/index.node.js';
import { describeEachBackend } from '../helpers/backend-switch.js';

const { signWebhook, verifyWebhook } = nodeEntry;

describeEachBackend('cachet/webhooks Node entry', () => {
  const payload = JSON.stringify({ type: 'invoice.paid', text: 'héllo ✓' });
  const id = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
  const timestamp = Math.floor(Date.now() / 1000);

  it('signs what standardwebhooks verifies and verifies what it signs', () => {
    const secret = nodeEntry.generateWebhookSecret();
    const lib = new StandardWebhook(secret);
    const headers = signWebhook({ payload, id, timestamp }, secret);
    expect(lib.verify(payload, { ...headers })).toEqual(JSON.parse(payload));
    const theirs = {
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': lib.sign(id, new Date(timestamp * 1000), payload),
    };
    expect(theirs['webhook-signature']).toBe(headers['webhook-signature']);
    expect(verifyWebhook(payload, theirs, secret).id).toBe(id);
  });

  it('computes node:crypto HMAC-SHA-256 for GitHub (keys around the 64-byte block), and rejects a tampered body', () => {
    for (const length of [1, 32, 63, 64, 65, 100, 200]) {
      const secret = randomBytes(length).toString('base64').slice(0, length);
      const expected = `sha256=${createHmac('sha256', secret).update(payload).digest('hex')}`;
      const headers = signWebhook({ payload }, secret, { scheme: 'github' });
      expect(headers['x-hub-signature-256']).toBe(expected);
      expect(verifyWebhook(payload, headers, secret, { scheme: 'github' }).scheme).toBe('github');
      expect(() =>
        verifyWebhook(`${payload} `, headers, secret, { scheme: 'github' }),
      ).toThrowError(expect.objectContaining({ code: 'ERR_SIGNATURE_INVALID' }));
    }
  });
});

// Last: importing index.ts registers its statically imported SHA-256, which the tests above
// must run without (they exercise the Node entry's own loading on the portable backend).
it('exports exactly what index.ts exports', async () => {
  const browserEntry = await import('../../src/webhooks/index.js');
  expect(Object.keys(nodeEntry).sort()).toEqual(Object.keys(browserEntry).sort());
});
