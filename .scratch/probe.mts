import { importKey, exportKey } from '/work/wt-sign/src/keys/index.ts';
import { p256, p384 } from '@noble/curves/nist.js';
import { generateKeyPair } from '/work/wt-sign/src/sign/index.ts';
const t = (name: string, f: () => unknown) => { try { const r = f(); console.log(name, 'OK', r && (r as any).id); } catch (e: any) { console.log(name, e.code, e.message); } };
console.log(p384.Point.CURVE().b.toString(16), p384.Point.CURVE().p.toString(16));
const { publicKey } = generateKeyPair('ES256');
const raw = exportKey(publicKey, 'raw') as Uint8Array;
const hybrid = raw.slice(); hybrid[0] = 6 + (raw[64]! & 1);
t('hybrid', () => importKey(hybrid, { alg: 'ES256' }));
t('identity', () => importKey(new Uint8Array([0]), { alg: 'ES256' }));
t('zeros65', () => importKey(new Uint8Array(65).fill(0), { alg: 'ES256' }));
const z = new Uint8Array(65); z[0]=4; t('04+zeros', () => importKey(z, { alg: 'ES256' }));
const c = exportKey(publicKey, 'raw', {compressed:true}) as Uint8Array;
t('compressed', () => importKey(c, { alg: 'ES256' }));
const cx = new Uint8Array(33).fill(0xff); cx[0]=2; t('x>=p', () => importKey(cx, { alg: 'ES256' }));
// SPKI with compressed point
const spkiC = new Uint8Array([...Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200','hex'), ...c]);
t('spki compressed', () => importKey(spkiC, { format: 'der' }));
t('pem compressed', () => importKey('-----BEGIN PUBLIC KEY-----\n'+Buffer.from(spkiC).toString('base64')+'\n-----END PUBLIC KEY-----'));
// ES384 key given as ES256
t('p384 as ES256', () => importKey(exportKey(generateKeyPair('ES384').publicKey,'raw') as Uint8Array, { alg: 'ES256' }));
// JWK with extra y for OKP, missing y for EC
t('jwk no y', () => importKey({kty:'EC', crv:'P-256', x: Buffer.from(raw.subarray(1,33)).toString('base64url')}));
t('jwk use enc', () => importKey({...(exportKey(publicKey,'jwk') as any), use:'enc'}));
t('jwk key_ops', () => importKey({...(exportKey(publicKey,'jwk') as any), key_ops:['encrypt']}));
t('jwk alg ES384 on P-256', () => importKey({...(exportKey(publicKey,'jwk') as any), alg:'ES384'}));
t('jwk alg ECDH-ES', () => importKey({...(exportKey(publicKey,'jwk') as any), alg:'ECDH-ES'}));
// Ed25519 tests
const ed = exportKey(generateKeyPair('Ed25519').publicKey,'raw') as Uint8Array;
const neg0 = new Uint8Array(32); neg0[0]=1; neg0[31]=0x80; t('ed identity w/ sign', () => importKey(neg0, { alg: 'Ed25519' }));
const yp = new Uint8Array(32).fill(0xff); yp[0]=0xee; yp[31]=0x7f; t('ed y=p+1', () => importKey(yp, { alg: 'Ed25519' }));
const x2 = new Uint8Array(32); x2[0]=2; t('ed y=2', () => importKey(x2, { alg: 'Ed25519' }));
t('ed ok', () => importKey(ed, { alg: 'Ed25519' }));
t('ed as X25519 jwk', () => importKey({kty:'OKP', crv:'Ed25519', x: Buffer.from(ed).toString('base64url'), alg:'X25519'} as any));
// private key d length 31 in JWK
const pj = exportKey(generateKeyPair('ES256').privateKey,'jwk',{includeSecret:true}) as any;
t('jwk d short', () => importKey({...pj, d: Buffer.from(Buffer.from(pj.d,'base64url').subarray(1)).toString('base64url')}));
t('jwk d mismatch', () => importKey({...pj, d: exportKey(generateKeyPair('ES256').privateKey,'jwk',{includeSecret:true}).d }));
const edj = exportKey(generateKeyPair('Ed25519').privateKey,'jwk',{includeSecret:true}) as any;
t('ed jwk d mismatch', () => importKey({...edj, x: Buffer.from(ed).toString('base64url')}));
t('raw priv ES256 zero', () => importKey(new Uint8Array(32), { alg: 'ES256', type: 'private' }));
t('raw pub wrong type', () => importKey(new Uint8Array(32), { alg: 'ES256', type: 'public' }));
