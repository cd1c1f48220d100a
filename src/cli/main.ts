#!/usr/bin/env node
// The `cachet` command. Exit codes: 0 ok, 1 a verification failed, 2 usage or input error.
import { readFileSync } from 'node:fs';
import { CachetError } from '../errors.js';
import { parse } from './args.js';
import type { Command } from './command.js';
import { commands } from './commands/index.js';
import { exitCodeOf } from './exit.js';
import { commandHelp, overview } from './help.js';
import { refuseSecretsOnArgv } from './secrets.js';
import { EXIT, UsageError } from './usage.js';

const HELP = new Set(['--help', '-h', 'help']);

function find(argv: readonly string[]): Command | undefined {
  return commands
    .filter((c) => c.name.split(' ').every((word, i) => argv[i] === word))
    .sort((a, b) => b.name.length - a.name.length)[0];
}

async function main(argv: string[]): Promise<number> {
  const command = find(argv);
  if (!command) {
    const group = commands.filter((c) => c.name.startsWith(`${argv[0]} `));
    const wantsHelp = argv.length <= 1 || HELP.has(argv[1]!);
    // A bare `cachet` or `cachet keyring` is a usage error: its list goes to stderr.
    if (group.length > 0 && wantsHelp) {
      if (argv.length === 1) return fail(overview(group, argv[0]));
      process.stdout.write(overview(group, argv[0]));
      return EXIT.ok;
    }
    if (argv.length === 0) return fail(overview(commands));
    if (argv[0] === '--version' || argv[0] === '-V') {
      process.stdout.write(`${version()}\n`);
      return EXIT.ok;
    }
    if (HELP.has(argv[0]!)) {
      process.stdout.write(overview(commands));
      return EXIT.ok;
    }
    const unknown = argv.slice(0, group.length > 0 ? 2 : 1).join(' ');
    process.stderr.write(
      `error: unknown command: ${unknown.slice(0, 60)}\n\n${overview(group.length > 0 ? group : commands, group.length > 0 ? argv[0] : undefined)}`,
    );
    return EXIT.usage;
  }
  const rest = argv.slice(command.name.split(' ').length);
  try {
    if (rest.some((a) => HELP.has(a) && a !== 'help')) {
      process.stdout.write(commandHelp(command));
      return EXIT.ok;
    }
    refuseSecretsOnArgv(rest);
    return await command.run(parse(rest, command.flags));
  } catch (err) {
    if (err instanceof UsageError) {
      const usage = err.showUsage
        ? `\nUsage: ${command.usage}\n(cachet ${command.name} --help for options and examples)\n`
        : '';
      process.stderr.write(`error: ${err.message}\n${usage}`);
      return EXIT.usage;
    }
    if (err instanceof CachetError) {
      process.stderr.write(`error: ${inFlagTerms(err.message)} (${err.code})\n`);
      return exitCodeOf(err);
    }
    const system = systemError(err);
    if (system) return fail(`error: ${system}\n`);
    // A bug: say so, with the stack, and keep 1 and 2 meaning what docs/cli.md says.
    process.stderr.write(`internal error (please report it): ${(err as Error)?.stack ?? err}\n`);
    return EXIT.internal;
  }
}

// The library names its arguments; on the command line they are flags.
const FLAG_TERMS: readonly [RegExp, string][] = [
  [/"options\.recipients"/g, '--to'],
  [/"options\.recipient"/g, 'the -k keyring'],
  [/"options\.key"/g, '-k'],
  [/^"keyring"/, '-k'],
];

function inFlagTerms(message: string): string {
  return FLAG_TERMS.reduce((text, [pattern, flag]) => text.replace(pattern, flag), message);
}

/** The package's version: package.json sits two levels up from dist/cli/ and src/cli/. */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return String(pkg.version);
}

function fail(text: string): number {
  process.stderr.write(text);
  return EXIT.usage;
}

/** A file-system or pipe error (ENOENT, EACCES, EPIPE...) as one line, or undefined. */
function systemError(err: unknown): string | undefined {
  const e = err as NodeJS.ErrnoException;
  if (!(e instanceof Error) || typeof e.code !== 'string' || !/^E[A-Z]+$/.test(e.code))
    return undefined;
  return `${e.syscall ?? 'i/o'}${e.path ? ` ${e.path}` : ''}: ${e.code}`;
}

// `cachet ... | head` closes the pipe early: stop quietly, as other Unix tools do.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  throw err;
});

process.exitCode = await main(process.argv.slice(2));
