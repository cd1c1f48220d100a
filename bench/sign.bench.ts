// cachet/sign: sign and verify a 256-byte message (the size of an HTTP signature base or a
// webhook payload digest line) with Ed25519 and ES256, against the raw node:crypto floor
// (a KeyObject made once, reused), raw @noble/curves (the portable floor), WebCrypto
// (CryptoKeys made once), libsodium-wrappers (Ed25519) and jose (compact JWS, which adds
// JSON and base64url work of its own around the same signature).
import * as crypto from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import * as jose from 'jose';
import sodium from 'libsodium-wrappers';
import { exportKey } from '../src/keys/index.js';
import { generateKeyPair, sign, verify } from '../src/sign/index.js';
import type { Case, Group, Target } from './harness.js';

const MESSAGE = crypto.randomBytes(256);
const subtle = globalThis.crypto.subtle;

const targets = (alg: 'Ed25519' | 'ES256'): Target[] => [
  { subject: 'cachet (native)', baseline: 'node:crypto floor', max: 1.1 },
  { subject: 'cachet (native)', baseline: 'best-peer', max: 1 },
  { subject: 'cachet (portable)', baseline: `@noble/curves ${alg}`, max: 1.1 },
];

export async function groups(): Promise<Group[]> {
  await sodium.ready;
  const ed = generateKeyPair('Ed25519');
  const es = generateKeyPair('ES256');
  const edSig = sign(ed.privateKey, MESSAGE);
  const esSig = sign(es.privateKey, MESSAGE);

  // The same keys, imported once into each other implementation.
  const nodeKey = (key: typeof ed.privateKey, pub: boolean) =>
    pub
      ? crypto.createPublicKey({ key: exportKey(key, 'jwk') as never, format: 'jwk' })
      : crypto.createPrivateKey({
          key: exportKey(key, 'jwk', { includeSecret: true }) as never,
          format: 'jwk',
        });
  const node = {
    edPriv: nodeKey(ed.privateKey, false),
    edPub: nodeKey(ed.publicKey, true),
    esPriv: nodeKey(es.privateKey, false),
    esPub: nodeKey(es.publicKey, true),
  };
  const edSeed = exportKey(ed.privateKey, 'raw', { includeSecret: true });
  const edPub = exportKey(ed.publicKey, 'raw');
  const esScalar = exportKey(es.privateKey, 'raw', { includeSecret: true });
  const esPub = exportKey(es.publicKey, 'raw');
  const webAlg = {
    Ed25519: { imp: { name: 'Ed25519' }, sig: { name: 'Ed25519' } },
    ES256: { imp: { name: 'ECDSA', namedCurve: 'P-256' }, sig: { name: 'ECDSA', hash: 'SHA-256' } },
  } as const;
  const web = {
    edPriv: await subtle.importKey(
      'jwk',
      exportKey(ed.privateKey, 'jwk', { includeSecret: true }) as JsonWebKey,
      webAlg.Ed25519.imp,
      false,
      ['sign'],
    ),
    edPub: await subtle.importKey('raw', edPub.slice(), webAlg.Ed25519.imp, false, ['verify']),
    esPriv: await subtle.importKey(
      'jwk',
      exportKey(es.privateKey, 'jwk', { includeSecret: true }) as JsonWebKey,
      webAlg.ES256.imp,
      false,
      ['sign'],
    ),
    esPub: await subtle.importKey('raw', esPub.slice(), webAlg.ES256.imp, false, ['verify']),
  };
  const sodiumSk = sodium.crypto_sign_seed_keypair(edSeed).privateKey;
  const joseKeys = {
    edPriv: await jose.importJWK(
      { ...exportKey(ed.privateKey, 'jwk', { includeSecret: true }), alg: 'EdDSA' },
      'EdDSA',
    ),
    edPub: await jose.importJWK({ ...exportKey(ed.publicKey, 'jwk'), alg: 'EdDSA' }, 'EdDSA'),
    esPriv: await jose.importJWK(exportKey(es.privateKey, 'jwk', { includeSecret: true }), 'ES256'),
    esPub: await jose.importJWK(exportKey(es.publicKey, 'jwk'), 'ES256'),
  };
  const edJws = await new jose.CompactSign(MESSAGE)
    .setProtectedHeader({ alg: 'EdDSA' })
    .sign(joseKeys.edPriv);
  const esJws = await new jose.CompactSign(MESSAGE)
    .setProtectedHeader({ alg: 'ES256' })
    .sign(joseKeys.esPriv);

  const cachet = (fn: () => unknown): Case[] => [
    { name: 'cachet (native)', kind: 'cachet', backend: 'native', fn },
    { name: 'cachet (portable)', kind: 'cachet', backend: 'portable', fn },
  ];
  const note =
    'floor: node:crypto sign/verify with a KeyObject imported once. jose does a compact JWS (JSON header, base64url) around the same signature, through WebCrypto.';

  return [
    {
      area: 'sign',
      name: 'Ed25519 sign (256 B)',
      note,
      cases: [
        ...cachet(() => sign(ed.privateKey, MESSAGE)),
        {
          name: 'node:crypto floor',
          kind: 'floor',
          fn: () => crypto.sign(null, MESSAGE, node.edPriv),
        },
        { name: '@noble/curves Ed25519', kind: 'noble', fn: () => ed25519.sign(MESSAGE, edSeed) },
        {
          name: 'WebCrypto',
          kind: 'peer',
          fn: () => subtle.sign(webAlg.Ed25519.sig, web.edPriv, MESSAGE),
        },
        {
          name: 'libsodium-wrappers',
          kind: 'peer',
          fn: () => sodium.crypto_sign_detached(MESSAGE, sodiumSk),
        },
        {
          name: 'jose (compact JWS)',
          kind: 'peer',
          fn: () =>
            new jose.CompactSign(MESSAGE)
              .setProtectedHeader({ alg: 'EdDSA' })
              .sign(joseKeys.edPriv),
        },
      ],
      targets: targets('Ed25519'),
    },
    {
      area: 'sign',
      name: 'Ed25519 verify (256 B)',
      note,
      cases: [
        ...cachet(() => verify(ed.publicKey, MESSAGE, edSig)),
        {
          name: 'node:crypto floor',
          kind: 'floor',
          fn: () => crypto.verify(null, MESSAGE, node.edPub, edSig),
        },
        {
          name: '@noble/curves Ed25519',
          kind: 'noble',
          fn: () => ed25519.verify(edSig, MESSAGE, edPub, { zip215: false }),
        },
        {
          name: 'WebCrypto',
          kind: 'peer',
          fn: () => subtle.verify(webAlg.Ed25519.sig, web.edPub, edSig as BufferSource, MESSAGE),
        },
        {
          name: 'libsodium-wrappers',
          kind: 'peer',
          fn: () => sodium.crypto_sign_verify_detached(edSig, MESSAGE, edPub),
        },
        {
          name: 'jose (compact JWS)',
          kind: 'peer',
          fn: () => jose.compactVerify(edJws, joseKeys.edPub),
        },
      ],
      targets: targets('Ed25519'),
    },
    {
      area: 'sign',
      name: 'ES256 sign (256 B)',
      note: `${note} cachet signs with a hedged nonce and normalises to low S.`,
      cases: [
        ...cachet(() => sign(es.privateKey, MESSAGE)),
        {
          name: 'node:crypto floor',
          kind: 'floor',
          fn: () => crypto.sign('sha256', MESSAGE, { key: node.esPriv, dsaEncoding: 'ieee-p1363' }),
        },
        {
          name: '@noble/curves ES256',
          kind: 'noble',
          fn: () => p256.sign(MESSAGE, esScalar, { extraEntropy: true }),
        },
        {
          name: 'WebCrypto',
          kind: 'peer',
          fn: () => subtle.sign(webAlg.ES256.sig, web.esPriv, MESSAGE),
        },
        {
          name: 'jose (compact JWS)',
          kind: 'peer',
          fn: () =>
            new jose.CompactSign(MESSAGE)
              .setProtectedHeader({ alg: 'ES256' })
              .sign(joseKeys.esPriv),
        },
      ],
      targets: targets('ES256'),
    },
    {
      area: 'sign',
      name: 'ES256 verify (256 B)',
      note,
      cases: [
        ...cachet(() => verify(es.publicKey, MESSAGE, esSig)),
        {
          name: 'node:crypto floor',
          kind: 'floor',
          fn: () =>
            crypto.verify('sha256', MESSAGE, { key: node.esPub, dsaEncoding: 'ieee-p1363' }, esSig),
        },
        {
          name: '@noble/curves ES256',
          kind: 'noble',
          fn: () => p256.verify(esSig, MESSAGE, esPub, { lowS: false }),
        },
        {
          name: 'WebCrypto',
          kind: 'peer',
          fn: () => subtle.verify(webAlg.ES256.sig, web.esPub, esSig as BufferSource, MESSAGE),
        },
        {
          name: 'jose (compact JWS)',
          kind: 'peer',
          fn: () => jose.compactVerify(esJws, joseKeys.esPub),
        },
      ],
      targets: targets('ES256'),
    },
  ];
}
