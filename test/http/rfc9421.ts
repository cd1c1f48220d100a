// Helpers for the RFC 9421 Appendix B vectors (../shared/vectors/rfc9421.json): keys,
// messages as plain requests/responses, and a parser for the raw message text of the
// B.4 variants. Test-side only; nothing here calls cachet/http.
import { importKey, type Key } from '../../src/keys/index.js';

export interface VectorKey {
  publicKeyPem: string;
  privateKeyPem: string;
  jwk: Record<string, string>;
}
export interface VectorMessage {
  text: string;
  headers: Array<[string, string]>;
  body: string;
  method?: string;
  requestTarget?: string;
  authority?: string;
  status?: number;
}
export interface Variant {
  message: string;
  description: string;
  expectedValid: boolean;
  signatureInput: string;
  signatureHeader: string;
  signatureBase: string;
}
export interface TestCase {
  id: string;
  message: string;
  label: string;
  algorithm: string;
  keyid: string;
  signatureInput: string;
  signatureHeader: string;
  signatureBase: string;
  deterministic: boolean;
  expectedSignatureB64?: string;
  variants?: Variant[];
}
export interface Rfc9421 {
  keys: Record<string, VectorKey> & { 'test-shared-secret': { hex: string } };
  messages: Record<string, VectorMessage>;
  testCases: TestCase[];
}

const KEY_ALGS = {
  'test-key-rsa': 'RS256',
  'test-key-rsa-pss': 'PS512',
  'test-key-ecc-p256': 'ES256',
  'test-key-ed25519': 'Ed25519',
} as const;

export function hexBytes(text: string): Uint8Array {
  return new Uint8Array(text.match(/../g)!.map((h) => Number.parseInt(h, 16)));
}

/** Public (verifying) keys by keyid, imported from the PEMs of Appendix B.1. */
export function publicKeys(v: Rfc9421): Map<string, Key | Uint8Array> {
  const out = new Map<string, Key | Uint8Array>();
  for (const [id, alg] of Object.entries(KEY_ALGS)) {
    out.set(id, importKey(v.keys[id]!.publicKeyPem, { alg }));
  }
  out.set('test-shared-secret', hexBytes(v.keys['test-shared-secret'].hex));
  return out;
}

/** Private (signing) keys for the deterministic algorithms. */
export function signingKeys(v: Rfc9421): Map<string, Key | Uint8Array> {
  return new Map<string, Key | Uint8Array>([
    ['test-key-ed25519', importKey(v.keys['test-key-ed25519']!.privateKeyPem)],
    ['test-key-ecc-p256', importKey(v.keys['test-key-ecc-p256']!.privateKeyPem)],
    ['test-shared-secret', hexBytes(v.keys['test-shared-secret'].hex)],
  ]);
}

/** Parses the RFC's message text (LF line ends) into headers and body. */
export function parseMessageText(text: string): VectorMessage {
  const blank = text.indexOf('\n\n');
  const head = blank < 0 ? text : text.slice(0, blank);
  const body = blank < 0 ? '' : text.slice(blank + 2).replace(/^\n+/, '');
  const [start, ...lines] = head.split('\n');
  const headers = lines.map((line) => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon), line.slice(colon + 1).trim()] as [string, string];
  });
  const parts = start!.split(' ');
  if (parts[0]!.startsWith('HTTP/')) return { text, headers, body, status: Number(parts[1]) };
  const host = headers.find(([k]) => k.toLowerCase() === 'host')?.[1] ?? '';
  return { text, headers, body, method: parts[0]!, requestTarget: parts[1]!, authority: host };
}

/** A request or response, typed with every field for the tests' convenience. */
export type PlainMessage = {
  method: string;
  url: string;
  status: number;
  headers: Array<[string, string]>;
  body: string;
};

/** A plain request or response for a vector message, with chosen signature fields. */
export function plainMessage(
  m: VectorMessage,
  signature?: { input: string; value: string },
): PlainMessage {
  const headers = m.headers.filter(([k]) => !/^signature(-input)?$/i.test(k));
  if (signature) headers.push(['Signature-Input', signature.input], ['Signature', signature.value]);
  // Only the relevant fields are set: a response has no method or url.
  if (m.status !== undefined) return { status: m.status, headers, body: m.body } as PlainMessage;
  const url = `https://${m.authority}${m.requestTarget}`;
  return { method: m.method!, url, headers, body: m.body } as PlainMessage;
}
