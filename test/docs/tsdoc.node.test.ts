// Every export of `cachet` and `cachet/keys` (and every public method, getter and static
// of the exported classes) has a TSDoc @example, and every ```ts example there runs,
// importing cachet from src/ as the docs samples do.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const entries = { cachet: 'src/index.ts', 'cachet/keys': 'src/keys/index.ts' };
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
  const head = /^\/\*\*([\s\S]*?)\*\//.exec(source.text)![1]!;
  out.push({
    name: `${entry} (module)`,
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

function rewrite(code: string): string {
  return code.replace(/from (['"])cachet(\/[a-z0-9-]+)?\1/g, (_m, quote: string, sub?: string) => {
    const target = resolve(root, sub ? `src${sub}/index.ts` : 'src/index.ts');
    return `from ${quote}${pathToFileURL(target).href}${quote}`;
  });
}

mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

for (const [label, entry] of Object.entries(entries)) {
  const items = documented(entry);
  describe(`${label} TSDoc`, () => {
    it('every export, method, getter and static has an @example', () => {
      const missing = items.filter((d) => d.examples.length === 0).map((d) => d.name);
      expect(missing).toEqual([]);
      expect(items.length).toBeGreaterThan(20);
    });

    items.forEach((item, i) => {
      item.examples.forEach((code, j) => {
        it(`${item.name} example ${j + 1} runs`, async () => {
          const path = join(scratch, `${label.replace('/', '_')}_${i}_${j}.ts`);
          writeFileSync(path, `${rewrite(code)}\nexport {};\n`);
          await expect(import(pathToFileURL(path).href)).resolves.toBeDefined();
        });
      });
    });
  });
}

it('the examples import only from the package, as users would', () => {
  for (const entry of Object.values(entries)) {
    for (const item of documented(entry)) {
      for (const code of item.examples) {
        for (const m of code.matchAll(/from ['"]([^'"]+)['"]/g)) {
          expect(m[1], item.name).toMatch(/^cachet(\/[a-z]+)?$/);
        }
      }
    }
  }
  expect(readFileSync(resolve(root, 'src/index.ts'), 'utf8')).toContain('@example');
});
