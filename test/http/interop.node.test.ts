// Interoperability with the http-message-signatures package (an independent RFC 9421
// implementation on node:crypto), both directions, for hmac-sha256, ed25519 and
// ecdsa-p256-sha256: cachet signs and the peer verifies; the peer signs and cachet
// verifies. Content-Digest on the peer side is computed here with node:crypto (the peer
// does not compute it), so neither side checks itself.
import * as crypto from 'node:crypto';
import { createSigner, createVerifier, httpbis } from 'http-message-signatures';
import { expect, it } from 'vitest';
import { signRequest, signResponse, verifyRequest, verifyResponse } from '../../src/http/index.js';
import { exportKey, importKey, Keyring } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';

type PeerRequest = { method: string; url: string; headers: Record<string, string | string[]> };

const body = '{"order":{"id":7,"items":[1,2,3]},"note":"ünïcode ok"}';
const peerDigest = (text: string) =>
  `sha-256=:${crypto.createHash('sha256').update(text).digest('base64')}:`;

interface Pair {
  alg: 'hmac-sha256' | 'ed25519' | 'ecdsa-p256-sha256';
  /** cachet's signing key and the peer's verifier for it. */
  cachet: () => { key: Keyring; peerVerify: ReturnType<typeof createVerifier> };
  /** The peer's signer and cachet's verifying key for it. */
  peer: () => {
    sign: ReturnType<typeof createSigner>;
    key: ReturnType<typeof importKey> | Uint8Array;
  };
}

const PAIRS: Pair[] = [
  {
    alg: 'hmac-sha256',
    cachet: () => {
      const key = Keyring.generate('HS256');
      const secret = Buffer.from(
        (exportKey(key.primary, 'jwk', { includeSecret: true }) as { k: string }).k,
        'base64url',
      );
      return { key, peerVerify: createVerifier(secret, 'hmac-sha256') };
    },
    peer: () => {
      const secret = crypto.randomBytes(32);
      return { sign: createSigner(secret, 'hmac-sha256', 'peer-key'), key: new Uint8Array(secret) };
    },
  },
  {
    alg: 'ed25519',
    cachet: () => {
      const key = Keyring.generate('Ed25519');
      const pub = crypto.createPublicKey(exportKey(key.primary.publicKey!, 'pem'));
      return { key, peerVerify: createVerifier(pub, 'ed25519') };
    },
    peer: () => {
      const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
      return {
        sign: createSigner(privateKey, 'ed25519', 'peer-key'),
        key: importKey(publicKey.export({ format: 'pem', type: 'spki' }) as string),
      };
    },
  },
  {
    alg: 'ecdsa-p256-sha256',
    cachet: () => {
      const key = Keyring.generate('ES256');
      const pub = crypto.createPublicKey(exportKey(key.primary.publicKey!, 'pem'));
      return { key, peerVerify: createVerifier(pub, 'ecdsa-p256-sha256') };
    },
    peer: () => {
      const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
      return {
        sign: createSigner(privateKey, 'ecdsa-p256-sha256', 'peer-key'),
        key: importKey(publicKey.export({ format: 'pem', type: 'spki' }) as string),
      };
    },
  },
];

const COMPONENTS = [
  '@method',
  '@target-uri',
  '@authority',
  '@path',
  '@query',
  '@query-param;name="page"',
  'content-type',
  'content-digest',
  'x-tenant',
];

function request(): { method: string; url: string; headers: Record<string, string>; body: string } {
  return {
    method: 'POST',
    url: 'https://api.example.com:8443/v1/orders?page=2&sort=desc',
    headers: { 'content-type': 'application/json', 'x-tenant': 'acme' },
    body,
  };
}

describeEachBackend('interop with http-message-signatures', () => {
  for (const pair of PAIRS) {
    it(`${pair.alg}: cachet signs, http-message-signatures verifies`, async () => {
      const { key, peerVerify } = pair.cachet();
      const signed = await signRequest(request(), {
        key,
        keyId: 'cachet-key',
        alg: pair.alg,
        components: COMPONENTS,
        tag: 'interop',
      });
      const peerRequest = {
        method: signed.method,
        url: String(signed.url),
        headers: signed.headers as Record<string, string>,
      };
      const keyLookup = async (params: { keyid?: string }) =>
        params.keyid === 'cachet-key'
          ? { id: 'cachet-key', algs: [pair.alg], verify: peerVerify }
          : null;
      expect(
        await httpbis.verifyMessage(
          { keyLookup, requiredFields: ['@method', 'content-digest'] },
          peerRequest,
        ),
      ).toBe(true);
      // The peer also rejects what cachet signed once it is changed.
      const changed = { ...peerRequest, headers: { ...peerRequest.headers, 'x-tenant': 'other' } };
      expect(await httpbis.verifyMessage({ keyLookup }, changed)).toBe(false);
      // The digest cachet wrote is the one node:crypto computes.
      expect(peerRequest.headers['content-digest']).toBe(peerDigest(body));
    });

    it(`${pair.alg}: http-message-signatures signs, cachet verifies`, async () => {
      const { sign, key } = pair.peer();
      const unsigned = request();
      const peerRequest: PeerRequest = {
        method: unsigned.method,
        url: String(unsigned.url),
        headers: { ...unsigned.headers, 'content-digest': peerDigest(body) },
      };
      const signed = await httpbis.signMessage(
        {
          key: sign,
          fields: COMPONENTS,
          name: 'peer',
          params: ['keyid', 'alg', 'created', 'expires', 'nonce'],
          paramValues: { nonce: 'n-42' },
        },
        peerRequest,
      );
      const keys = (id: string | undefined) => (id === 'peer-key' ? key : undefined);
      const result = await verifyRequest({ ...signed, body }, { keys });
      expect(result).toMatchObject({
        label: 'peer',
        keyId: 'peer-key',
        alg: pair.alg,
        nonce: 'n-42',
        digest: ['sha-256'],
      });
      expect(result.expires!.getTime() - result.created!.getTime()).toBe(300_000);
      await expect(verifyRequest({ ...signed, body: `${body} ` }, { keys })).rejects.toMatchObject({
        code: 'ERR_DIGEST_MISMATCH',
      });
      await expect(
        verifyRequest({ ...signed, method: 'PUT', body }, { keys }),
      ).rejects.toMatchObject({ code: 'ERR_SIGNATURE_INVALID' });
    });
  }

  it('responses: cachet signs with @status and req components, the peer verifies', async () => {
    const { key, peerVerify } = PAIRS[1]!.cachet();
    const req = request();
    const response = {
      status: 201,
      headers: { 'content-type': 'application/json' },
      body: '{"id":7}',
    };
    const signed = await signResponse(response, {
      key,
      keyId: 'k',
      request: req,
      components: [
        '@status',
        'content-type',
        'content-digest',
        '@method;req',
        '@authority;req',
        '@path;req',
      ],
    });
    const keyLookup = async () => ({ id: 'k', algs: ['ed25519'], verify: peerVerify });
    const peerRes = { status: signed.status, headers: signed.headers as Record<string, string> };
    const peerReq = { method: req.method, url: String(req.url), headers: req.headers };
    expect(await httpbis.verifyMessage({ keyLookup }, peerRes, peerReq)).toBe(true);
    const keys = () => key.publicKeyring().primary;
    expect(await verifyResponse(signed, { keys, request: req })).toMatchObject({ alg: 'ed25519' });
  });
});
