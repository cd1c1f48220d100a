// Secrets come from files or environment variables, never from argv: argv is visible to
// every user of the machine (`ps`, /proc/<pid>/cmdline) and lands in shell history.
import { readInput } from './io.js';
import { UsageError } from './usage.js';

const HOW =
  'pass it in a file (--secret-file FILE) or an environment variable (--secret-env VAR), never on the command line';

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
      throw new UsageError(`secrets are not accepted on the command line (--${name}): ${HOW}`);
    if (SECRET_VALUE.test(arg) || SECRET_VALUE.test(arg.slice(arg.indexOf('=') + 1)))
      throw new UsageError(`an argument looks like a secret key: ${HOW}`);
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
  if (value === undefined || value === '')
    throw new UsageError(`environment variable ${name} (${flag}) is not set`);
  return value;
}

/** A secret from `--secret-env VAR` or `--secret-file FILE` (exactly one), as text. */
export function readSecretText(env: string | undefined, file: string | undefined): string {
  if ((env === undefined) === (file === undefined))
    throw new UsageError(`a secret is required: ${HOW}`);
  if (env !== undefined) return readEnv(env, '--secret-env').trim();
  if (file === '-') throw new UsageError('--secret-file cannot be stdin here; give a file');
  const text = new TextDecoder().decode(readInput(file)).trim();
  if (text === '') throw new UsageError(`${file} is empty`);
  return text;
}
