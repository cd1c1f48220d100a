// The import graph of a built file in dist/: which files its static imports reach, which
// packages they name, and which files they load with `import()` (lazily).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface ImportGraph {
  /** The files reached by static imports and re-exports, the start included. */
  files: Set<string>;
  /** Bare specifiers (packages) named by those imports. */
  packages: Set<string>;
  /** Files those files load with a dynamic `import("…")`. */
  dynamic: string[];
  /** The text of every file reached, joined. */
  text: string;
}

export function importGraph(start: string): ImportGraph {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const code = readFileSync(file, 'utf8');
    // Static imports and re-exports only (`import(` is dynamic and excluded).
    for (const m of code.matchAll(/^\s*(?:import|export)\s[^;]*?from\s*["']([^"']+)["']/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      else packages.add(spec);
    }
  };
  visit(start);
  const texts = [...files].map((f) => readFileSync(f, 'utf8'));
  const dynamic = [...files].flatMap((f, i) =>
    [...texts[i]!.matchAll(/import\(["']([^"']+)["']\)/g)].map((m) => resolve(dirname(f), m[1]!)),
  );
  return { files, packages, dynamic, text: texts.join('\n') };
}
