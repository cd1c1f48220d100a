// Every export of `cachet/webhooks` (and every public method and getter of its classes)
// has a TSDoc @example, and every ```ts example there runs, importing cachet from src/ as
// the docs samples do. An example that needs a server reads it from the environment
// (`process.env.REDIS_URL`) and runs where it is set, as in CI.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const entry = resolve(root, 'src/webhooks/index.ts');
const scratch = resolve(root, 'test/webhooks/.examples');

const program = ts.createProgram([entry], {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noEmit: true,
});
const checker = program.getTypeChecker();

function examplesOf(node: ts.Node): string[] {
  const out: string[] = [];
  for (const tag of ts.getJSDocTags(node)) {
    if (tag.tagName.text !== 'example') continue;
    const text =
      typeof tag.comment === 'string'
        ? tag.comment
        : (tag.comment ?? []).map((part) => part.text).join('');
    for (const m of text.matchAll(/```ts\s*\n([\s\S]*?)```/g)) out.push(m[1]!);
  }
  return out;
}

function isPublicMember(member: ts.ClassElement): boolean {
  if (!member.name || ts.isPrivateIdentifier(member.name)) return false;
  if (ts.isConstructorDeclaration(member) || ts.isPropertyDeclaration(member)) return false;
  const flags = ts.getCombinedModifierFlags(member as ts.Declaration);
  return !(flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected));
}

const items: Array<{ name: string; examples: string[] }> = [];
const source = program.getSourceFile(entry)!;
const head = /^\/\*\*([\s\S]*?)\*\//.exec(source.text)![1]!;
items.push({
  name: 'cachet/webhooks (module)',
  examples: [...head.replace(/^\s*\* ?/gm, '').matchAll(/```ts\s*\n([\s\S]*?)```/g)].map(
    (m) => m[1]!,
  ),
});
for (const exported of checker.getExportsOfModule(checker.getSymbolAtLocation(source)!)) {
  const symbol =
    exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  const declarations = symbol.declarations ?? [];
  items.push({ name: exported.name, examples: declarations.flatMap(examplesOf) });
  for (const declaration of declarations.filter(ts.isClassDeclaration)) {
    for (const member of declaration.members.filter(isPublicMember)) {
      items.push({
        name: `${exported.name}.${member.name!.getText()}`,
        examples: examplesOf(member),
      });
    }
  }
}

function rewrite(code: string): string {
  return code.replace(/from (['"])cachet(\/[a-z0-9-]+)?\1/g, (_m, quote: string, sub?: string) => {
    const target = resolve(root, sub ? `src${sub}/index.ts` : 'src/index.ts');
    return `from ${quote}${pathToFileURL(target).href}${quote}`;
  });
}

mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('cachet/webhooks TSDoc', () => {
  it('every export, method and getter has an @example', () => {
    expect(items.filter((d) => d.examples.length === 0).map((d) => d.name)).toEqual([]);
    expect(items.length).toBeGreaterThan(25);
  });

  items.forEach((item, i) => {
    item.examples.forEach((code, j) => {
      const needsRedis = code.includes('process.env.REDIS_URL');
      it.skipIf(needsRedis && !process.env.REDIS_URL)(
        `${item.name} example ${j + 1} runs`,
        async () => {
          const path = join(scratch, `example_${i}_${j}.ts`);
          const body = needsRedis ? `${rewrite(code)}\nawait redis.quit();` : rewrite(code);
          writeFileSync(path, `${body}\nexport {};\n`);
          await expect(import(pathToFileURL(path).href)).resolves.toBeDefined();
        },
      );
    });
  });

  it('the examples import only from the package, as users would', () => {
    for (const item of items) {
      for (const code of item.examples) {
        for (const m of code.matchAll(/from ['"]([^'"]+)['"]/g)) {
          expect(m[1], item.name).toMatch(/^(cachet(\/[a-z]+)?|redis|node:http)$/);
        }
      }
    }
  });
});
