// The fixed wire-format vectors (test/vectors/http/signatures.json, made once by
// scripts/gen-http-vectors.ts; docs/formats.md#http): every release must still rebuild the
// same signature bases, verify every message, and re-sign HMAC and Ed25519 messages to the
// same bytes. Both backends and Chromium.
import { expect, it } from 'vitest';
import {
  type HttpRequestLike,
  signatureBase,
  signRequest,
  signResponse,
  verifyRequest,
  verifyResponse,
} from '../../src/http/index.js';
import { importKey, type Key } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import file from '../vectors/http/signatures.json' with { type: 'json' };

type Vector = (typeof file.vectors)[number];
const keys = Object.fromEntries(
  Object.entries(file.keys).map(([name, jwk]) => [name, importKey(jwk as JsonWebKey)]),
) as Record<string, Key>;

function messages(v: Vector) {
  const request = v.request as unknown as HttpRequestLike;
  return 'response' in v && v.response
    ? {
        kind: 'response' as const,
        request,
        message: v.response as { status: number; headers: Array<[string, string]>; body: string },
      }
    : {
        kind: 'request' as const,
        request,
        message: { ...request, headers: v.signedHeaders as Array<[string, string]> },
      };
}

describeEachBackend('cachet/http format vectors', () => {
  for (const v of file.vectors) {
    it(v.name, async () => {
      const key = keys[v.key]!;
      expect(key.id).toBe((file.keys as Record<string, { kid: string }>)[v.key]!.kid);
      const { kind, request, message } = messages(v);
      const verifier = (id: string | undefined) =>
        id === v.options.keyId || id === key.id ? (key.publicKey ?? key) : undefined;
      const options = { keys: verifier, now: v.options.created, required: [] };
      // The label and keyid the vector was signed with: those given, else the defaults.
      const given = v.options as { keyId?: string; label?: string };
      const expected = { label: given.label ?? 'sig1', keyId: given.keyId ?? key.id };
      if (kind === 'response') {
        expect(signatureBase(message, { request })).toBe(v.signatureBase);
        expect(await verifyResponse(message, { ...options, request })).toMatchObject(expected);
      } else {
        expect(signatureBase(message)).toBe(v.signatureBase);
        expect(await verifyRequest(message, options)).toMatchObject(expected);
      }
      if (v.deterministic) {
        const signOptions = { key, ...(v.options as object) } as Parameters<typeof signRequest>[1];
        const again =
          kind === 'response'
            ? await signResponse(
                {
                  ...(message as { status: number; body: string }),
                  headers: [['Content-Type', 'application/json']],
                },
                { ...signOptions, request },
              )
            : await signRequest(v.request as unknown as HttpRequestLike, signOptions);
        expect(again.headers).toEqual(v.signedHeaders);
      }
    });
  }
});
