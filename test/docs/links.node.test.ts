// Every relative link in README.md, CHANGELOG.md and docs/*.md points at a file that
// exists, and every #anchor at a heading (GitHub's slug of its text) or an explicit
// `<a id="…">` in the target file. Links inside code are not links and are skipped.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './snippets.js';

const files = [
  'README.md',
  'CHANGELOG.md',
  ...readdirSync(resolve(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** The text outside fenced code blocks and inline code spans, with line breaks kept. */
function prose(text: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return text
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, blank)
    .replace(/(`+)[^`\n][\s\S]*?\1/g, blank)
    .replace(/<!--[\s\S]*?-->/g, blank);
}

/** GitHub's heading anchor (github-slugger): lower case, punctuation dropped, spaces to `-`. */
function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .replace(/<[^>]+>/g, '') // inline HTML
    .replace(/[*_~`]/g, (c) => (c === '_' ? c : '')); // emphasis and code markers
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(file: string): Set<string> {
  const text = prose(readFileSync(file, 'utf8'));
  const out = new Set<string>();
  const seen = new Map<string, number>();
  for (const m of text.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = slug(m[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  for (const m of readFileSync(file, 'utf8').matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) {
    out.add(m[1]!);
  }
  return out;
}

interface Link {
  line: number;
  target: string;
}

function linksOf(file: string): Link[] {
  const text = prose(readFileSync(resolve(root, file), 'utf8'));
  const out: Link[] = [];
  const line = (index: number) => text.slice(0, index).split('\n').length;
  for (const m of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    out.push({ line: line(m.index), target: m[1]! });
  }
  for (const m of text.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)) {
    out.push({ line: line(m.index), target: m[1]! });
  }
  for (const m of text.matchAll(/<a\s[^>]*href="([^"]+)"/g)) {
    out.push({ line: line(m.index), target: m[1]! });
  }
  return out;
}

/** Why a link is broken, or undefined. */
function problem(file: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined; // https:, mailto:
  const [path = '', anchor] = target.split('#', 2) as [string, string | undefined];
  const from = resolve(root, file);
  const to = path === '' ? from : resolve(dirname(from), decodeURIComponent(path));
  if (!to.startsWith(root)) return `${path} is outside the repository`;
  if (!existsSync(to)) return `${relative(root, to)} does not exist`;
  if (anchor === undefined) return undefined;
  if (!statSync(to).isFile() || !to.endsWith('.md'))
    return `#${anchor} on a file that is not markdown`;
  return anchorsOf(to).has(decodeURIComponent(anchor))
    ? undefined
    : `#${anchor} is not a heading or an <a id> of ${relative(root, to)}`;
}

it('the slugs follow GitHub', () => {
  expect(slug('Keys and keyrings: `cachet/keys`')).toBe('keys-and-keyrings-cachetkeys');
  expect(slug('Key commitment (on by default)')).toBe('key-commitment-on-by-default');
  expect(slug('Ed25519 or ECDSA?')).toBe('ed25519-or-ecdsa');
  expect(slug('RSA keys: `verifyAsync`')).toBe('rsa-keys-verifyasync');
  expect(slug('Envelopes, fields or aead?')).toBe('envelopes-fields-or-aead');
  expect(slug('snake_case and [a link](x.md)')).toBe('snake_case-and-a-link');
});

describe.each(files)('%s', (file) => {
  it('every relative link and #anchor resolves', () => {
    const broken = linksOf(file)
      .map((l) => ({ ...l, why: problem(file, l.target) }))
      .filter((l) => l.why)
      .map((l) => `${file}:${l.line}: ${l.target}: ${l.why}`);
    expect(broken).toEqual([]);
  });
});

it('every guide in docs/ is linked from docs/README.md, and docs/README.md from README.md', () => {
  const index = linksOf('docs/README.md').map((l) => l.target.split('#')[0]);
  const guides = files.filter((f) => f.startsWith('docs/') && f !== 'docs/README.md');
  expect(guides.filter((g) => !index.includes(g.slice('docs/'.length)))).toEqual([]);
  expect(linksOf('README.md').map((l) => l.target)).toContain('docs/README.md');
});

it('every docs/*.md#anchor named in the source, tests, bench and demo resolves', () => {
  const broken: string[] = [];
  const walk = (dir: string): string[] =>
    readdirSync(resolve(root, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory()
        ? e.name.startsWith('.') || e.name === 'node_modules'
          ? []
          : walk(`${dir}/${e.name}`)
        : e.name.endsWith('.ts')
          ? [`${dir}/${e.name}`]
          : [],
    );
  // src/cli names docs/cli.md, the CLI guide that lands with the full CLI (issue 12).
  const pending = new Set(['docs/cli.md']);
  for (const file of ['src', 'test', 'bench', 'demo', 'scripts'].flatMap(walk)) {
    const text = readFileSync(resolve(root, file), 'utf8');
    for (const m of text.matchAll(/\bdocs\/([a-z0-9-]+\.md)(#[a-z0-9-]+)?/g)) {
      if (pending.has(`docs/${m[1]}`) && !existsSync(resolve(root, 'docs', m[1]!))) continue;
      const why = problem('docs/README.md', `${m[1]}${m[2] ?? ''}`);
      if (why) broken.push(`${file}: docs/${m[1]}${m[2] ?? ''}: ${why}`);
    }
  }
  expect(broken).toEqual([]);
});
