import { defineConfig } from 'tsup';

// The library: one entry per public sub-path, bundled separately so importing one module
// never loads another's code (shared pieces become small chunks), with .d.ts.
// The CLI: its own Node program, without declarations.
export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      'keys/index': 'src/keys/index.ts',
    },
    format: ['esm'],
    target: 'es2022',
    platform: 'neutral',
    dts: true,
    splitting: true,
    treeshake: true,
    clean: true,
    external: [/^@noble\//, /^@scure\//, '@peculiar/x509', 'structured-headers'],
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
    external: [/^@noble\//, /^@scure\//, '@peculiar/x509', 'structured-headers'],
  },
]);
