// cachet/envelope: sealing a 4 KiB object for one AES-KW recipient against the raw
// node:crypto floor (AES-256-GCM of the payload + AES-KW of a fresh data key) and jose's
// JWE with the same construction (A256KW + A256GCM, compact serialization), and
// streaming 256 MiB through encryptStream against node:crypto AES-256-GCM over the same
// 64 KiB chunks (throughput in MiB/s from the median time).
import * as crypto from 'node:crypto';
import { aeskw, gcm } from '@noble/ciphers/aes.js';
import * as jose from 'jose';
import { encryptStream, seal } from '../src/envelope/index.js';
import { Keyring } from '../src/keys/index.js';
import type { Group } from './harness.js';

const KW_IV = Buffer.from('a6a6a6a6a6a6a6a6', 'hex');
const STREAM_BYTES = 256 * 1024 * 1024;
const CHUNK = 64 * 1024;

async function drain(stream: ReadableStream<Uint8Array>): Promise<number> {
  let n = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return n;
    n += value.length;
  }
}

function source(): ReadableStream<Uint8Array> {
  const block = new Uint8Array(CHUNK).fill(7);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= STREAM_BYTES) return controller.close();
      sent += CHUNK;
      controller.enqueue(block);
    },
  });
}

export async function groups(): Promise<Group[]> {
  const kek = Keyring.generate('A256KW');
  const kekBytes = crypto.randomBytes(32);
  const payload = crypto.randomBytes(4096);
  const joseKek = new Uint8Array(kekBytes);
  const block = new Uint8Array(CHUNK).fill(7);
  return [
    {
      area: 'envelope',
      name: 'seal 4 KiB, one AES-KW recipient',
      note: 'floor: node:crypto random data key and nonce, AES-256-GCM of 4 KiB, AES-KW (RFC 3394) of the key; @noble/ciphers does the same for the portable backend. cachet also derives the payload key and the header MAC key (HMAC-SHA-512), MACs the header (HMAC-SHA-256) and writes the envelope. jose builds a compact JWE with the same algorithms (and base64url of the 4 KiB ciphertext).',
      cases: [
        {
          name: 'cachet (native)',
          kind: 'cachet',
          backend: 'native',
          fn: () => seal(payload, { recipients: kek }),
        },
        {
          name: 'cachet (portable)',
          kind: 'cachet',
          backend: 'portable',
          fn: () => seal(payload, { recipients: kek }),
        },
        {
          name: '@noble/ciphers (GCM + AES-KW)',
          kind: 'noble',
          fn: () => {
            const fresh = globalThis.crypto.getRandomValues(new Uint8Array(44));
            const dek = fresh.subarray(0, 32);
            return [gcm(dek, fresh.subarray(32)).encrypt(payload), aeskw(kekBytes).encrypt(dek)];
          },
        },
        {
          name: 'jose (JWE A256KW + A256GCM)',
          kind: 'peer',
          fn: () =>
            new jose.CompactEncrypt(payload)
              .setProtectedHeader({ alg: 'A256KW', enc: 'A256GCM' })
              .encrypt(joseKek),
        },
        {
          name: 'node:crypto floor',
          kind: 'floor',
          fn: () => {
            const fresh = crypto.randomFillSync(new Uint8Array(44));
            const dek = fresh.subarray(0, 32);
            const c = crypto.createCipheriv('aes-256-gcm', dek, fresh.subarray(32));
            const ct = Buffer.concat([c.update(payload), c.final(), c.getAuthTag()]);
            const w = crypto.createCipheriv('id-aes256-wrap', kekBytes, KW_IV);
            return [ct, Buffer.concat([w.update(dek), w.final()])];
          },
        },
      ],
      targets: [
        { subject: 'cachet (native)', baseline: 'node:crypto floor', max: 1.5 },
        { subject: 'cachet (portable)', baseline: '@noble/ciphers (GCM + AES-KW)', max: 1.15 },
        { subject: 'cachet (native)', baseline: 'jose (JWE A256KW + A256GCM)', max: 1 },
      ],
    },
    {
      area: 'envelope',
      name: 'encryptStream 256 MiB (64 KiB chunks)',
      note: 'floor: node:crypto AES-256-GCM per 64 KiB chunk (one createCipheriv each), no stream machinery. cachet: a Web ReadableStream of 64 KiB blocks piped through encryptStream and read to the end.',
      bytes: STREAM_BYTES,
      cases: [
        {
          name: 'cachet (native)',
          kind: 'cachet',
          backend: 'native',
          fn: () => drain(source().pipeThrough(encryptStream({ recipients: kek }))),
        },
        {
          name: 'node:crypto floor',
          kind: 'floor',
          fn: () => {
            const key = crypto.randomBytes(32);
            const iv = Buffer.alloc(12);
            let n = 0;
            for (let i = 0; i < STREAM_BYTES / CHUNK; i++) {
              iv.writeUInt32BE(i, 7);
              const c = crypto.createCipheriv('aes-256-gcm', key, iv);
              n += c.update(block).length + c.final().length + c.getAuthTag().length;
            }
            return n;
          },
        },
      ],
    },
  ];
}
