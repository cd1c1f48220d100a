// A small horizontal bar chart (SVG) of each case's time relative to its group's floor.
import type { GroupResult } from './harness.js';

const COLORS = { cachet: '#2563eb', floor: '#6b7280', noble: '#9ca3af', peer: '#f59e0b' } as const;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function svgChart(area: string, groups: GroupResult[]): string {
  const rows: string[] = [];
  const barHeight = 18;
  const labelWidth = 300;
  const chartWidth = 420;
  let y = 30;
  const maxRatio = Math.max(1, ...groups.flatMap((g) => g.cases.map((c) => c.ratioToFloor ?? 0)));
  const scale = (r: number) => (Math.log2(1 + r) / Math.log2(1 + maxRatio)) * chartWidth;
  for (const g of groups) {
    rows.push(`<text x="4" y="${y}" font-weight="bold">${escapeXml(g.name)}</text>`);
    y += 8;
    for (const c of g.cases) {
      y += barHeight + 4;
      const ratio = c.ratioToFloor ?? 0;
      rows.push(
        `<text x="${labelWidth - 6}" y="${y - 5}" text-anchor="end">${escapeXml(c.name)}</text>`,
        `<rect x="${labelWidth}" y="${y - barHeight}" width="${scale(ratio).toFixed(1)}" height="${barHeight}" fill="${COLORS[c.kind]}"/>`,
        `<text x="${labelWidth + scale(ratio) + 4}" y="${y - 5}">${ratio.toFixed(2)}x</text>`,
      );
    }
    y += 24;
  }
  const width = labelWidth + chartWidth + 80;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(area)}: time per operation relative to the platform floor (log scale, lower is better)</title>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="4" y="16" fill="#374151">${escapeXml(area)} — time relative to the floor (1.00x = raw platform; lower is better)</text>`,
    ...rows,
    '</svg>',
    '',
  ].join('\n');
}
