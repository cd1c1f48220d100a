import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { setBackend } from '../src/index.ts';
import { exportKey } from '../src/keys/index.ts';
import { generateKeyPair, sign, verify } from '../src/sign/index.ts';
setBackend('portable');
const es = generateKeyPair('ES256');
const M = new Uint8Array(256).fill(1);
const sig = sign(es.privateKey, M);
const pub = exportKey(es.publicKey, 'raw');
function time(name: string, f: () => unknown, n = 200) {
  for (let i = 0; i < 20; i++) f();
  const t = performance.now();
  for (let i = 0; i < n; i++) f();
  console.log(name, ((performance.now() - t) / n * 1000).toFixed(0), 'µs');
}
for (let r = 0; r < 3; r++) {
time('cachet', () => verify(es.publicKey, M, sig));
time('noble', () => p256.verify(sig, M, pub, { lowS: false }));
time('noble prehash false', () => p256.verify(sig, sha256(M), pub, { lowS: false, prehash: false }));
}
