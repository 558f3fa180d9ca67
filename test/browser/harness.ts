/**
 * The browser tests' world: a real `parley serve` over a database ingested from samples/ and the
 * seeds (plus one hostile article and one reprint), and Debian's Chromium driven by playwright-core. Nothing is
 * mocked: the pages talk to the real API over HTTP.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const SHARED = join(ROOT, '..', 'shared');
export const RESULTS = join(ROOT, 'test-results');
export const TOKEN = 'browser-test-token-0123456789';
const CLI = [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'src', 'cli', 'main.ts')];

export const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';

/** An article whose title, body and URL carry markup and script: it must show as plain text. */
export const HOSTILE = {
  id: 'hostile-markup-test',
  url: 'javascript:window.__pwned=1',
  published: '2025-03-01',
  lang: 'ru',
  outlet: '<b>Evil</b> Outlet',
  // the ingest keeps only the text of a title's markup; what is left must still render as text
  title: 'Переговоры javascript:window.__pwned=7 onerror="window.__pwned=2" <img src=x onerror="window.__pwned=8"> <script>window.__pwned=3</script>',
  text:
    'Министр иностранных дел России Сергей Лавров провел в Москве переговоры с госсекретарем США Марко Рубио. ' +
    '<script>window.__pwned=4</script> Об этом сообщило агентство <a href="javascript:window.__pwned=5">ТАСС</a>. ' +
    '<img src=x onerror="window.__pwned=6"> Стороны обсудили подготовку встречи президентов.',
};

/**
 * An edited reprint of a sample article, as a second outlet republishes a wire story a day later
 * (its own dateline, the last paragraph dropped): the corpus marks it a near-duplicate (copyOf) and
 * the claim page folds its reports under the original's.
 */
export const REPRINT_ID = 'reprint-riyadh-talks';
export const REPRINT_OUTLET = 'Reprint Daily';
function reprintOf(file: string) {
  const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split('\n');
  const title = lines[0].trim().replace(/^date \S+ /, '');
  const paras = lines.slice(1).join('\n').trim().split(/\n\s*\n/);
  const text = paras.slice(0, -1).join('\n\n').replace(/^(\S+), (\d+ \S+) — Parley sample\./, '$1, $2.');
  return { id: REPRINT_ID, published: '2025-02-19', lang: 'ru', outlet: REPRINT_OUTLET, title, text };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface World {
  base: string;
  dir: string;
  server: ChildProcess;
  context: BrowserContext;
  serverLog: () => string;
  close(): Promise<void>;
}

export function requireChromium(): void {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM} (Debian: apt-get install chromium; .ci/run installs it; PARLEY_CHROMIUM=PATH points elsewhere). Not skipping: the UI would go untested.`,
    );
  if (!existsSync(join(ROOT, 'web', 'dist', 'index.html'))) throw new Error('web/dist is not built: run `npm run build:web` (npm install does it)');
}

export async function startWorld(): Promise<World> {
  requireChromium();
  const dir = mkdtempSync(join(tmpdir(), 'parley-browser-'));
  const db = join(dir, 'ui.db');
  const hostile = join(dir, 'extra.jsonl');
  writeFileSync(hostile, JSON.stringify(HOSTILE) + '\n' + JSON.stringify(reprintOf(join(ROOT, 'samples', 'ru-2025-02-18-riyadh-talks.txt'))) + '\n');
  const ing = spawnSync(process.execPath, [...CLI, 'ingest', join(ROOT, 'samples'), join(SHARED, 'seeds'), hostile, '--db', db, '--no-progress'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (ing.status !== 0) throw new Error(`ingest failed (${ing.status}): ${ing.stderr}`);
  const port = await freePort();
  const server = spawn(process.execPath, [...CLI, 'serve', '--db', db, '--port', String(port), '--host', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, PARLEY_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stdout!.on('data', (d) => (log += d));
  server.stderr!.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    if (server.exitCode !== null) throw new Error(`parley serve exited ${server.exitCode}: ${log}`);
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() - t0 > 60_000) throw new Error(`parley serve did not answer in 60 s: ${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  // a fresh profile per run (playwright passes it as --user-data-dir)
  const profile = join(dir, 'profile');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'en-GB',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(RESULTS, { recursive: true });
  return {
    base,
    dir,
    server,
    context,
    serverLog: () => log,
    async close() {
      await context.close().catch(() => undefined);
      server.kill('SIGTERM');
      await new Promise((r) => (server.exitCode !== null ? r(null) : server.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new page that records console errors, page errors and dialogs (none may happen). */
export async function openPage(w: World): Promise<{ page: Page; problems: string[] }> {
  const page = await w.context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return { page, problems };
}

export async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  // a full-page shot of a scrolled page would draw the sticky header over the middle of it
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage });
}
