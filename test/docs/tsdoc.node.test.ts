// Every export of every entry point in package.json "exports" (and every public method,
// getter and static of the exported classes) has a TSDoc @example, every ```ts example
// there runs and type-checks on its own, importing cachet from src/ as the docs samples do,
// and imports only what a user of that sub-path would have.
//
// An example that needs a server says so on a line `// requires: ENV_VAR` and runs where
// the variable is set (CI sets them all), as in the docs samples.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { entryPoints, requiresOf, rewrite, root, typeErrors } from './snippets.js';

const entries = entryPoints();
const scratch = resolve(root, 'test/docs/.tsdoc');

const program = ts.createProgram(
  Object.values(entries).map((f) => resolve(root, f)),
  {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
  },
);
const checker = program.getTypeChecker();

interface Documented {
  name: string;
  examples: string[];
}

function tagText(tag: ts.JSDocTag): string {
  const { comment } = tag;
  if (typeof comment === 'string') return comment;
  return (comment ?? []).map((part) => part.text).join('');
}

function examplesOf(node: ts.Node): string[] {
  const out: string[] = [];
  for (const tag of ts.getJSDocTags(node)) {
    if (tag.tagName.text !== 'example') continue;
    for (const m of tagText(tag).matchAll(/```ts\s*\n([\s\S]*?)```/g)) out.push(m[1]!);
  }
  return out;
}

function isPublicMember(member: ts.ClassElement): boolean {
  if (!member.name || ts.isPrivateIdentifier(member.name)) return false;
  if (ts.isConstructorDeclaration(member) || ts.isPropertyDeclaration(member)) return false;
  const flags = ts.getCombinedModifierFlags(member as ts.Declaration);
  if (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) return false;
  return !ts.getJSDocTags(member).some((t) => t.tagName.text === 'internal');
}

function documented(entry: string): Documented[] {
  const source = program.getSourceFile(resolve(root, entry))!;
  const module = checker.getSymbolAtLocation(source)!;
  const out: Documented[] = [];
  // The module's own overview example (the file's first comment).
  const head = /^\/\*\*([\s\S]*?)\*\//.exec(source.text)?.[1] ?? '';
  out.push({
    name: '(module)',
    examples: [...head.replace(/^\s*\* ?/gm, '').matchAll(/```ts\s*\n([\s\S]*?)```/g)].map(
      (m) => m[1]!,
    ),
  });
  for (const exported of checker.getExportsOfModule(module)) {
    const symbol =
      exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declarations = symbol.declarations ?? [];
    out.push({ name: exported.name, examples: declarations.flatMap(examplesOf) });
    for (const declaration of declarations) {
      if (!ts.isClassDeclaration(declaration)) continue;
      for (const member of declaration.members.filter(isPublicMember)) {
        out.push({
          name: `${exported.name}.${member.name!.getText()}`,
          examples: examplesOf(member),
        });
      }
    }
  }
  return out;
}

/** What an example may import: the package itself, Node built-ins, and a Redis client. */
function allowedImport(specifier: string): boolean {
  if (specifier === 'cachet' || specifier.startsWith('cachet/')) {
    return Object.hasOwn(entries, specifier);
  }
  if (specifier.startsWith('node:')) return builtinModules.includes(specifier.slice(5));
  return specifier === 'redis' || specifier === 'ioredis';
}

const all = Object.entries(entries).map(([label, entry]) => ({ label, items: documented(entry) }));

mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function scratchFile(label: string, i: number, j: number): string {
  return join(scratch, `${label.replace('/', '_')}_${i}_${j}.ts`);
}

it('covers every entry point of package.json "exports"', () => {
  const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
  const code = Object.keys(pkg.exports).filter((k) => k !== './package.json');
  expect(Object.keys(entries)).toHaveLength(code.length);
  expect(Object.keys(entries)).toContain('cachet');
  expect(Object.keys(entries)).toContain('cachet/keys');
});

for (const { label, items } of all) {
  describe(`${label} TSDoc`, () => {
    it('every export, method, getter and static has an @example', () => {
      const missing = items.filter((d) => d.examples.length === 0).map((d) => d.name);
      expect(missing).toEqual([]);
      expect(items.length).toBeGreaterThan(3);
    });

    it('the examples import only what a user would have', () => {
      for (const item of items) {
        for (const code of item.examples) {
          for (const m of code.matchAll(/^import [^;]*?from ['"]([^'"]+)['"]/gm)) {
            expect(allowedImport(m[1]!), `${label} ${item.name}: ${m[1]}`).toBe(true);
          }
        }
      }
    });

    items.forEach((item, i) => {
      item.examples.forEach((code, j) => {
        const missing = requiresOf(code).filter((name) => !process.env[name]);
        it.skipIf(missing.length > 0)(`${item.name} example ${j + 1} runs`, async () => {
          const path = scratchFile(label, i, j);
          writeFileSync(path, `${rewrite(code)}\nexport {};\n`);
          await expect(import(pathToFileURL(path).href)).resolves.toBeDefined();
        });
      });
    });
  });
}

it('every example type-checks on its own (strict TypeScript, as a user compiles it)', () => {
  const files: string[] = [];
  for (const { label, items } of all) {
    items.forEach((item, i) => {
      item.examples.forEach((code, j) => {
        const path = scratchFile(`check_${label}`, i, j);
        writeFileSync(path, `// ${label} ${item.name} example ${j + 1}\n${code}\nexport {};\n`);
        files.push(path);
      });
    });
  }
  expect(typeErrors(files)).toEqual([]);
}, 300_000);
