import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
const sk = p256.utils.randomSecretKey();
const pub = p256.getPublicKey(sk, false);
const M = new Uint8Array(256).fill(1);
const h = sha256(M);
const sig = p256.sign(h, sk, { prehash: false });
const { Point } = p256;
const Fn = Point.Fn;
const n = Fn.ORDER;
const P0 = Point.fromBytes(pub);
const P4 = Point.fromBytes(pub).precompute(4, false);
const P8 = Point.fromBytes(pub).precompute(8, false);
function mine(P: typeof P0, mode: number) {
  const s = p256.Signature.fromBytes(sig, 'compact');
  const hh = BigInt('0x' + Buffer.from(h).toString('hex')) % n;
  const is = Fn.inv(s.s);
  const u1 = Fn.create(hh * is), u2 = Fn.create(s.r * is);
  const R = mode === 0 ? Point.BASE.mulAddUnsafe(u1, P, u2) : Point.BASE.multiplyUnsafe(u1).add(P.multiplyUnsafe(u2));
  return Fn.create(R.toAffine().x) === s.r;
}
const cases: Array<[string, () => unknown]> = [
  ['noble verify', () => p256.verify(sig, h, pub, { prehash: false, lowS: false })],
  ['cached point mulAdd', () => mine(P0, 0)],
  ['precomp4 two mults', () => mine(P4, 1)],
  ['precomp8 two mults', () => mine(P8, 1)],
];
const totals = new Map<string, number>();
for (let r = 0; r < 6; r++) for (const [name, f] of cases) {
  for (let i = 0; i < 5; i++) f();
  const t = performance.now(); for (let i = 0; i < 60; i++) if (!f()) throw 1;
  totals.set(name, (totals.get(name) ?? 0) + (performance.now() - t) / 60);
}
for (const [k, v] of totals) console.log(k, (v / 6 * 1000).toFixed(0), 'µs');
let t = performance.now(); Point.fromBytes(pub).precompute(8, false); console.log('precompute8 cost', (performance.now()-t).toFixed(1),'ms');
t = performance.now(); Point.fromBytes(pub).precompute(4, false); console.log('precompute4 cost', (performance.now()-t).toFixed(1),'ms');
