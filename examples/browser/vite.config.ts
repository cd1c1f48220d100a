// Builds the example page: `vite build examples/browser` (or `npm run example:browser`,
// which builds cachet first and serves the result). `cachet/...` imports resolve like a
// user's would, through the package's "exports" to the built dist/: this page lives inside
// the cachet package, so they are package self-references (Node and Vite resolve a
// package's own name from inside it); an app gets the same files from node_modules/cachet.
import { defineConfig, type Plugin } from 'vite';

// The built page may load only its own files and make no network request at all.
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'cachet-example-csp',
    apply: 'build', // the dev server needs its own websocket and inline client
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  base: './',
  plugins: [contentSecurityPolicy()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
  },
});
