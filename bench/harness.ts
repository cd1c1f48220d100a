// The benchmark harness. Each area file (bench/<area>.bench.ts) exports `groups`: sets of
// cases doing the same work — cachet on each backend, the raw platform floor, raw @noble,
// peers — measured in one process, interleaved in rounds (a shuffled order per round), so
// drift, other processes and thermal noise hit every case alike.
//
// How a case is measured (the same for synchronous and asynchronous cases):
// - Calibration finds `n`, the calls per sample that take about `sampleNs` (0.2 ms): long
//   enough for the timer and the loop to vanish, short enough that most samples run
//   without the scheduler taking the core away (a time slice is milliseconds).
// - A sample is one call of a loop running `n` calls; an asynchronous case's loop awaits
//   every call before the next, exactly as a caller would. mitata's `measure` takes the
//   samples with its own batching disabled: given an op under 65 µs in its warm-up, it
//   timed 4096 calls per sample and took their MEAN (every preemption included), and one
//   call per sample otherwise (a median that skips them). Which statistic a case got
//   depended on a noisy warm-up, which is how async peers came out faster than the
//   synchronous floor (bench/harness.bench.ts checks that they no longer do).
// - A case's time in a round is the median of its samples; its reported time is the median
//   of its per-round medians. A ratio is the median of the per-round ratios (both cases
//   measured in the same round, so slow phases of the machine cancel), and its spread is
//   the interquartile range of those per-round ratios.
import { do_not_optimize, measure } from 'mitata';
import { setBackend } from '../src/backend/node.js';

/** What a case stands for; ratios are computed against `floor` and the best `peer`. */
export type Kind = 'cachet' | 'floor' | 'noble' | 'peer';

export interface Case {
  name: string;
  kind: Kind;
  /** Backend for cachet cases (set before the case runs). */
  backend?: 'native' | 'portable';
  fn: () => unknown;
}

/** A release target: `subject`'s time over `baseline`'s must stay at or under `max`. */
export interface Target {
  subject: string;
  /** A case name, or 'best-peer' (then `max` defaults to 1: faster than every peer). */
  baseline: string;
  max: number;
}

export interface Group {
  area: string;
  name: string;
  cases: Case[];
  targets?: Target[];
  /** Shown in reports, e.g. what the floor does. */
  note?: string;
  /** Bytes each operation processes; when set, reports add throughput in MiB/s. */
  bytes?: number;
}

/** The spread of a ratio over the rounds: quartiles and extremes of the per-round ratios. */
export interface Spread {
  p25: number;
  p75: number;
  min: number;
  max: number;
}

export interface CaseResult {
  name: string;
  kind: Kind;
  /** Median over rounds of the per-round median time per call. */
  medianNs: number;
  opsPerSec: number;
  /** Median over rounds of (this case / the floor) in the same round. */
  ratioToFloor: number | null;
  /** Median over rounds of (this case / the best peer) in the same round. */
  ratioToBestPeer: number | null;
  spreadToFloor?: Spread | null;
  spreadToBestPeer?: Spread | null;
  /** Throughput, when the group says how many bytes an operation processes. */
  mibPerSec?: number;
  /** Whether the case returned a promise (awaited call by call). */
  async?: boolean;
  /** Calls per sample, and samples taken over all rounds. */
  callsPerSample?: number;
  samples?: number;
}

export interface TargetResult extends Target {
  area: string;
  group: string;
  ratio: number;
  spread?: Spread;
  pass: boolean;
}

export interface GroupResult {
  area: string;
  name: string;
  note?: string;
  /** The peer the "vs best peer" column compares with (lowest median time). */
  bestPeer?: string;
  rounds?: number;
  cases: CaseResult[];
  targets: TargetResult[];
}

export interface RunOptions {
  rounds: number;
  /** Time per case per round, in nanoseconds (at least one sample is always taken). */
  roundNs: number;
  /** Target length of one sample, in nanoseconds (default 0.2 ms). */
  sampleNs?: number;
}

function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

