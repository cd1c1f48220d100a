// `npm run bench [-- --check] [-- --quick] [-- --only <area>[,<area>...]] [-- --filter <text>]
// [-- --rounds N]`
// Runs every bench/<area>.bench.ts, prints a table per group, writes bench/results.json
// and regenerates docs/benchmarks.md with an SVG chart per area (docs/bench/<area>.svg).
// `--only cold-start` measures only import times and bundle sizes. With --check, exits 1
// when a ratio target or a cold-start budget is missed (for release checks, not CI: shared
// machines are noisy). Partial runs (--only) print but write nothing; --filter keeps the
// groups whose name contains the text. `--render` measures nothing: it regenerates
// docs/benchmarks.md and the charts from bench/results.json (after editing bench/notes.md).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { type ColdStart, coldStart, formatColdStart } from './cold-start.js';
import {
  formatRatio,
  formatRatioSpread,
  type Group,
  type GroupResult,
  groupTable,
  type RunOptions,
  runGroup,
} from './harness.js';
import { svgChart } from './svg.js';

const args = process.argv.slice(2);
const check = args.includes('--check');
const quick = args.includes('--quick');
const value = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const only = value('--only')?.split(',');
const filter = value('--filter'); // a substring of group names

const root = resolve(import.meta.dirname, '..');
const options: RunOptions = {
  rounds: Number(value('--rounds') ?? (quick ? 5 : 15)),
  roundNs: quick ? 30e6 : 70e6,
  sampleNs: 200e3,
};

interface Environment {
  date: string;
  node: string;
  cpu: string;
  cores: number;
  loadAverage: { before: number[]; after: number[] };
  durationSeconds: number;
  options: RunOptions;
}
interface Saved {
  environment: Environment;
  groups: GroupResult[];
  coldStart: ColdStart[];
}
const saved = args.includes('--render')
  ? (JSON.parse(readFileSync(resolve(root, 'bench/results.json'), 'utf8')) as Saved)
  : undefined;

const started = Date.now();
const loadBefore = loadavg();
const files = readdirSync(import.meta.dirname)
  .filter(() => !saved)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || only.includes(f.slice(0, -'.bench.ts'.length)))
  .sort();

const results: GroupResult[] = saved?.groups ?? [];
for (const file of files) {
  const { groups } = (await import(`./${file}`)) as { groups: () => Promise<Group[]> };
  for (const group of await groups()) {
    if (filter && !group.name.includes(filter)) continue;
    const result = await runGroup(group, options);
    results.push(result);
    console.log(`\n## ${result.area}: ${result.name}\n${groupTable(result)}`);
    for (const t of result.targets) {
      console.log(
        `  target ${t.subject} / ${t.baseline} <= ${t.max}: ${formatRatioSpread(t.ratio, t.spread)} ${t.pass ? 'ok' : 'MISSED'}`,
      );
    }
  }
}

const cold: ColdStart[] =
  saved?.coldStart ??
  ((!only && !filter) || only?.includes('cold-start') ? await coldStart(root) : []);
if (cold.length) {
  console.log('\n## cold start');
  for (const c of cold) console.log(`  ${formatColdStart(c)}`);
}

const environment: Environment = saved?.environment ?? {
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  loadAverage: { before: loadBefore, after: loadavg() },
  durationSeconds: Math.round((Date.now() - started) / 1000),
  options,
};
console.log(
  `\nload average ${loadBefore[0]!.toFixed(1)} → ${environment.loadAverage.after[0]!.toFixed(1)} on ${environment.cores} cores; ${environment.durationSeconds} s`,
);

if (!only && !filter) {
  if (!saved) {
    writeFileSync(
      resolve(root, 'bench/results.json'),
      `${JSON.stringify({ environment, groups: results, coldStart: cold }, null, 2)}\n`,
    );
  }
  mkdirSync(resolve(root, 'docs/bench'), { recursive: true });
  const areas = [...new Set(results.map((r) => r.area))];
  for (const area of areas) {
    writeFileSync(
      resolve(root, `docs/bench/${area}.svg`),
      svgChart(
        area,
        results.filter((r) => r.area === area),
      ),
    );
  }
  writeFileSync(resolve(root, 'docs/benchmarks.md'), renderDoc(areas));
}

