// cachet keyring new|rotate|list|disable|enable|remove|export-public|master-key
import { randomBytes } from '../../backend/random.js';
import { type GenerableAlg, Keyring } from '../../keys/index.js';
import { optional, type Parsed, required } from '../args.js';
import { type Command, common } from '../command.js';
import { encodeMasterKey, writeOutput } from '../io.js';
import { loadKeyring, saveKeyring } from '../keyring-file.js';
import { UsageError } from '../usage.js';

const ALGS = [
  'A256GCM',
  'A256GCM-SIV',
  'XC20P',
  'AES-SIV',
  'HS256',
  'HS512',
  'A256KW',
  'Ed25519',
  'ES256',
  'ES384',
  'X25519',
];

const file = {
  ...common,
  keyring: { type: 'string', short: 'k' },
  out: { type: 'string', short: 'o' },
  'seal-with': { type: 'string' },
} as const;

function describe(keyring: Keyring, json: boolean): string {
  if (json) return `${JSON.stringify(keyring.toJSON(), null, 2)}\n`;
  const rows = keyring
    .entries()
    .map(
      ({ key, status }) =>
        `${key.id}  ${key.alg.padEnd(11)}  ${status.padEnd(8)}  ${key.created.toISOString()}`,
    );
  return `id        alg          status    created\n${rows.join('\n')}\n`;
}

async function mutate(
  args: Parsed,
  change: (keyring: Keyring, id: string | undefined) => void,
): Promise<number> {
  const path = required(args, 'keyring');
  const sealWith = optional(args, 'seal-with');
  const keyring = await loadKeyring(path, sealWith);
  change(keyring, args.positionals[0]);
  await saveKeyring(keyring, optional(args, 'out') ?? path, sealWith);
  process.stderr.write(describe(keyring, false));
  return 0;
}

function idArg(id: string | undefined): string {
  if (!id) throw new UsageError('a key id is required');
  return id;
}

export const keyringCommands: Command[] = [
  {
    name: 'keyring new',
    summary: 'create a keyring with one primary key',
    usage: 'cachet keyring new --alg <alg> -o <file> [--seal-with <ENV_VAR>]',
    examples: [
      'cachet keyring new --alg A256GCM -o keyring.json',
      'export CACHET_MASTER_KEY=$(cachet keyring master-key)\ncachet keyring new --alg A256GCM -o keyring.sealed.json --seal-with CACHET_MASTER_KEY',
    ],
    options: { ...file, alg: { type: 'string', short: 'a' } },
    async run(args) {
      const alg = required(args, 'alg');
      if (!ALGS.includes(alg)) throw new UsageError(`--alg must be one of ${ALGS.join(', ')}`);
      const keyring = Keyring.generate(alg as GenerableAlg);
      await saveKeyring(keyring, required(args, 'out'), optional(args, 'seal-with'));
      process.stderr.write(describe(keyring, false));
      return 0;
    },
  },
  {
    name: 'keyring rotate',
    summary: 'add a new primary key; the old one stays active for decryption and verification',
    usage: 'cachet keyring rotate -k <file> [-o <file>] [--seal-with <ENV_VAR>]',
    examples: ['cachet keyring rotate -k keyring.json'],
    options: file,
    run: (args) => mutate(args, (keyring) => keyring.rotate()),
  },
  {
    name: 'keyring list',
    summary: 'show the keys: id, algorithm, status, creation time (never secrets)',
    usage: 'cachet keyring list -k <file> [--seal-with <ENV_VAR>] [--json]',
    examples: [
      'cachet keyring list -k keyring.json',
      'cachet keyring list -k keyring.json --json | jq .keys',
    ],
    options: file,
    async run(args) {
      const keyring = await loadKeyring(required(args, 'keyring'), optional(args, 'seal-with'));
      writeOutput(undefined, describe(keyring, args.values.json === true));
      return 0;
    },
  },
  {
    name: 'keyring disable',
    summary: 'disable a key (kept, but refused for decryption and verification)',
    usage: 'cachet keyring disable <id> -k <file> [--seal-with <ENV_VAR>]',
    examples: ['cachet keyring disable 3f9a0c12 -k keyring.json'],
    options: file,
    run: (args) => mutate(args, (keyring, id) => keyring.disable(idArg(id))),
  },
  {
    name: 'keyring enable',
    summary: 're-enable a disabled key',
    usage: 'cachet keyring enable <id> -k <file> [--seal-with <ENV_VAR>]',
    examples: ['cachet keyring enable 3f9a0c12 -k keyring.json'],
    options: file,
    run: (args) => mutate(args, (keyring, id) => keyring.enable(idArg(id))),
  },
  {
    name: 'keyring remove',
    summary: 'delete a key for good (data under it can no longer be decrypted)',
    usage: 'cachet keyring remove <id> -k <file> [--seal-with <ENV_VAR>]',
    examples: ['cachet keyring remove 3f9a0c12 -k keyring.json'],
    options: file,
    run: (args) => mutate(args, (keyring, id) => keyring.remove(idArg(id))),
  },
  {
    name: 'keyring export-public',
    summary: 'write the public keyring (public halves only) for verifiers and senders',
    usage: 'cachet keyring export-public -k <file> -o <public.json> [--seal-with <ENV_VAR>]',
    examples: ['cachet keyring export-public -k signing.json -o signing.public.json'],
    options: file,
    async run(args) {
      const keyring = await loadKeyring(required(args, 'keyring'), optional(args, 'seal-with'));
      writeOutput(
        optional(args, 'out'),
        `${JSON.stringify(keyring.publicKeyring().toJSON(), null, 2)}\n`,
      );
      return 0;
    },
  },
  {
    name: 'keyring master-key',
    summary: 'print a new random 32-byte master key (base64url) for --seal-with',
    usage: 'cachet keyring master-key',
    examples: ['export CACHET_MASTER_KEY=$(cachet keyring master-key)'],
    options: common,
    run() {
      writeOutput(undefined, `${encodeMasterKey(randomBytes(32))}\n`);
      return 0;
    },
  },
];
