// ../shared/vectors/standard-webhooks.json: every sign vector and verify case from the
// Standard Webhooks libraries, the derived v1a (Ed25519, RFC 8032 TEST 1 key) vector and
// the spec's header example, on both backends and in Chromium.
import { beforeAll, expect, it } from 'vitest';
import { CachetError } from '../../src/errors.js';
import {
  preloadEd25519,
  signWebhook,
  type VerifiedWebhook,
  verifyWebhook,
} from '../../src/webhooks/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { hex, loadVectors } from '../helpers/vectors.js';

interface SignVector {
  id: string;
  secret: string;
  secretKeyBytesHex: string;
  msgId: string;
  timestamp: number;
  payload: string;
  expectedSignature: string;
}
interface VerifyCase {
  id: string;
  secret: string;
  now: number;
  payload: string;
  headers: Record<string, string>;
  expect: 'valid' | 'error';
}
interface AsymmetricVector {
  id: string;
  ed25519SeedHex: string;
  ed25519PublicKeyHex: string;
  publicKeyBase64: string;
  msgId: string;
  timestamp: number;
  payload: string;
  expectedSignature: string;
}
interface File {
  signVectors: SignVector[];
  verifyCases: VerifyCase[];
  asymmetricDerived: AsymmetricVector[];
  specExample: {
    msgId: string;
    timestamp: number;
    payloadMinified: string;
    exampleHeaders: Record<string, string>;
  };
}

const file = await loadVectors<File>('standard-webhooks.json');
const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

describeEachBackend('Standard Webhooks vectors', () => {
  beforeAll(() => preloadEd25519());
  if (!file) return;

  for (const v of file.signVectors) {
    it(`${v.id}: signs to the published signature (whsec_ string and raw key bytes)`, () => {
      const message = { id: v.msgId, timestamp: v.timestamp, payload: v.payload };
      const headers = signWebhook(message, v.secret);
      expect(headers).toEqual({
        'webhook-id': v.msgId,
        'webhook-timestamp': String(v.timestamp),
        'webhook-signature': v.expectedSignature,
      });
      const fromBytes = signWebhook(message, hex(v.secretKeyBytesHex));
      expect(fromBytes['webhook-signature']).toBe(v.expectedSignature);
      const bytesPayload = signWebhook(
        { ...message, payload: new TextEncoder().encode(v.payload) },
        v.secret,
      );
      expect(bytesPayload['webhook-signature']).toBe(v.expectedSignature);
    });
  }

  for (const c of file.verifyCases) {
    it(`${c.id}: ${c.expect}`, () => {
      const run = () => verifyWebhook(c.payload, c.headers, c.secret, { now: c.now * 1000 });
      if (c.expect === 'valid') {
        const result: VerifiedWebhook<string> = run();
        expect(result).toEqual({
          scheme: 'standard',
          id: c.headers['webhook-id'],
          timestamp: Number(c.headers['webhook-timestamp']),
          payload: c.payload,
        });
      } else {
        expect(run).toThrow(CachetError);
      }
    });
  }

  it('verify cases fail with the code of the check that failed', () => {
    const codes: Record<string, string> = {};
    for (const c of file.verifyCases.filter((x) => x.expect === 'error')) {
      try {
        verifyWebhook(c.payload, c.headers, c.secret, { now: c.now * 1000 });
      } catch (err) {
        codes[c.id] = (err as CachetError).code;
      }
    }
    expect(codes).toEqual({
      'missing-id': 'ERR_COMPONENT_MISSING',
      'missing-timestamp': 'ERR_COMPONENT_MISSING',
      'missing-signature': 'ERR_SIGNATURE_MISSING',
      'non-numeric-timestamp': 'ERR_INVALID_FORMAT',
      'wrong-signature': 'ERR_SIGNATURE_INVALID',
      'one-char-changed': 'ERR_SIGNATURE_INVALID',
      'garbage-signature': 'ERR_SIGNATURE_INVALID',
      'partial-signature-empty': 'ERR_SIGNATURE_INVALID',
      'partial-signature-prefix': 'ERR_SIGNATURE_INVALID',
      'wrong-version-only': 'ERR_SIGNATURE_INVALID',
      'timestamp-too-old': 'ERR_TIMESTAMP_TOO_OLD',
      'timestamp-too-new': 'ERR_TIMESTAMP_IN_FUTURE',
    });
  });

  for (const v of file.asymmetricDerived) {
    it(`${v.id}: v1a signs deterministically and verifies with whpk_`, () => {
      const seed = hex(v.ed25519SeedHex);
      const pub = hex(v.ed25519PublicKeyHex);
      expect(b64(pub)).toBe(v.publicKeyBase64);
      const message = { id: v.msgId, timestamp: v.timestamp, payload: v.payload };
      const both = new Uint8Array([...seed, ...pub]);
      for (const secretKey of [`whsk_${b64(both)}`, `whsk_${b64(seed)}`]) {
        expect(signWebhook(message, secretKey)['webhook-signature']).toBe(v.expectedSignature);
      }
      const headers = {
        'webhook-id': v.msgId,
        'webhook-timestamp': String(v.timestamp),
        'webhook-signature': v.expectedSignature,
      };
      const now = v.timestamp * 1000;
      expect(verifyWebhook(v.payload, headers, `whpk_${v.publicKeyBase64}`, { now }).id).toBe(
        v.msgId,
      );
      expect(() =>
        verifyWebhook(`${v.payload} `, headers, `whpk_${v.publicKeyBase64}`, { now }),
      ).toThrow(expect.objectContaining({ code: 'ERR_SIGNATURE_INVALID' }));
    });
  }

  it('specExample: both entries parse; no secret matches an unrelated key', () => {
    const { exampleHeaders, payloadMinified, timestamp } = file.specExample;
    // The spec publishes no secret, so this can only check that the header parses (a
    // malformed header would be ERR_INVALID_FORMAT) and that nothing matches by accident.
    expect(() =>
      verifyWebhook(payloadMinified, exampleHeaders, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', {
        now: timestamp * 1000,
      }),
    ).toThrow(expect.objectContaining({ code: 'ERR_SIGNATURE_INVALID' }));
    expect(() =>
      verifyWebhook(
        payloadMinified,
        exampleHeaders,
        'whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=',
        { now: timestamp * 1000 },
      ),
    ).toThrow(expect.objectContaining({ code: 'ERR_SIGNATURE_INVALID' }));
  });
});
