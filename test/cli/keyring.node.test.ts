import { execFileSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { Keyring } from '../../src/keys/index.js';
import { cachet } from '../helpers/cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cachet-cli-'));
});

describe('cachet keyring', () => {
  it('creates, rotates, disables and lists a plain keyring file', () => {
    expect(cachet(['keyring', 'new', '--alg', 'A256GCM', '-o', 'k.json'], { cwd: dir }).code).toBe(
      0,
    );
    const file = join(dir, 'k.json');
    expect(statSync(file).mode & 0o777).toBe(0o600); // secrets: owner only
    const first = Keyring.fromJSON(readFileSync(file, 'utf8'));
    expect(first.primary.alg).toBe('A256GCM');

    expect(cachet(['keyring', 'rotate', '-k', 'k.json'], { cwd: dir }).code).toBe(0);
    const rotated = Keyring.fromJSON(readFileSync(file, 'utf8'));
    expect(rotated.size).toBe(2);
    expect(rotated.status(first.primary.id)).toBe('active');

    expect(
      cachet(['keyring', 'disable', first.primary.id, '-k', 'k.json'], { cwd: dir }).code,
    ).toBe(0);
    const listed = cachet(['keyring', 'list', '-k', 'k.json', '--json'], { cwd: dir });
    expect(listed.code).toBe(0);
    const json = JSON.parse(listed.stdout);
    expect(json.secrets).toBe(false);
    expect(json.keys.map((k: { status: string }) => k.status).sort()).toEqual([
      'disabled',
      'primary',
    ]);
    expect(listed.stdout).not.toContain(JSON.parse(readFileSync(file, 'utf8')).keys[0].secret);
  });

  it('seals with a master key from an environment variable and needs it to read', () => {
    const master = cachet(['keyring', 'master-key']).stdout.trim();
    expect(master).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const env = { MASTER: master };
    expect(
      cachet(['keyring', 'new', '--alg', 'Ed25519', '-o', 's.json', '--seal-with', 'MASTER'], {
        cwd: dir,
        env,
      }).code,
    ).toBe(0);
    const sealed = readFileSync(join(dir, 's.json'), 'utf8');
    expect(JSON.parse(sealed).format).toBe('cachet.keyring.sealed');

    const without = cachet(['keyring', 'list', '-k', 's.json'], { cwd: dir });
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('--seal-with');

    const wrong = cachet(['keyring', 'list', '-k', 's.json', '--seal-with', 'OTHER'], {
      cwd: dir,
      env: { OTHER: cachet(['keyring', 'master-key']).stdout.trim() },
    });
    expect(wrong.code).toBe(1); // a wrong master key fails authentication
    expect(wrong.stderr).toMatch(/wrong master key.*ERR_AUTH_FAILED/);

    const ok = cachet(['keyring', 'list', '-k', 's.json', '--seal-with', 'MASTER'], {
      cwd: dir,
      env,
    });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Ed25519\s+private\s+primary/);
  });

  it('exports the public halves as a keyring, a JWK Set, PEM and JWK that openssl and node:crypto read', () => {
    cachet(['keyring', 'new', '--alg', 'ES256', '-o', 'sig.json'], { cwd: dir });
    cachet(['keyring', 'rotate', '-k', 'sig.json'], { cwd: dir });
    const secret = Keyring.fromJSON(readFileSync(join(dir, 'sig.json'), 'utf8'));
    expect(
      cachet(['keyring', 'export-public', '-k', 'sig.json', '-o', 'pub.json'], { cwd: dir }).code,
    ).toBe(0);
    const pub = Keyring.fromJSON(readFileSync(join(dir, 'pub.json'), 'utf8'));
    expect(pub.primary.type).toBe('public');
    expect(pub.size).toBe(2);
    expect(readFileSync(join(dir, 'pub.json'), 'utf8')).not.toContain('"private"');

    const jwks = JSON.parse(
      cachet(['keyring', 'export-public', '-k', 'sig.json', '--format', 'jwks'], { cwd: dir })
        .stdout,
    );
    expect(jwks.keys).toHaveLength(2);
    for (const jwk of jwks.keys) {
      expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
      expect(jwk.d).toBeUndefined();
      expect(createPublicKey({ key: jwk, format: 'jwk' }).asymmetricKeyType).toBe('ec');
    }
    const pem = cachet(['keyring', 'export-public', '-k', 'sig.json', '--format', 'pem'], {
      cwd: dir,
    }).stdout;
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const text = execFileSync('openssl', ['pkey', '-pubin', '-noout', '-text'], {
      input: pem,
      encoding: 'utf8',
    });
    expect(text).toContain('NIST CURVE: P-256');
    // The primary's point, as openssl prints it, is the JWK's x and y.
    const primaryJwk = jwks.keys.find((k: { kid: string }) => k.kid === secret.primary.id);
    const fromPem = createPublicKey(pem).export({ format: 'jwk' });
    expect([fromPem.x, fromPem.y]).toEqual([primaryJwk.x, primaryJwk.y]);

    const oldId = secret.entries().find((e) => e.status !== 'primary')!.key.id;
    const jwk = JSON.parse(
      cachet(['keyring', 'export-public', '-k', 'sig.json', '--format', 'jwk', '--id', oldId], {
        cwd: dir,
      }).stdout,
    );
    expect(jwk.kid).toBe(oldId);

    cachet(['keyring', 'new', '--alg', 'A256GCM', '-o', 'sym.json'], { cwd: dir });
    const sym = cachet(['keyring', 'export-public', '-k', 'sym.json', '--format', 'pem'], {
      cwd: dir,
    });
    expect(sym.code).toBe(2);
    expect(sym.stderr).toContain('no public half');
  });

  it('exports private keys (PKCS #8 PEM, JWK) at mode 0600 that openssl signs with', () => {
    cachet(['keyring', 'new', '--alg', 'Ed25519', '-o', 'ed.json'], { cwd: dir });
    expect(
      cachet(['keyring', 'export-private', '-k', 'ed.json', '-o', 'ed.key'], { cwd: dir }).code,
    ).toBe(0);
    expect(statSync(join(dir, 'ed.key')).mode & 0o777).toBe(0o600);
    writeFileSync(join(dir, 'm.txt'), 'signed by openssl with a cachet key');
    execFileSync(
      'openssl',
      ['pkeyutl', '-sign', '-inkey', 'ed.key', '-rawin', '-in', 'm.txt', '-out', 'm.sig'],
      { cwd: dir },
    );
    cachet(['keyring', 'export-public', '-k', 'ed.json', '-o', 'ed.pub.json'], { cwd: dir });
    const ok = cachet(['verify', '-k', 'ed.pub.json', '-e', 'raw', '-s', 'm.sig', 'm.txt'], {
      cwd: dir,
    });
    expect(ok.code, ok.stderr).toBe(0);

    cachet(['keyring', 'new', '--alg', 'HS256', '-o', 'mac.json'], { cwd: dir });
    expect(
      cachet(['keyring', 'export-private', '-k', 'mac.json', '--format', 'jwk', '-o', 'mac.jwk'], {
        cwd: dir,
      }).code,
    ).toBe(0);
    const jwk = JSON.parse(readFileSync(join(dir, 'mac.jwk'), 'utf8'));
    expect(jwk).toMatchObject({
      kty: 'oct',
      alg: 'HS256',
      kid: Keyring.fromJSON(readFileSync(join(dir, 'mac.json'), 'utf8')).primary.id,
    });
    expect(Buffer.from(jwk.k, 'base64url')).toHaveLength(32);

    for (const [args, text] of [
      [['-k', 'mac.json', '-o', 'mac.pem'], 'symmetric'],
      [['-k', 'ed.json'], '-o FILE is required'],
      [['-k', 'ed.pub.json', '-o', 'x.pem'], 'public key'],
    ] as const) {
      const r = cachet(['keyring', 'export-private', ...args], { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(text);
    }
  });

  it('prints the safe JSON after a change with --json, and refuses a master key pasted into --seal-with', () => {
    const made = cachet(['keyring', 'new', '--alg', 'HS256', '-o', 'j.json', '--json'], {
      cwd: dir,
    });
    expect(made.code).toBe(0);
    const doc = JSON.parse(made.stdout);
    expect(doc).toMatchObject({
      format: 'cachet.keyring',
      secrets: false,
      keys: [{ alg: 'HS256', status: 'primary' }],
    });
    expect(doc.keys[0].secret).toBeUndefined();
    const rotated = JSON.parse(
      cachet(['keyring', 'rotate', '-k', 'j.json', '--json'], { cwd: dir }).stdout,
    );
    expect(rotated.keys).toHaveLength(2);

    const pasted = cachet(
      [
        'keyring',
        'rotate',
        '-k',
        'j.json',
        '--seal-with',
        'Qx3v9-tEH1qZ_0p5lJ2nYk8uWcA7sRdLf6gBmN4oVeI',
      ],
      { cwd: dir },
    );
    expect(pasted.code).toBe(2);
    expect(pasted.stderr).toContain('takes the name of an environment variable');
    expect(pasted.stderr).not.toContain('Qx3v9');
    // The refused call left the keyring as it was.
    expect(Keyring.fromJSON(readFileSync(join(dir, 'j.json'), 'utf8')).size).toBe(2);
  });

  it('answers usage errors with exit code 2 and the usage line', () => {
    for (const args of [
      ['keyring', 'new', '-o', 'x.json'],
      ['keyring', 'new', '--alg', 'MD5', '-o', 'x.json'],
      ['keyring', 'list', '-k', 'missing.json'],
      ['keyring', 'new', '--bogus'],
      ['no-such-command'],
    ]) {
      const r = cachet(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.length).toBeGreaterThan(0);
    }
    const help = cachet(['keyring', 'new', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
  });

  it('refuses the primary key as a disable target, with a typed error', () => {
    cachet(['keyring', 'new', '--alg', 'HS256', '-o', 'h.json'], { cwd: dir });
    const id = Keyring.fromJSON(readFileSync(join(dir, 'h.json'), 'utf8')).primary.id;
    const r = cachet(['keyring', 'disable', id, '-k', 'h.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ERR_KEYRING_STATE');
  });
});
