// RFC 9421 Appendix B (and §4.3) from ../shared/vectors/rfc9421.json: every signature base
// is rebuilt byte for byte, every signature verifies (RSA-PSS, RSA v1.5, ECDSA, HMAC,
// Ed25519), the deterministic ones (HMAC, Ed25519) are reproduced exactly by signing, and
// the B.4 variants that change covered components are rejected. Runs on both backends
// and in Chromium.
import { describe, expect, it } from 'vitest';
import {
  signatureBase,
  signRequest,
  signResponse,
  verifyRequest,
  verifyResponse,
} from '../../src/http/index.js';
import type { Key } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { loadVectors } from '../helpers/vectors.js';
import {
  parseMessageText,
  plainMessage,
  publicKeys,
  type Rfc9421,
  signingKeys,
  type TestCase,
} from './rfc9421.js';

const v = await loadVectors<Rfc9421>('rfc9421.json');

function componentsOf(tc: TestCase): string[] {
  const list = /=\((.*)\)/.exec(tc.signatureInput)![1]!;
  return [...list.matchAll(/"([^"]+)"((?:;[a-z]+(?:="[^"]*")?)*)/g)].map((m) => m[1]! + m[2]!);
}

function paramOf(tc: TestCase, name: string): string | undefined {
  return new RegExp(`;${name}=("?)([^;"]*)\\1`).exec(tc.signatureInput)?.[2];
}

describe.skipIf(!v)('RFC 9421 Appendix B', () => {
  const vectors = v!;
  const keys = publicKeys(vectors);
  const resolver = (id: string | undefined) => keys.get(id!);

  describeEachBackend('vectors', () => {
    for (const tc of vectors.testCases) {
      const message = plainMessage(vectors.messages[tc.message]!, {
        input: tc.signatureInput,
        value: tc.signatureHeader,
      });
      const created = Number(paramOf(tc, 'created'));
      const isResponse = message.status !== undefined;

      it(`${tc.id}: the signature base matches exactly`, () => {
        expect(signatureBase(message, { label: tc.label })).toBe(tc.signatureBase);
      });

      it(`${tc.id}: ${tc.algorithm} verifies`, async () => {
        const options = { keys: resolver, required: [], now: created + 10, label: tc.label };
        const result = isResponse
          ? await verifyResponse(message, options)
          : await verifyRequest(message, options);
        expect(result.alg).toBe(tc.algorithm);
        expect(result.keyId).toBe(tc.keyid);
        expect(result.label).toBe(tc.label);
        expect(result.created?.getTime()).toBe(created * 1000);
        expect(result.components).toEqual(componentsOf(tc));
        if (componentsOf(tc).includes('content-digest')) expect(result.digest).toEqual(['sha-512']);
      });

      it(`${tc.id}: a flipped signature bit fails`, async () => {
        const bytes = atob(/:([^:]+):/.exec(tc.signatureHeader)![1]!);
        const flipped = String.fromCharCode(bytes.charCodeAt(0) ^ 1) + bytes.slice(1);
        const bad = plainMessage(vectors.messages[tc.message]!, {
          input: tc.signatureInput,
          value: `${tc.label}=:${btoa(flipped)}:`,
        });
        const options = { keys: resolver, required: [], now: created, label: tc.label };
        const outcome = isResponse ? verifyResponse(bad, options) : verifyRequest(bad, options);
        await expect(outcome).rejects.toMatchObject({ code: 'ERR_SIGNATURE_INVALID' });
      });

      if (tc.deterministic && tc.algorithm !== 'rsa-v1_5-sha256') {
        it(`${tc.id}: signing reproduces the signature byte for byte`, async () => {
          const key = signingKeys(vectors).get(tc.keyid)!;
          const unsigned = plainMessage(vectors.messages[tc.message]!);
          const options = {
            key: key as Key | Uint8Array,
            keyId: tc.keyid,
            label: tc.label,
            components: componentsOf(tc),
            created,
            nonce: false,
            digest: false as const,
          };
          const signed = isResponse
            ? await signResponse(unsigned, options)
            : await signRequest(unsigned, options);
          const headers = new Map(signed.headers.map(([k, val]) => [k.toLowerCase(), val]));
          expect(headers.get('signature-input')).toBe(tc.signatureInput);
          expect(headers.get('signature')).toBe(tc.signatureHeader);
          expect(tc.signatureHeader).toContain(tc.expectedSignatureB64!);
        });
      }

      for (const variant of tc.variants ?? []) {
        it(`${tc.id} variant: ${variant.description}`, async () => {
          const parsed = parseMessageText(variant.message);
          const altered = plainMessage(parsed, {
            input: variant.signatureInput,
            value: variant.signatureHeader,
          });
          expect(signatureBase(altered, { label: tc.label })).toBe(variant.signatureBase);
          const outcome = verifyRequest(altered, { keys: resolver, required: [], now: created });
          if (variant.expectedValid)
            await expect(outcome).resolves.toMatchObject({ alg: 'ed25519' });
          else await expect(outcome).rejects.toMatchObject({ code: 'ERR_SIGNATURE_INVALID' });
        });
      }
    }

    it('4.3: the final request carries two signatures; the client one no longer verifies there', async () => {
      const final = plainMessage(vectors.messages['section-4.3-final-request']!);
      // Kept as received: both Signature-Input and Signature fields hold sig1 and proxy_sig.
      const raw = vectors.messages['section-4.3-final-request']!;
      const message = { ...final, headers: raw.headers };
      const now = 1618884480;
      const both = await verifyRequest(message, { keys: resolver, required: [], now });
      expect(both.label).toBe('proxy_sig');
      expect(both.alg).toBe('rsa-v1_5-sha256');
      expect(both.expires?.getTime()).toBe(1618884540 * 1000);
      // With only the client's key, sig1 is tried and fails: the proxy changed @authority.
      const clientOnly = (id: string | undefined) =>
        id === 'test-key-ecc-p256' ? keys.get(id) : undefined;
      await expect(
        verifyRequest(message, { keys: clientOnly, required: [], now }),
      ).rejects.toMatchObject({ code: 'ERR_SIGNATURE_INVALID' });
      // The proxy set expires 60 s after created.
      const later = { keys: resolver, required: [], now: 1618884700, maxAge: null };
      await expect(verifyRequest(message, { ...later, label: 'proxy_sig' })).rejects.toMatchObject({
        code: 'ERR_EXPIRED',
      });
      // Without a label, the failure of the candidate that got furthest is reported.
      await expect(verifyRequest(message, later)).rejects.toMatchObject({
        code: 'ERR_SIGNATURE_INVALID',
      });
    });

    it('B.2.1: the default policy refuses a signature that covers nothing', async () => {
      const tc = vectors.testCases.find((t) => t.id === 'B.2.1')!;
      const message = plainMessage(vectors.messages[tc.message]!, {
        input: tc.signatureInput,
        value: tc.signatureHeader,
      });
      await expect(
        verifyRequest(message, { keys: resolver, now: 1618884473 }),
      ).rejects.toMatchObject({ code: 'ERR_COMPONENT_MISSING' });
    });

    it('B.2.4 response: verifying it as of much later is refused as too old', async () => {
      const tc = vectors.testCases.find((t) => t.id === 'B.2.4')!;
      const message = plainMessage(vectors.messages[tc.message]!, {
        input: tc.signatureInput,
        value: tc.signatureHeader,
      });
      await expect(
        verifyResponse(message, { keys: resolver, now: 1618884473 + 400 }),
      ).rejects.toMatchObject({ code: 'ERR_TIMESTAMP_TOO_OLD' });
    });
  });
});
