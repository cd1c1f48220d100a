// docs/errors.md documents exactly the codes in `errorCodes`, each once, under the heading
// of the class that carries it, with a meaning and advice.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { errorCodes } from '../../src/index.js';
import { classOfCode } from '../helpers/error-families.js';

const text = readFileSync(resolve(import.meta.dirname, '../../docs/errors.md'), 'utf8');

function documented(): Array<{ code: string; section: string; meaning: string; advice: string }> {
  const rows = [];
  let section = '';
  for (const line of text.split('\n')) {
    const heading = /^## (\w+)/.exec(line);
    if (heading) section = heading[1]!;
    const row = /^\| `(ERR_[A-Z0-9_]+)` \| (.*?) \| (.*?) \|$/.exec(line);
    if (row) rows.push({ code: row[1]!, section, meaning: row[2]!, advice: row[3]! });
  }
  return rows;
}

it('docs/errors.md lists exactly the codes in errorCodes, each once', () => {
  const codes = documented().map((r) => r.code);
  expect(new Set(codes).size).toBe(codes.length);
  expect([...codes].sort()).toEqual(Object.keys(errorCodes).sort());
});

it('each code is documented under its class, with a meaning and what to do', () => {
  for (const row of documented()) {
    expect(row.section, row.code).toBe(classOfCode(row.code));
    expect(row.meaning.length, row.code).toBeGreaterThan(20);
    expect(row.advice.length, row.code).toBeGreaterThan(20);
  }
});
