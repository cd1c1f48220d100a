// cachet/http: signing and verifying a POST with a 1 KiB body, covering
// `@method @target-uri content-digest` with `created` and `keyid` (hmac-sha256), against:
// - the node:crypto floor: SHA-256 of the body (for Content-Digest) + HMAC-SHA-256 of a
//   signature base of the same size with a prepared KeyObject (+ the digest and MAC
//   comparisons when verifying) — the unavoidable work, with no HTTP logic at all;
// - raw @noble doing the same two primitives;
// - http-message-signatures (the RFC 9421 peer), with Content-Digest computed by
//   node:crypto since it has none of its own;
// - @smithy/signature-v4 (AWS SigV4 over the same request), as a reference point.
// Plus Ed25519 groups, where the signature itself dominates.
import * as crypto from 'node:crypto';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { SignatureV4 } from '@smithy/signature-v4';
import { createSigner, createVerifier, httpbis } from 'http-message-signatures';
import {
  type HttpRequestLike,
  signatureBase,
  signRequest,
  verifyRequest,
} from '../src/http/index.js';
import { exportKey, importKey, Keyring } from '../src/keys/index.js';
import type { Group } from './harness.js';

const URL_ = 'https://api.example.com/v1/orders?tenant=acme';
const KEY_ID = 'client-42';

/** node:crypto Hash/Hmac in the shape @smithy/signature-v4 expects. */
class NodeSha256 {
  #hash: crypto.Hash | crypto.Hmac;
  readonly #secret: Uint8Array | string | undefined;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#secret =
      secret === undefined || typeof secret === 'string'
        ? secret
        : ArrayBuffer.isView(secret)
          ? new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength)
          : new Uint8Array(secret);
    this.#hash = this.#make();
  }
  #make(): crypto.Hash | crypto.Hmac {
    return this.#secret === undefined
      ? crypto.createHash('sha256')
      : crypto.createHmac('sha256', this.#secret);
  }
  update(data: Uint8Array | string): void {
    this.#hash.update(data);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#hash.digest()));
  }
  reset(): void {
    this.#hash = this.#make();
  }
}

