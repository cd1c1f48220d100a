// Every @example in src/x509 (the TSDoc of the public API) is executed, importing cachet
// from src/ as the docs samples test does, so the examples users read keep working.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const scratch = resolve(root, 'test/x509/.examples');
mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function examples(file: string): { line: number; code: string }[] {
  const text = readFileSync(resolve(root, 'src/x509', file), 'utf8');
  const out: { line: number; code: string }[] = [];
  for (const m of text.matchAll(/@example\s*\n\s*\* ```ts\n([\s\S]*?)\n\s*\* ```/g)) {
    const code = m[1]!.replace(/^\s*\* ?/gm, '');
    out.push({ line: text.slice(0, m.index).split('\n').length, code });
  }
  return out;
}

function rewrite(code: string): string {
  return code.replace(/from (['"])cachet(\/[a-z0-9-]+)?\1/g, (_m, q: string, sub?: string) => {
    const target = resolve(root, sub ? `src${sub}/index.ts` : 'src/index.ts');
    return `from ${q}${pathToFileURL(target).href}${q}`;
  });
}

const files = readdirSync(resolve(root, 'src/x509')).filter((f) => f.endsWith('.ts'));
describe('src/x509 TSDoc examples', () => {
  it('finds the examples of the public API', () => {
    expect(files.flatMap(examples).length).toBeGreaterThanOrEqual(12);
  });
  for (const file of files) {
    for (const ex of examples(file)) {
      it(`${file}:${ex.line}`, async () => {
        const path = join(scratch, `${file.replace('.ts', '')}_${ex.line}.ts`);
        writeFileSync(path, `${rewrite(ex.code)}\nexport {};\n`);
        await expect(import(pathToFileURL(path).href)).resolves.toBeDefined();
      });
    }
  }
});
