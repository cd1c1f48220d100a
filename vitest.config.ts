import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

const vectorsDir = resolve(
  process.env.CACHET_VECTORS ?? resolve(import.meta.dirname, '../shared/vectors'),
);
const helper = (name: string) => resolve(import.meta.dirname, 'test/helpers', name);

export default defineConfig({
  test: {
    // Property tests and vector files can take a while on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        resolve: { alias: { '#env': helper('env.node.ts') } },
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/helpers/global-build.ts'],
          exclude: ['test/browser/**'],
          environment: 'node',
        },
      },
      {
        extends: true,
        resolve: { alias: { '#env': helper('env.browser.ts') } },
        test: {
          name: 'browser',
          include: ['test/**/*.test.ts'],
          // import.meta.env in Chromium carries only what is listed here: CI makes a missing
          // shared vector file fail the browser run as it fails the Node one.
          env: { CI: process.env.CI ?? '' },
          // *.node.test.ts need Node (child processes, files, servers, peers built for Node).
          exclude: ['test/**/*.node.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: {
                executablePath: '/usr/bin/chromium',
                args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
              },
            }),
            instances: [{ browser: 'chromium' }],
            commands: {
              // Reads a shared vector file on the Node side; null when it is absent.
              readVector: (_ctx, name: string) => {
                const file = resolve(vectorsDir, name);
                return existsSync(file) ? readFileSync(file, 'utf8') : null;
              },
            },
          },
        },
      },
    ],
  },
});
