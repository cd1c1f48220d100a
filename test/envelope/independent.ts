// An independent reading and writing of the envelope format, straight from
// docs/formats.md#envelope with node:crypto only (no cachet code), to check that cachet
// follows the documented layout and that the documented layout is complete.
import * as crypto from 'node:crypto';

export const te = new TextEncoder();

export interface RawStanza {
  type: number;
  keyId: string;
  body: Uint8Array;
}
export interface RawEnvelope {
  fixed: Uint8Array;
  mode: number;
  chunkSize: number;
  stanzas: RawStanza[];
  /** Everything before the MAC, and the MAC. */
  authenticated: Uint8Array;
  mac: Uint8Array;
  payload: Uint8Array;
}

export function parse(env: Uint8Array): RawEnvelope {
  const b = Buffer.from(env.buffer, env.byteOffset, env.byteLength);
  if (b.subarray(0, 4).toString('latin1') !== 'CENV' || b[4] !== 1)
    throw new Error('magic/version');
  const mode = b[5]!;
  const chunkSize = b.readUInt32BE(6);
  const fixed = new Uint8Array(b.subarray(0, 42));
  const count = b.readUInt16BE(42);
  let o = 44;
  const stanzas: RawStanza[] = [];
  for (let i = 0; i < count; i++) {
    const type = b[o]!;
    const idLen = b[o + 1]!;
    const keyId = b.subarray(o + 2, o + 2 + idLen).toString('utf8');
    o += 2 + idLen;
    const bodyLen = b.readUInt16BE(o);
    stanzas.push({ type, keyId, body: new Uint8Array(b.subarray(o + 2, o + 2 + bodyLen)) });
    o += 2 + bodyLen;
  }
  return {
    fixed,
    mode,
    chunkSize,
    stanzas,
    authenticated: new Uint8Array(b.subarray(0, o)),
    mac: new Uint8Array(b.subarray(o, o + 32)),
    payload: new Uint8Array(b.subarray(o + 32)),
  };
}

/** fixed ‖ count ‖ stanzas ‖ HMAC-SHA-256(macKey, all that) ‖ payload. */
export function build(
  fixed: Uint8Array,
  stanzas: RawStanza[],
  macKey: Uint8Array,
  payload: Uint8Array,
): Uint8Array {
  const raw = { fixed, stanzas };
  const parts: Buffer[] = [Buffer.from(raw.fixed)];
  const count = Buffer.alloc(2);
  count.writeUInt16BE(raw.stanzas.length);
  parts.push(count);
  for (const s of raw.stanzas) {
    const id = Buffer.from(s.keyId, 'utf8');
    const len = Buffer.alloc(2);
    len.writeUInt16BE(s.body.length);
    parts.push(Buffer.from([s.type, id.length]), id, len, Buffer.from(s.body));
  }
  const header = Buffer.concat(parts);
  const mac = crypto.createHmac('sha256', macKey).update(header).digest();
  return new Uint8Array(Buffer.concat([header, mac, Buffer.from(payload)]));
}

/** Canonical context encoding: u16 count, then (u16 len, key, u16 len, value) sorted by key bytes. */
export function encodeContext(context: Record<string, string>): Uint8Array {
  const entries = Object.entries(context)
    .map(([k, v]) => [Buffer.from(k, 'utf8'), Buffer.from(v, 'utf8')] as const)
    .sort((a, b) => Buffer.compare(a[0], b[0]));
  const parts: Buffer[] = [u16(entries.length)];
  for (const [k, v] of entries) parts.push(u16(k.length), k, u16(v.length), v);
  return new Uint8Array(Buffer.concat(parts));
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

/** SP 800-108 counter mode, HMAC-SHA-512, one block: K ‖ M. */
export function derive(
  dek: Uint8Array,
  fixed: Uint8Array,
  ctx: Uint8Array,
): { key: Buffer; macKey: Buffer } {
  const okm = crypto
    .createHmac('sha512', dek)
    .update(Buffer.from([0, 0, 0, 1]))
    .update(te.encode('cachet envelope v1 payload'))
    .update(Buffer.from([0]))
    .update(fixed)
    .update(ctx)
    .update(Buffer.from([0, 0, 2, 0]))
    .digest();
  return { key: okm.subarray(0, 32), macKey: okm.subarray(32) };
}

export function nonce(index: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUIntBE(index, 5, 6);
  n[11] = last ? 1 : 0;
  return n;
}

export function gcmOpen(
  key: Uint8Array,
  iv: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Buffer {
  const d = crypto.createDecipheriv('aes-256-gcm', key, iv);
  d.setAAD(aad);
  d.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([d.update(sealed.subarray(0, sealed.length - 16)), d.final()]);
}

export function gcmSeal(key: Uint8Array, iv: Uint8Array, pt: Uint8Array, aad: Uint8Array): Buffer {
  const c = crypto.createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(aad);
  return Buffer.concat([c.update(pt), c.final(), c.getAuthTag()]);
}

/** Stanza AAD: "cachet envelope v1 wrap" ‖ 0x00 ‖ type ‖ id length ‖ id ‖ context. */
export function stanzaAad(type: number, keyId: string, ctx: Uint8Array): Uint8Array {
  const id = Buffer.from(keyId, 'utf8');
  return new Uint8Array(
    Buffer.concat([
      Buffer.from(te.encode('cachet envelope v1 wrap')),
      Buffer.from([0, type, id.length]),
      id,
      Buffer.from(ctx),
    ]),
  );
}

/** Decrypts the payload given the data key, checking the header MAC first. */
export function openPayload(
  raw: RawEnvelope,
  dek: Uint8Array,
  context: Record<string, string>,
): Buffer {
  const { key, macKey } = derive(dek, raw.fixed, encodeContext(context));
  const mac = crypto.createHmac('sha256', macKey).update(raw.authenticated).digest();
  if (!crypto.timingSafeEqual(mac, raw.mac)) throw new Error('header MAC mismatch');
  if (raw.mode === 1) return gcmOpen(key, nonce(0, true), raw.payload, raw.fixed);
  const sealed = raw.chunkSize + 16;
  const count = Math.max(1, Math.ceil(raw.payload.length / sealed));
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const last = i === count - 1;
    out.push(
      gcmOpen(
        key,
        nonce(i, last),
        raw.payload.subarray(i * sealed, last ? undefined : (i + 1) * sealed),
        raw.fixed,
      ),
    );
  }
  return Buffer.concat(out);
}

/** Builds a one-shot envelope around a given data key and ready-made stanzas. */
export function sealWith(
  dek: Uint8Array,
  stanzas: RawStanza[],
  plaintext: Uint8Array,
  context: Record<string, string>,
): Uint8Array {
  const fixed = Buffer.concat([
    Buffer.from('CENV', 'latin1'),
    Buffer.from([1, 1, 0, 0, 0, 0]),
    crypto.randomBytes(32),
  ]);
  const { key, macKey } = derive(dek, fixed, encodeContext(context));
  const payload = gcmSeal(key, nonce(0, true), plaintext, fixed);
  return build(fixed, stanzas, macKey, payload);
}

export function kwUnwrap(kek: Uint8Array, body: Uint8Array, pad = false): Buffer {
  const d = crypto.createDecipheriv(
    pad ? 'id-aes256-wrap-pad' : 'id-aes256-wrap',
    kek,
    Buffer.from(pad ? 'a65959a6' : 'a6a6a6a6a6a6a6a6', 'hex'),
  );
  return Buffer.concat([d.update(body), d.final()]);
}
