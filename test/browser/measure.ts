/**
 * Measures the UI (not a test: figures vary with the machine): the first load of /stories and the
 * network page on a given database. Usage:
 *   npx tsx test/browser/measure.ts --db PATH [--runs 5] [--network-query 'from=2010']
 * Starts `parley serve` on the database, drives Debian's Chromium (software WebGL: --disable-gpu),
 * prints for the first load: time to the load event and to the stories table, JavaScript bytes
 * (transferred, gzip); for the network: nodes, edges, time to the first drawn frame, the layout time
 * the page reports, and frames per second while the camera pans and zooms for 3 s.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, ROOT, freePort, requireChromium } from './harness.js';

const arg = (name: string, dflt?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const db = arg('db');
if (!db) throw new Error('--db PATH is required');
const runs = Number(arg('runs', '5'));
const netQuery = arg('network-query', '');
/** `--synthetic N`: answer /api/network with a generated graph of N actors (preferential attachment,
 *  about 2 contacts each) to measure drawing at a size the development data does not reach. */
const synthetic = Number(arg('synthetic', '0'));

function generated(n: number) {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const modes = ['call', 'meeting', 'visit', 'summit', 'talks', 'channel'];
  const statuses = ['occurred', 'occurred', 'occurred', 'planned', 'possible', 'cancelled', 'ongoing'];
  const types = ['PER', 'PER', 'PER', 'ORG', 'LOC'];
  const nodes = Array.from({ length: n }, (_, i) => ({ id: `gen:${i}`, name: `Actor ${i}`, type: types[i % types.length], claims: 0 }));
  const ends: number[] = [0];
  const seen = new Set<string>();
  const edges = [];
  for (let i = 1; i < n; i++) {
    const k = 1 + Math.floor(rnd() * 2.2);
    for (let j = 0; j < k; j++) {
      const t = ends[Math.floor(rnd() * ends.length)];
      const key = `${Math.min(i, t)}-${Math.max(i, t)}`;
      if (t === i || seen.has(key)) continue;
      seen.add(key);
      const count = 1 + Math.floor(rnd() * rnd() * 6);
      const mode = modes[Math.floor(rnd() * modes.length)];
      const status = statuses[Math.floor(rnd() * statuses.length)];
      edges.push({ source: `gen:${t}`, target: `gen:${i}`, count, claims: [], modes: { [mode]: count }, statuses: { [status]: count }, first: '2025-01-01', last: '2025-06-01' });
      ends.push(i, t);
    }
  }
  return { nodes, edges };
}

requireChromium();
const port = await freePort();
const server = spawn(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'src', 'cli', 'main.ts'), 'serve', '--db', db, '--port', String(port), '--rate-limit', '0'], {
  cwd: ROOT,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/api/health`)).ok) break;
  } catch {
    /* starting */
  }
  if (i > 300) throw new Error('server did not start');
  await new Promise((r) => setTimeout(r, 200));
}
const dir = mkdtempSync(join(tmpdir(), 'parley-measure-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  const loads: number[] = [];
  const tables: number[] = [];
  let jsBytes = 0;
  for (let r = 0; r < runs; r++) {
    // a fresh profile each run: nothing cached, as on a first visit
    const ctx = await chromium.launchPersistentContext(join(dir, `p${r}`), { executablePath: CHROMIUM, headless: true, viewport: { width: 1366, height: 800 }, args });
    const page = await ctx.newPage();
    const t0 = Date.now();
    await page.goto(`${base}/stories`, { waitUntil: 'load' });
    await page.locator('table.stories tbody tr, p.empty').first().waitFor();
    tables.push(Date.now() - t0);
    const t = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const js = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js')) as PerformanceResourceTiming[];
      return { load: n.loadEventEnd - n.startTime, js: js.reduce((a, e) => a + e.transferSize, 0) };
    });
    loads.push(Math.round(t.load));
    jsBytes = t.js;
    await ctx.close();
  }
  console.log(`first load of /stories (${runs} cold runs): load event median ${median(loads)} ms [${loads.join(', ')}], stories table shown median ${median(tables)} ms [${tables.join(', ')}], JS transferred ${(jsBytes / 1024).toFixed(1)} kB (incl. headers; the server compresses when asked)`);

  const ctx = await chromium.launchPersistentContext(join(dir, 'net'), { executablePath: CHROMIUM, headless: true, viewport: { width: 1366, height: 800 }, args });
  const page = await ctx.newPage();
  if (synthetic > 0) {
    const body = JSON.stringify(generated(synthetic));
    await page.route('**/api/network*', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
  }
  const t0 = Date.now();
  await page.goto(`${base}/network${netQuery ? `?${netQuery}` : ''}`, { waitUntil: 'load' });
  await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('.graph')?.dataset.frames ?? 0) > 0, null, { timeout: 120_000 });
  const firstFrame = Date.now() - t0;
  await page.waitForFunction(() => !/laying out/.test(document.querySelector('.stats')?.textContent ?? ''), null, { timeout: 60_000 });
  const laidOut = Date.now() - t0;
  const info = await page.evaluate(() => {
    const g = document.querySelector<HTMLElement>('.graph')!;
    return { nodes: Number(g.dataset.nodes), edges: Number(g.dataset.edges), stats: document.querySelector('.stats')?.textContent ?? '' };
  });
  // zoom in and out for 3 s: wheel events dispatched from inside the page at every animation frame
  // (no round trip to the test process per event), counting sigma's renders and the browser's frames
  const before = await page.evaluate(() => Number(document.querySelector<HTMLElement>('.graph')!.dataset.frames));
  const raf = (await page.evaluate(
    `new Promise((resolve) => {
      const el = document.querySelector('.graph .sigma-mouse') || document.querySelector('.graph canvas:last-of-type');
      const r = el.getBoundingClientRect();
      let n = 0; const end = performance.now() + 3000;
      const tick = () => {
        n++;
        el.dispatchEvent(new WheelEvent('wheel', { deltaY: (n % 40) < 20 ? -40 : 40, clientX: r.left + r.width / 2 + 50 * Math.sin(n / 10), clientY: r.top + r.height / 2, bubbles: true, cancelable: true }));
        if (performance.now() < end) requestAnimationFrame(tick); else resolve(n);
      };
      requestAnimationFrame(tick);
    })`,
  )) as number;
  const after = await page.evaluate(() => Number(document.querySelector<HTMLElement>('.graph')!.dataset.frames));
  console.log(
    `network${synthetic ? ' (generated)' : ''}: ${info.nodes} nodes, ${info.edges} edges; first frame ${firstFrame} ms after navigation, layout finished at ${laidOut} ms (${info.stats.trim()}); while zooming in and out for 3 s: ${((after - before) / 3).toFixed(1)} sigma renders/s, ${(raf / 3).toFixed(1)} browser frames/s`,
  );
  await ctx.close();
} finally {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
