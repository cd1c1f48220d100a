// cachet keyring new|rotate|list|disable|enable|remove|export-public|master-key
import { randomBytes } from '../../backend/random.js';
import { base64urlEncode } from '../../bytes.js';
import { exportKey, type GenerableAlg, type Key, Keyring } from '../../keys/index.js';
import { choice, flag, optional, type Parsed, required } from '../args.js';
import { type Command, common, type Flags, keyFlags } from '../command.js';
import { printJson, writeOutput } from '../io.js';
import { keyringFrom, saveKeyring } from '../key-file.js';
import { envName } from '../secrets.js';
import { UsageError } from '../usage.js';

const ALGS: readonly GenerableAlg[] = [
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

const out: Flags = {
  out: { type: 'string', short: 'o', arg: 'FILE', help: 'write here instead of the input file' },
};
const file: Flags = { ...common, ...keyFlags, ...out };

function table(keyring: Keyring): string {
  const rows = keyring
    .entries()
    .map(
      ({ key, status }) =>
        `${key.id}  ${key.alg.padEnd(11)}  ${key.type.padEnd(7)}  ${status.padEnd(8)}  ${key.created.toISOString()}`,
    );
  return `id        alg          type     status    created\n${rows.join('\n')}\n`;
}

/** Shows a keyring after a change: the table on stderr, or the safe JSON on stdout. */
function report(keyring: Keyring, args: Parsed): number {
  if (flag(args, 'json')) printJson(keyring.toJSON());
  else process.stderr.write(table(keyring));
  return 0;
}

function sealWith(args: Parsed): string | undefined {
  const name = optional(args, 'seal-with');
  return name === undefined ? undefined : envName(name, '--seal-with');
}

async function mutate(
  args: Parsed,
  change: (keyring: Keyring, id: string) => void,
): Promise<number> {
  const keyring = await keyringFrom(args.values);
  change(keyring, args.positionals[0] ?? '');
  await saveKeyring(keyring, optional(args, 'out') ?? required(args, 'keyring'), sealWith(args));
  return report(keyring, args);
}

/** A change to the key named by the one positional argument. */
function byId(change: (keyring: Keyring, id: string) => void) {
  return (args: Parsed): Promise<number> => {
    if (args.positionals.length !== 1) throw new UsageError('one key id is required');
    return mutate(args, change);
  };
}

const PUBLIC_FORMATS = ['json', 'jwks', 'pem', 'jwk'] as const;

function publicKeyOf(keyring: Keyring, id: string | undefined): Key {
  const key = id === undefined ? keyring.primary : keyring.get(id);
  if (!key.publicKey)
    throw new UsageError(`key ${key.id} (${key.alg}) is symmetric and has no public half`);
  return key.publicKey;
}

export const keyringCommands: Command[] = [
  {
    name: 'keyring new',
    summary: 'create a keyring with one primary key',
    usage: 'cachet keyring new --alg ALG -o FILE [--seal-with ENV_VAR]',
    examples: [
      'cachet keyring new --alg A256GCM -o keyring.json',
      'export CACHET_MASTER_KEY=$(cachet keyring master-key)   # keep it in your secret manager\ncachet keyring new --alg Ed25519 -o signer.json --seal-with CACHET_MASTER_KEY',
    ],
    flags: {
      ...common,
      alg: { type: 'string', short: 'a', arg: 'ALG', help: `one of ${ALGS.join(', ')}` },
      out: {
        type: 'string',
        short: 'o',
        arg: 'FILE',
        help: 'the keyring file to create (mode 0600)',
      },
      'seal-with': keyFlags['seal-with']!,
    },
    async run(args) {
      required(args, 'alg');
      const alg = choice(args, 'alg', ALGS, 'A256GCM');
      const keyring = Keyring.generate(alg);
      await saveKeyring(keyring, required(args, 'out'), sealWith(args));
      return report(keyring, args);
    },
  },
  {
    name: 'keyring rotate',
    summary: 'add a new primary key; the old one stays active for decryption and verification',
    usage: 'cachet keyring rotate -k FILE [-o FILE] [--seal-with ENV_VAR]',
    examples: [
      'cachet keyring rotate -k keyring.json',
      'cachet keyring rotate -k signer.json --seal-with CACHET_MASTER_KEY',
    ],
    flags: file,
    run: (args) => mutate(args, (keyring) => keyring.rotate()),
  },
  {
    name: 'keyring list',
    summary: 'show the keys: id, algorithm, type, status, creation time (never secrets)',
    usage: 'cachet keyring list -k FILE [--seal-with ENV_VAR] [--json]',
    examples: [
      'cachet keyring list -k keyring.json',
      'cachet keyring list -k keyring.json --json | jq -r \'.keys[] | select(.status == "primary") | .id\'',
    ],
    flags: { ...common, ...keyFlags },
    async run(args) {
      const keyring = await keyringFrom(args.values);
      if (flag(args, 'json')) printJson(keyring.toJSON());
      else writeOutput(undefined, table(keyring));
      return 0;
    },
  },
  {
    name: 'keyring disable',
    summary: 'disable a key (kept, but refused for decryption and verification)',
    usage: 'cachet keyring disable ID -k FILE [-o FILE] [--seal-with ENV_VAR]',
    examples: ['cachet keyring disable 3f9a0c12 -k keyring.json'],
    flags: file,
    run: byId((keyring, id) => keyring.disable(id)),
  },
  {
    name: 'keyring enable',
    summary: 're-enable a disabled key',
    usage: 'cachet keyring enable ID -k FILE [-o FILE] [--seal-with ENV_VAR]',
    examples: ['cachet keyring enable 3f9a0c12 -k keyring.json'],
    flags: file,
    run: byId((keyring, id) => keyring.enable(id)),
  },
  {
    name: 'keyring remove',
    summary: 'delete a key for good (data under it can no longer be decrypted)',
    usage: 'cachet keyring remove ID -k FILE [-o FILE] [--seal-with ENV_VAR]',
    examples: ['cachet keyring remove 3f9a0c12 -k keyring.json'],
    flags: file,
    run: byId((keyring, id) => keyring.remove(id)),
  },
  {
    name: 'keyring export-public',
    summary: 'write the public halves only, for verifiers, senders and other tools',
    usage:
      'cachet keyring export-public -k FILE [--format json|jwks|pem|jwk] [--id ID] [-o FILE] [--seal-with ENV_VAR]',
    examples: [
      'cachet keyring export-public -k signer.json -o signer.public.json',
      'cachet keyring export-public -k signer.json --format pem -o signer.pub.pem\nopenssl pkey -pubin -in signer.pub.pem -noout -text',
      'cachet keyring export-public -k signer.json --format jwks > .well-known/jwks.json',
    ],
    flags: {
      ...common,
      ...keyFlags,
      out: { type: 'string', short: 'o', arg: 'FILE', help: 'output file (default stdout)' },
      format: {
        type: 'string',
        short: 'f',
        arg: 'FORMAT',
        help: 'json: a public cachet keyring (default); jwks: every public key as a JWK Set; pem or jwk: one key (SPKI PEM, JWK)',
      },
      id: { type: 'string', arg: 'ID', help: 'with pem or jwk: this key instead of the primary' },
    },
    async run(args) {
      const keyring = await keyringFrom(args.values);
      const format = choice(args, 'format', PUBLIC_FORMATS, 'json');
      const id = optional(args, 'id');
      if (id !== undefined && (format === 'json' || format === 'jwks'))
        throw new UsageError('--id goes with --format pem or jwk');
      let text: string;
      if (format === 'pem') text = exportKey(publicKeyOf(keyring, id), 'pem');
      else if (format === 'jwk')
        text = `${JSON.stringify(exportKey(publicKeyOf(keyring, id), 'jwk'), null, 2)}\n`;
      else {
        const pub = keyring.publicKeyring();
        const doc =
          format === 'json'
            ? pub.toJSON()
            : {
                keys: pub
                  .entries()
                  .filter((e) => e.status !== 'disabled')
                  .map((e) => exportKey(e.key, 'jwk')),
              };
        text = `${JSON.stringify(doc, null, 2)}\n`;
      }
      writeOutput(optional(args, 'out'), text);
      return 0;
    },
  },
  {
    name: 'keyring export-private',
    summary:
      'write one key with its secret or private material (PKCS #8 PEM or JWK), for other tools',
    usage:
      'cachet keyring export-private -k FILE -o FILE [--format pem|jwk] [--id ID] [--seal-with ENV_VAR]',
    examples: [
      'cachet keyring export-private -k signer.json --format pem -o signer.key.pem\nopenssl pkey -in signer.key.pem -noout -text',
      'cachet keyring export-private -k hmac.json --format jwk --id 3f9a0c12 -o hmac.jwk',
    ],
    flags: {
      ...common,
      ...keyFlags,
      out: {
        type: 'string',
        short: 'o',
        arg: 'FILE',
        help: 'the key file to write (mode 0600; required)',
      },
      format: {
        type: 'string',
        short: 'f',
        arg: 'FORMAT',
        help: 'pem (PKCS #8, private keys; default) or jwk (any key)',
      },
      id: { type: 'string', arg: 'ID', help: 'this key instead of the primary' },
    },
    async run(args) {
      const out = optional(args, 'out');
      if (!out || out === '-')
        throw new UsageError(
          '-o FILE is required: secret keys are written to files, not the terminal',
        );
      const keyring = await keyringFrom(args.values);
      const format = choice(args, 'format', ['pem', 'jwk'] as const, 'pem');
      const id = optional(args, 'id');
      const key = id === undefined ? keyring.primary : keyring.get(id);
      if (key.type === 'public')
        throw new UsageError(`key ${key.id} is a public key: use export-public`);
      if (format === 'pem' && key.type === 'secret')
        throw new UsageError(`key ${key.id} (${key.alg}) is symmetric: use --format jwk`);
      const text =
        format === 'pem'
          ? exportKey(key, 'pem', { includeSecret: true })
          : `${JSON.stringify(exportKey(key, 'jwk', { includeSecret: true }), null, 2)}\n`;
      writeOutput(out, text, true);
      return 0;
    },
  },
  {
    name: 'keyring master-key',
    summary: 'print a new random 32-byte master key (base64url) for --seal-with',
    usage: 'cachet keyring master-key',
    examples: ['export CACHET_MASTER_KEY=$(cachet keyring master-key)'],
    flags: common,
    run() {
      writeOutput(undefined, `${base64urlEncode(randomBytes(32))}\n`);
      return 0;
    },
  },
];
