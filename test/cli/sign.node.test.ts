// cachet sign / verify, driven as a child process, checked against openssl and node:crypto
// in both directions.
import { execFileSync, spawnSync } from 'node:child_process';
import { createPublicKey, verify as nodeVerify, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Keyring } from '../../src/keys/index.js';
import { cachet, cachetAsync, cachetBytes } from '../helpers/cli.js';

let dir: string;
const at = (name: string) => join(dir, name);
const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
/** openssl's exit status and output, for verification that may fail. */
const opensslStatus = (...args: string[]) =>
  spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });

const ALGS = ['Ed25519', 'ES256', 'ES384'] as const;
const HASH = { ES256: 'sha256', ES384: 'sha384' } as const;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cachet-cli-sign-'));
  writeFileSync(at('msg.bin'), randomBytes(10_000));
  const made = await Promise.all(
    ALGS.map((alg) =>
      cachetAsync(['keyring', 'new', '--alg', alg, '-o', `${alg}.json`], { cwd: dir }),
    ),
  );
  for (const r of made) expect(r.code, r.stderr).toBe(0);
  const pems = await Promise.all(
    ALGS.map((alg) =>
      cachetAsync(
        [
          'keyring',
          'export-public',
          '-k',
          `${alg}.json`,
          '--format',
          'pem',
          '-o',
          `${alg}.pub.pem`,
        ],
        { cwd: dir },
      ),
    ),
  );
  for (const r of pems) expect(r.code, r.stderr).toBe(0);
});

describe('cachet sign', () => {
  it.each(ALGS)('%s signatures verify with openssl and node:crypto', (alg) => {
    const raw = cachetBytes(
      [
        'sign',
        '-k',
        `${alg}.json`,
        '-e',
        'raw',
        ...(alg === 'Ed25519' ? [] : ['--format', 'der']),
        'msg.bin',
      ],
      { cwd: dir },
    );
    expect(raw.code, raw.stderr).toBe(0);
    writeFileSync(at(`${alg}.sig`), raw.stdout);
    const check =
      alg === 'Ed25519'
        ? opensslStatus(
            'pkeyutl',
            '-verify',
            '-pubin',
            '-inkey',
            `${alg}.pub.pem`,
            '-rawin',
            '-in',
            'msg.bin',
            '-sigfile',
            `${alg}.sig`,
          )
        : opensslStatus(
            'dgst',
            `-${HASH[alg]}`,
            '-verify',
            `${alg}.pub.pem`,
            '-signature',
            `${alg}.sig`,
            'msg.bin',
          );
    expect(check.status, check.stdout + check.stderr).toBe(0);

    // The default p1363 (r ‖ s) in base64, from stdin, checked by node:crypto.
    const b64 = cachet(['sign', '-k', `${alg}.json`], {
      cwd: dir,
      input: readFileSync(at('msg.bin')),
    });
    expect(b64.code).toBe(0);
    const signature = Buffer.from(b64.stdout.trim(), 'base64');
    expect(signature.length).toBe({ Ed25519: 64, ES256: 64, ES384: 96 }[alg]);
    const key = createPublicKey(readFileSync(at(`${alg}.pub.pem`)));
    const ok = nodeVerify(
      alg === 'Ed25519' ? null : HASH[alg],
      readFileSync(at('msg.bin')),
      { key, dsaEncoding: 'ieee-p1363' },
      signature,
    );
    expect(ok).toBe(true);
  });

  it('prints JSON and every encoding; deterministic ECDSA repeats', async () => {
    const [json, hex, url, det1, det2] = await Promise.all([
      cachetAsync(['sign', '-k', 'ES256.json', '--json', 'msg.bin'], { cwd: dir }),
      cachetAsync(['sign', '-k', 'Ed25519.json', '-e', 'hex', 'msg.bin'], { cwd: dir }),
      cachetAsync(['sign', '-k', 'Ed25519.json', '-e', 'base64url', 'msg.bin'], { cwd: dir }),
      cachetAsync(['sign', '-k', 'ES384.json', '--deterministic', 'msg.bin'], { cwd: dir }),
      cachetAsync(['sign', '-k', 'ES384.json', '--deterministic', 'msg.bin'], { cwd: dir }),
    ]);
    const doc = JSON.parse(json.stdout);
    expect(doc).toEqual({
      alg: 'ES256',
      keyId: Keyring.fromJSON(readFileSync(at('ES256.json'), 'utf8')).primary.id,
      format: 'p1363',
      encoding: 'base64',
      signature: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/),
    });
    // Ed25519 is deterministic: the hex and base64url forms are the same bytes.
    expect(hex.stdout).toMatch(/^[0-9a-f]{128}\n$/);
    expect(Buffer.from(url.stdout.trim(), 'base64url').toString('hex')).toBe(hex.stdout.trim());
    expect(det1.stdout).toBe(det2.stdout);
  });
});

