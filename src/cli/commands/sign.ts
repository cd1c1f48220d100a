// cachet sign | cachet verify: Ed25519 and ECDSA signatures over files or stdin.
import type { Alg, Key, Keyring } from '../../keys/index.js';
import { type SignatureFormat, sign, verifyAsync } from '../../sign/index.js';
import { choice, flag, onePositional, optional, type Parsed, required } from '../args.js';
import { type Command, common, keyFlags } from '../command.js';
import { decodeBytes, ENCODINGS, type Encoding, encodeBytes, encodingFlag } from '../encoding.js';
import { printJson, readInput, writeOutput } from '../io.js';
import { keyringFrom, usable } from '../key-file.js';
import { UsageError } from '../usage.js';

const FORMATS: readonly SignatureFormat[] = ['p1363', 'der'];
const VERIFY_ALGS: readonly Alg[] = [
  'Ed25519',
  'ES256',
  'ES384',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
];

const formatFlag = {
  type: 'string',
  short: 'f',
  arg: 'FORMAT',
  help: 'ECDSA signature encoding: p1363 (r ‖ s, as WebCrypto and JOSE; default) or der (as OpenSSL)',
} as const;

function encodingOf(args: Parsed): Encoding {
  return choice(args, 'encoding', ENCODINGS, 'base64');
}

/** Which key of the keyring a valid signature belongs to (for the report). */
async function signer(
  keyring: Keyring,
  message: Uint8Array,
  signature: Uint8Array,
  format: SignatureFormat,
): Promise<Key | undefined> {
  for (const key of usable(keyring)) {
    try {
      if (await verifyAsync(key, message, signature, { format })) return key;
    } catch {
      // a key of another algorithm or size: not the signer
    }
  }
  return undefined;
}

export const signCommands: Command[] = [
  {
    name: 'sign',
    summary: 'sign a file or stdin with an Ed25519, ES256 or ES384 private key',
    usage:
      'cachet sign -k KEYFILE [--seal-with ENV_VAR] [--format p1363|der] [-e base64|base64url|hex|raw] [-o FILE] [FILE]',
    examples: [
      'cachet keyring new --alg Ed25519 -o signer.json\ncachet sign -k signer.json release.tar.gz -o release.tar.gz.sig',
      'cachet sign -k signer.json --format der -e raw -o msg.sig msg.txt   # what openssl dgst -verify reads',
      'git archive HEAD | cachet sign -k signer.json --json',
    ],
    flags: {
      ...common,
      ...keyFlags,
      format: formatFlag,
      encoding: encodingFlag,
      deterministic: {
        type: 'boolean',
        help: 'ECDSA: RFC 6979 deterministic nonces (default: hedged, RFC 6979 plus fresh randomness)',
      },
      out: {
        type: 'string',
        short: 'o',
        arg: 'FILE',
        help: 'write the signature here (default stdout)',
      },
    },
    async run(args) {
      const keyring = await keyringFrom(args.values);
      const format = choice(args, 'format', FORMATS, 'p1363');
      const encoding = encodingOf(args);
      const message = readInput(onePositional(args));
      const key = keyring.primary;
      const signature = sign(keyring, message, {
        format,
        ...(flag(args, 'deterministic') ? { nonce: 'deterministic' as const } : {}),
      });
      if (flag(args, 'json')) {
        if (encoding === 'raw') throw new UsageError('--json needs a text --encoding');
        const text = (encodeBytes(signature, encoding) as string).trim();
        printJson({
          alg: key.alg,
          keyId: key.id,
          format: key.alg === 'Ed25519' ? 'raw' : format,
          encoding,
          signature: text,
        });
      } else {
        const out = optional(args, 'out');
        if (encoding === 'raw' && (out === undefined || out === '-') && process.stdout.isTTY)
          throw new UsageError(
            'refusing to write a raw signature to the terminal: use -o FILE or -e base64',
          );
        writeOutput(out, encodeBytes(signature, encoding));
      }
      return 0;
    },
  },
  {
    name: 'verify',
    summary:
      'verify an Ed25519, ECDSA or RSA signature over a file or stdin (exit 1 if it does not verify)',
    usage:
      'cachet verify -k KEYFILE -s SIGFILE [--format p1363|der] [-e base64|base64url|hex|raw] [--key-id ID] [--alg ALG] [--low-s] [FILE]',
    examples: [
      'cachet keyring export-public -k signer.json -o signer.public.json\ncachet verify -k signer.public.json -s release.tar.gz.sig release.tar.gz',
      'openssl dgst -sha256 -sign key.pem -out msg.sig msg.txt\ncachet verify -k pub.pem -s msg.sig --format der -e raw msg.txt',
      'cachet verify -k rsa-pub.pem --alg PS256 -s sig.b64 msg.txt --json',
    ],
    flags: {
      ...common,
      ...keyFlags,
      signature: { type: 'string', short: 's', arg: 'FILE', help: 'the signature file (required)' },
      format: formatFlag,
      encoding: encodingFlag,
      'key-id': {
        type: 'string',
        arg: 'ID',
        help: 'with a keyring: the id of the key that signed',
      },
      alg: {
        type: 'string',
        arg: 'ALG',
        help: `for a PEM/DER/JWK key file: its algorithm when the file cannot say (RSA: RS256 or PS256...); one of ${VERIFY_ALGS.join(', ')}`,
      },
      'low-s': { type: 'boolean', help: 'ECDSA: refuse high-S (malleable) signatures' },
    },
    async run(args) {
      const alg = optional(args, 'alg');
      if (alg !== undefined && !VERIFY_ALGS.includes(alg as Alg))
        throw new UsageError(`--alg must be one of ${VERIFY_ALGS.join(', ')}`);
      const keyring = await keyringFrom(args.values, 'keyring', alg as Alg | undefined);
      const format = choice(args, 'format', FORMATS, 'p1363');
      const sigPath = required(args, 'signature');
      const input = onePositional(args);
      if ((input === undefined || input === '-') && sigPath === '-')
        throw new UsageError('the message and the signature cannot both come from stdin');
      const signature = decodeBytes(readInput(sigPath), encodingOf(args), 'signature');
      const message = readInput(input);
      const keyId = optional(args, 'key-id');
      const valid = await verifyAsync(keyring, message, signature, {
        format,
        lowS: flag(args, 'low-s'),
        ...(keyId ? { keyId } : {}),
      });
      const key = valid
        ? keyId
          ? keyring.get(keyId)
          : await signer(keyring, message, signature, format)
        : undefined;
      if (flag(args, 'json'))
        printJson(valid ? { valid, alg: key?.alg, keyId: key?.id } : { valid });
      else if (valid) process.stdout.write(`valid signature: ${key?.alg} key ${key?.id}\n`);
      else process.stderr.write('error: the signature does not verify (ERR_SIGNATURE_INVALID)\n');
      return valid ? 0 : 1;
    },
  },
];
