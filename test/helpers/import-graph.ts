// The import graph of a built file in dist/: which files its static imports reach (side-effect
// imports included), which packages they name, which src/ files were bundled into them, and
// which files they load with `import()` (lazily).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface ImportGraph {
  /** The files reached by static imports and re-exports, the start included. */
  files: Set<string>;
  /** Bare specifiers (packages) named by those imports. */
  packages: Set<string>;
  /** The src/ files bundled into those files (tsup's `// src/…` markers). */
  sources: string[];
  /** Files those files load with a dynamic `import("…")`. */
  dynamic: string[];
  /** The text of every file reached, joined. */
  text: string;
}

const STATIC =
  /^\s*(?:import|export)\s[^;'"]*?from\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']/gm;

export function importGraph(start: string): ImportGraph {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(STATIC)) {
      const spec = m[1] ?? m[2]!;
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      else packages.add(spec);
    }
  };
  visit(start);
  const texts = [...files].map((f) => readFileSync(f, 'utf8'));
  const dynamic = [...files].flatMap((f, i) =>
    [...texts[i]!.matchAll(/import\(["']([^"']+)["']\)/g)].map((m) => resolve(dirname(f), m[1]!)),
  );
  const sources = texts.flatMap((t) => [...t.matchAll(/^\/\/ (src\/\S+)/gm)].map((m) => m[1]!));
  return { files, packages, sources, dynamic, text: texts.join('\n') };
}
