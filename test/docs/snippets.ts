// Shared by the docs tests: the public entry points (from package.json "exports", the list
// tsup builds and typedoc documents), running a code snippet as a user would (importing
// `cachet` and `cachet/<module>` from src/), and type-checking snippets with tsc.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

export const root = resolve(import.meta.dirname, '../..');

/** Every sub-path of package.json "exports" that is code: `{ 'cachet/keys': 'src/keys/index.ts' }`. */
export function entryPoints(): Record<string, string> {
  const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
    exports: Record<string, unknown>;
  };
  const out: Record<string, string> = {};
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string') continue; // ./package.json
    out[subpath === '.' ? 'cachet' : `cachet/${subpath.slice(2)}`] =
      subpath === '.' ? 'src/index.ts' : `src/${subpath.slice(2)}/index.ts`;
  }
  return out;
}

/** Rewrites `from 'cachet'` / `from 'cachet/x'` to the source files, for running in place. */
export function rewrite(code: string): string {
  return code.replace(/from (['"])cachet(\/[a-z0-9-]+)?\1/g, (_m, quote: string, sub?: string) => {
    const target = resolve(root, sub ? `src${sub}/index.ts` : 'src/index.ts');
    return `from ${quote}${pathToFileURL(target).href}${quote}`;
  });
}

/** Environment variables a snippet needs: its `// requires: A B` lines. */
export function requiresOf(code: string): string[] {
  return [...code.matchAll(/^\/\/ requires: (.+)$/gm)].flatMap((m) => m[1]!.trim().split(/[ ,]+/));
}

/**
 * Type-checks snippet files as a user's strict TypeScript project would see them, with
 * `cachet` and `cachet/*` resolved to src/. Returns one line per diagnostic.
 */
export function typeErrors(files: string[]): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ['node'],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    baseUrl: root,
    paths: { cachet: ['src/index.ts'], 'cachet/*': ['src/*/index.ts'] },
  };
  const program = ts.createProgram(files, options);
  const wanted = new Set(files.map((f) => resolve(f)));
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && wanted.has(resolve(d.file.fileName)))
    .map((d) => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      return `${d.file!.fileName.slice(root.length + 1)}:${line + 1}: ${text}`;
    });
}
