// parseCertificate against an independent parser: node:crypto's X509Certificate (OpenSSL),
// on every distinct certificate of x509-limbo (918, from real web PKI chains to crafted
// malformed ones). Fields must agree; the certificates cachet refuses to parse must be
// exactly the structurally malformed ones, each for its stated reason.
import { createHash, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CertificateError } from '../../src/errors.js';
import { type Certificate, parseCertificate } from '../../src/x509/index.js';
import { loadVectors } from '../helpers/vectors.js';
import type { LimboCase } from './limbo-harness.js';

const suite = await loadVectors<{ testcases: LimboCase[] }>('x509-limbo/limbo.json');

/** Cases whose certificate is malformed DER / violates an ASN.1 size constraint, and why. */
const MALFORMED: Readonly<Record<string, RegExp>> = {
  'invalid::invalid-issuer-key': /truncated/,
  'rfc5280::eku::ee-eku-empty': /empty extended key usage/,
  'rfc5280::san::malformed': /2\.5\.29\.17: expected tag/,
  'rfc5280::duplicate-extensions': /duplicate extension 2\.5\.29\.17/,
  'rfc5280::mismatching-signature-algorithm': /signatureAlgorithm differs/,
  'webpki::nc::intermediate-permitted-excluded-subtrees-both-null': /empty name constraints/,
  'webpki::nc::intermediate-permitted-excluded-subtrees-both-empty-sequences':
    /empty GeneralSubtrees/,
  'webpki::san::unicode-emoji-san': /non-ASCII byte in an IA5String/,
  'webpki::malformed-aia': /1\.3\.6\.1\.5\.5\.7\.1\.1: expected tag/,
};

const EKU_OIDS: Record<string, string> = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  anyExtendedKeyUsage: '2.5.29.37.0',
};

function nodeSan(text: string | undefined, prefix: string): string[] {
  if (!text) return [];
  // Node quotes entries with special characters as JSON strings: "DNS:a, DNS:b".
  return text
    .split(/, (?=[A-Za-z ]+:)/)
    .filter((e) => e.startsWith(prefix))
    .map((e) => e.slice(prefix.length));
}

/** Test-side IPv6 expansion (node prints every group, cachet prints RFC 5952 text). */
function expand(ip: string): string {
  if (!ip.includes(':')) return ip;
  const [head, tail] = ip.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.map((g) => Number.parseInt(g, 16).toString(16)).join(':');
}

function compare(ours: Certificate, node: X509Certificate): void {
  expect(ours.sha256Fingerprint.toUpperCase().match(/../g)!.join(':')).toBe(node.fingerprint256);
  if (!ours.serialNumber.startsWith('-')) {
    expect(ours.serialNumber.toUpperCase().replace(/^0+(?=.)/, '')).toBe(
      node.serialNumber.replace(/^0+(?=.)/, ''),
    );
  }
  expect(ours.notBefore.getTime()).toBe(new Date(node.validFrom).getTime());
  expect(ours.notAfter.getTime()).toBe(new Date(node.validTo).getTime());
  // OpenSSL's X509_check_ca also wants keyCertSign when there is a key usage extension.
  if (ours.version === 3 && (!ours.keyUsage || ours.keyUsage.includes('keyCertSign'))) {
    expect(ours.isCA).toBe(node.ca);
  }
  const spki = node.publicKey.export({ type: 'spki', format: 'der' });
  expect(ours.publicKey.pin).toBe(`sha256/${createHash('sha256').update(spki).digest('base64')}`);
  const san = node.subjectAltName;
  if (san && !san.includes('"')) {
    expect(ours.subjectAltNames.dns).toEqual(nodeSan(san, 'DNS:'));
    expect(ours.subjectAltNames.email).toEqual(nodeSan(san, 'email:'));
    expect(ours.subjectAltNames.uri).toEqual(nodeSan(san, 'URI:'));
    expect(ours.subjectAltNames.ip.map(expand)).toEqual(
      nodeSan(san, 'IP Address:').map((ip) =>
        ip.startsWith('<invalid') ? '(invalid)' : expand(ip),
      ),
    );
  }
  if (node.keyUsage && ours.extendedKeyUsage) {
    expect(ours.extendedKeyUsage.map((e) => EKU_OIDS[e] ?? e)).toEqual(node.keyUsage);
  }
  const cn = (node.subject ?? '')
    .split('\n')
    .filter((l) => l.startsWith('CN='))
    .map((l) => l.slice(3));
  const ourCn = ours.subject.rdns
    .flat()
    .filter((a) => a.type === 'CN')
    .map((a) => a.value);
  if (!cn.some((v) => v.includes('\\') || v.includes('"'))) expect(ourCn).toEqual(cn);
}

describe.skipIf(!suite)(
  'parseCertificate vs node:crypto X509Certificate (x509-limbo certificates)',
  () => {
    it('agrees on every certificate both parse, and refuses exactly the malformed ones', () => {
      const seen = new Set<string>();
      const refused = new Map<string, string>();
      let compared = 0;
      for (const c of suite!.testcases) {
        for (const pem of [...c.trusted_certs, ...c.untrusted_intermediates, c.peer_certificate]) {
          if (seen.has(pem)) continue;
          seen.add(pem);
          const node = new X509Certificate(pem);
          let ours: Certificate;
          try {
            ours = parseCertificate(pem, { maxBytes: 1 << 20 });
          } catch (e) {
            expect(e).toBeInstanceOf(CertificateError);
            refused.set(c.id, (e as Error).message);
            continue;
          }
          compare(ours, node);
          compared++;
        }
      }
      expect([...refused.keys()].sort()).toEqual(Object.keys(MALFORMED).sort());
      for (const [id, message] of refused) expect(message).toMatch(MALFORMED[id]!);
      expect(compared).toBeGreaterThan(900);
    });
  },
);
