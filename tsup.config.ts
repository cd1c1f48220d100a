import { defineConfig } from 'tsup';

// One entry per public sub-path; each is bundled separately so that importing one
// module never loads another's code (shared pieces become small chunks).
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'keys/index': 'src/keys/index.ts',
    'envelope/index': 'src/envelope/index.ts',
  },
  format: ['esm'],
  target: 'es2022',
  platform: 'neutral',
  dts: true,
  splitting: true,
  treeshake: true,
  clean: true,
  sourcemap: false,
  external: [/^@noble\//, /^@scure\//, '@peculiar/x509', 'structured-headers'],
});
