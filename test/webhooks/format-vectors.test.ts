// The fixed vectors of docs/formats.md#webhook-keys (test/vectors/webhooks/keys.json, made
// once with node:crypto by scripts/gen-webhooks-vectors.ts): every release must read these
// whsk_/whpk_ keys and verify these signatures, on both backends and in Chromium.
import { beforeAll, expect, it } from 'vitest';
import { preloadEd25519, signWebhook, verifyWebhook } from '../../src/webhooks/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { hex } from '../helpers/vectors.js';
import file from '../vectors/webhooks/keys.json' with { type: 'json' };

describeEachBackend('webhook key format vectors', () => {
  beforeAll(() => preloadEd25519());

  for (const v of file.vectors) {
    it(`${v.msgId}: verifies with the whpk_ key, the whsk_ key and the whsec_ secret; re-signs identically`, () => {
      const key = file.keys[v.key]!;
      const payload = hex(v.payloadHex);
      const now = v.timestamp * 1000;
      for (const secret of [key.publicKey, key.secretKey, file.whsec]) {
        expect(verifyWebhook(payload, v.headers, secret, { now }).id).toBe(v.msgId);
      }
      // Ed25519 and HMAC are deterministic: signing again gives the same header.
      const message = { id: v.msgId, timestamp: v.timestamp, payload };
      expect(signWebhook(message, [file.whsec, key.secretKey])).toEqual(v.headers);
      // The 32-byte seed form of whsk_ is read too.
      const seedOnly = `whsk_${btoa(String.fromCharCode(...hex(key.seedHex)))}`;
      expect(signWebhook(message, [file.whsec, seedOnly])).toEqual(v.headers);
      // A key of another vector does not verify it.
      const other = file.keys[(v.key + 1) % file.keys.length]!;
      expect(() => verifyWebhook(payload, v.headers, other.publicKey, { now })).toThrow(
        expect.objectContaining({ code: 'ERR_SIGNATURE_INVALID' }),
      );
    });
  }

  it('whpk_ is base64 of the raw 32-byte public key; whsk_ of seed ‖ public key', () => {
    for (const k of file.keys) {
      const sk = Uint8Array.from(atob(k.secretKey.slice(5)), (c) => c.charCodeAt(0));
      const pk = Uint8Array.from(atob(k.publicKey.slice(5)), (c) => c.charCodeAt(0));
      expect(sk).toEqual(new Uint8Array([...hex(k.seedHex), ...hex(k.publicKeyHex)]));
      expect(pk).toEqual(hex(k.publicKeyHex));
    }
  });
});
