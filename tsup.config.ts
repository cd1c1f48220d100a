import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

// The library: one entry per sub-path in package.json "exports" ('./x' → src/x/index.ts),
// bundled separately so importing one module never loads another's code (shared pieces
// become small chunks), with .d.ts. The CLI: its own Node program, without declarations.
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, string | { default?: string }>;
};
const entry: Record<string, string> = {};
for (const [subpath, target] of Object.entries(pkg.exports)) {
  if (typeof target === 'string') continue; // ./package.json
  entry[subpath === '.' ? 'index' : `${subpath.slice(2)}/index`] =
    subpath === '.' ? 'src/index.ts' : `src/${subpath.slice(2)}/index.ts`;
}
const external = [/^@noble\//, /^@scure\//, '@peculiar/x509', 'pkcs11js'];

export default defineConfig([
  {
    entry,
    format: ['esm'],
    target: 'es2022',
    platform: 'neutral',
    dts: true,
    splitting: true,
    treeshake: true,
    clean: true,
    external,
  },
  {
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    dts: false,
    splitting: false,
    treeshake: true,
    clean: false,
    external,
  },
]);
