// The shape of a CLI command: its help text, options and what it does.
import type { Options, Parsed } from './args.js';

export interface Command {
  /** e.g. 'keyring new' */
  name: string;
  summary: string;
  usage: string;
  /** Shown under "Examples" in --help; secrets always come from files or env vars. */
  examples: string[];
  options: Options;
  /** Returns the exit code (0, or 1 when a verification failed). */
  run(args: Parsed): Promise<number> | number;
}

export const common: Options = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
};
