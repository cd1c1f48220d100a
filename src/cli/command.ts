// The shape of a CLI command: its help text, flags and what it does.
import type { Parsed } from './args.js';

/** One flag: its parseArgs type plus what --help says about it. */
export interface Flag {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** The value's placeholder in --help, e.g. 'FILE'. */
  arg?: string;
  help: string;
}

export type Flags = Record<string, Flag>;

export interface Command {
  /** e.g. 'keyring new' */
  name: string;
  summary: string;
  usage: string;
  /** Shown under "Examples" in --help; secrets always come from files or env vars. */
  examples: string[];
  flags: Flags;
  /** Returns the exit code (0, or 1 when a verification failed). */
  run(args: Parsed): Promise<number> | number;
}

/** Flags every command has. */
export const common: Flags = {
  help: { type: 'boolean', short: 'h', help: 'show this help' },
  json: { type: 'boolean', help: 'machine-readable output on stdout' },
};

/** A keyring or key file, possibly sealed. */
export const keyFlags: Flags = {
  keyring: {
    type: 'string',
    short: 'k',
    arg: 'FILE',
    help: 'keyring file (plain or sealed), or a key file (PEM, DER or JWK)',
  },
  'seal-with': {
    type: 'string',
    arg: 'ENV_VAR',
    help: 'name of the environment variable holding the master key of a sealed keyring',
  },
};
