// Secrets come from files or environment variables, never from argv: argv is visible to
// every user of the machine (`ps`, /proc/<pid>/cmdline) and lands in shell history.
import { list, type Parsed } from './args.js';
import type { Flags } from './command.js';
import { readInput } from './io.js';
import { UsageError } from './usage.js';

const HOW =
  'put it in a file or an environment variable and name that instead (--secret-file FILE or --secret-env VAR; --seal-with VAR for master keys; -k FILE for keys): arguments are visible to every user through ps and stay in shell history';

// Flags people reach for when they want to paste a secret; none of them exists.
const SECRET_FLAGS = new Set([
  'secret',
  'master-key',
  'password',
  'passphrase',
  'token',
  'hmac-key',
  'private-key',
  'key-value',
]);

// Values that are secrets whatever flag carries them: webhook secrets and keys (Standard
// Webhooks, Stripe, Svix), and pasted private keys.
const SECRET_VALUE =
  /^(whsec_|whsk_|sk_live_|sk_test_|rk_live_)|-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/;

/**
 * Refuses argv that carries a secret, before anything else runs, with a usage error that
 * says how to pass it instead. The value itself is never echoed.
 */
export function refuseSecretsOnArgv(argv: readonly string[]): void {
  for (const arg of argv) {
    const name = /^--([a-z-]+)(?:=|$)/.exec(arg)?.[1];
    if (name !== undefined && SECRET_FLAGS.has(name))
      throw new UsageError(`secrets are not accepted as arguments (--${name}): ${HOW}`);
    if (SECRET_VALUE.test(arg) || SECRET_VALUE.test(arg.slice(arg.indexOf('=') + 1)))
      throw new UsageError(
        `an argument looks like a secret (a webhook secret, API key or private key): ${HOW}`,
      );
  }
}

/** Checks that a flag holds the NAME of an environment variable, not a secret pasted in. */
export function envName(value: string, flag: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(value))
    throw new UsageError(
      `${flag} takes the name of an environment variable (like CACHET_MASTER_KEY), not the secret itself`,
    );
  return value;
}

/** The value of an environment variable that must be set and non-empty. */
export function readEnv(name: string, flag: string): string {
  const value = process.env[envName(name, flag)];
  if (value === undefined || value === '') {
    // A long mixed-case "name" that is not set is more likely a pasted key: do not echo it.
    const shown = /^[A-Z_][A-Z0-9_]*$/.test(name) || name.length < 24 ? name : undefined;
    throw new UsageError(
      shown
        ? `environment variable ${shown} (${flag}) is not set`
        : `the environment variable named by ${flag} is not set (give the variable's name, not the secret)`,
    );
  }
  return value;
}

/** The --secret-env and --secret-file flags (repeatable: several secrets during a rotation). */
export const secretFlags: Flags = {
  'secret-env': {
    type: 'string',
    multiple: true,
    arg: 'VAR',
    help: 'name of an environment variable holding the secret',
  },
  'secret-file': {
    type: 'string',
    multiple: true,
    arg: 'FILE',
    help: 'a file holding the secret (one trailing newline is ignored)',
  },
};

/**
 * The secrets named by --secret-env and --secret-file, as text: at least one. An
 * environment variable is taken as it is; a file loses one trailing newline (editors and
 * `echo` add one) but keeps any other whitespace, which may be part of a typed secret.
 */
export function readSecrets(parsed: Parsed): string[] {
  const secrets = [
    ...list(parsed, 'secret-env').map((name) => readEnv(name, '--secret-env')),
    ...list(parsed, 'secret-file').map((path) => {
      if (path === '-') throw new UsageError('--secret-file cannot be stdin; give a file');
      const text = new TextDecoder().decode(readInput(path)).replace(/\r?\n$/, '');
      if (text === '') throw new UsageError(`${path} is empty`);
      return text;
    }),
  ];
  if (secrets.length === 0) throw new UsageError(`a secret is required: ${HOW}`);
  return secrets;
}
