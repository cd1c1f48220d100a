// Cold start: the import time of each sub-path in a fresh Node process (built dist/, the
// median of 7 processes), and the minified + gzipped browser bundle of each (size-limit
// with esbuild), checked against the budgets of issue 7. The bundle is measured as the
// entry's check in .size-limit.json measures it (same `import`, same `ignore` for chunks
// loaded lazily), or as `import *` of the whole entry when it has no check there. A
// budgeted sub-path that is not in package.json `exports` yet is reported as "not built",
// not as a failure.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { median } from './harness.js';

/** Budgets from issue 7; an empty object means "reported". */
export const BUDGETS: Record<string, { gzipKiB?: number; importMs?: number }> = {
  'cachet/webhooks': { gzipKiB: 8, importMs: 10 },
  'cachet/http': { gzipKiB: 15 },
  'cachet/fields': { gzipKiB: 20 },
  'cachet/sign': {},
};

const IMPORT_RUNS = 7;

export interface ColdStart {
  entry: string;
  built: boolean;
  /** Median import time in a fresh process, ms (null when not built). */
  importMs: number | null;
  importRunsMs: number[];
  gzipBytes: number | null;
  budget: { gzipKiB?: number; importMs?: number };
  /** null when there is no budget (or nothing built) to check. */
  pass: boolean | null;
}

function importTimes(file: string): number[] {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`;
  return Array.from({ length: IMPORT_RUNS }, () =>
    Number(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
    ),
  );
}

interface SizeCheck {
  name: string;
  path: string;
  import?: unknown;
  ignore?: string[];
  limit?: string;
  gzip?: boolean;
}

/** size-limit (esbuild, gzip) of every entry, in one run (see the header for how). */
function bundleSizes(root: string, files: Map<string, string>): Map<string, number> {
  const checks = JSON.parse(readFileSync(resolve(root, '.size-limit.json'), 'utf8')) as SizeCheck[];
  const dir = resolve(root, 'node_modules/.cache/cachet-bench');
  mkdirSync(dir, { recursive: true });
  const config = resolve(dir, 'size-limit.json');
  const entries = [...files].map(([name, path]) => {
    const { limit: _limit, ...check } = checks.find((c) => c.name === name) ?? { name, path };
    return { import: '*', ...check, name, path, gzip: true };
  });
  writeFileSync(config, JSON.stringify(entries));
  const out = execFileSync('npx', ['size-limit', '--json', '--config', config], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'], // esbuild's warnings about noble's sideEffects are noise here
  });
  const sizes = JSON.parse(out) as Array<{ name: string; size: number }>;
  return new Map(sizes.map((s) => [s.name, s.size]));
}

export async function coldStart(root: string): Promise<ColdStart[]> {
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
    exports: Record<string, { default?: string }>;
  };
  const files = new Map<string, string>();
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (!target.default?.endsWith('.js')) continue;
    const file = resolve(root, target.default);
    const name = subpath === '.' ? 'cachet' : `cachet/${subpath.slice(2)}`;
    if (!existsSync(file)) continue;
    files.set(name, file);
  }
  const sizes = bundleSizes(root, files);
  const out: ColdStart[] = [];
  for (const [entry, file] of files) {
    const runs = importTimes(file);
    const importMs = median(runs);
    const gzipBytes = sizes.get(entry) ?? null;
    const budget = BUDGETS[entry] ?? {};
    const checks = [
      budget.gzipKiB === undefined || gzipBytes === null
        ? null
        : gzipBytes <= budget.gzipKiB * 1024,
      budget.importMs === undefined ? null : importMs <= budget.importMs,
    ].filter((c) => c !== null);
    out.push({
      entry,
      built: true,
      importMs,
      importRunsMs: runs,
      gzipBytes,
      budget,
      pass: checks.length ? checks.every(Boolean) : null,
    });
  }
  for (const [entry, budget] of Object.entries(BUDGETS)) {
    if (files.has(entry)) continue;
    out.push({
      entry,
      built: false,
      importMs: null,
      importRunsMs: [],
      gzipBytes: null,
      budget,
      pass: null,
    });
  }
  return out;
}

export function formatColdStart(c: ColdStart): string {
  if (!c.built) return `${c.entry}: not built`;
  const size = c.gzipBytes === null ? '?' : `${(c.gzipBytes / 1024).toFixed(1)} KiB`;
  const budget = [
    c.budget.gzipKiB === undefined ? '' : `<= ${c.budget.gzipKiB} KiB`,
    c.budget.importMs === undefined ? '' : `<= ${c.budget.importMs} ms`,
  ]
    .filter(Boolean)
    .join(', ');
  const verdict = c.pass === null ? '' : c.pass ? ' ok' : ' MISSED';
  return `${c.entry}: import ${c.importMs!.toFixed(1)} ms (median of ${c.importRunsMs.length}), ${size} min+gz${budget ? ` (budget ${budget})${verdict}` : ''}`;
}
