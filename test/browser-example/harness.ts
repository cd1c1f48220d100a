// Builds examples/browser with Vite into a temporary directory, serves it from a node:http
// static server on 127.0.0.1 (port 0), and opens it in Debian's Chromium through
// Playwright. Every request the page makes is recorded, so a test can prove it made none
// beyond its own files.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright';
import { build, type Rolldown } from 'vite';

export const repoRoot: string = resolve(import.meta.dirname, '../..');
export const exampleRoot: string = resolve(repoRoot, 'examples/browser');

export interface BuiltChunk {
  fileName: string;
  isEntry: boolean;
  isDynamicEntry: boolean;
  /** Absolute ids of the modules bundled in the chunk. */
  moduleIds: string[];
}

export interface ExamplePage {
  page: Page;
  url: string;
  chunks: BuiltChunk[];
  /** Every URL the page requested (documents, scripts, styles, fetches...). */
  requests: string[];
  /** Console errors (CSP violations among them) and uncaught page errors. */
  errors: string[];
  close(): Promise<void>;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** `vite build` of the example, exactly as `npm run example:browser` does, into `outDir`. */
async function buildPage(outDir: string): Promise<BuiltChunk[]> {
  const result = await build({
    root: exampleRoot,
    configFile: resolve(exampleRoot, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  return outputs.flatMap((o) =>
    o.output.flatMap((c) =>
      c.type === 'chunk'
        ? [
            {
              fileName: c.fileName,
              isEntry: c.isEntry,
              isDynamicEntry: c.isDynamicEntry,
              moduleIds: [...c.moduleIds],
            },
          ]
        : [],
    ),
  );
}

function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname; // percent-escapes stay: no file has one
    const file = resolve(dir, `.${path === '/' ? '/index.html' : path}`);
    if (!file.startsWith(dir + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

/** Builds, serves and opens the example page; `close()` undoes all three. */
export async function openExamplePage(): Promise<ExamplePage> {
  const outDir = mkdtempSync(join(tmpdir(), 'cachet-example-'));
  let server: Server | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    rmSync(outDir, { recursive: true, force: true });
  };
  try {
    const chunks = await buildPage(outDir);
    server = await serve(outDir);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1000, height: 900 },
    });
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]');
    return { page, url, chunks, requests, errors, close };
  } catch (error) {
    await close();
    throw error;
  }
}
