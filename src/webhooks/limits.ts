/**
 * Bounds on untrusted input. Headers come from the network: a verifier reads at most this
 * much of them, so a hostile request costs bounded work (every signature entry may mean an
 * HMAC comparison or an Ed25519 verification).
 */

/** Longest signature header read, in characters. */
export const MAX_SIGNATURE_HEADER = 8192;
/** Most signature entries in one header (rotation needs two or three). */
export const MAX_SIGNATURES = 16;
/** Longest message or delivery id accepted. */
export const MAX_ID_LENGTH = 256;
/** Most secrets tried per message. */
export const MAX_SECRETS = 32;
/** Default tolerance between the signed timestamp and now, both ways, in seconds. */
export const DEFAULT_TOLERANCE = 300;
/** Largest tolerance accepted: one week. */
export const MAX_TOLERANCE: number = 7 * 24 * 3600;
/**
 * How long a replay store remembers a delivery of a scheme without a signed timestamp
 * (GitHub, Shopify), in ms: such a delivery can be replayed for as long as it is
 * forgotten, so the default covers GitHub's 3-day redelivery window.
 */
export const DEFAULT_UNTIMED_REPLAY_TTL: number = 3 * 24 * 3600 * 1000;
/** Default cap of {@link readRawBody}, in bytes. */
export const DEFAULT_BODY_LIMIT: number = 5 * 1024 * 1024;
