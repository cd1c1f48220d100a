// cachet webhook secret | sign | verify
import {
  generateWebhookKeyPair,
  generateWebhookSecret,
  signWebhook,
  verifyWebhook,
  type WebhookScheme,
} from '../../webhooks/index.js';
import { SCHEME_NAMES } from '../../webhooks/schemes.js';
import { choice, flag, integer, onePositional, optional, type Parsed, time } from '../args.js';
import { type Command, common } from '../command.js';
import { verificationFailed } from '../exit.js';
import { headerFlags, headerObject, readHeaders } from '../headers.js';
import { printJson, readInput, writeOutput } from '../io.js';
import { readSecrets, secretFlags } from '../secrets.js';
import { UsageError } from '../usage.js';

const schemeFlag = {
  type: 'string',
  arg: 'SCHEME',
  help: `${SCHEME_NAMES.join(', ')} (default standard: Standard Webhooks)`,
} as const;

function schemeOf(args: Parsed): WebhookScheme {
  return choice(args, 'scheme', SCHEME_NAMES, 'standard');
}

export const webhookCommands: Command[] = [
  {
    name: 'webhook secret',
    summary: 'make a new Standard Webhooks secret (whsec_), or an Ed25519 key pair (whsk_/whpk_)',
    usage: 'cachet webhook secret -o FILE [--ed25519]',
    examples: [
      'cachet webhook secret -o endpoint.secret\nexport WEBHOOK_SECRET=$(cat endpoint.secret)',
      'cachet webhook secret --ed25519 -o signing.key > verifying.pub   # receivers get whpk_...',
    ],
    flags: {
      ...common,
      out: {
        type: 'string',
        short: 'o',
        arg: 'FILE',
        help: 'the secret file to write (mode 0600)',
      },
      ed25519: {
        type: 'boolean',
        help: 'an Ed25519 key pair (v1a): the secret key goes to FILE, the public key to stdout',
      },
    },
    run(args) {
      const out = optional(args, 'out');
      if (!out || out === '-')
        throw new UsageError('-o FILE is required: secrets are written to files, not the terminal');
      if (flag(args, 'ed25519')) {
        const { secretKey, publicKey } = generateWebhookKeyPair();
        writeOutput(out, `${secretKey}\n`, true);
        if (flag(args, 'json')) printJson({ publicKey });
        else writeOutput(undefined, `${publicKey}\n`);
      } else writeOutput(out, `${generateWebhookSecret()}\n`, true);
      return 0;
    },
  },
  {
    name: 'webhook sign',
    summary: 'sign a webhook payload: print the headers a sender attaches',
    usage:
      'cachet webhook sign --secret-env VAR|--secret-file FILE [--scheme SCHEME] [--id ID] [--timestamp T] [--json] [FILE]',
    examples: [
      "cachet webhook sign --secret-file endpoint.secret event.json > headers.txt\ncurl -H @headers.txt -H 'content-type: application/json' --data-binary @event.json https://customer.example/hooks",
      'cachet webhook sign --scheme stripe --secret-env STRIPE_WEBHOOK_SECRET event.json --json',
    ],
    flags: {
      ...common,
      ...secretFlags,
      scheme: schemeFlag,
      id: {
        type: 'string',
        arg: 'ID',
        help: 'the message id (standard, svix: default a random msg_...; github, shopify: the delivery id header)',
      },
      timestamp: {
        type: 'string',
        arg: 'T',
        help: 'the signed time: Unix seconds or ISO 8601 (default now)',
      },
    },
    run(args) {
      const scheme = schemeOf(args);
      const payload = readInput(onePositional(args, 'payload file'));
      const secrets = readSecrets(args);
      const id = optional(args, 'id');
      const timestamp = time(args, 'timestamp');
      const headers = signWebhook(
        { payload, ...(id === undefined ? {} : { id }), ...(timestamp ? { timestamp } : {}) },
        secrets.length === 1 ? secrets[0]! : secrets,
        { scheme },
      );
      if (flag(args, 'json')) printJson({ scheme, headers });
      else
        writeOutput(
          undefined,
          Object.entries(headers)
            .map(([k, v]) => `${k}: ${v}\n`)
            .join(''),
        );
      return 0;
    },
  },
  {
    name: 'webhook verify',
    summary: 'verify a received webhook (payload and headers); exit 1 if it does not verify',
    usage:
      "cachet webhook verify --secret-env VAR|--secret-file FILE [--scheme SCHEME] (-H 'NAME: VALUE'... | --headers FILE) [--tolerance S] [--now T] [--json] [FILE]",
    examples: [
      'cachet webhook verify --secret-env WEBHOOK_SECRET --headers headers.txt event.json',
      "cachet webhook verify --scheme github --secret-file github.secret -H 'X-Hub-Signature-256: sha256=757107ea...' body.json",
      'cachet webhook verify --scheme stripe --secret-env STRIPE_WEBHOOK_SECRET --headers h.json --now 1700000000 event.json --json',
    ],
    flags: {
      ...common,
      ...secretFlags,
      scheme: schemeFlag,
      ...headerFlags,
      tolerance: {
        type: 'string',
        arg: 'S',
        help: 'largest clock difference accepted, in seconds (default 300)',
      },
      now: {
        type: 'string',
        arg: 'T',
        help: 'check as of this time (Unix seconds or ISO 8601), e.g. for a recorded delivery',
      },
    },
    run(args) {
      const scheme = schemeOf(args);
      const headers = headerObject(readHeaders(args));
      if (Object.keys(headers).length === 0)
        throw new UsageError('headers are required: -H or --headers');
      const payload = readInput(onePositional(args, 'payload file'));
      const secrets = readSecrets(args);
      const tolerance = integer(args, 'tolerance', 0, 7 * 86_400);
      const now = time(args, 'now');
      try {
        const result = verifyWebhook(
          payload,
          headers,
          secrets.length === 1 ? secrets[0]! : secrets,
          {
            scheme,
            ...(tolerance === undefined ? {} : { tolerance }),
            ...(now ? { now } : {}),
          },
        );
        const report = {
          valid: true,
          scheme: result.scheme,
          id: result.id ?? null,
          timestamp: result.timestamp ?? null,
        };
        if (flag(args, 'json')) printJson(report);
        else
          writeOutput(
            undefined,
            `valid webhook: scheme ${result.scheme}${result.id ? `, id ${result.id}` : ''}${result.timestamp === undefined ? '' : `, sent ${new Date(result.timestamp * 1000).toISOString()}`}\n`,
          );
        return 0;
      } catch (err) {
        return verificationFailed(err, flag(args, 'json'));
      }
    },
  },
];
