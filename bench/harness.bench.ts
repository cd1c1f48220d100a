// The harness checking itself. Each group runs ONE function several ways: called
// synchronously (the floor), wrapped in an async function and awaited, returned through
// Promise.resolve, and a second synchronous copy (an A/A test). Every ratio must come out
// at about 1.00x; anything else is the harness measuring its own machinery (how async
// cases are awaited or batched), or the noise of the machine, which the IQR shows.
import * as crypto from 'node:crypto';
import type { Case, Group, Target } from './harness.js';

// Sync and async must agree within 10% in both directions, and so must the A/A pair.
const targets: Target[] = [
  { subject: 'same function, async wrapper', baseline: 'sync (floor)', max: 1.1 },
  { subject: 'sync (floor)', baseline: 'same function, async wrapper', max: 1.1 },
  { subject: 'same function, sync again (A/A)', baseline: 'sync (floor)', max: 1.1 },
  { subject: 'sync (floor)', baseline: 'same function, sync again (A/A)', max: 1.1 },
];

function cases(fn: () => unknown): Case[] {
  return [
    { name: 'sync (floor)', kind: 'floor', fn },
    { name: 'same function, async wrapper', kind: 'peer', fn: async () => fn() },
    { name: 'same function, Promise.resolve', kind: 'peer', fn: () => Promise.resolve(fn()) },
    { name: 'same function, sync again (A/A)', kind: 'peer', fn },
  ];
}

export async function groups(): Promise<Group[]> {
  const { privateKey } = crypto.generateKeyPairSync('ed25519');
  const message = crypto.randomBytes(256);
  const key = crypto.randomBytes(32);
  const data = crypto.randomBytes(4096);
  const note =
    'One function measured four ways; every ratio should be 1.00x within the noise (the IQR in brackets).';
  return [
    {
      area: 'harness',
      name: 'node:crypto Ed25519 sign, 256 B (tens of µs)',
      note,
      cases: cases(() => crypto.sign(null, message, privateKey)),
      targets,
    },
    {
      area: 'harness',
      name: 'node:crypto HMAC-SHA-256, 4 KiB (a few µs)',
      note,
      cases: cases(() => crypto.createHmac('sha256', key).update(data).digest()),
      targets,
    },
  ];
}
