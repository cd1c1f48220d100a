/**
 * cachet/http: HTTP Message Signatures (RFC 9421) and Content-Digest (RFC 9530). Sign
 * outbound requests (or use `signingFetch`), verify inbound ones with a key resolver, an
 * algorithm allow-list, required components, time limits and replay protection; sign
 * responses over parts of their request. Algorithms: hmac-sha256, ed25519,
 * ecdsa-p256-sha256, ecdsa-p384-sha384; rsa-pss-sha512 and rsa-v1_5-sha256 verify only.
 *
 * @example
 * ```ts
 * import { signRequest, verifyRequest, MemoryReplayStore } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const client = Keyring.generate('Ed25519');
 * const signed = await signRequest(
 *   { method: 'POST', url: 'https://api.example.com/orders', headers: {}, body: '{"id":7}' },
 *   { key: client },
 * );
 * const { keyId } = await verifyRequest(signed, { keys: client.publicKeyring(), replay: new MemoryReplayStore() });
 * ```
 *
 * @module cachet/http
 */
export {
  MemoryReplayStore,
  type MemoryReplayStoreOptions,
  type RedisLikeClient,
  RedisReplayStore,
  type RedisReplayStoreOptions,
  type ReplayStore,
} from '../replay/index.js';
export type { HttpAlgorithm } from './algorithms.js';
export { KNOWN_STRUCTURED_FIELDS, type StructuredType } from './derive.js';
export { contentDigest, type DigestAlgorithm, verifyContentDigest } from './digest.js';
export { type SigningFetchOptions, signingFetch } from './fetch.js';
export type { HeaderRecord, HeadersInput } from './fields.js';
export { statusFor, verifiedHandler } from './handler.js';
export { type SignatureBaseOptions, signatureBase } from './inspect-base.js';
export type { KeyResolver, ResolvedKeyInput, SigningKey, VerifyKeys } from './keys.js';
export type {
  BodyInput,
  HttpRequestLike,
  HttpResponseLike,
  RequestInput,
  ResponseInput,
} from './message.js';
export {
  fromNodeRequest,
  type NodeIncomingMessage,
  type NodeVerifyOptions,
  readNodeBody,
  verifyNodeRequest,
} from './node.js';
export type { HttpLimits, TimeInput } from './options.js';
export { type SignOptions, type SignResponseOptions, signRequest, signResponse } from './sign.js';
export {
  type VerifiedSignature,
  type VerifyOptions,
  type VerifyResponseOptions,
  verifyRequest,
  verifyResponse,
} from './verify.js';
