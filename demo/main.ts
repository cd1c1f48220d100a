// `npm run demo`: every use case cachet has so far, end to end on embedded defaults (no
// server to install), printing what each step checked. Exits non-zero if a check fails.
import { getBackend } from '../src/index.js';
import { createLog } from './log.js';

const steps: Array<() => Promise<{ run: (log: ReturnType<typeof createLog>) => Promise<void> }>> = [
  () => import('./keys.js'),
  () => import('./envelope.js'),
  () => import('./x509.js'),
  () => import('./sign.js'),
  () => import('./fields.js'),
  () => import('./webhooks.js'),
  () => import('./http.js'),
];

const log = createLog();
const started = performance.now();
console.log(`cachet demo — backend: ${getBackend()}`);
for (const load of steps) await (await load()).run(log);
console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s: ${log.summary()}.`);
