// cachet encrypt / decrypt, driven as a child process: envelope files for public keys and
// key-encryption keys (keys from openssl too), and single field values; interop with the
// library's decryptFile / seal / fieldCipher.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decryptFile, seal } from '../../src/envelope/index.js';
import { fieldCipher } from '../../src/fields/index.js';
import { Keyring } from '../../src/keys/index.js';
import { CLI, cachet, cachetAsync, cachetBytes } from '../helpers/cli.js';

let dir: string;
const at = (name: string) => join(dir, name);
const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cachet-cli-crypt-'));
  const made = await Promise.all([
    cachetAsync(['keyring', 'new', '--alg', 'X25519', '-o', 'server.json'], { cwd: dir }),
    cachetAsync(['keyring', 'new', '--alg', 'A256KW', '-o', 'kek.json'], { cwd: dir }),
    cachetAsync(['keyring', 'new', '--alg', 'A256GCM', '-o', 'fields.json'], { cwd: dir }),
    cachetAsync(['keyring', 'new', '--alg', 'AES-SIV', '-o', 'siv.json'], { cwd: dir }),
  ]);
  for (const r of made) expect(r.code, r.stderr).toBe(0);
  expect(
    cachet(['keyring', 'export-public', '-k', 'server.json', '-o', 'server.pub.json'], { cwd: dir })
      .code,
  ).toBe(0);
});

const keyring = (name: string) => Keyring.fromJSON(readFileSync(at(name), 'utf8'));