function renderDoc(areas: string[]): string {
  const notes = readFileSync(resolve(root, 'bench/notes.md'), 'utf8');
  const body = areas
    .map((area) => {
      const groups = results.filter((r) => r.area === area);
      return [
        `## ${area}`,
        '',
        `![${area}: time relative to the platform floor](bench/${area}.svg)`,
        '',
        ...groups.flatMap((g) => [
          `### ${g.name}`,
          '',
          ...(g.note ? [g.note, ''] : []),
          groupTable(g),
          '',
        ]),
      ].join('\n');
    })
    .join('\n');
  const targetRows = results
    .flatMap((r) => r.targets)
    .map(
      (t) =>
        `| ${t.area} | ${t.group} | ${t.subject} / ${t.baseline} | ≤ ${t.max} | ${formatRatioSpread(t.ratio, t.spread)} | ${t.pass ? 'met' : '**missed**'} |`,
    );
  const coldRows = cold.map((c) => {
    const size = c.gzipBytes === null ? '–' : `${(c.gzipBytes / 1024).toFixed(1)} KiB`;
    const time = c.importMs === null ? '–' : `${c.importMs.toFixed(1)} ms`;
    const budget = [
      c.budget.gzipKiB === undefined ? '' : `≤ ${c.budget.gzipKiB} KiB gz`,
      c.budget.importMs === undefined ? '' : `≤ ${c.budget.importMs} ms`,
    ]
      .filter(Boolean)
      .join(', ');
    const status = !c.built
      ? 'not built'
      : c.pass === null
        ? 'reported'
        : c.pass
          ? 'met'
          : '**missed**';
    return `| \`${c.entry}\` | ${time} | ${size} | ${budget || '–'} | ${status} |`;
  });
  const load = environment.loadAverage;
  return [
    '# Benchmarks',
    '',
    '<!-- Generated by `npm run bench` from bench/results.json; edit bench/notes.md instead. -->',
    '',
    `Measured ${environment.date.slice(0, 10)} on ${environment.cpu} (${environment.cores} cores), Node ${environment.node},`,
    `load average ${load.before[0]!.toFixed(1)} at the start and ${load.after[0]!.toFixed(1)} at the end (a shared machine).`,
    'Every number comes from one process per run: cachet on both backends, the raw platform floor',
    '(hand-written node:crypto doing the same bytes), raw @noble, and the peers, interleaved in',
    `${environment.options.rounds} shuffled rounds. A time is the median of the per-round medians; a ratio is the`,
    'median of the per-round ratios, with their interquartile range in brackets (how much the',
    'ratio moved between rounds). ★ marks the best peer. Rerun with `npm run bench`; check the',
    'targets with `npm run bench -- --check`; `npm run bench -- --render` rebuilds this page from',
    '`bench/results.json` and `bench/notes.md` without measuring.',
    '',
    '## Targets',
    '',
    '| area | group | ratio | target | measured (IQR) | |',
    '| --- | --- | --- | ---: | ---: | --- |',
    ...targetRows,
    '',
    '## Cold start',
    '',
    'Import: median wall time of `await import(entry)` in a fresh Node process (built `dist/`).',
    'Size: the browser bundle, minified and gzipped (size-limit with esbuild), measured as the',
    "entry's check in `.size-limit.json` measures it (chunks it loads lazily left out), or as",
    '`import *` of the whole entry when it has no check. Budgets from issue 7.',
    '',
    '| entry | import | browser bundle (min+gz) | budget | |',
    '| --- | ---: | ---: | --- | --- |',
    ...coldRows,
    '',
    body,
    notes,
  ].join('\n');
}

const missed = results.flatMap((r) => r.targets).filter((t) => !t.pass);
const coldMissed = cold.filter((c) => c.pass === false);
for (const t of missed) {
  console.error(
    `MISSED ${t.area} / ${t.group}: ${t.subject} / ${t.baseline} = ${formatRatio(t.ratio)} > ${t.max}`,
  );
}
for (const c of coldMissed) console.error(`MISSED cold start: ${formatColdStart(c)}`);
if (check && missed.length + coldMissed.length > 0) {
  console.error(`\n${missed.length + coldMissed.length} target(s) missed`);
  process.exit(1);
}
