// Browsers and bundlers break on a static `node:` import, so the library reaches Node's
// modules only through process.getBuiltinModule (src/backend/node.ts). The CLI, which
// only runs in Node, is the exception. TSDoc examples count too: users copy them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');
const STATIC_NODE_IMPORT = /\b(?:import|export)\b[^;'"]*?from\s*['"]node:|\bimport\s*['"]node:/;

it('no static node: import in src outside src/cli', () => {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && !f.startsWith('cli/'),
  );
  expect(files.length).toBeGreaterThan(50);
  const found: string[] = [];
  for (const file of files) {
    readFileSync(join(SRC, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (STATIC_NODE_IMPORT.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
  }
  expect(found).toEqual([]);
});