describe('cachet encrypt/decrypt: files', () => {
  it('round-trips a file for a public keyring; the library opens what the CLI wrote', async () => {
    const plain = randomBytes(300_000); // several 64 KiB chunks
    writeFileSync(at('data.bin'), plain);
    const enc = cachet(
      [
        'encrypt',
        '--to',
        'server.pub.json',
        '--context',
        'purpose=backup',
        '-o',
        'data.cenv',
        '--json',
        'data.bin',
      ],
      { cwd: dir },
    );
    expect(enc.code, enc.stderr).toBe(0);
    expect(readFileSync(at('data.cenv')).subarray(0, 4).toString()).toBe('CENV');
    expect(JSON.parse(enc.stdout)).toEqual({
      output: 'data.cenv',
      plaintextBytes: 300_000,
      envelopeBytes: statSync(at('data.cenv')).size,
    });

    // Independent reader: the library's decryptFile with the keyring file's secret form.
    await decryptFile(at('data.cenv'), at('data.lib'), {
      recipient: keyring('server.json'),
      context: { purpose: 'backup' },
    });
    expect(readFileSync(at('data.lib')).equals(plain)).toBe(true);

    const dec = cachet(
      [
        'decrypt',
        '-k',
        'server.json',
        '--context',
        'purpose=backup',
        '-o',
        'data.out',
        'data.cenv',
      ],
      { cwd: dir },
    );
    expect(dec.code, dec.stderr).toBe(0);
    expect(readFileSync(at('data.out')).equals(plain)).toBe(true);
    expect(statSync(at('data.out')).mode & 0o777).toBe(0o600); // plaintext: owner only

    // Wrong context, public keyring (no private key), tampering: exit 1 or 2, no output file.
    const wrongContext = cachet(
      ['decrypt', '-k', 'server.json', '--context', 'purpose=other', '-o', 'x.out', 'data.cenv'],
      { cwd: dir },
    );
    expect(wrongContext.code).toBe(1);
    expect(wrongContext.stderr).toContain('ERR_AUTH_FAILED');
    const tampered = readFileSync(at('data.cenv'));
    tampered[tampered.length - 100]! ^= 1;
    writeFileSync(at('tampered.cenv'), tampered);
    const bad = cachet(
      [
        'decrypt',
        '-k',
        'server.json',
        '--context',
        'purpose=backup',
        '-o',
        'x.out',
        'tampered.cenv',
      ],
      { cwd: dir },
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: decryption failed.*\(ERR_AUTH_FAILED\)\n$/);
    const truncated = cachet(
      ['decrypt', '-k', 'server.json', '--context', 'purpose=backup', '-o', 'x.out'],
      {
        cwd: dir,
        input: readFileSync(at('data.cenv')).subarray(0, 200_000),
      },
    );
    expect(truncated.code).toBe(1);
    expect(existsSync(at('x.out'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    const publicOnly = cachet(
      ['decrypt', '-k', 'server.pub.json', '--context', 'purpose=backup', 'data.cenv'],
      { cwd: dir },
    );
    expect(publicOnly.code).toBe(2);
    expect(publicOnly.stderr).toMatch(/ERR_/);
  });

  it('streams stdin to stdout, for several recipients, and opens one-shot envelopes from seal()', async () => {
    const plain = randomBytes(5000);
    const enc = cachetBytes(
      ['encrypt', '--to', 'server.pub.json', '--to', 'kek.json', '--chunk-size', '1024'],
      { cwd: dir, input: plain },
    );
    expect(enc.code, enc.stderr).toBe(0);
    for (const key of ['server.json', 'kek.json']) {
      const dec = cachetBytes(['decrypt', '-k', key], { cwd: dir, input: enc.stdout });
      expect(dec.code, dec.stderr).toBe(0);
      expect(Buffer.from(dec.stdout).equals(plain)).toBe(true);
    }
    const oneShot = await seal(plain, { recipients: keyring('kek.json'), context: { a: 'b' } });
    const dec = cachetBytes(['decrypt', '-k', 'kek.json', '--context', 'a=b'], {
      cwd: dir,
      input: oneShot,
    });
    expect(dec.code, dec.stderr).toBe(0);
    expect(Buffer.from(dec.stdout).equals(plain)).toBe(true);
  });

  it('takes keys made by openssl: P-256 and X25519 PEM files as --to and -k', () => {
    openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'p256.key');
    openssl('pkey', '-in', 'p256.key', '-pubout', '-out', 'p256.pub');
    openssl('genpkey', '-algorithm', 'X25519', '-out', 'x25519.key');
    openssl('pkey', '-in', 'x25519.key', '-pubout', '-out', 'x25519.pub');
    const plain = randomBytes(1000);
    const enc = cachetBytes(['encrypt', '--to', 'p256.pub', '--to', 'x25519.pub'], {
      cwd: dir,
      input: plain,
    });
    expect(enc.code, enc.stderr).toBe(0);
    for (const key of ['p256.key', 'x25519.key']) {
      const dec = cachetBytes(['decrypt', '-k', key], { cwd: dir, input: enc.stdout });
      expect(dec.code, dec.stderr).toBe(0);
      expect(Buffer.from(dec.stdout).equals(plain)).toBe(true);
    }
    const wrong = cachetBytes(['decrypt', '-k', 'server.json'], { cwd: dir, input: enc.stdout });
    expect(wrong.code).toBe(2); // no stanza for this keyring: a missing key, not a forgery
    expect(wrong.stderr).toMatch(/is the -k keyring \(ERR_KEY_NOT_FOUND\)/);
  });

  it('draws a progress bar for a large file only when stderr is a terminal', () => {
    writeFileSync(at('big.bin'), randomBytes(9 * 1024 * 1024));
    const piped = cachet(['encrypt', '--to', 'server.pub.json', '-o', 'big.cenv', 'big.bin'], {
      cwd: dir,
    });
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
    // python3's pty gives the child a terminal for stdin, stdout and stderr.
    const run = (extra: string[]) =>
      spawnSync(
        'python3',
        [
          '-c',
          'import pty,sys; sys.exit(pty.spawn(sys.argv[1:]) >> 8)',
          process.execPath,
          CLI,
          'decrypt',
          '-k',
          'server.json',
          '-o',
          'big.out',
          ...extra,
          'big.cenv',
        ],
        { cwd: dir, encoding: 'utf8', input: '' },
      );
    const tty = run([]);
    expect(tty.status, tty.stdout).toBe(0);
    expect(tty.stdout).toMatch(/decrypting \[#{30}\] 100% {2}9\.0 MiB \/ 9\.0 MiB/);
    expect(readFileSync(at('big.out')).equals(readFileSync(at('big.bin')))).toBe(true);
    const quiet = run(['--no-progress']);
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toBe('');
    // An envelope is never written to a terminal.
    const toTerminal = spawnSync(
      'python3',
      [
        '-c',
        'import pty,sys; sys.exit(pty.spawn(sys.argv[1:]) >> 8)',
        process.execPath,
        CLI,
        'encrypt',
        '--to',
        'server.pub.json',
        'big.bin',
      ],
      { cwd: dir, encoding: 'utf8', input: '' },
    );
    expect(toTerminal.status).toBe(2);
    expect(toTerminal.stdout).toContain('refusing to write an envelope (binary) to the terminal');
  });

  it('answers bad calls with exit 2 and a reason', async () => {
    const cases: [string[], RegExp][] = [
      [['encrypt', 'data.bin'], /needs --to/],
      [['encrypt', '-k', 'server.json', 'data.bin'], /--to RECIPIENT/],
      [['encrypt', '--to', 'missing.json', 'data.bin'], /cannot read missing\.json: ENOENT/],
      [['encrypt', '--to', 'server.pub.json', '--context', 'novalue', 'data.bin'], /key=value/],
      [['encrypt', '--to', 'siv.json', 'data.bin'], /ERR_WRONG_KEY_TYPE/],
      [
        ['encrypt', '--to', 'server.pub.json', '--chunk-size', '10', 'data.bin'],
        /--chunk-size must be/,
      ],
      [
        ['encrypt', '--to', 'server.pub.json', '--table', 'users', '--column', 'email'],
        /--to is for files/,
      ],
      [['decrypt', '-k', 'server.json', 'data.bin'], /ERR_INVALID_FORMAT/],
      [['decrypt', '-k', 'server.json', '--table', 'users'], /both --table and --column/],
      [['encrypt', '--to', 'server.pub.json', '--json', 'data.bin'], /--json prints a report/],
    ];
    const results = await Promise.all(cases.map(([args]) => cachetAsync(args, { cwd: dir })));
    results.forEach((r, i) => {
      expect(r.code, cases[i]![0].join(' ')).toBe(2);
      expect(r.stderr, cases[i]![0].join(' ')).toMatch(cases[i]![1]);
    });
  });
});

describe('cachet encrypt/decrypt: field values', () => {
  it('encrypts values the library decrypts, bound to table, column and row', async () => {
    const cipher = fieldCipher(keyring('fields.json'), {
      table: 'users',
      column: 'email',
      blindIndex: true,
    });
    const enc = cachet(
      ['encrypt', '-k', 'fields.json', '--table', 'users', '--column', 'email', '--row', '42'],
      {
        cwd: dir,
        input: 'alice@example.com\n', // echo's newline is not part of the value
      },
    );
    expect(enc.code, enc.stderr).toBe(0);
    const text = enc.stdout.trim();
    expect(text).toMatch(/^cf1\.[A-Za-z0-9_-]+$/);
    expect(cipher.decrypt(text, { rowId: 42 })).toBe('alice@example.com');

    // The other way: a value the library wrote, of each type, read back by the CLI.
    const values: [unknown, string, unknown][] = [
      ['hé\nllo', 'string', 'hé\nllo'],
      [42.5, 'number', 42.5],
      [12345678901234567890n, 'bigint', '12345678901234567890'],
      [true, 'boolean', true],
      [null, 'null', null],
      [new Date('2030-01-02T03:04:05.006Z'), 'date', '2030-01-02T03:04:05.006Z'],
      [new Uint8Array([0, 255, 7]), 'bytes', 'AP8H'],
      [{ a: [1, 'x'] }, 'json', { a: [1, 'x'] }],
    ];
    const results = await Promise.all(
      values.map(([value]) =>
        cachetAsync(
          [
            'decrypt',
            '-k',
            'fields.json',
            '--table',
            'users',
            '--column',
            'email',
            '--row',
            '7',
            '--json',
          ],
          {
            cwd: dir,
            input: `${cipher.encrypt(value as never, { rowId: '7' })}\n`,
          },
        ),
      ),
    );
    results.forEach((r, i) => {
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ type: values[i]![1], value: values[i]![2] });
    });
    const plain = cachet(
      ['decrypt', '-k', 'fields.json', '--table', 'users', '--column', 'email'],
      {
        cwd: dir,
        input: cipher.encrypt('bob@example.com'),
      },
    );
    expect(plain.stdout).toBe('bob@example.com\n');

    // Another row, column or key: not authentic (exit 1).
    for (const args of [
      ['--table', 'users', '--column', 'email', '--row', '43'],
      ['--table', 'users', '--column', 'phone', '--row', '42'],
      ['--table', 'users', '--column', 'email'],
    ]) {
      const r = cachet(['decrypt', '-k', 'fields.json', ...args], { cwd: dir, input: text });
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toContain('ERR_AUTH_FAILED');
    }
  });

  it('reads json and bytes values, prints blind indexes and is deterministic with AES-SIV', () => {
    const json = cachet(
      [
        'encrypt',
        '-k',
        'fields.json',
        '--table',
        't',
        '--column',
        'c',
        '--type',
        'json',
        '--json',
        '--blind-index',
      ],
      {
        cwd: dir,
        input: '{"plan":"pro","seats":5}',
      },
    );
    expect(json.code, json.stderr).toBe(0);
    const out = JSON.parse(json.stdout);
    const lib = fieldCipher(keyring('fields.json'), { table: 't', column: 'c', blindIndex: true });
    expect(out.keyId).toBe(keyring('fields.json').primary.id);
    expect(lib.decrypt(out.ciphertext)).toEqual({ plan: 'pro', seats: 5 });
    expect(out.blindIndex).toBe(lib.blindIndex({ plan: 'pro', seats: 5 }));

    const bytes = randomBytes(64);
    const enc = cachet(
      ['encrypt', '-k', 'fields.json', '--table', 't', '--column', 'c', '--type', 'bytes'],
      { cwd: dir, input: bytes },
    );
    const back = cachetBytes(['decrypt', '-k', 'fields.json', '--table', 't', '--column', 'c'], {
      cwd: dir,
      input: enc.stdout,
    });
    expect(Buffer.from(back.stdout).equals(bytes)).toBe(true);

    const det = [
      'encrypt',
      '-k',
      'siv.json',
      '--table',
      'users',
      '--column',
      'ssn',
      '--deterministic',
    ];
    const a = cachet(det, { cwd: dir, input: '123-45-6789' });
    const b = cachet(det, { cwd: dir, input: '123-45-6789' });
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const sivLib = fieldCipher(keyring('siv.json'), {
      table: 'users',
      column: 'ssn',
      deterministic: true,
    });
    expect(a.stdout.trim()).toBe(sivLib.encrypt('123-45-6789'));

    // Decrypting needs no flag; encrypting deterministically must be asked for by name.
    const sivBack = cachet(['decrypt', '-k', 'siv.json', '--table', 'users', '--column', 'ssn'], {
      cwd: dir,
      input: a.stdout,
    });
    expect(sivBack.stdout).toBe('123-45-6789\n');
    const unasked = cachet(['encrypt', '-k', 'siv.json', '--table', 'users', '--column', 'ssn'], {
      cwd: dir,
      input: 'x',
    });
    expect(unasked.code).toBe(2);
    expect(unasked.stderr).toContain('pass --deterministic');
    const wrongKey = cachet(
      ['encrypt', '-k', 'fields.json', '--table', 'users', '--column', 'ssn', '--deterministic'],
      { cwd: dir, input: 'x' },
    );
    expect(wrongKey.code).toBe(2);
    expect(wrongKey.stderr).toContain('--alg AES-SIV');

    const notJson = cachet(
      ['encrypt', '-k', 'fields.json', '--table', 't', '--column', 'c', '--type', 'json'],
      { cwd: dir, input: '{oops' },
    );
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('not valid JSON');
  });
});
