// cachet encrypt | cachet decrypt: files as envelopes (for public keys or key-encryption
// keys, streamed in bounded memory) and single database field values (cachet/fields).
import {
  decryptStream,
  type EncryptionContext,
  encryptStream,
  open,
  type Recipient,
} from '../../envelope/index.js';
import { fieldCipher } from '../../fields/index.js';
import type { Keyring } from '../../keys/index.js';
import {
  choice,
  flag,
  integer,
  list,
  onePositional,
  optional,
  type Parsed,
  pairs,
} from '../args.js';
import { type Command, common, type Flags, keyFlags } from '../command.js';
import { jsonForm, printable, readValue, typeOf, VALUE_TYPES } from '../field-value.js';
import { printJson, readInput, writeOutput } from '../io.js';
import { keyringFrom, loadKeyring } from '../key-file.js';
import { progress } from '../progress.js';
import { envName } from '../secrets.js';
import { collect, counter, openInput, peek, pipeToOutput } from '../streams.js';
import { UsageError } from '../usage.js';

// docs/formats.md#envelope: magic "CENV", version, then the payload mode at byte 5.
const MODE_OFFSET = 5;
const MODE_ONE_SHOT = 0x01;

const fieldFlags: Flags = {
  table: { type: 'string', arg: 'NAME', help: 'field mode: the table the value belongs to' },
  column: { type: 'string', arg: 'NAME', help: 'field mode: its column' },
  row: { type: 'string', arg: 'ID', help: 'field mode: its row id, when values are bound to rows' },
  deterministic: {
    type: 'boolean',
    help: 'field mode: deterministic encryption (AES-SIV keyring), for equality lookups',
  },
};
const fileFlags: Flags = {
  context: {
    type: 'string',
    multiple: true,
    arg: 'KEY=VALUE',
    help: 'file mode: encryption context entry, needed again to decrypt',
  },
  out: { type: 'string', short: 'o', arg: 'FILE', help: 'output file (default stdout)' },
  'no-progress': {
    type: 'boolean',
    help: 'no progress bar (one is drawn on a terminal for files of 8 MiB or more)',
  },
};

function fieldMode(args: Parsed): boolean {
  const given = ['table', 'column', 'row', 'deterministic', 'type', 'blind-index'].filter(
    (name) => args.values[name] !== undefined,
  );
  if (given.length === 0) return false;
  if (optional(args, 'table') === undefined || optional(args, 'column') === undefined)
    throw new UsageError('field mode needs both --table and --column');
  for (const name of ['to', 'context', 'chunk-size'])
    if (args.values[name] !== undefined)
      throw new UsageError(`--${name} is for files; field values take --table, --column and --row`);
  return true;
}

async function cipherFor(args: Parsed, decrypting: boolean) {
  const keyring = await keyringFrom(args.values);
  const siv = keyring.primary.alg === 'AES-SIV';
  if (flag(args, 'deterministic') && !siv)
    throw new UsageError(
      `--deterministic needs an AES-SIV keyring (cachet keyring new --alg AES-SIV); this one's primary key is ${keyring.primary.alg}`,
    );
  // Encrypting deterministically must be asked for by name; decrypting reveals nothing more.
  if (siv && !decrypting && !flag(args, 'deterministic'))
    throw new UsageError(
      "this keyring's primary key is AES-SIV: equal values give equal ciphertexts; pass --deterministic to accept that",
    );
  const cipher = fieldCipher(keyring, {
    table: optional(args, 'table')!,
    column: optional(args, 'column')!,
    deterministic: siv,
    ...(flag(args, 'blind-index') ? { blindIndex: true } : {}),
  });
  return { cipher, keyring };
}

function rowOf(args: Parsed): { rowId?: string } {
  const row = optional(args, 'row');
  return row === undefined ? {} : { rowId: row };
}

async function recipients(args: Parsed): Promise<Recipient[]> {
  const paths = list(args, 'to');
  if (paths.length === 0)
    throw new UsageError(
      'encrypting a file needs --to (a public key or keyring file); a field value needs --table and --column with -k',
    );
  const sealWith = optional(args, 'seal-with');
  const sealName = sealWith === undefined ? undefined : envName(sealWith, '--seal-with');
  const out: Keyring[] = [];
  for (const path of paths) out.push(await loadKeyring(path, sealName));
  return out;
}

function contextOf(args: Parsed): { context?: EncryptionContext } {
  const context = pairs(args, 'context');
  return context ? { context } : {};
}

async function encryptFileMode(args: Parsed): Promise<number> {
  if (optional(args, 'keyring') !== undefined)
    throw new UsageError(
      'encrypting a file takes --to RECIPIENT (a public key or keyring file), not -k',
    );
  const chunk = integer(args, 'chunk-size', 64, 16 * 1024 * 1024);
  const encrypt = encryptStream({
    recipients: await recipients(args),
    ...contextOf(args),
    ...(chunk === undefined ? {} : { chunkSize: chunk }),
  });
  const out = jsonOutput(args);
  if ((out === undefined || out === '-') && process.stdout.isTTY)
    throw new UsageError(
      'refusing to write an envelope (binary) to the terminal: use -o FILE or redirect stdout',
    );
  const input = openInput(onePositional(args));
  const bar = progress('encrypting', input.size, !flag(args, 'no-progress'));
  const [before, after] = [counter(), counter()];
  await pipeToOutput(input.stream, [bar, before.stream, encrypt, after.stream], out, false);
  if (flag(args, 'json'))
    printJson({ output: out, plaintextBytes: before.bytes(), envelopeBytes: after.bytes() });
  return 0;
}

