// Repairs package-lock.json after `npm install`: npm 11 sometimes leaves out the records
// of optional platform packages that do not match this machine (npm/cli#8320, #9342), and
// `npm ci` then refuses the lockfile ("Missing: X@ from lock file"). This adds each missing
// record from the registry metadata (version, integrity, os/cpu/libc, license, engines).
// Usage: node scripts/fix-lockfile.mjs   (then check with `npm ci --dry-run`)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    const record = { version };
    let meta = {};
    try {
      meta = JSON.parse(
        execFileSync(
          'npm',
          [
            'view',
            `${name}@${version}`,
            '--json',
            'version',
            'dist',
            'os',
            'cpu',
            'libc',
            'license',
            'engines',
          ],
          {
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'ignore'],
          },
        ),
      );
      record.integrity = meta.dist.integrity;
    } catch {
      // The registry this machine reaches mirrors only some platforms' packages; a record
      // with just the version is enough for `npm ci` (an optional package it cannot fetch
      // is skipped, as on any platform it does not fit).
    }
    for (const field of ['cpu', 'os', 'libc'])
      if (meta[field]) record[field] = [meta[field]].flat();
    if (entry.dev) record.dev = true;
    if (meta.license) record.license = meta.license;
    record.optional = true;
    if (meta.engines) record.engines = meta.engines;
    packages[`node_modules/${name}`] = record;
    added++;
  }
}
// Keep the keys sorted as npm writes them.
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} missing optional package record(s)`);
