// Every ```ts sample in README.md and docs/*.md is executed, importing cachet from src/
// (`'cachet'` → src/index.ts, `'cachet/x'` → src/x/index.ts). A sample that needs a server
// says so with a first-line comment `// requires: ENV_VAR` and runs only where it is set
// (CI sets them all). A sample that cannot run here (it needs a third-party SDK or service)
// is preceded by `<!-- not run: <reason> -->`; the reasons are listed in the test output.
// Every sample that runs also type-checks on its own, as a user's strict project compiles it.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { requiresOf, rewrite, root, typeErrors } from './snippets.js';

const scratch = resolve(root, 'test/docs/.samples');
const files = [
  'README.md',
  ...readdirSync(resolve(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

interface Sample {
  file: string;
  line: number;
  code: string;
  requires: string[];
}

function samples(file: string): Sample[] {
  const text = readFileSync(resolve(root, file), 'utf8');
  const out: Sample[] = [];
  const fence = /^```(ts|typescript)\s*\n([\s\S]*?)^```/gm;
  for (const match of text.matchAll(fence)) {
    const before = text.slice(0, match.index).trimEnd();
    const notRun = /<!-- not run: (.+?) -->$/.exec(before);
    if (notRun) {
      console.info(`${file}: a sample is not run: ${notRun[1]}`);
      continue;
    }
    const code = match[2]!;
    const requires = requiresOf(code);
    out.push({ file, line: text.slice(0, match.index).split('\n').length, code, requires });
  }
  return out;
}

mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function scratchFile(sample: Sample, prefix = ''): string {
  return join(scratch, `${prefix}${sample.file.replace(/[^a-z0-9]/gi, '_')}_${sample.line}.ts`);
}

for (const file of files) {
  const found = samples(file);
  if (found.length === 0) continue;
  describe(file, () => {
    for (const sample of found) {
      const missing = sample.requires.filter((name) => !process.env[name]);
      // Samples that talk to a server run where the server is configured (always in CI).
      it.skipIf(missing.length > 0)(`sample at line ${sample.line}`, async () => {
        const path = scratchFile(sample);
        writeFileSync(path, `${rewrite(sample.code)}\nexport {};\n`);
        await expect(import(pathToFileURL(path).href)).resolves.toBeDefined();
      });
    }
  });
}

it('every sample type-checks on its own (strict TypeScript)', () => {
  const paths = files.flatMap(samples).map((sample) => {
    const path = scratchFile(sample, 'check_');
    writeFileSync(path, `// ${sample.file}:${sample.line}\n${sample.code}\nexport {};\n`);
    return path;
  });
  expect(typeErrors(paths)).toEqual([]);
}, 300_000);
