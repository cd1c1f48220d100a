// The benchmark harness. Each area file (bench/<area>.bench.ts) exports `groups`: sets of
// cases doing the same work — cachet on each backend, the raw platform floor, raw @noble,
// peers — measured in one process, interleaved in rounds (a shuffled order per round) with
// mitata's `measure`, so drift and thermal noise hit every case alike. A case's time is the
// median of its per-round medians.
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
}

export interface CaseResult {
  name: string;
  kind: Kind;
  medianNs: number;
  opsPerSec: number;
  ratioToFloor: number | null;
  ratioToBestPeer: number | null;
}

export interface TargetResult extends Target {
  area: string;
  group: string;
  ratio: number;
  pass: boolean;
}

export interface GroupResult {
  area: string;
  name: string;
  note?: string;
  cases: CaseResult[];
  targets: TargetResult[];
}

function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface RunOptions {
  rounds: number;
  /** CPU time per case per round, in nanoseconds. */
  roundNs: number;
}

export async function runGroup(group: Group, options: RunOptions): Promise<GroupResult> {
  const samples = new Map<string, number[]>(group.cases.map((c) => [c.name, []]));
  for (const c of group.cases) {
    // Warm up and check that every case runs before measuring anything.
    setBackend(c.backend);
    await c.fn();
  }
  for (let round = 0; round < options.rounds; round++) {
    for (const c of shuffle(group.cases)) {
      setBackend(c.backend);
      const isAsync = c.fn() instanceof Promise;
      const stats = await measure(
        isAsync ? async () => do_not_optimize(await c.fn()) : () => do_not_optimize(c.fn()),
        {
          min_cpu_time: options.roundNs,
        },
      );
      samples.get(c.name)!.push(stats.p50);
    }
  }
  setBackend(undefined);
  const times = new Map([...samples].map(([name, values]) => [name, median(values)]));
  const floor = group.cases.find((c) => c.kind === 'floor');
  const peers = group.cases.filter((c) => c.kind === 'peer').map((c) => times.get(c.name)!);
  const bestPeer = peers.length ? Math.min(...peers) : null;
  const cases: CaseResult[] = group.cases.map((c) => {
    const t = times.get(c.name)!;
    return {
      name: c.name,
      kind: c.kind,
      medianNs: t,
      opsPerSec: 1e9 / t,
      ratioToFloor: floor ? t / times.get(floor.name)! : null,
      ratioToBestPeer: bestPeer ? t / bestPeer : null,
    };
  });
  const targets: TargetResult[] = (group.targets ?? []).map((target) => {
    const subject = times.get(target.subject);
    const baseline = target.baseline === 'best-peer' ? bestPeer : times.get(target.baseline);
    if (subject === undefined || baseline == null) {
      throw new Error(`target in "${group.name}" names a case that does not exist`);
    }
    const ratio = subject / baseline;
    return { ...target, area: group.area, group: group.name, ratio, pass: ratio <= target.max };
  });
  return {
    area: group.area,
    name: group.name,
    ...(group.note ? { note: group.note } : {}),
    cases,
    targets,
  };
}

export function formatNs(ns: number): string {
  if (ns < 1e3) return `${ns.toFixed(0)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${(ns / 1e6).toFixed(2)} ms`;
}

export function formatRatio(r: number | null): string {
  return r === null ? '–' : `${r.toFixed(2)}x`;
}

/** A Markdown table of one group. */
export function groupTable(g: GroupResult): string {
  const rows = g.cases.map(
    (c) =>
      `| ${c.name} | ${c.kind} | ${formatNs(c.medianNs)} | ${Math.round(c.opsPerSec).toLocaleString('en-US')} | ${formatRatio(c.ratioToFloor)} | ${formatRatio(c.ratioToBestPeer)} |`,
  );
  return [
    '| implementation | kind | median / op | ops/s | vs floor | vs best peer |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}
