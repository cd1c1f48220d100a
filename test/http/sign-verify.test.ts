// signRequest / verifyRequest end to end on both backends: every signing algorithm, every
// message shape (Fetch Request/Response, Headers, records, [name, value] lines), the
// verification policy (required components, allow-list, times, tag, keys, replay), several
// signatures on one message, and property tests: a change to any covered component, the
// digest or the body fails; changes to what is not covered do not.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import {
  type HttpRequestLike,
  MemoryReplayStore,
  signatureBase,
  signRequest,
  signResponse,
  verifyRequest,
  verifyResponse,
} from '../../src/http/index.js';
import { importKey, Keyring } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';

const ALGS = [
  ['HS256', 'hmac-sha256'],
  ['Ed25519', 'ed25519'],
  ['ES256', 'ecdsa-p256-sha256'],
  ['ES384', 'ecdsa-p384-sha384'],
] as const;

function verifier(keyring: Keyring): Keyring {
  return keyring.primary.type === 'secret' ? keyring : keyring.publicKeyring();
}

const order: HttpRequestLike = {
  method: 'POST',
  url: 'https://api.example.com/v1/orders?tenant=acme',
  headers: { 'content-type': 'application/json', 'x-request-id': 'r-1' },
  body: '{"id":7,"qty":2}',
};

const header = (message: { headers?: unknown }, name: string): string | undefined => {
  const h = message.headers;
  if (h instanceof Headers) return h.get(name) ?? undefined;
  if (Array.isArray(h)) return h.find(([k]) => k.toLowerCase() === name)?.[1];
  const record = h as Record<string, string>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : record[key];
};

