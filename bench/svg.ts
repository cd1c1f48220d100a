// A small horizontal bar chart (SVG) of each case's time relative to its group's floor,
// with a whisker over the interquartile range of the per-round ratios.
import type { GroupResult } from './harness.js';

const COLORS = { cachet: '#2563eb', floor: '#6b7280', noble: '#9ca3af', peer: '#f59e0b' } as const;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const LABELS = {
  cachet: 'cachet',
  floor: 'platform floor',
  noble: 'raw @noble',
  peer: 'peer',
} as const;

function legend(): string[] {
  return Object.entries(LABELS).flatMap(([kind, label], i) => [
    `<rect x="${4 + i * 130}" y="38" width="10" height="10" fill="${COLORS[kind as keyof typeof COLORS]}"/>`,
    `<text x="${18 + i * 130}" y="47" font-size="11">${label}</text>`,
  ]);
}

export function svgChart(area: string, groups: GroupResult[]): string {
  const rows: string[] = [];
  const barHeight = 18;
  const labelWidth = 300;
  const chartWidth = 420;
  let y = 72;
  const maxRatio = Math.max(
    1,
    ...groups.flatMap((g) =>
      g.cases.map((c) => Math.max(c.ratioToFloor ?? 0, c.spreadToFloor?.p75 ?? 0)),
    ),
  );
  const scale = (r: number) => (Math.log2(1 + r) / Math.log2(1 + maxRatio)) * chartWidth;
  for (const g of groups) {
    rows.push(`<text x="4" y="${y}" font-weight="bold">${escapeXml(g.name)}</text>`);
    y += 8;
    for (const c of g.cases) {
      y += barHeight + 4;
      const ratio = c.ratioToFloor ?? 0;
      const label = c.ratioToFloor === null ? 'no floor' : `${ratio.toFixed(2)}x`;
      const s = c.spreadToFloor;
      const end = Math.max(scale(ratio), s ? scale(s.p75) : 0);
      rows.push(
        `<text x="${labelWidth - 6}" y="${y - 5}" text-anchor="end">${escapeXml(c.name)}</text>`,
        `<rect x="${labelWidth}" y="${y - barHeight}" width="${scale(ratio).toFixed(1)}" height="${barHeight}" fill="${COLORS[c.kind]}"/>`,
      );
      if (s && c.kind !== 'floor') {
        const mid = y - barHeight / 2;
        rows.push(
          `<path d="M${(labelWidth + scale(s.p25)).toFixed(1)} ${mid}H${(labelWidth + scale(s.p75)).toFixed(1)}M${(labelWidth + scale(s.p25)).toFixed(1)} ${mid - 4}v8M${(labelWidth + scale(s.p75)).toFixed(1)} ${mid - 4}v8" stroke="#111827" stroke-width="1.5" fill="none"/>`,
        );
      }
      rows.push(`<text x="${(labelWidth + end + 4).toFixed(1)}" y="${y - 5}">${label}</text>`);
    }
    y += 24;
  }
  const width = labelWidth + chartWidth + 80;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(area)}: time per operation relative to the platform floor (log scale, lower is better)</title>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="4" y="16" fill="#374151">${escapeXml(area)} — time relative to the floor (1.00x = raw platform; lower is better)</text>`,
    `<text x="4" y="32" fill="#6b7280" font-size="11">Bars: median of per-round ratios. Whiskers: interquartile range over the rounds. Log scale.</text>`,
    ...legend(),
    ...rows,
    '</svg>',
    '',
  ].join('\n');
}
