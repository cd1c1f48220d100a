// cachet x509 inspect | verify | test-pki
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import {
  type Certificate,
  createTestPki,
  type Profile,
  parseCertificate,
  parseCertificates,
  type TestKeyAlgorithm,
  verifyChain,
} from '../../x509/index.js';
import {
  choice,
  flag,
  integer,
  list,
  onePositional,
  optional,
  type Parsed,
  time,
} from '../args.js';
import { type Command, common } from '../command.js';
import { verificationFailed } from '../exit.js';
import { printJson, readInput, writeOutput } from '../io.js';
import { InputError, UsageError } from '../usage.js';

const PROFILES: readonly Profile[] = ['web', 'rfc5280'];
const TEST_ALGS: readonly TestKeyAlgorithm[] = [
  'ES256',
  'ES384',
  'ES512',
  'Ed25519',
  'RS256',
  'PS256',
];

/** Every certificate in a file: a PEM bundle (CERTIFICATE blocks) or one DER certificate. */
function readCertificates(path: string | undefined): Certificate[] {
  const bytes = readInput(path);
  const text = new TextDecoder().decode(bytes);
  if (text.includes('-----BEGIN')) {
    const certs = parseCertificates(text);
    if (certs.length === 0) throw new InputError(`${path ?? 'stdin'} holds no CERTIFICATE block`);
    return certs;
  }
  // DER certificates start with a SEQUENCE (X.690 §8.9); anything else is no certificate.
  if (bytes[0] !== 0x30)
    throw new InputError(`${path ?? 'stdin'} is not a certificate (neither PEM nor DER)`);
  return [parseCertificate(bytes)];
}

function describe(cert: Certificate, now: number): Record<string, unknown> {
  return {
    ...cert.toJSON(),
    version: cert.version,
    isCA: cert.isCA,
    basicConstraints: cert.basicConstraints ?? null,
    keyUsage: cert.keyUsage ?? null,
    extendedKeyUsage: cert.extendedKeyUsage ?? null,
    subjectKeyIdentifier: cert.subjectKeyIdentifier ?? null,
    authorityKeyIdentifier: cert.authorityKeyIdentifier ?? null,
    selfIssued: cert.isSelfIssued,
    expired: cert.notAfter.getTime() < now,
  };
}

function text(cert: Certificate, now: number): string {
  const san = cert.subjectAltNames;
  const names = (['dns', 'ip', 'email', 'uri'] as const)
    .filter((k) => san[k].length > 0)
    .map((k) => `${k}: ${san[k].join(', ')}`)
    .join('; ');
  const key = cert.publicKey;
  const keyText = [key.algorithm, key.curve, key.bits ? `${key.bits} bits` : undefined]
    .filter(Boolean)
    .join(' ');
  const days = Math.floor((cert.notAfter.getTime() - now) / 86_400_000);
  const state =
    cert.notBefore.getTime() > now ? 'NOT YET VALID' : days < 0 ? 'EXPIRED' : `${days} days left`;
  const bc = cert.basicConstraints;
  const rows: [string, string][] = [
    ['subject', cert.subject.text || '(empty)'],
    ['issuer', cert.issuer.text],
    ['serial', cert.serialNumber],
    ['valid', `${cert.notBefore.toISOString()} to ${cert.notAfter.toISOString()} (${state})`],
    ['public key', `${keyText}, pin ${key.pin}`],
    ['signature', cert.signatureAlgorithm],
    ['alt names', names || '(none)'],
    [
      'CA',
      bc?.ca ? `yes${bc.pathLength === undefined ? '' : `, path length ${bc.pathLength}`}` : 'no',
    ],
    ['key usage', cert.keyUsage?.join(', ') ?? '(any)'],
    ['ext key usage', cert.extendedKeyUsage?.join(', ') ?? '(any)'],
    ['sha256', cert.sha256Fingerprint],
  ];
  return rows.map(([k, v]) => `  ${k.padEnd(14)} ${v}`).join('\n');
}

function roots(args: Parsed): (string | Certificate)[] {
  const paths = list(args, 'roots');
  if (paths.length === 0)
    throw new UsageError(
      '--roots is required: a PEM file of trusted roots, or "system" for Node\'s bundled Mozilla roots',
    );
  return paths.flatMap((p): (string | Certificate)[] =>
    p === 'system' ? [...rootCertificates] : readCertificates(p),
  );
}