describeEachBackend('cachet/http sign and verify', () => {
  for (const [keyAlg, httpAlg] of ALGS) {
    it(`${httpAlg}: round trip with the defaults`, async () => {
      const keyring = Keyring.generate(keyAlg);
      const signed = await signRequest(order, { key: keyring });
      expect(header(signed, 'content-digest')).toMatch(/^sha-256=:[A-Za-z0-9+/]{43}=:$/);
      expect(header(signed, 'signature-input')).toMatch(
        new RegExp(
          `^sig1=\\("@method" "@target-uri" "content-digest"\\);created=\\d+;nonce="[A-Za-z0-9_-]{22}";keyid="${keyring.primary.id}"$`,
        ),
      );
      const result = await verifyRequest(signed, { keys: verifier(keyring) });
      expect(result).toMatchObject({
        label: 'sig1',
        keyId: keyring.primary.id,
        alg: httpAlg,
        components: ['@method', '@target-uri', 'content-digest'],
        digest: ['sha-256'],
        tag: undefined,
        expires: undefined,
      });
      expect(Math.abs(result.created!.getTime() - Date.now())).toBeLessThan(5000);
      // The original is untouched: a copy carries the new headers.
      expect(header(order, 'signature')).toBeUndefined();
    });
  }

  it('raw HMAC secret bytes sign and verify through a resolver', async () => {
    const secret = crypto.getRandomValues(new Uint8Array(48));
    const signed = await signRequest(order, { key: secret, keyId: 'partner-7', tag: 'orders-api' });
    const seen: Array<[string | undefined, string | undefined]> = [];
    const result = await verifyRequest(signed, {
      keys: (id, alg) => {
        seen.push([id, alg]);
        return id === 'partner-7' ? secret : undefined;
      },
      tag: 'orders-api',
    });
    expect(result).toMatchObject({ keyId: 'partner-7', alg: 'hmac-sha256', tag: 'orders-api' });
    expect(seen).toEqual([['partner-7', undefined]]);
    // Changing the secret in place after use is seen (no stale cached key state).
    secret[0]! ^= 1;
    await expect(verifyRequest(signed, { keys: () => secret })).rejects.toMatchObject({
      code: 'ERR_SIGNATURE_INVALID',
    });
  });

  it('signs and verifies Fetch Requests and Responses, leaving the body readable', async () => {
    const keyring = Keyring.generate('Ed25519');
    const request = new Request('https://api.example.com/upload', {
      method: 'PUT',
      headers: { 'Content-Type': 'text/plain' },
      body: 'hello world',
    });
    const signed = await signRequest(request, { key: keyring, keyId: 'c1' });
    expect(signed).toBeInstanceOf(Request);
    expect(signed.headers.get('content-digest')).toBe(
      'sha-256=:uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=:',
    );
    const keys = (id: string | undefined) =>
      id === 'c1' ? keyring.publicKeyring().primary : undefined;
    expect(await verifyRequest(signed, { keys })).toMatchObject({
      keyId: 'c1',
      digest: ['sha-256'],
    });
    expect(await signed.text()).toBe('hello world');

    const response = await signResponse(
      new Response('{"ok":true}', { status: 201, headers: { 'content-type': 'application/json' } }),
      {
        key: keyring,
      },
    );
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(201);
    expect((await verifyResponse(response, { keys: keyring.publicKeyring() })).components).toEqual([
      '@status',
      'content-digest',
    ]);
    expect(await response.json()).toEqual({ ok: true });
    const empty = await signResponse(new Response(null, { status: 204 }), { key: keyring });
    expect(empty.headers.get('signature-input')).toMatch(/^sig1=\("@status"\)/);
  });

  it('keeps the header shape: Headers, records (any case) and [name, value] lines', async () => {
    const key = Keyring.generate('HS256');
    for (const headers of [
      new Headers({ 'Content-Type': 'text/plain' }),
      { 'Content-Type': 'text/plain', Signature: undefined },
      [['Content-Type', 'text/plain']] as Array<[string, string]>,
    ]) {
      const signed = await signRequest({ ...order, headers }, { key });
      expect(Object.getPrototypeOf(signed.headers)).toBe(Object.getPrototypeOf(headers));
      expect(header(signed, 'content-type')).toBe('text/plain');
      expect(await verifyRequest(signed, { keys: key })).toMatchObject({ label: 'sig1' });
    }
  });

  it('adds a second signature under the next label and verifies each by label', async () => {
    const client = Keyring.generate('Ed25519');
    const proxy = Keyring.generate('ES256');
    const once = await signRequest(order, { key: client });
    const twice = await signRequest(once, {
      key: proxy,
      components: ['@method', '@target-uri', 'content-digest', 'signature;key="sig1"'],
    });
    expect(header(twice, 'signature-input')).toMatch(/^sig1=\(.*, sig2=\(/);
    const both = Keyring.fromKeys([client.publicKeyring().primary, proxy.publicKeyring().primary]);
    expect((await verifyRequest(twice, { keys: both, label: 'sig2' })).alg).toBe(
      'ecdsa-p256-sha256',
    );
    expect((await verifyRequest(twice, { keys: both })).label).toBe('sig1');
    expect((await verifyRequest(twice, { keys: proxy.publicKeyring() })).label).toBe('sig2');
    await expect(signRequest(once, { key: proxy, label: 'sig1' })).rejects.toThrow(
      /already has a signature labelled "sig1"/,
    );
    await expect(verifyRequest(twice, { keys: both, label: 'sig9' })).rejects.toMatchObject({
      code: 'ERR_SIGNATURE_MISSING',
    });
  });

  it('enforces the verification policy with a typed error for each failure', async () => {
    const keyring = Keyring.generate('Ed25519');
    const keys = keyring.publicKeyring();
    const now = 1_700_000_000;
    const sign = (extra: object = {}) =>
      signRequest(order, { key: keyring, created: now, ...extra });
    const fails = async (promise: Promise<unknown>, code: string) =>
      expect(promise).rejects.toMatchObject({ code });

    await fails(verifyRequest(order, { keys }), 'ERR_SIGNATURE_MISSING');
    const covering = await sign({ components: ['@method', '@authority', '@path'] });
    await fails(verifyRequest(covering, { keys, now }), 'ERR_COMPONENT_MISSING'); // @query and content-digest
    expect(
      (await verifyRequest(covering, { keys, now, required: ['@method', '@path'] })).components,
    ).toHaveLength(3);
    await fails(
      verifyRequest(await sign(), { keys, now, algorithms: ['ecdsa-p256-sha256'] }),
      'ERR_ALGORITHM_NOT_ALLOWED',
    );
    await fails(
      verifyRequest(await sign({ alg: 'ed25519' }), { keys, now, algorithms: ['hmac-sha256'] }),
      'ERR_ALGORITHM_NOT_ALLOWED',
    );
    await fails(verifyRequest(await sign(), { keys, now: now + 361 }), 'ERR_TIMESTAMP_TOO_OLD');
    expect(await verifyRequest(await sign(), { keys, now: now + 359 })).toBeTruthy(); // 300 s + 60 s skew
    expect(await verifyRequest(await sign(), { keys, now: now + 3600, maxAge: 3600 })).toBeTruthy();
    await fails(verifyRequest(await sign(), { keys, now: now - 61 }), 'ERR_TIMESTAMP_IN_FUTURE');
    await fails(
      verifyRequest(await sign({ expiresIn: 10 }), { keys, now: now + 71 }),
      'ERR_EXPIRED',
    );
    expect(
      (
        await verifyRequest(await sign({ expiresIn: 10 }), { keys, now: now + 5 })
      ).expires!.getTime(),
    ).toBe((now + 10) * 1000);
    await fails(
      verifyRequest(await sign({ created: false }), { keys, now }),
      'ERR_COMPONENT_MISSING',
    );
    expect(
      await verifyRequest(await sign({ created: false }), { keys, now, maxAge: null }),
    ).toBeTruthy();
    await fails(
      verifyRequest(await sign({ tag: 'a' }), { keys, now, tag: 'b' }),
      'ERR_TAG_MISMATCH',
    );
    await fails(verifyRequest(await sign({ keyId: 'who' }), { keys, now }), 'ERR_KEY_NOT_FOUND');
    await fails(
      verifyRequest(await sign({ keyId: 'who' }), { keys: () => undefined, now }),
      'ERR_KEY_NOT_FOUND',
    );
    await fails(
      verifyRequest(await sign(), { keys: Keyring.generate('Ed25519').publicKeyring(), now }),
      'ERR_KEY_NOT_FOUND',
    );
    // A key of another type under the same id: the alg parameter must match it.
    await fails(
      verifyRequest(await sign({ alg: 'ed25519' }), {
        keys: () => Keyring.generate('ES256').primary,
        now,
      }),
      'ERR_WRONG_KEY_TYPE',
    );
    // Without an alg parameter the key decides the algorithm, and the signature fails.
    await fails(
      verifyRequest(await sign(), { keys: () => Keyring.generate('Ed25519').primary, now }),
      'ERR_SIGNATURE_INVALID',
    );
    await fails(
      verifyRequest(await sign(), { keys: () => Keyring.generate('HS256').primary, now }),
      'ERR_SIGNATURE_INVALID',
    );
    // Keyring rotation: old keys still verify until disabled.
    const rotating = Keyring.generate('HS256');
    const old = await signRequest(order, { key: rotating, created: now });
    const oldId = rotating.primary.id;
    rotating.rotate();
    expect((await verifyRequest(old, { keys: rotating, now })).keyId).toBe(oldId);
    rotating.disable(oldId);
    await fails(verifyRequest(old, { keys: rotating, now }), 'ERR_KEY_DISABLED');
  });

  it('rejects replays through the replay store, and needs a nonce for it', async () => {
    const keyring = Keyring.generate('HS256');
    const replay = new MemoryReplayStore();
    const signed = await signRequest(order, { key: keyring });
    expect(await verifyRequest(signed, { keys: keyring, replay })).toBeTruthy();
    await expect(verifyRequest(signed, { keys: keyring, replay })).rejects.toMatchObject({
      code: 'ERR_REPLAY',
    });
    // A fresh signature of the same request has a fresh nonce.
    expect(
      await verifyRequest(await signRequest(order, { key: keyring }), { keys: keyring, replay }),
    ).toBeTruthy();
    const noNonce = await signRequest(order, { key: keyring, nonce: false });
    await expect(verifyRequest(noNonce, { keys: keyring, replay })).rejects.toMatchObject({
      code: 'ERR_COMPONENT_MISSING',
    });
    // A forged request never uses up a nonce.
    const forged = { ...signed, body: '{"id":8,"qty":2}' };
    const store = new MemoryReplayStore();
    await expect(verifyRequest(forged, { keys: keyring, replay: store })).rejects.toMatchObject({
      code: 'ERR_DIGEST_MISMATCH',
    });
    expect(store.size).toBe(0);
    expect(await verifyRequest(signed, { keys: keyring, replay: store })).toBeTruthy();
  });

  it('requires content-digest for a request with a body and checks it against the body', async () => {
    const key = Keyring.generate('HS256');
    const noDigest = await signRequest(order, { key, components: ['@method', '@target-uri'] });
    await expect(verifyRequest(noDigest, { keys: key })).rejects.toMatchObject({
      code: 'ERR_COMPONENT_MISSING',
    });
    const signed = await signRequest(order, { key });
    await expect(
      verifyRequest({ ...signed, body: `${order.body} ` }, { keys: key }),
    ).rejects.toMatchObject({
      code: 'ERR_DIGEST_MISMATCH',
    });
    // No body and no header declaring one: checked as empty content, which does not match.
    await expect(
      verifyRequest({ ...signed, body: undefined }, { keys: key }),
    ).rejects.toMatchObject({
      code: 'ERR_DIGEST_MISMATCH',
    });
    // Headers declare a body that was not passed: the digest cannot be checked.
    const declared = {
      ...signed,
      headers: { ...(signed.headers as object), 'content-length': '16' },
      body: undefined,
    };
    await expect(verifyRequest(declared, { keys: key })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    await expect(
      verifyRequest({ ...signed, body: { id: 7 } as never }, { keys: key }),
    ).rejects.toMatchObject({
      code: 'ERR_BODY_ALREADY_PARSED',
    });
    // sha-512 on request.
    const s512 = await signRequest(order, { key, digest: 'sha-512' });
    expect(header(s512, 'content-digest')).toMatch(/^sha-512=/);
    expect((await verifyRequest(s512, { keys: key })).digest).toEqual(['sha-512']);
  });

  it('refuses bad keys and options with typed errors', async () => {
    const fails = async (promise: Promise<unknown>, code: string) =>
      expect(promise).rejects.toMatchObject({ code });
    await fails(signRequest(order, { key: new Uint8Array(16) }), 'ERR_INVALID_KEY');
    await fails(
      signRequest(order, { key: Keyring.generate('Ed25519').publicKeyring() }),
      'ERR_WRONG_KEY_TYPE',
    );
    await fails(signRequest(order, { key: Keyring.generate('A256GCM') }), 'ERR_WRONG_KEY_TYPE');
    await fails(signRequest(order, { key: 'secret' as never }), 'ERR_INVALID_ARGUMENT');
    await fails(
      signRequest(order, { key: Keyring.generate('HS256'), alg: 'ed25519' }),
      'ERR_WRONG_KEY_TYPE',
    );
    await fails(
      signRequest(order, { key: Keyring.generate('HS256'), label: 'Bad Label' }),
      'ERR_INVALID_ARGUMENT',
    );
    await fails(
      signRequest(order, { key: Keyring.generate('HS256'), nonce: 'new\nline' }),
      'ERR_INVALID_ARGUMENT',
    );
    await fails(
      signRequest(order, { key: Keyring.generate('HS256'), created: new Date(Number.NaN) }),
      'ERR_INVALID_ARGUMENT',
    );
    await fails(
      signRequest({ ...order, url: '/v1/orders' }, { key: Keyring.generate('HS256') }),
      'ERR_INVALID_ARGUMENT',
    );
    await fails(
      signRequest({ ...order, method: 'GET /x' }, { key: Keyring.generate('HS256') }),
      'ERR_INVALID_ARGUMENT',
    );
    await fails(
      signRequest(
        { ...order, headers: { 'x-evil': 'a\n"@method": GET' } },
        { key: Keyring.generate('HS256'), components: ['x-evil'] },
      ),
      'ERR_INVALID_FORMAT',
    );
    await fails(
      signRequest(null as never, { key: Keyring.generate('HS256') }),
      'ERR_INVALID_ARGUMENT',
    );
    await fails(signRequest(order, null as never), 'ERR_INVALID_ARGUMENT');
    await fails(verifyRequest(order, { keys: 'nope' as never }), 'ERR_INVALID_ARGUMENT');
    await fails(
      verifyRequest(order, { keys: () => undefined, algorithms: ['none' as never] }),
      'ERR_INVALID_ARGUMENT',
    );
    await fails(
      verifyRequest(order, { keys: () => undefined, maxAge: -1 }),
      'ERR_INVALID_ARGUMENT',
    );
    const rsa = await importRsa();
    await fails(signRequest(order, { key: rsa }), 'ERR_UNSUPPORTED_ALGORITHM');
    const signed = await signRequest(order, { key: Keyring.generate('HS256'), keyId: 'k' });
    await fails(
      verifyRequest(signed, { keys: () => Keyring.generate('A256GCM').primary }),
      'ERR_WRONG_KEY_TYPE',
    );
    await fails(verifyRequest(signed, { keys: () => new Uint8Array(8) }), 'ERR_INVALID_KEY');
    await fails(verifyRequest(signed, { keys: () => 'x' as never }), 'ERR_INVALID_ARGUMENT');
  });

  it('property: any change to a covered component, the digest or the body fails; uncovered changes pass', async () => {
    const keyring = Keyring.generate('HS256');
    const token = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/);
    const text = fc.string({
      unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
      minLength: 1,
      maxLength: 12,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
          path: fc.array(token, { minLength: 1, maxLength: 3 }),
          query: fc.array(fc.tuple(token, token), { maxLength: 3 }),
          covered: fc.uniqueArray(
            fc.tuple(
              token.map((t) => `x-c-${t}`),
              text,
            ),
            { selector: ([k]) => k, minLength: 1, maxLength: 3 },
          ),
          uncovered: fc.tuple(
            token.map((t) => `x-u-${t}`),
            text,
          ),
          body: fc.string({ minLength: 1, maxLength: 64 }),
          mutation: fc.constantFrom(
            'method',
            'path',
            'query',
            'host',
            'header',
            'drop-header',
            'body',
            'digest',
            'params',
          ),
          fresh: text,
        }),
        async (c) => {
          const query = c.query.map(([k, val]) => `${k}=${val}`).join('&');
          const request: HttpRequestLike = {
            method: c.method,
            url: `https://api.example.com/${c.path.join('/')}${query ? `?${query}` : ''}`,
            headers: Object.fromEntries([...c.covered, c.uncovered]),
            body: c.body,
          };
          const components = [
            '@method',
            '@target-uri',
            'content-digest',
            ...c.covered.map(([k]) => k),
          ];
          const signed = await signRequest(request, { key: keyring, components });
          const keys = keyring;
          expect(await verifyRequest(signed, { keys })).toBeTruthy();
          // Not covered: may change freely.
          const headers = signed.headers as Record<string, string>;
          const loose = {
            ...signed,
            headers: { ...headers, [c.uncovered[0]]: c.fresh + c.uncovered[1], 'x-added': 'y' },
          };
          expect(await verifyRequest(loose, { keys })).toBeTruthy();
          // Covered: any change fails.
          const tampered = { ...signed, headers: { ...headers } };
          const url = new URL(signed.url as string);
          switch (c.mutation) {
            case 'method':
              tampered.method = c.method === 'GET' ? 'HEAD' : 'GET';
              break;
            case 'path':
              url.pathname += 'x';
              tampered.url = url.href;
              break;
            case 'query':
              url.search = `${url.search ? `${url.search}&` : '?'}z=1`;
              tampered.url = url.href;
              break;
            case 'host':
              url.host = 'evil.example.com';
              tampered.url = url.href;
              break;
            case 'header':
              tampered.headers[c.covered[0]![0]] = `${c.covered[0]![1]}x`;
              break;
            case 'drop-header':
              delete tampered.headers[c.covered[0]![0]];
              break;
            case 'body':
              tampered.body = `${c.body}!`;
              break;
            case 'digest':
              tampered.headers['content-digest'] =
                `sha-256=:${btoa(String.fromCharCode(...new Uint8Array(32)))}:`;
              break;
            case 'params':
              tampered.headers['signature-input'] = headers['signature-input']!.replace(
                /created=(\d+)/,
                (_m, n) => `created=${Number(n) - 1}`,
              );
              break;
          }
          const code = c.mutation === 'body' ? 'ERR_DIGEST_MISMATCH' : 'ERR_SIGNATURE_INVALID';
          await expect(verifyRequest(tampered, { keys })).rejects.toMatchObject({ code });
        },
      ),
      { numRuns: 150 },
    );
  });

  for (const [keyAlg, httpAlg] of ALGS) {
    it(`${httpAlg}: the Signature value is read as RFC 8941 §4.2.7 says, whatever path reads it`, async () => {
      const keyring = Keyring.generate(keyAlg);
      const keys = verifier(keyring);
      const signed = await signRequest(order, { key: keyring, nonce: false });
      const value = header(signed, 'signature')!;
      const text = value.slice('sig1=:'.length, -1);
      const withSignature = (v: string) => ({
        ...signed,
        headers: { ...(signed.headers as Record<string, string>), signature: v },
      });
      const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      const pad = text.length - text.replace(/=+$/, '').length;
      if (pad > 0) {
        // Non-zero bits after the last byte and a missing padding: still the same bytes,
        // which parsers SHOULD NOT refuse.
        const at = text.length - pad - 1;
        const loose = `${text.slice(0, at)}${B64[B64.indexOf(text[at]!) | 1]}${text.slice(at + 1)}`;
        await expect(
          verifyRequest(withSignature(`sig1=:${loose}:`), { keys }),
        ).resolves.toMatchObject({ label: 'sig1', alg: httpAlg });
        const unpadded = text.slice(0, -pad);
        await expect(
          verifyRequest(withSignature(`sig1=:${unpadded}:`), { keys }),
        ).resolves.toMatchObject({ label: 'sig1', alg: httpAlg });
      }
      // Characters outside base64: a format error, not a failed signature.
      for (const bad of [
        `${text.slice(0, 4)}!${text.slice(5)}`,
        `${text.slice(0, 4)}-${text.slice(5)}`,
      ]) {
        await expect(verifyRequest(withSignature(`sig1=:${bad}:`), { keys })).rejects.toMatchObject(
          {
            code: 'ERR_INVALID_FORMAT',
          },
        );
      }
      // Valid base64 of other bytes: a failed signature.
      const other = `${text[0] === 'A' ? 'B' : 'A'}${text.slice(1)}`;
      await expect(verifyRequest(withSignature(`sig1=:${other}:`), { keys })).rejects.toMatchObject(
        {
          code: 'ERR_SIGNATURE_INVALID',
        },
      );
      await expect(verifyRequest(withSignature(value), { keys })).resolves.toMatchObject({
        label: 'sig1',
      });
    });
  }

  it('the signature base shown for a signed request is the one that was signed', async () => {
    const secret = importKey(new Uint8Array(32).fill(1), { alg: 'HS256' });
    const signed = await signRequest(
      {
        method: 'GET',
        url: 'https://example.com/a?b=1',
        headers: { date: 'Tue, 20 Apr 2021 02:07:55 GMT' },
      },
      {
        key: secret,
        created: 1618884473,
        nonce: 'n-1',
        keyId: 'k',
        tag: 't',
        expires: 1618884573,
        components: ['@method', '@target-uri', 'date'],
      },
    );
    expect(signatureBase(signed)).toBe(
      [
        '"@method": GET',
        '"@target-uri": https://example.com/a?b=1',
        '"date": Tue, 20 Apr 2021 02:07:55 GMT',
        '"@signature-params": ("@method" "@target-uri" "date");created=1618884473;expires=1618884573;nonce="n-1";keyid="k";tag="t"',
      ].join('\n'),
    );
  });
});

/** The RSA public key of RFC 9421 B.1.1 (verify-only algorithms have no signing key). */
async function importRsa() {
  const pem = [
    '-----BEGIN RSA PUBLIC KEY-----',
    'MIIBCgKCAQEAhAKYdtoeoy8zcAcR874L8cnZxKzAGwd7v36APp7Pv6Q2jdsPBRrw',
    'WEBnez6d0UDKDwGbc6nxfEXAy5mbhgajzrw3MOEt8uA5txSKobBpKDeBLOsdJKFq',
    'MGmXCQvEG7YemcxDTRPxAleIAgYYRjTSd/QBwVW9OwNFhekro3RtlinV0a75jfZg',
    'kne/YiktSvLG34lw2zqXBDTC5NHROUqGTlML4PlNZS5Ri2U4aCNx2rUPRcKIlE0P',
    'uKxI4T+HIaFpv8+rdV6eUgOrB2xeI1dSFFn/nnv5OoZJEIB+VmuKn3DCUcCZSFlQ',
    'PSXSfBDiUGhwOw76WuSSsf1D4b/vLoJ10wIDAQAB',
    '-----END RSA PUBLIC KEY-----',
  ].join('\n');
  return importKey(pem, { alg: 'RS256' });
}