/** The -o file; with --json it is required, since stdout then carries the report. */
function jsonOutput(args: Parsed): string | undefined {
  const out = optional(args, 'out');
  if (flag(args, 'json') && (out === undefined || out === '-'))
    throw new UsageError('--json prints a report on stdout: write the data with -o FILE');
  return out;
}

async function decryptFileMode(args: Parsed): Promise<number> {
  const recipient = await keyringFrom(args.values);
  const options = { recipient, ...contextOf(args) };
  const input = openInput(onePositional(args));
  const bar = progress('decrypting', input.size, !flag(args, 'no-progress'));
  const out = jsonOutput(args);
  const before = counter();
  const { head, stream } = await peek(
    input.stream.pipeThrough(bar).pipeThrough(before.stream),
    MODE_OFFSET + 1,
  );
  let plaintextBytes: number;
  if (head[MODE_OFFSET] === MODE_ONE_SHOT && head.length > MODE_OFFSET) {
    // A one-shot envelope from seal(): authenticated as a whole, then written.
    const plaintext = await open(await collect(stream), options);
    writeOutput(out, plaintext, true);
    plaintextBytes = plaintext.length;
  } else {
    const after = counter();
    await pipeToOutput(stream, [decryptStream(options), after.stream], out, true);
    plaintextBytes = after.bytes();
  }
  if (flag(args, 'json')) printJson({ output: out, envelopeBytes: before.bytes(), plaintextBytes });
  return 0;
}

export const cryptCommands: Command[] = [
  {
    name: 'encrypt',
    summary:
      'encrypt a file for public keys or key-encryption keys (envelope), or one database field value',
    usage:
      'cachet encrypt --to RECIPIENT... [--context K=V]... [-o FILE] [FILE]\n       cachet encrypt -k KEYRING --table T --column C [--row ID] [--type string|json|bytes] [FILE]',
    examples: [
      'cachet keyring new --alg X25519 -o server.json\ncachet keyring export-public -k server.json -o server.public.json\ncachet encrypt --to server.public.json -o backup.tar.cenv backup.tar',
      'tar c data/ | cachet encrypt --to server.public.json --to ops.public.json --context purpose=backup > data.tar.cenv',
      "printf '%s' alice@example.com | cachet encrypt -k keyring.json --table users --column email --row 42",
    ],
    flags: {
      ...common,
      to: {
        type: 'string',
        multiple: true,
        arg: 'FILE',
        help: 'file mode: a recipient: a public keyring or key (X25519, P-256) or a key-encryption keyring (A256KW, A256GCM)',
      },
      'chunk-size': {
        type: 'string',
        arg: 'BYTES',
        help: 'file mode: plaintext bytes per chunk (64 B to 16 MiB; default 64 KiB)',
      },
      ...fileFlags,
      ...keyFlags,
      ...fieldFlags,
      type: {
        type: 'string',
        arg: 'TYPE',
        help: 'field mode: read the value as string (default), json or bytes',
      },
      'blind-index': {
        type: 'boolean',
        help: 'field mode: also print the blind index (with --json)',
      },
    },
    async run(args) {
      if (!fieldMode(args)) return encryptFileMode(args);
      if (optional(args, 'out') !== undefined)
        throw new UsageError('field mode prints the ciphertext; redirect stdout instead of -o');
      const { cipher, keyring } = await cipherFor(args, false);
      const value = readValue(
        readInput(onePositional(args)),
        choice(args, 'type', VALUE_TYPES, 'string'),
      );
      const ciphertext = cipher.encrypt(value, rowOf(args));
      if (flag(args, 'json'))
        printJson({
          ciphertext,
          keyId: keyring.primary.id,
          ...(flag(args, 'blind-index') ? { blindIndex: cipher.blindIndex(value) } : {}),
        });
      else {
        if (flag(args, 'blind-index')) throw new UsageError('--blind-index goes with --json');
        writeOutput(undefined, `${ciphertext}\n`);
      }
      return 0;
    },
  },
  {
    name: 'decrypt',
    summary:
      'decrypt an envelope file, or one database field value (exit 1 if it does not authenticate)',
    usage:
      'cachet decrypt -k KEYRING [--seal-with ENV_VAR] [--context K=V]... [-o FILE] [FILE]\n       cachet decrypt -k KEYRING --table T --column C [--row ID] [FILE]',
    examples: [
      'cachet decrypt -k server.json -o backup.tar backup.tar.cenv',
      'cachet decrypt -k server.json --context purpose=backup < data.tar.cenv | tar x',
      "echo 'cf1.AQ...' | cachet decrypt -k keyring.json --table users --column email --row 42",
    ],
    flags: { ...common, ...keyFlags, ...fileFlags, ...fieldFlags },
    async run(args) {
      if (!fieldMode(args)) return decryptFileMode(args);
      if (optional(args, 'out') !== undefined)
        throw new UsageError('field mode prints the value; redirect stdout instead of -o');
      const { cipher } = await cipherFor(args, true);
      const text = new TextDecoder().decode(readInput(onePositional(args))).trim();
      if (text === '') throw new UsageError('no ciphertext on the input');
      const value = cipher.decrypt(text, rowOf(args));
      if (flag(args, 'json')) printJson({ type: typeOf(value), value: jsonForm(value) });
      else writeOutput(undefined, printable(value));
      return 0;
    },
  },
];