function spreadOf(values: readonly number[]): Spread {
  return {
    p25: quantile(values, 0.25),
    p75: quantile(values, 0.75),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

/** A case ready to sample: a loop of `n` calls, synchronous or awaiting each call. */
interface Prepared {
  readonly c: Case;
  readonly isAsync: boolean;
  n: number;
  loop: () => unknown;
}

function loopOf(fn: () => unknown, isAsync: boolean, n: number): () => unknown {
  return isAsync
    ? async () => {
        for (let i = 0; i < n; i++) do_not_optimize(await fn());
      }
    : () => {
        for (let i = 0; i < n; i++) do_not_optimize(fn());
      };
}

async function timeLoop(loop: () => unknown): Promise<number> {
  const t0 = performance.now();
  const r = loop();
  if (r instanceof Promise) await r;
  return (performance.now() - t0) * 1e6;
}

/** Warms a case up, finds out whether it is async, and sizes its samples. */
async function prepare(c: Case, sampleNs: number): Promise<Prepared> {
  setBackend(c.backend);
  const first = c.fn();
  const isAsync = first instanceof Promise;
  if (isAsync) await first;
  let n = 1;
  // Grow n until one loop takes at least a quarter of a sample, then scale to a sample.
  for (;;) {
    const loop = loopOf(c.fn, isAsync, n);
    await timeLoop(loop); // warm the loop itself
    const ns = Math.min(await timeLoop(loop), await timeLoop(loop));
    if (ns >= sampleNs / 4 || n >= 1 << 20) {
      n = Math.max(1, Math.round((n * sampleNs) / Math.max(ns, 1)));
      break;
    }
    n *= 4;
  }
  return { c, isAsync, n, loop: loopOf(c.fn, isAsync, n) };
}

/** One round of one case: samples for about `roundNs`; the median time per call. */
async function sampleRound(p: Prepared, roundNs: number): Promise<{ ns: number; count: number }> {
  setBackend(p.c.backend);
  const stats = await measure(p.loop, {
    // Our loop is the batch; never let mitata batch (see the header).
    batch_threshold: -1,
    warmup_samples: 0,
    min_samples: 1,
    min_cpu_time: roundNs,
    samples_threshold: Number.POSITIVE_INFINITY, // keep every sample (no trimming)
    gc: false, // without --expose-gc mitata would allocate 1 GiB to force a collection
  } as never);
  return { ns: median(stats.samples) / p.n, count: stats.samples.length };
}

export async function runGroup(group: Group, options: RunOptions): Promise<GroupResult> {
  const sampleNs = options.sampleNs ?? 200e3;
  const prepared: Prepared[] = [];
  for (const c of group.cases) prepared.push(await prepare(c, sampleNs));
  const perRound = new Map<string, number[]>(group.cases.map((c) => [c.name, []]));
  const sampleCount = new Map<string, number>(group.cases.map((c) => [c.name, 0]));
  for (let round = 0; round < options.rounds; round++) {
    for (const p of shuffle(prepared)) {
      const { ns, count } = await sampleRound(p, options.roundNs);
      perRound.get(p.c.name)!.push(ns);
      sampleCount.set(p.c.name, sampleCount.get(p.c.name)! + count);
    }
  }
  setBackend(undefined);

  const times = new Map([...perRound].map(([name, values]) => [name, median(values)]));
  /** Per-round ratios of one case to another. */
  const ratios = (subject: string, baseline: string): number[] => {
    const a = perRound.get(subject)!;
    const b = perRound.get(baseline)!;
    return a.map((t, i) => t / b[i]!);
  };
  const floor = group.cases.find((c) => c.kind === 'floor');
  const peers = group.cases.filter((c) => c.kind === 'peer');
  const bestPeer = peers.length
    ? peers.reduce((best, c) => (times.get(c.name)! < times.get(best.name)! ? c : best))
    : undefined;
  const versus = (name: string, base: Case | undefined) => {
    if (!base) return { ratio: null, spread: null };
    const r = ratios(name, base.name);
    return { ratio: median(r), spread: spreadOf(r) };
  };
  const cases: CaseResult[] = prepared.map((p) => {
    const t = times.get(p.c.name)!;
    const f = versus(p.c.name, floor);
    const b = versus(p.c.name, bestPeer);
    return {
      name: p.c.name,
      kind: p.c.kind,
      medianNs: t,
      opsPerSec: 1e9 / t,
      ...(group.bytes ? { mibPerSec: group.bytes / 2 ** 20 / (t / 1e9) } : {}),
      ratioToFloor: f.ratio,
      ratioToBestPeer: b.ratio,
      spreadToFloor: f.spread,
      spreadToBestPeer: b.spread,
      async: p.isAsync,
      callsPerSample: p.n,
      samples: sampleCount.get(p.c.name)!,
    };
  });
  const targets: TargetResult[] = (group.targets ?? []).map((target) => {
    const baseline = target.baseline === 'best-peer' ? bestPeer?.name : target.baseline;
    if (!perRound.has(target.subject) || baseline === undefined || !perRound.has(baseline)) {
      throw new Error(`target in "${group.name}" names a case that does not exist`);
    }
    const r = ratios(target.subject, baseline);
    const ratio = median(r);
    return {
      ...target,
      area: group.area,
      group: group.name,
      ratio,
      spread: spreadOf(r),
      pass: ratio <= target.max,
    };
  });
  return {
    area: group.area,
    name: group.name,
    ...(group.note ? { note: group.note } : {}),
    ...(bestPeer ? { bestPeer: bestPeer.name } : {}),
    rounds: options.rounds,
    cases,
    targets,
  };
}

export function formatNs(ns: number): string {
  if (ns < 1e3) return `${ns.toFixed(0)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(2)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(2)} ms`;
  return `${(ns / 1e9).toFixed(2)} s`;
}

export function formatRatio(r: number | null): string {
  return r === null ? '–' : `${r.toFixed(2)}x`;
}

/** A ratio with its interquartile range over the rounds: `1.04x (1.01–1.08)`. */
export function formatRatioSpread(r: number | null, spread?: Spread | null): string {
  if (r === null) return '–';
  return spread
    ? `${formatRatio(r)} (${spread.p25.toFixed(2)}–${spread.p75.toFixed(2)})`
    : formatRatio(r);
}

/** A Markdown table of one group. */
export function groupTable(g: GroupResult): string {
  const throughput = g.cases.some((c) => c.mibPerSec !== undefined);
  const rows = g.cases.map(
    (c) =>
      `| ${c.name}${c.name === g.bestPeer ? ' ★' : ''} | ${c.kind} | ${formatNs(c.medianNs)} | ${throughput ? `${(c.mibPerSec ?? 0).toFixed(0)} MiB/s` : Math.round(c.opsPerSec).toLocaleString('en-US')} | ${formatRatioSpread(c.ratioToFloor, c.spreadToFloor)} | ${formatRatioSpread(c.ratioToBestPeer, c.spreadToBestPeer)} |`,
  );
  return [
    `| implementation | kind | median / op | ${throughput ? 'throughput' : 'ops/s'} | vs floor (IQR) | vs best peer (IQR) |`,
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}