export const x509Commands: Command[] = [
  {
    name: 'x509 inspect',
    summary: 'show the certificates in PEM or DER files (or stdin)',
    usage: 'cachet x509 inspect [--json] [FILE...]',
    examples: [
      'cachet x509 inspect chain.pem',
      'openssl s_client -connect example.com:443 -showcerts </dev/null | cachet x509 inspect',
      "cachet x509 inspect leaf.pem --json | jq -r '.[0].publicKey.pin'",
    ],
    flags: common,
    run(args) {
      const paths = args.positionals.length > 0 ? args.positionals : [undefined];
      const certs = paths.flatMap((p) => readCertificates(p));
      const now = Date.now();
      if (flag(args, 'json')) printJson(certs.map((c) => describe(c, now)));
      else
        writeOutput(
          undefined,
          `${certs.map((c, i) => `certificate ${i + 1} of ${certs.length}\n${text(c, now)}`).join('\n\n')}\n`,
        );
      return 0;
    },
  },
  {
    name: 'x509 verify',
    summary:
      'validate a certificate chain (RFC 5280, CA/B Forum web profile by default); exit 1 if it is rejected',
    usage:
      'cachet x509 verify --roots FILE|system [--intermediates FILE]... [--host NAME] [--ip ADDR] [--purpose P] [--at TIME] [--profile web|rfc5280] [--crl FILE]... [--pin sha256/...]... [FILE]',
    examples: [
      'cachet x509 verify leaf.pem --intermediates intermediate.pem --roots root.pem --host api.internal',
      'cachet x509 verify chain.pem --roots system --host example.com',
      'cachet x509 verify client.pem --roots ca.pem --purpose clientAuth --profile rfc5280 --json',
      'cachet x509 verify leaf.pem --roots root.pem --at 2031-01-01T00:00:00Z   # still valid then?',
    ],
    flags: {
      ...common,
      roots: {
        type: 'string',
        multiple: true,
        arg: 'FILE',
        help: 'trusted roots (PEM bundle or DER), or "system" for Node\'s bundled Mozilla roots',
      },
      intermediates: {
        type: 'string',
        multiple: true,
        arg: 'FILE',
        help: 'untrusted intermediates, in any order (certificates after the leaf in FILE count too)',
      },
      host: {
        type: 'string',
        arg: 'NAME',
        help: 'the DNS name (or IP literal) the leaf must be valid for',
      },
      ip: { type: 'string', arg: 'ADDR', help: 'the IP address the leaf must be valid for' },
      purpose: {
        type: 'string',
        arg: 'P',
        help: 'serverAuth (default), clientAuth, codeSigning, any, or an EKU OID',
      },
      at: {
        type: 'string',
        arg: 'TIME',
        help: 'validation time: ISO 8601 or Unix seconds (default now)',
      },
      profile: {
        type: 'string',
        arg: 'NAME',
        help: 'web (default: RFC 5280 plus CA/B Forum rules) or rfc5280 (private PKIs)',
      },
      crl: {
        type: 'string',
        multiple: true,
        arg: 'FILE',
        help: 'a CRL (PEM or DER) to check revocation against',
      },
      pin: {
        type: 'string',
        multiple: true,
        arg: 'PIN',
        help: 'SPKI pin sha256/BASE64: some certificate of the path must match one',
      },
    },
    async run(args) {
      const [leaf, ...rest] = readCertificates(onePositional(args, 'leaf file'));
      const intermediates = [
        ...rest,
        ...list(args, 'intermediates').flatMap((p) => readCertificates(p)),
      ];
      const at = time(args, 'at');
      const host = optional(args, 'host');
      const ip = optional(args, 'ip');
      const purpose = optional(args, 'purpose');
      const crls = list(args, 'crl').map((p) => {
        const bytes = readInput(p);
        const text = new TextDecoder().decode(bytes);
        return text.includes('-----BEGIN') ? text : bytes;
      });
      const pins = list(args, 'pin');
      try {
        const { chain } = await verifyChain({
          leaf: leaf!,
          intermediates,
          roots: roots(args),
          profile: choice(args, 'profile', PROFILES, 'web'),
          ...(at ? { at } : {}),
          ...(host ? { hostname: host } : {}),
          ...(ip ? { ip } : {}),
          ...(purpose ? { purpose } : {}),
          ...(crls.length > 0 ? { crls } : {}),
          ...(pins.length > 0 ? { pins } : {}),
        });
        if (flag(args, 'json'))
          printJson({
            valid: true,
            chain: chain.map((c) => ({
              subject: c.subject.text,
              issuer: c.issuer.text,
              notAfter: c.notAfter.toISOString(),
              sha256Fingerprint: c.sha256Fingerprint,
              pin: c.publicKey.pin,
            })),
          });
        else
          writeOutput(
            undefined,
            `valid chain:\n${chain.map((c, i) => `  ${i}  ${c.subject.text}  (until ${c.notAfter.toISOString()})`).join('\n')}\n`,
          );
        return 0;
      } catch (err) {
        return verificationFailed(err, flag(args, 'json'));
      }
    },
  },
  {
    name: 'x509 test-pki',
    summary:
      'write a test PKI (root, intermediate, leaf with keys) to a directory, for development and tests',
    usage:
      'cachet x509 test-pki -o DIR [--host NAME]... [--ip ADDR]... [--alg ALG] [--intermediates N] [--days N] [--eku PURPOSE]... [--force]',
    examples: [
      'cachet x509 test-pki -o pki --host api.internal\nopenssl verify -CAfile pki/root.pem -untrusted pki/intermediates.pem pki/leaf.pem',
      'cachet x509 test-pki -o mtls --host worker-7.internal --eku clientAuth --alg Ed25519',
    ],
    flags: {
      ...common,
      out: {
        type: 'string',
        short: 'o',
        arg: 'DIR',
        help: 'the directory to write (created if needed)',
      },
      host: {
        type: 'string',
        multiple: true,
        arg: 'NAME',
        help: 'a DNS name of the leaf (default localhost)',
      },
      ip: {
        type: 'string',
        multiple: true,
        arg: 'ADDR',
        help: 'an IP address of the leaf (default 127.0.0.1 and ::1 when no --host)',
      },
      alg: {
        type: 'string',
        arg: 'ALG',
        help: `key algorithm: ${TEST_ALGS.join(', ')} (default ES256)`,
      },
      intermediates: {
        type: 'string',
        arg: 'N',
        help: 'how many intermediates, 1 to 8 (default 1)',
      },
      days: { type: 'string', arg: 'N', help: 'leaf validity in days (default 90)' },
      eku: {
        type: 'string',
        multiple: true,
        arg: 'PURPOSE',
        help: 'leaf extended key usage: serverAuth, clientAuth, codeSigning (default serverAuth and clientAuth)',
      },
      force: { type: 'boolean', help: 'overwrite existing files' },
    },
    async run(args) {
      const dir = optional(args, 'out');
      if (!dir) throw new UsageError('-o DIR is required');
      const alg = choice(args, 'alg', TEST_ALGS, 'ES256');
      const count = integer(args, 'intermediates', 1, 8) ?? 1;
      const days = integer(args, 'days', 1, 3650) ?? 90;
      const hosts = list(args, 'host');
      const ips = list(args, 'ip');
      const eku = list(args, 'eku');
      for (const p of eku)
        if (!['serverAuth', 'clientAuth', 'codeSigning'].includes(p))
          throw new UsageError('--eku takes serverAuth, clientAuth or codeSigning');
      const files = [
        'root.pem',
        'root.key',
        'intermediates.pem',
        'intermediate.key',
        'leaf.pem',
        'leaf.key',
        'chain.pem',
      ];
      if (!flag(args, 'force')) {
        const taken = files.filter((f) => existsSync(join(dir, f)));
        if (taken.length > 0)
          throw new UsageError(`${join(dir, taken[0]!)} exists; pass --force to overwrite`);
      }
      const pki = await createTestPki({
        algorithm: alg,
        intermediates: count,
        leaf: {
          ...(hosts.length > 0 || ips.length > 0 ? { dnsNames: hosts, ips } : {}),
          notBefore: new Date(Date.now() - 60_000),
          notAfter: new Date(Date.now() + days * 86_400_000),
          ...(eku.length > 0 ? { extendedKeyUsage: eku } : {}),
        },
      });
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const upward = [...pki.intermediates].reverse(); // the leaf's issuer first
      const pem = (certs: Certificate[]) => certs.map((c) => c.toPem()).join('');
      const contents: Record<string, [string, boolean]> = {
        'root.pem': [pki.root.toPem(), false],
        'root.key': [pki.keys.root.privateKeyPem, true],
        'intermediates.pem': [pem(upward), false],
        'intermediate.key': [pki.keys.intermediate.privateKeyPem, true],
        'leaf.pem': [pki.leaf.toPem(), false],
        'leaf.key': [pki.keys.leaf.privateKeyPem, true],
        'chain.pem': [pem([pki.leaf, ...upward]), false],
      };
      for (const [name, [data, secret]] of Object.entries(contents))
        writeOutput(join(dir, name), data, secret);
      const summary = {
        dir,
        files,
        root: pki.root.subject.text,
        leaf: {
          subject: pki.leaf.subject.text,
          ...pki.leaf.subjectAltNames,
          notAfter: pki.leaf.notAfter.toISOString(),
        },
        rootPin: pki.root.publicKey.pin,
      };
      if (flag(args, 'json')) printJson(summary);
      else
        process.stderr.write(
          `wrote ${files.map((f) => join(dir, f)).join(', ')}\n(keys are mode 0600; test use only)\n`,
        );
      return 0;
    },
  },
];
