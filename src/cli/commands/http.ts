// cachet http sign | verify: RFC 9421 HTTP Message Signatures on raw HTTP/1.1 requests.
import { signRequest, verifyRequest } from '../../http/index.js';
import {
  choice,
  flag,
  integer,
  list,
  onePositional,
  optional,
  type Parsed,
  required,
  time,
} from '../args.js';
import { type Command, common, keyFlags } from '../command.js';
import { verificationFailed } from '../exit.js';
import { headerFlags, readHeaders } from '../headers.js';
import { printJson, readInput, writeOutput } from '../io.js';
import { isSingleKey, keyringFrom } from '../key-file.js';
import { formatRawRequest, parseRawRequest } from '../raw-http.js';
import { InputError, UsageError } from '../usage.js';

const METHOD = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function absoluteUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(
      '--url must be an absolute http(s) URL, like https://api.example.com/v1/orders',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError('--url must be an absolute http(s) URL');
  return url.href;
}

/** The response of --send: status and headers on stderr, the body on stdout. */
async function send(
  request: {
    method: string;
    url: string;
    headers: [string, string][];
    body: Uint8Array | undefined;
  },
  args: Parsed,
): Promise<number> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body ? { body: request.body as Uint8Array<ArrayBuffer> } : {}),
      redirect: 'manual',
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new InputError(
      `cannot send to ${new URL(request.url).origin}: ${cause?.code ?? cause?.message ?? (err as Error).message}`,
    );
  }
  const body = new Uint8Array(await response.arrayBuffer());
  if (flag(args, 'json'))
    printJson({
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: new TextDecoder().decode(body),
    });
  else {
    const head = [
      `HTTP/1.1 ${response.status} ${response.statusText}`,
      ...[...response.headers].map(([k, v]) => `${k}: ${v}`),
    ];
    process.stderr.write(`${head.join('\n')}\n\n`);
    writeOutput(undefined, body);
  }
  return flag(args, 'fail') && response.status >= 400 ? 1 : 0;
}

