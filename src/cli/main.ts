#!/usr/bin/env node
// The `cachet` command. Exit codes: 0 ok, 1 a verification failed, 2 usage or input error.
import { CachetError } from '../errors.js';
import { parse } from './args.js';
import type { Command } from './command.js';
import { keyringCommands } from './commands/keyring.js';
import { EXIT, UsageError } from './usage.js';

const commands: Command[] = [...keyringCommands];

// Failures that mean "the data did not verify" rather than "you called it wrong".
const VERIFICATION_CLASSES = new Set([
  'AuthenticationError',
  'VerificationError',
  'TimestampError',
  'ReplayError',
  'CertificateError',
]);

function help(command?: Command): string {
  if (command) {
    const examples = command.examples.map((e) => e.replace(/^/gm, '  $ ')).join('\n\n');
    return `${command.summary}\n\nUsage: ${command.usage}\n\nExamples:\n${examples}\n`;
  }
  const width = Math.max(...commands.map((c) => c.name.length));
  const list = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `cachet — keys, encryption, signatures, webhooks, HTTP signatures and certificates\n\nUsage: cachet <command> [options]   (cachet <command> --help for details)\n\nCommands:\n${list}\n\nExit codes: 0 ok, 1 verification failed, 2 usage or input error.\n`;
}

async function main(argv: string[]): Promise<number> {
  const match = commands
    .filter((c) => c.name.split(' ').every((word, i) => argv[i] === word))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (!match) {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      process.stdout.write(help());
      return EXIT.ok;
    }
    process.stderr.write(`unknown command: ${argv.slice(0, 2).join(' ')}\n\n${help()}`);
    return EXIT.usage;
  }
  const rest = argv.slice(match.name.split(' ').length);
  try {
    const args = parse(rest, match.options);
    if (args.values.help) {
      process.stdout.write(help(match));
      return EXIT.ok;
    }
    return await match.run(args);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n\nUsage: ${match.usage}\n`);
      return EXIT.usage;
    }
    if (err instanceof CachetError) {
      process.stderr.write(`error: ${err.message} (${err.code})\n`);
      return VERIFICATION_CLASSES.has(err.name) ? EXIT.verificationFailed : EXIT.usage;
    }
    throw err;
  }
}

process.exitCode = await main(process.argv.slice(2));
