// Independent reference computations for webhook tests, written from the providers'
// documentation with WebCrypto (available in Node and Chromium), never with cachet.
const enc = new TextEncoder();

export const bytes = (data: string | Uint8Array): Uint8Array =>
  typeof data === 'string' ? enc.encode(data) : data;

export function concat(...parts: Array<string | Uint8Array>): Uint8Array {
  const arrays = parts.map(bytes);
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out;
}

/** HMAC-SHA-256 with WebCrypto. */
export async function hmacSha256(
  key: string | Uint8Array,
  ...message: Array<string | Uint8Array>
): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey(
    'raw',
    bytes(key) as Uint8Array<ArrayBuffer>,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(
    await crypto.subtle.sign('HMAC', k, concat(...message) as Uint8Array<ArrayBuffer>),
  );
}

export const toHex = (b: Uint8Array): string =>
  Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
export const toB64 = (b: Uint8Array): string => btoa(String.fromCharCode(...b));
export const fromB64 = (s: string): Uint8Array => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** The header a provider would send, computed from its documentation. */
export async function referenceHeaders(
  scheme: 'standard' | 'svix' | 'stripe' | 'github' | 'slack' | 'shopify',
  secret: string,
  id: string,
  timestamp: number,
  payload: string | Uint8Array,
): Promise<Record<string, string>> {
  const t = String(timestamp);
  switch (scheme) {
    case 'standard':
    case 'svix': {
      // Standard Webhooks spec: key = base64 after "whsec_"; content = id.timestamp.payload.
      const key = fromB64(secret.replace(/^whsec_/, ''));
      const mac = await hmacSha256(key, `${id}.${t}.`, payload);
      const p = scheme === 'svix' ? 'svix' : 'webhook';
      return { [`${p}-id`]: id, [`${p}-timestamp`]: t, [`${p}-signature`]: `v1,${toB64(mac)}` };
    }
    case 'stripe':
      // docs.stripe.com/webhooks#verify-manually: HMAC-SHA256(secret, "t.payload"), hex.
      return {
        'stripe-signature': `t=${t},v1=${toHex(await hmacSha256(secret, `${t}.`, payload))}`,
      };
    case 'github':
      // docs.github.com "Validating webhook deliveries": sha256= + hex HMAC of the body.
      return {
        'x-hub-signature-256': `sha256=${toHex(await hmacSha256(secret, payload))}`,
        'x-github-delivery': id,
      };
    case 'slack':
      // api.slack.com "Verifying requests from Slack": v0= + hex HMAC of "v0:ts:body".
      return {
        'x-slack-request-timestamp': t,
        'x-slack-signature': `v0=${toHex(await hmacSha256(secret, `v0:${t}:`, payload))}`,
      };
    case 'shopify':
      // shopify.dev "Verify webhook deliveries": base64 HMAC-SHA256 of the raw body.
      return {
        'x-shopify-hmac-sha256': toB64(await hmacSha256(secret, payload)),
        'x-shopify-webhook-id': id,
      };
  }
}
