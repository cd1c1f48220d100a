// Cold start: the import time of each sub-path in a fresh Node process (built dist/, best
// of 5 runs), and the minified + gzipped browser bundle of each (size-limit with esbuild,
// the same numbers and budgets CI checks from .size-limit.json).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface ColdStart {
  entry: string;
  importMs: number;
  gzipBytes: number | null;
  budget: string | null;
}

export async function coldStart(root: string): Promise<ColdStart[]> {
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
  const limits = JSON.parse(readFileSync(resolve(root, '.size-limit.json'), 'utf8')) as Array<{
    name: string;
    limit?: string;
  }>;
  const sizes = JSON.parse(
    execFileSync('npx', ['size-limit', '--json'], { cwd: root, encoding: 'utf8' }),
  ) as Array<{
    name: string;
    size: number;
  }>;
  const out: ColdStart[] = [];
  for (const [subpath, target] of Object.entries(
    pkg.exports as Record<string, { default?: string }>,
  )) {
    if (!target.default) continue;
    const entry = subpath === '.' ? 'cachet' : `cachet/${subpath.slice(2)}`;
    const file = resolve(root, target.default);
    const script = `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`;
    const runs = Array.from({ length: 5 }, () =>
      Number(
        execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
      ),
    );
    out.push({
      entry,
      importMs: Math.min(...runs),
      gzipBytes: sizes.find((s) => s.name === entry)?.size ?? null,
      budget: limits.find((l) => l.name === entry)?.limit ?? null,
    });
  }
  return out;
}