export async function groups(): Promise<Group[]> {
  const body = new Uint8Array(crypto.randomBytes(1024));
  const secret = new Uint8Array(crypto.randomBytes(32));
  const key = importKey(secret, { alg: 'HS256' });
  const keyObject = crypto.createSecretKey(secret);
  const request: HttpRequestLike = {
    method: 'POST',
    url: URL_,
    headers: { 'content-type': 'application/octet-stream' },
    body,
  };
  const options = { key, keyId: KEY_ID, nonce: false } as const;
  const signed = await signRequest(request, options);
  const keys = (id: string | undefined) => (id === KEY_ID ? key : undefined);
  // The floor MACs a string as long as the real signature base.
  const base = signatureBase(signed);
  const sameSizeBase = 'b'.repeat(base.length);
  const digestBytes = crypto.createHash('sha256').update(body).digest();
  const macBytes = crypto.createHmac('sha256', keyObject).update(base).digest();

  // http-message-signatures: sign and verify the same request shape.
  const peerSigner = createSigner(Buffer.from(secret), 'hmac-sha256', KEY_ID);
  const peerVerifier = createVerifier(Buffer.from(secret), 'hmac-sha256');
  const peerSign = async () => {
    const headers = {
      'content-type': 'application/octet-stream',
      'content-digest': `sha-256=:${crypto.createHash('sha256').update(body).digest('base64')}:`,
    };
    return httpbis.signMessage(
      {
        key: peerSigner,
        fields: ['@method', '@target-uri', 'content-digest'],
        params: ['created', 'keyid'],
      },
      { method: 'POST', url: URL_, headers },
    );
  };
  const peerSigned = await peerSign();
  const peerVerify = async () => {
    const digest = `sha-256=:${crypto.createHash('sha256').update(body).digest('base64')}:`;
    if (peerSigned.headers['content-digest'] !== digest) throw new Error('digest');
    const ok = await httpbis.verifyMessage(
      { keyLookup: async () => ({ id: KEY_ID, algs: ['hmac-sha256'], verify: peerVerifier }) },
      peerSigned,
    );
    if (!ok) throw new Error('peer verify failed');
    return ok;
  };
  if (!(await peerVerify())) throw new Error('peer set-up');
  const sigv4 = new SignatureV4({
    service: 'execute-api',
    region: 'eu-west-1',
    credentials: {
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: Buffer.from(secret).toString('base64'),
    },
    sha256: NodeSha256,
  });
  const sigv4Request = () => ({
    method: 'POST',
    protocol: 'https:',
    hostname: 'api.example.com',
    path: '/v1/orders',
    query: { tenant: 'acme' },
    headers: { host: 'api.example.com', 'content-type': 'application/octet-stream' },
    body,
  });

  const ed = Keyring.generate('Ed25519');
  const edPrivate = crypto.createPrivateKey(exportKey(ed.primary, 'pem', { includeSecret: true }));
  const edOptions = { key: ed, keyId: KEY_ID, nonce: false } as const;
  const edSigned = await signRequest(request, edOptions);
  const edPublic = ed.publicKeyring().primary;
  const edBase = 'b'.repeat(signatureBase(edSigned).length);
  const edSig = crypto.sign(null, Buffer.from(edBase), edPrivate);
  const edPublicObject = crypto.createPublicKey(edPrivate);

  const note =
    'POST https://api.example.com/v1/orders?tenant=acme with a 1 KiB body; covered: @method @target-uri content-digest; params: created, keyid. Floor: node:crypto SHA-256 of the body + HMAC-SHA-256 (prepared KeyObject) of a string as long as the signature base';
  return [
    {
      area: 'http',
      name: 'sign a POST, 1 KiB body, hmac-sha256',
      note,
      cases: [
        {
          name: 'cachet (native)',
          kind: 'cachet',
          backend: 'native',
          fn: () => signRequest(request, options),
        },
        {
          name: 'cachet (portable)',
          kind: 'cachet',
          backend: 'portable',
          fn: () => signRequest(request, options),
        },
        {
          name: 'node:crypto floor',
          kind: 'floor',
          fn: () => [
            crypto.createHash('sha256').update(body).digest('base64'),
            crypto.createHmac('sha256', keyObject).update(sameSizeBase).digest('base64'),
          ],
        },
        {
          name: 'raw @noble',
          kind: 'noble',
          fn: () => [sha256(body), hmac(sha256, secret, new TextEncoder().encode(sameSizeBase))],
        },
        { name: 'http-message-signatures', kind: 'peer', fn: peerSign },
        {
          name: '@smithy/signature-v4 (SigV4)',
          kind: 'peer',
          fn: () => sigv4.sign(sigv4Request()),
        },
      ],
      targets: [
        { subject: 'cachet (native)', baseline: 'node:crypto floor', max: 1.5 },
        { subject: 'cachet (native)', baseline: 'http-message-signatures', max: 0.25 },
      ],
    },
    {
      area: 'http',
      name: 'verify a POST, 1 KiB body, hmac-sha256',
      note: `${note}, then both compared in constant time`,
      cases: [
        {
          name: 'cachet (native)',
          kind: 'cachet',
          backend: 'native',
          fn: () => verifyRequest(signed, { keys }),
        },
        {
          name: 'cachet (portable)',
          kind: 'cachet',
          backend: 'portable',
          fn: () => verifyRequest(signed, { keys }),
        },
        {
          name: 'node:crypto floor',
          kind: 'floor',
          fn: () =>
            crypto.timingSafeEqual(
              crypto.createHash('sha256').update(body).digest(),
              digestBytes,
            ) &&
            crypto.timingSafeEqual(
              crypto.createHmac('sha256', keyObject).update(sameSizeBase).digest(),
              macBytes,
            ),
        },
        {
          name: 'raw @noble',
          kind: 'noble',
          fn: () => [sha256(body), hmac(sha256, secret, new TextEncoder().encode(sameSizeBase))],
        },
        { name: 'http-message-signatures', kind: 'peer', fn: peerVerify },
      ],
      targets: [
        { subject: 'cachet (native)', baseline: 'node:crypto floor', max: 1.5 },
        { subject: 'cachet (native)', baseline: 'http-message-signatures', max: 0.25 },
      ],
    },
    {
      area: 'http',
      name: 'sign a POST, 1 KiB body, ed25519',
      note: 'Floor: node:crypto SHA-256 of the body + Ed25519 signature (prepared KeyObject) of a string as long as the base',
      cases: [
        {
          name: 'cachet (native)',
          kind: 'cachet',
          backend: 'native',
          fn: () => signRequest(request, edOptions),
        },
        {
          name: 'cachet (portable)',
          kind: 'cachet',
          backend: 'portable',
          fn: () => signRequest(request, edOptions),
        },
        {
          name: 'node:crypto floor',
          kind: 'floor',
          fn: () => [
            crypto.createHash('sha256').update(body).digest('base64'),
            crypto.sign(null, Buffer.from(edBase), edPrivate),
          ],
        },
      ],
      targets: [{ subject: 'cachet (native)', baseline: 'node:crypto floor', max: 1.5 }],
    },
    {
      area: 'http',
      name: 'verify a POST, 1 KiB body, ed25519',
      note: 'Floor: node:crypto SHA-256 of the body + Ed25519 verification (prepared KeyObject) of a string as long as the base',
      cases: [
        {
          name: 'cachet (native)',
          kind: 'cachet',
          backend: 'native',
          fn: () => verifyRequest(edSigned, { keys: () => edPublic }),
        },
        {
          name: 'cachet (portable)',
          kind: 'cachet',
          backend: 'portable',
          fn: () => verifyRequest(edSigned, { keys: () => edPublic }),
        },
        {
          name: 'node:crypto floor',
          kind: 'floor',
          fn: () => [
            crypto.createHash('sha256').update(body).digest(),
            crypto.verify(null, Buffer.from(edBase), edPublicObject, edSig),
          ],
        },
      ],
      targets: [{ subject: 'cachet (native)', baseline: 'node:crypto floor', max: 1.5 }],
    },
  ];
}
