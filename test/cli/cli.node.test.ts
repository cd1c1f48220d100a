// The `cachet` command as a whole: help for every command, exit codes for unknown commands
// and flags, refusal of secrets on argv, a closed stdout pipe.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, cachet, cachetAsync } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cachet-cli-'));

/** Command names from the top-level help. */
function commandNames(help: string): string[] {
  const list = help.slice(
    help.indexOf('Commands:\n') + 10,
    help.indexOf('\n\n', help.indexOf('Commands:\n')),
  );
  return list.split('\n').map((line) => line.trim().split(/\s{2,}/)[0]!);
}

describe('cachet help', () => {
  it('lists every command; each has --help with options and runnable-looking examples', async () => {
    const top = cachet(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain(
      'Exit codes: 0 ok, 1 verification failed, 2 usage or input error.',
    );
    const names = commandNames(top.stdout);
    for (const expected of [
      'keyring new',
      'encrypt',
      'decrypt',
      'sign',
      'verify',
      'webhook sign',
      'webhook verify',
      'x509 inspect',
      'x509 verify',
      'x509 test-pki',
    ])
      expect(names).toContain(expected);
    const helps = await Promise.all(
      names.map((name) => cachetAsync([...name.split(' '), '--help'])),
    );
    helps.forEach((r, i) => {
      const name = names[i]!;
      expect(r.code, name).toBe(0);
      expect(r.stdout, name).toMatch(/\n\nUsage: cachet /);
      expect(r.stdout, name).toContain('\n\nOptions:\n  -h, --help');
      const examples = r.stdout.slice(r.stdout.indexOf('Examples:\n'));
      expect(examples, name).toContain(`cachet ${name}`);
      // Examples never show a secret inline.
      expect(examples, name).not.toMatch(/whsec_[A-Za-z0-9]|BEGIN [A-Z ]*PRIVATE KEY|--secret\s/);
    });
  });

  it('prints the package version', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8'));
    expect(cachet(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('answers a bare command or group with its list and exit 2', async () => {
    const [bare, group, groupHelp, unknown, unknownSub, badFlag, missingValue] = await Promise.all([
      cachetAsync([]),
      cachetAsync(['keyring']),
      cachetAsync(['x509', '--help']),
      cachetAsync(['frobnicate']),
      cachetAsync(['keyring', 'frobnicate']),
      cachetAsync(['keyring', 'list', '--bogus']),
      cachetAsync(['keyring', 'list', '-k']),
    ]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Commands:');
    expect(group.code).toBe(2);
    expect(group.stderr).toContain('keyring rotate');
    expect(group.stderr).not.toContain('x509 verify');
    expect(groupHelp.code).toBe(0);
    expect(commandNames(groupHelp.stdout)).toEqual([
      'x509 inspect',
      'x509 verify',
      'x509 test-pki',
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error: unknown command: frobnicate\n/);
    expect(unknownSub.code).toBe(2);
    expect(unknownSub.stderr).toMatch(/^error: unknown command: keyring frobnicate\n/);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/Unknown option '--bogus'[\s\S]*Usage: cachet keyring list/);
    expect(missingValue.code).toBe(2);
    expect(missingValue.stderr).toContain("'-k, --keyring <value>' argument missing");
  });
});

describe('secrets on the command line', () => {
  it('are refused with exit 2, a way to pass them, and without echoing them', async () => {
    const key = 'Qx3v9-tEH1qZ_0p5lJ2nYk8uWcA7sRdLf6gBmN4oVeI'; // a base64url master key
    const pem = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----';
    const cases = [
      ['webhook', 'sign', '--secret', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'x.json'],
      ['webhook', 'verify', '--secret=hunter2-typed-secret', 'x.json'],
      ['webhook', 'verify', '--secret-file', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
      ['keyring', 'new', '--alg', 'A256GCM', '-o', 'k.json', '--seal-with', key],
      [
        'keyring',
        'new',
        '--alg',
        'A256GCM',
        '-o',
        'k.json',
        '--seal-with',
        key.replaceAll('-', 'x'),
      ],
      ['keyring', 'list', '-k', 'k.json', '--master-key', key],
      ['sign', '-k', pem, 'x.json'],
      ['verify', '--password', 'p4ssw0rd', 'x.json'],
    ];
    const results = await Promise.all(cases.map((args) => cachetAsync(args, { cwd: dir })));
    results.forEach((r, i) => {
      const args = cases[i]!;
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/environment variable|secret-env/);
      for (const secret of ['whsec_MfKQ', 'hunter2', 'tEH1qZ', 'MC4CAQAw', 'p4ssw0rd'])
        expect(r.stderr).not.toContain(secret);
    });
  });
});

describe('exit codes', () => {
  it('2 for a missing or unreadable input, with the reason and no stack trace', async () => {
    writeFileSync(join(dir, 'garbage.json'), '{"format":"cachet.keyring","version":1,"keys":"no"}');
    const [missing, garbage, notJson] = await Promise.all([
      cachetAsync(['keyring', 'list', '-k', 'nope.json'], { cwd: dir }),
      cachetAsync(['keyring', 'list', '-k', 'garbage.json'], { cwd: dir }),
      cachetAsync(['sign', '-k', 'garbage.json'], { cwd: dir, input: 'x' }),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: cannot read nope\.json: ENOENT\n/);
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toMatch(/^error: .*\(ERR_INVALID_FORMAT\)\n$/);
    expect(notJson.code).toBe(2);
    for (const r of [missing, garbage, notJson]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('0 when a reader closes stdout early (EPIPE), without an error', async () => {
    const child = spawn(process.execPath, [CLI, 'keyring', 'master-key', '--help']);
    child.stdout.destroy(); // like `| head -c0`
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const code = await new Promise((done) => child.on('close', done));
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });
});