export const httpCommands: Command[] = [
  {
    name: 'http sign',
    summary:
      'sign an HTTP request (RFC 9421, with Content-Digest): print it as HTTP/1.1, or send it with --send',
    usage:
      "cachet http sign -k KEYFILE --url URL [-X METHOD] [-H 'NAME: VALUE']... [--body FILE] [--component C]... [--key-id ID] [--tag T] [--expires-in S] [--send [--fail]] [--json]",
    examples: [
      "cachet keyring new --alg Ed25519 -o client.json\ncachet http sign -k client.json -X POST --url https://api.example.com/v1/orders \\\n  -H 'content-type: application/json' --body order.json > request.http",
      'cachet http sign -k client.json --url http://127.0.0.1:8080/v1/orders?page=2 --send --fail',
      "cachet http sign -k client.json -X POST --url https://api.example.com/v1/orders --body order.json \\\n  --component @method --component @target-uri --component content-digest --component content-type -H 'content-type: application/json'",
    ],
    flags: {
      ...common,
      ...keyFlags,
      url: { type: 'string', arg: 'URL', help: 'the absolute target URL (required)' },
      method: {
        type: 'string',
        short: 'X',
        arg: 'METHOD',
        help: 'the method (default GET, or POST with --body)',
      },
      ...headerFlags,
      body: {
        type: 'string',
        arg: 'FILE',
        help: 'the request body (a file, or - for stdin); none when absent',
      },
      component: {
        type: 'string',
        multiple: true,
        arg: 'C',
        help: 'a covered component, in order (default: @method, @target-uri, and content-digest with a body)',
      },
      'key-id': { type: 'string', arg: 'ID', help: "the keyid parameter (default: the key's id)" },
      tag: {
        type: 'string',
        arg: 'T',
        help: 'the tag parameter, naming your application or protocol',
      },
      'expires-in': {
        type: 'string',
        arg: 'S',
        help: 'add an expires parameter this many seconds after created',
      },
      label: { type: 'string', arg: 'LABEL', help: 'the signature label (default sig1)' },
      'no-nonce': { type: 'boolean', help: 'leave out the random nonce parameter' },
      send: {
        type: 'boolean',
        help: 'send the signed request; print the response status and headers on stderr, its body on stdout',
      },
      fail: {
        type: 'boolean',
        help: 'with --send: exit 1 when the response status is 400 or more',
      },
    },
    async run(args) {
      const key = await keyringFrom(args.values);
      const url = absoluteUrl(required(args, 'url'));
      const bodyPath = optional(args, 'body');
      const body = bodyPath === undefined ? undefined : readInput(bodyPath);
      const method = optional(args, 'method') ?? (body ? 'POST' : 'GET');
      if (!METHOD.test(method)) throw new UsageError('-X must be an HTTP method token, like POST');
      if (flag(args, 'fail') && !flag(args, 'send'))
        throw new UsageError('--fail goes with --send');
      const components = list(args, 'component');
      const keyId = optional(args, 'key-id');
      const tag = optional(args, 'tag');
      const label = optional(args, 'label');
      const expiresIn = integer(args, 'expires-in', 1, 31_536_000);
      const signed = await signRequest(
        { method, url, headers: readHeaders(args), body: body ?? null },
        {
          key,
          ...(components.length > 0 ? { components } : {}),
          ...(keyId === undefined ? {} : { keyId }),
          ...(tag === undefined ? {} : { tag }),
          ...(label === undefined ? {} : { label }),
          ...(expiresIn === undefined ? {} : { expiresIn }),
          ...(flag(args, 'no-nonce') ? { nonce: false } : {}),
        },
      );
      const request = { method, url, headers: signed.headers as [string, string][], body };
      if (flag(args, 'send')) return send(request, args);
      if (flag(args, 'json'))
        printJson({ method, url, headers: Object.fromEntries(request.headers) });
      else writeOutput(undefined, formatRawRequest(request));
      return 0;
    },
  },
  {
    name: 'http verify',
    summary:
      'verify the RFC 9421 signature of a raw HTTP/1.1 request (file or stdin); exit 1 if it does not verify',
    usage:
      'cachet http verify -k KEYFILE [--scheme https|http] [--require C]... [--max-age S|any] [--clock-skew S] [--now T] [--tag T] [--label L] [--json] [FILE]',
    examples: [
      'cachet keyring export-public -k client.json -o client.public.json\ncachet http verify -k client.public.json request.http',
      'cachet http verify -k client.public.json --require @method --require @target-uri --require content-digest --json < request.http',
      'cachet http verify -k hmac.json --max-age any --now 1767225600 recorded.http   # a recorded request, as of its time',
    ],
    flags: {
      ...common,
      ...keyFlags,
      scheme: {
        type: 'string',
        arg: 'SCHEME',
        help: 'the scheme the request came over, for /path targets (default https)',
      },
      require: {
        type: 'string',
        multiple: true,
        arg: 'C',
        help: 'a component the signature must cover (default: @method, @authority, @path, @query, and content-digest with a body)',
      },
      'max-age': {
        type: 'string',
        arg: 'S',
        help: 'oldest acceptable created, in seconds (default 300), or any',
      },
      'clock-skew': {
        type: 'string',
        arg: 'S',
        help: 'tolerated clock difference, in seconds (default 60)',
      },
      now: { type: 'string', arg: 'T', help: 'verify as of this time (Unix seconds or ISO 8601)' },
      tag: { type: 'string', arg: 'T', help: 'the tag the signature must carry' },
      label: { type: 'string', arg: 'LABEL', help: 'verify only the signature with this label' },
    },
    async run(args) {
      const keyring = await keyringFrom(args.values);
      // A single key file is the key the user chose, whatever keyid the signature names;
      // a keyring is looked up by keyid (disabled keys refused).
      const keys = isSingleKey(keyring) ? () => keyring.primary : keyring;
      const scheme = choice(args, 'scheme', ['https', 'http'] as const, 'https');
      const raw = parseRawRequest(readInput(onePositional(args, 'request file')), scheme);
      const requiredComponents = list(args, 'require');
      const maxAgeText = optional(args, 'max-age');
      const maxAge = maxAgeText === 'any' ? null : integer(args, 'max-age', 0, 31_536_000);
      const clockSkew = integer(args, 'clock-skew', 0, 86_400);
      const now = time(args, 'now');
      const tag = optional(args, 'tag');
      const label = optional(args, 'label');
      try {
        const result = await verifyRequest(
          { method: raw.method, url: raw.url, headers: raw.headers, body: raw.body },
          {
            keys,
            ...(requiredComponents.length > 0 ? { required: requiredComponents } : {}),
            ...(maxAge === undefined ? {} : { maxAge }),
            ...(clockSkew === undefined ? {} : { clockSkew }),
            ...(now ? { now } : {}),
            ...(tag === undefined ? {} : { tag }),
            ...(label === undefined ? {} : { label }),
          },
        );
        if (flag(args, 'json'))
          printJson({
            valid: true,
            label: result.label,
            keyId: result.keyId ?? null,
            alg: result.alg,
            components: result.components,
            created: result.created?.toISOString() ?? null,
            expires: result.expires?.toISOString() ?? null,
            nonce: result.nonce ?? null,
            tag: result.tag ?? null,
            digest: result.digest,
          });
        else
          writeOutput(
            undefined,
            `valid signature ${result.label}: ${result.alg}, key ${result.keyId ?? '(no keyid)'}, covering ${result.components.join(' ')}\n`,
          );
        return 0;
      } catch (err) {
        return verificationFailed(err, flag(args, 'json'));
      }
    },
  },
];
