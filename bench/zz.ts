import { fieldCipher } from '../src/fields/index.js';
import { Keyring } from '../src/keys/index.js';

const FIELD = 'alice.lovelace+newsletter@analytical-engine.example.org, London'.padEnd(64, '!');
const email = fieldCipher(Keyring.generate('A256GCM'), { table: 'users', column: 'email' });
let x = 0;
const t0 = performance.now();
for (let i = 0; i < 300000; i++) x += (email.decrypt(email.encrypt(FIELD)) as string).length;
console.log(x, ((performance.now() - t0) / 300000) * 1000, 'µs');
