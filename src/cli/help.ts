// --help text: the command list, a group's commands, or one command with its flags.
import type { Command } from './command.js';

const TITLE = 'cachet: keys, encryption, signatures, webhooks, HTTP signatures and certificates';
const EXIT_CODES = 'Exit codes: 0 ok, 1 verification failed, 2 usage or input error.';

function listing(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
}

/** The top-level help, or a group's (`cachet keyring --help`). */
export function overview(commands: readonly Command[], group?: string): string {
  const usage = group
    ? `cachet ${group} <command> [options]   (cachet ${group} <command> --help for details)`
    : 'cachet <command> [options]   (cachet <command> --help for details; cachet --version)';
  return `${TITLE}\n\nUsage: ${usage}\n\nCommands:\n${listing(commands)}\n\nSecrets are read from files or environment variables, never from arguments.\n${EXIT_CODES}\nGuide: docs/cli.md in the cachet package.\n`;
}

/** One command's help: summary, usage, flags and examples. */
export function commandHelp(command: Command): string {
  const flags = Object.entries(command.flags).map(([name, f]) => {
    const left = `${f.short ? `-${f.short}, ` : '    '}--${name}${f.arg ? ` ${f.arg}` : ''}`;
    return [left, `${f.help}${f.multiple ? ' (repeatable)' : ''}`] as const;
  });
  const width = Math.max(...flags.map(([left]) => left.length));
  const options = flags.map(([left, text]) => `  ${left.padEnd(width)}  ${text}`).join('\n');
  const examples = command.examples.map((e) => e.replace(/^/gm, '  $ ')).join('\n\n');
  return `${command.summary}\n\nUsage: ${command.usage}\n\nOptions:\n${options}\n\nExamples:\n${examples}\n\n${EXIT_CODES}\n`;
}
