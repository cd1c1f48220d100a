// `npm run docs`: the API reference from TSDoc, one module per sub-path in package.json
// "exports" (the same list tsup builds), written to docs/api/ (not committed).
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const entryPoints = Object.entries(pkg.exports)
  .filter(([, target]) => typeof target !== 'string')
  .map(([subpath]) => (subpath === '.' ? 'src/index.ts' : `src/${subpath.slice(2)}/index.ts`));

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'cachet',
  entryPoints,
  out: 'docs/api',
  readme: 'README.md',
  excludeInternal: true,
  excludePrivate: true,
  // No public repository yet: source links would point at whatever `origin` a clone has
  // (and typedoc warns in a clone without one).
  disableSources: true,
  // Unresolved links and undocumented referenced types fail the build (test/docs/api.node.test.ts).
  treatWarningsAsErrors: true,
};
