import { mkdtempSync, readFileSync, statSync } from 'node:fs';
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

  it('exports the public keyring without private material', () => {
    cachet(['keyring', 'new', '--alg', 'ES256', '-o', 'sig.json'], { cwd: dir });
    expect(
      cachet(['keyring', 'export-public', '-k', 'sig.json', '-o', 'pub.json'], { cwd: dir }).code,
    ).toBe(0);
    const pub = Keyring.fromJSON(readFileSync(join(dir, 'pub.json'), 'utf8'));
    expect(pub.primary.type).toBe('public');
    expect(readFileSync(join(dir, 'pub.json'), 'utf8')).not.toContain('"private"');
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
