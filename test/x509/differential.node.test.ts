// Differential tests: the same generated chains judged by cachet, `openssl verify` (OpenSSL
// 3, -x509_strict with the TLS purpose, -attime, -verify_hostname / -verify_ip) and pyca/
// cryptography's x509.verification (PolicyBuilder + ServerVerifier / ClientVerifier). All
// three must give the verdict written down for each scenario.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificateError } from '../../src/errors.js';
import { type Certificate, verifyChain } from '../../src/x509/index.js';
import { type Scenario, scenarios } from './scenarios.js';

const dir = mkdtempSync(join(tmpdir(), 'cachet-x509-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pem(c: Certificate | Uint8Array): string {
  if (!(c instanceof Uint8Array)) return c.toPem();
  const b64 = Buffer.from(c).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

function tool(command: string, args: string[]): boolean {
  return spawnSync(command, args, { encoding: 'utf8' }).status === 0;
}
const haveOpenssl = tool('openssl', ['version']);
const havePyca = tool('python3', ['-c', 'import cryptography.x509.verification']);
if (process.env.CI && !(haveOpenssl && havePyca)) {
  throw new Error('CI needs openssl and python3 cryptography for the differential tests');
}

function openssl(s: Scenario, i: number): { ok: boolean; detail: string } {
  const files = {
    root: join(dir, `${i}-root.pem`),
    inter: join(dir, `${i}-inter.pem`),
    leaf: join(dir, `${i}-leaf.pem`),
  };
  writeFileSync(files.root, s.roots.map(pem).join(''));
  writeFileSync(files.inter, s.intermediates.map(pem).join(''));
  writeFileSync(files.leaf, pem(s.leaf));
  const args = ['verify', '-x509_strict', '-attime', String(s.at), '-CAfile', files.root];
  if (s.intermediates.length) args.push('-untrusted', files.inter);
  args.push('-purpose', s.kind === 'client' ? 'sslclient' : 'sslserver');
  if (s.dns) args.push('-verify_hostname', s.dns);
  if (s.ip) args.push('-verify_ip', s.ip);
  args.push(files.leaf);
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  return {
    ok: r.status === 0,
    detail: `${r.stdout}${r.stderr}`.trim().split('\n').slice(-2).join(' | '),
  };
}

function pyca(list: Scenario[]): Map<string, { ok: boolean; error: string | null }> {
  const input = list.map((s) => ({
    id: s.id,
    roots: s.roots.map(pem),
    intermediates: s.intermediates.map(pem),
    leaf: pem(s.leaf),
    time: s.at,
    kind: s.kind,
    ...(s.dns ? { dns: s.dns.toLowerCase() } : {}),
    ...(s.ip ? { ip: s.ip } : {}),
  }));
  const out = execFileSync('python3', [resolve(import.meta.dirname, 'pyca_verify.py')], {
    input: JSON.stringify(input),
    encoding: 'utf8',
  });
  return new Map(
    (JSON.parse(out) as { id: string; ok: boolean; error: string | null }[]).map((r) => [r.id, r]),
  );
}

async function cachet(s: Scenario): Promise<{ ok: boolean; detail: string }> {
  try {
    await verifyChain({
      leaf: s.leaf,
      intermediates: s.intermediates,
      roots: s.roots,
      at: s.at * 1000,
      purpose: s.kind === 'client' ? 'clientAuth' : 'serverAuth',
      ...(s.dns ? { hostname: s.dns } : {}),
      ...(s.ip ? { ip: s.ip } : {}),
    });
    return { ok: true, detail: 'accepted' };
  } catch (e) {
    if (!(e instanceof CertificateError)) throw e;
    return { ok: false, detail: `${e.code}: ${e.message}` };
  }
}

/**
 * Where a reference tool departs from the expected verdict for a documented reason (cachet
 * must still match the expectation).
 */
const REFERENCE_DIFFERENCES: Readonly<Record<string, { tool: 'openssl' | 'pyca'; why: string }>> = {
  'valid PS256 (RSA-PSS)': {
    tool: 'pyca',
    why: "pyca's web policy accepts only the byte-exact RSASSA-PSS AlgorithmIdentifiers of CABF BR 7.1.3.2; @peculiar/x509 omits the NULL hash parameters, which RFC 4055 §2.1 and OpenSSL accept",
  },
};

describe.skipIf(!haveOpenssl || !havePyca)(
  'x509 differential: cachet vs openssl vs pyca/cryptography',
  () => {
    let list: Scenario[] = [];
    let reference: Map<string, { ok: boolean; error: string | null }>;
    beforeAll(async () => {
      list = await scenarios();
      reference = pyca(list);
    }, 120_000);

    it('all three give the expected verdict on every scenario', async () => {
      const rows: string[] = [];
      const mismatches: string[] = [];
      for (const [i, s] of list.entries()) {
        const c = await cachet(s);
        const o = openssl(s, i);
        const p = reference.get(s.id)!;
        const want = s.expect === 'accept';
        rows.push(
          `${s.expect.padEnd(6)} cachet=${c.ok ? 'accept' : 'reject'} openssl=${o.ok ? 'accept' : 'reject'} pyca=${p.ok ? 'accept' : 'reject'}  ${s.id}${c.ok ? '' : `  [${c.detail.slice(0, 90)}]`}`,
        );
        if (c.ok !== want) mismatches.push(`cachet on "${s.id}": ${c.detail}`);
        const known = REFERENCE_DIFFERENCES[s.id];
        if (o.ok !== want && known?.tool !== 'openssl') {
          mismatches.push(`openssl on "${s.id}": ${o.detail}`);
        }
        if (p.ok !== want && known?.tool !== 'pyca')
          mismatches.push(`pyca on "${s.id}": ${p.error}`);
        if (known) rows.push(`       known ${known.tool} difference: ${known.why}`);
      }
      console.info(`x509 differential (${list.length} scenarios):\n${rows.join('\n')}`);
      expect(mismatches).toEqual([]);
      expect(list.length).toBeGreaterThanOrEqual(40);
    });
  },
);
