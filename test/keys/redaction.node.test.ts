// util.inspect and console output of keys and keyrings (Node's own formatting paths,
// which do not go through toString/toJSON unless cachet makes them) never show material.
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { format, inspect } from 'node:util';
import { expect, it } from 'vitest';
import { exportKey, generateKey, type Key, Keyring } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { ALL_GENERABLE } from './algs.js';
import { expectNoSecret } from './secrets.js';

function consoleOutput(write: (c: Console) => void): string {
  let out = '';
  const sink = new Writable({
    write(chunk, _enc, done) {
      out += String(chunk);
      done();
    },
  });
  const c = new Console({ stdout: sink, stderr: sink, colorMode: false });
  write(c);
  return out;
}

function nodeRenderings(value: object): Record<string, string> {
  return {
    inspect: inspect(value),
    'inspect showHidden depth∞': inspect(value, { showHidden: true, depth: Infinity }),
    'inspect colors': inspect({ value }, { colors: true, depth: 5 }),
    'inspect getters': inspect(value, { getters: true, showHidden: true }),
    '%s %o %O %j': format('%s %o %O %j', value, value, value, value),
    'console.log': consoleOutput((c) => c.log(value)),
    'console.dir': consoleOutput((c) => c.dir(value, { showHidden: true, depth: null })),
    'console.table': consoleOutput((c) => c.table([value])),
    'console.log nested': consoleOutput((c) => c.log({ a: [{ b: value }] })),
  };
}

const secretOf = (key: Key) => exportKey(key, 'raw', { includeSecret: true });

describeEachBackend('util.inspect and console', () => {
  for (const alg of ALL_GENERABLE) {
    it(`${alg} key prints as [redacted]`, () => {
      const key = generateKey(alg);
      for (const [how, text] of Object.entries(nodeRenderings(key))) {
        expectNoSecret(text, [secretOf(key)], `${alg} ${how}`);
      }
      expect(inspect(key)).toBe(`Key(${alg}, ${key.id}, ${key.type}, [redacted])`);
      expect(consoleOutput((c) => c.log(key))).toBe(
        `Key(${alg}, ${key.id}, ${key.type}, [redacted])\n`,
      );
    });
  }

  it('a keyring prints its summary, never its keys', () => {
    const keyring = Keyring.generate('XC20P');
    for (const alg of ALL_GENERABLE) keyring.rotate({ alg });
    const secrets = keyring.entries().map((e) => secretOf(e.key));
    const renderings = {
      ...nodeRenderings(keyring),
      entries: inspect(keyring.entries(), { depth: Infinity, showHidden: true }),
      'console.log entries': consoleOutput((c) => c.log(keyring.entries())),
    };
    for (const [how, text] of Object.entries(renderings)) {
      expectNoSecret(text, secrets, `keyring ${how}`);
    }
    expect(inspect(keyring)).toBe(String(keyring));
  });
});