describe('cachet verify', () => {
  it('verifies signatures made by openssl (ECDSA DER, Ed25519, RSA-PSS, RSA PKCS#1)', () => {
    openssl('ecparam', '-name', 'secp384r1', '-genkey', '-noout', '-out', 'p384.key');
    openssl('pkey', '-in', 'p384.key', '-pubout', '-out', 'p384.pub');
    openssl('dgst', '-sha384', '-sign', 'p384.key', '-out', 'p384.sig', 'msg.bin');
    openssl('genpkey', '-algorithm', 'ed25519', '-out', 'ed.key');
    openssl('pkey', '-in', 'ed.key', '-pubout', '-out', 'ed.pub');
    openssl('pkeyutl', '-sign', '-inkey', 'ed.key', '-rawin', '-in', 'msg.bin', '-out', 'ed.sig');
    openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'rsa.key');
    openssl('pkey', '-in', 'rsa.key', '-pubout', '-out', 'rsa.pub');
    openssl(
      'dgst',
      '-sha256',
      '-sign',
      'rsa.key',
      '-sigopt',
      'rsa_padding_mode:pss',
      '-sigopt',
      'rsa_pss_saltlen:32',
      '-out',
      'pss.sig',
      'msg.bin',
    );
    openssl('dgst', '-sha256', '-sign', 'rsa.key', '-out', 'pkcs1.sig', 'msg.bin');

    const ok = (args: string[]) => {
      const r = cachet(['verify', ...args, '-e', 'raw', 'msg.bin'], { cwd: dir });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(/^valid signature: /);
    };
    ok(['-k', 'p384.pub', '-s', 'p384.sig', '--format', 'der']);
    ok(['-k', 'p384.key', '-s', 'p384.sig', '--format', 'der']); // a private key file verifies too
    ok(['-k', 'ed.pub', '-s', 'ed.sig']);
    ok(['-k', 'rsa.pub', '--alg', 'PS256', '-s', 'pss.sig']);
    ok(['-k', 'rsa.pub', '--alg', 'RS256', '-s', 'pkcs1.sig']);
    // The same RSA signature under the other padding does not verify.
    const wrongPadding = cachet(
      ['verify', '-k', 'rsa.pub', '--alg', 'PS256', '-s', 'pkcs1.sig', '-e', 'raw', 'msg.bin'],
      { cwd: dir },
    );
    expect(wrongPadding.code).toBe(1);
    const noAlg = cachet(['verify', '-k', 'rsa.pub', '-s', 'pkcs1.sig', '-e', 'raw', 'msg.bin'], {
      cwd: dir,
    });
    expect(noAlg.code).toBe(2);
    expect(noAlg.stderr).toContain('--alg');
  });

  it('exits 1 for a changed message, another key or a flipped bit; 2 for malformed input', async () => {
    const sig = cachet(['sign', '-k', 'Ed25519.json', '-o', 'ed.b64', 'msg.bin'], { cwd: dir });
    expect(sig.code).toBe(0);
    const flipped = Buffer.from(readFileSync(at('ed.b64'), 'utf8').trim(), 'base64');
    flipped[10]! ^= 1;
    writeFileSync(at('flipped.b64'), flipped.toString('base64'));
    writeFileSync(at('other.bin'), 'other message');
    cachet(['keyring', 'new', '--alg', 'Ed25519', '-o', 'other.json'], { cwd: dir });

    const cases: [string[], number, RegExp][] = [
      [['-k', 'Ed25519.json', '-s', 'ed.b64', 'msg.bin', '--json'], 0, /"valid": true/],
      [['-k', 'Ed25519.json', '-s', 'ed.b64', 'other.bin'], 1, /does not verify/],
      [['-k', 'other.json', '-s', 'ed.b64', 'msg.bin'], 1, /does not verify/],
      [['-k', 'Ed25519.json', '-s', 'flipped.b64', 'msg.bin', '--json'], 1, /"valid": false/],
      [['-k', 'Ed25519.json', '-s', 'ed.b64', '-e', 'hex', 'msg.bin'], 2, /ERR_INVALID_FORMAT/],
      [['-k', 'ES256.json', '-s', 'ed.b64', '--format', 'der', 'msg.bin'], 2, /ERR_INVALID_FORMAT/],
      [
        ['-k', 'Ed25519.json', '-s', 'ed.b64', '--key-id', '00000000', 'msg.bin'],
        2,
        /ERR_KEY_NOT_FOUND/,
      ],
      [['-k', 'Ed25519.json', 'msg.bin'], 2, /--signature is required/],
      [['-k', 'Ed25519.json', '-s', '-'], 2, /both come from stdin/],
    ];
    const results = await Promise.all(
      cases.map(([args]) => cachetAsync(['verify', ...args], { cwd: dir })),
    );
    results.forEach((r, i) => {
      const [args, code, pattern] = cases[i]!;
      expect(r.code, args.join(' ')).toBe(code);
      expect(
        code === 2 || (code === 1 && !args.includes('--json')) ? r.stderr : r.stdout,
        args.join(' '),
      ).toMatch(pattern);
    });
    // A rotated keyring still verifies the old signature and names the key that made it.
    const rotated = cachet(['keyring', 'rotate', '-k', 'Ed25519.json', '-o', 'rotated.json'], {
      cwd: dir,
    });
    expect(rotated.code).toBe(0);
    const old = JSON.parse(
      cachet(['verify', '-k', 'rotated.json', '-s', 'ed.b64', '--json', 'msg.bin'], { cwd: dir })
        .stdout,
    );
    expect(old.keyId).toBe(Keyring.fromJSON(readFileSync(at('Ed25519.json'), 'utf8')).primary.id);
  });

  it('refuses to sign with a public key, and DER for Ed25519', async () => {
    const [pub, sym] = await Promise.all([
      cachetAsync(['sign', '-k', 'ES256.pub.pem', 'msg.bin'], { cwd: dir }),
      cachetAsync(['sign', '-k', 'Ed25519.json', '--format', 'der', 'msg.bin'], { cwd: dir }),
    ]);
    expect(pub.code).toBe(2);
    expect(pub.stderr).toContain('ERR_WRONG_KEY_TYPE');
    expect(sym.code).toBe(2);
    expect(sym.stderr).toContain('ERR_INVALID_ARGUMENT');
  });
});
