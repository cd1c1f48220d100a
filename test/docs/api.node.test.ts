// `npm run docs` (typedoc, one module per package.json export) builds the API reference
// without a warning: every {@link} resolves (error classes from other entry points are
// written `{@link cachet!KeyError}`), every type a public signature names is documented,
// and every relative link in README.md exists.
import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { root } from './snippets.js';

it('typedoc converts every entry point with no warning', () => {
  let output = '';
  try {
    output = execFileSync('npx', ['typedoc', '--emit', 'none', '--logLevel', 'Warn'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    output = `${stdout ?? ''}${stderr ?? ''}`;
  }
  expect(output).not.toMatch(/warning|error/i);
}, 300_000);
