// The published build (dist/, made by the global setup), in fresh Node processes: cachet/x509
// supplies @peculiar/x509's Reflect metadata polyfill itself (a user never sees tsyringe's
// "requires a reflect polyfill" / "Reflect.getOwnMetadata is not a function"), installs it
// only when a certificate is built (not at import), and no other sub-path loads X.509 code.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importGraph } from '../helpers/import-graph.js';

const root = resolve(import.meta.dirname, '../..');
const dist = (p: string) => resolve(root, 'dist', p);

function run(code: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout.trim(), stderr: r.stderr };
}

describe('cachet/x509 as published', () => {
  it('is built', () => {
    expect(existsSync(dist('x509/index.js'))).toBe(true);
  });

  it('@peculiar/x509 alone fails without a Reflect polyfill (what cachet shields users from)', () => {
    const r = run(`await import('@peculiar/x509')`);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/reflect polyfill|Reflect\.\w+ is not a function/i);
  });

  it('imports without touching Reflect, then builds and verifies a PKI in a fresh process', () => {
    const url = pathToFileURL(dist('x509/index.js')).href;
    const r = run(`
      const x = await import(${JSON.stringify(url)});
      const before = typeof Reflect.getOwnMetadata;
      const pki = await x.createTestPki({ leaf: { dnsNames: ['dist.example'] } });
      const { chain } = await x.verifyChain({ leaf: pki.leaf.toPem(), intermediates: [pki.intermediate.toPem()], roots: [pki.root.toPem()], hostname: 'dist.example' });
      const csr = await x.createCsr({ dnsNames: ['csr.example'] });
      const crl = await x.createCrl({ issuer: pki.intermediate, issuerKey: pki.keys.intermediate, revoked: [pki.leaf] });
      console.log(JSON.stringify({ before, after: typeof Reflect.getOwnMetadata, chain: chain.length, csr: csr.pem.split('\\n')[0], revoked: crl.revoked.length }));
    `);
    expect(r.stderr).not.toMatch(/Reflect|polyfill/);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      before: 'undefined',
      after: 'function',
      chain: 3,
      csr: '-----BEGIN CERTIFICATE REQUEST-----',
      revoked: 1,
    });
  });

  it('keeps an existing Reflect metadata implementation (such as reflect-metadata)', () => {
    const url = pathToFileURL(dist('x509/index.js')).href;
    const r = run(`
      const store = new Map();
      const key = (t, p) => store.get(t)?.get(p) ?? new Map();
      function getOwnMetadata(k, t, p) { return key(t, p).get(k); }
      function getMetadata(k, t, p) { for (let o = t; o; o = Object.getPrototypeOf(o)) { const v = getOwnMetadata(k, o, p); if (v !== undefined) return v; } }
      function defineMetadata(k, v, t, p) { if (!store.has(t)) store.set(t, new Map()); const m = store.get(t); if (!m.has(p)) m.set(p, new Map()); m.get(p).set(k, v); }
      Object.assign(Reflect, { getOwnMetadata, getMetadata, defineMetadata });
      const x = await import(${JSON.stringify(url)});
      await x.createTestPki();
      console.log(Reflect.getMetadata === getMetadata && Reflect.defineMetadata === defineMetadata);
    `);
    expect(r.stdout).toBe('true');
  });

  it('loads @peculiar/x509 only lazily, and no other sub-path reaches X.509 code', () => {
    const x509 = importGraph(dist('x509/index.js'));
    expect([...x509.packages].filter((p) => p.includes('peculiar'))).toEqual([]);
    expect(readFileSync(dist('x509/index.js'), 'utf8')).toMatch(
      /import\(['"]@peculiar\/x509['"]\)/,
    );
    const x509Only = readFileSync(dist('x509/index.js'), 'utf8');
    expect(x509Only).toContain('verifyChain');
    for (const entry of ['index.js', 'keys/index.js', 'envelope/index.js']) {
      const graph = importGraph(dist(entry));
      expect(
        [...graph.packages, ...graph.files].filter(
          (f) => f.includes('peculiar') || f.includes('/x509/'),
        ),
        entry,
      ).toEqual([]);
      for (const file of graph.files) {
        expect(readFileSync(file, 'utf8'), file).not.toMatch(/verifyChain|@peculiar/);
      }
    }
  });
});
