// Vitest global setup (node project): builds dist/ once, so tests can drive the built CLI
// and bundle the published entry points exactly as users get them.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function setup(): void {
  execFileSync('npx', ['tsup', '--silent'], {
    cwd: resolve(import.meta.dirname, '../..'),
    stdio: 'inherit',
  });
}
