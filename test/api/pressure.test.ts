/**
 * The server under load (issue 13, item 6), over real HTTP on 127.0.0.1 (inject cannot show an
 * event loop that lags): with the load shedding on (@fastify/under-pressure), a server whose event
 * loop is blocked by synchronous work answers at once with 503, Retry-After and the API's error
 * shape, and answers normally again when the loop is free; `parley serve` stopped with SIGTERM
 * while hundreds of keep-alive clients keep it busy exits within a few seconds.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildServer } from '../../src/api/server.js';
import { projectRoot } from '../../src/pipeline/resources.js';
import { SqliteStore } from '../../src/store/sqlite.js';

const RAW = join(projectRoot, '..', 'shared', 'data', 'slavicner', 'raw');
const CLI = [process.execPath, '--import', 'tsx', join(projectRoot, 'src', 'cli', 'main.ts')];

/** A SQLite store holding n real news articles (ru, uk), spread over topics. */
function fill(path: string, n: number): void {
  const files: { lang: string; f: string }[] = [];
  for (const topic of readdirSync(RAW).sort())
    for (const lang of readdirSync(join(RAW, topic)).sort())
      for (const f of readdirSync(join(RAW, topic, lang)).sort()) files.push({ lang, f: join(RAW, topic, lang, f) });
  const step = Math.max(1, Math.floor(files.length / n));
  const store = new SqliteStore(path);
  files
    .filter((_, i) => i % step === 0)
    .slice(0, n)
    .forEach((x, i) => store.putSync({ id: `load-${i}`, lang: x.lang, text: readFileSync(x.f, 'utf8'), published: `2026-0${1 + (i % 9)}-1${i % 10}` } as never));
  store.db.close();
}

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

test('a blocked event loop: 503 with Retry-After at once, then normal answers again', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-pressure-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  fill(join(dir, 'p.db'), 20);
  const app = await buildServer({
    store: new SqliteStore(join(dir, 'p.db')),
    rateLimit: false,
    webDir: null,
    pressure: { maxEventLoopDelay: 100, sampleInterval: 50, retryAfter: 3 },
  });
  t.after(() => app.close());
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  // the loop is free (filling the store and starting the server held it: the first sample may shed)
  const answered = async () => {
    let status = 0;
    for (let i = 0; i < 40 && status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await fetch(`${base}/api/articles?limit=5`)).status;
    }
    return status;
  };
  assert.equal(await answered(), 200);

  // synchronous work that holds the loop 300 ms at a time (as a slow query on each request does)
  // (1.5 s of it: the server sheds after two samples past the limit in a row, and the sample taken in
  // the first gap may still read the free loop before it; 800 ms left that to the timers' order)
  const hog = setInterval(() => busy(300), 1);
  await new Promise((r) => setTimeout(r, 1500));
  const t0 = performance.now();
  const r = await fetch(`${base}/api/articles?limit=5`);
  const shedMs = performance.now() - t0;
  clearInterval(hog);
  assert.equal(r.status, 503);
  assert.equal(r.headers.get('retry-after'), '3');
  const body = (await r.json()) as { error: string; message: string };
  assert.equal(body.error, 'unavailable');
  assert.match(body.message, /under pressure.*retry in 3 s/);
  t.diagnostic(`shed in ${Math.round(shedMs)} ms (wall, includes the hog's 300 ms slices)`);

  // the loop is free again: answered
  assert.equal(await answered(), 200);

  // one long piece of work (an upload analysed in its handler) delays one sample only: the request
  // right after it is answered, not shed (only a sustained delay sheds). This needs a machine that
  // keeps an idle loop well inside the 100 ms limit: on one so loaded that the idle loop itself lags
  // (CPU starvation by other processes), a second late sample is the machine's, not the block's.
  const idleLagMs = async (): Promise<number> => {
    const idle = monitorEventLoopDelay({ resolution: 10 });
    idle.enable();
    await new Promise((r) => setTimeout(r, 1000));
    idle.disable();
    return idle.max / 1e6;
  };
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const done = new Promise<number>((resolve) => setTimeout(() => resolve(0), 0));
    busy(400);
    await done;
    const status = (await fetch(`${base}/api/articles?limit=5`)).status;
    if (status !== 200) {
      const lag = await idleLagMs();
      if (lag > 60) {
        t.diagnostic(`shed after one block, but the idle loop itself then lagged ${Math.round(lag)} ms (machine load): not asserted here`);
        return;
      }
    }
    assert.equal(status, 200, `after one 400 ms block (${i + 1})`);
  }
});

test('SIGTERM on a busy `parley serve` (300 keep-alive clients): exits within a few seconds', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-sigterm-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 's.db');
  fill(db, 60);
  const child = spawn(CLI[0], [...CLI.slice(1), 'serve', '--db', db, '--port', '0', '--rate-limit', '0', '--no-ui'], { stdio: ['ignore', 'ignore', 'pipe'] });
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let err = '';
  const base = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      err += d;
      const m = /at (http:\/\/\S+?)\/ /.exec(err);
      if (m) resolve(m[1].replace('localhost', '127.0.0.1'));
    });
    child.on('exit', () => reject(new Error(`serve exited: ${err}`)));
  });
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.on('exit', (code) => resolve({ code, at: performance.now() })));

  const paths = ['/api/search?q=' + encodeURIComponent('переговоры'), '/api/articles?limit=100', '/api/stats', '/api/search?q=' + encodeURIComponent('Україна')];
  let running = true;
  let answered = 0;
  const clients = Array.from({ length: 300 }, async (_, i) => {
    for (let j = 0; running; j++) {
      try {
        const r = await fetch(base + paths[(i + j) % paths.length]);
        await r.arrayBuffer();
        answered++;
      } catch {
        if (!running) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  });
  await new Promise((r) => setTimeout(r, 3000));
  assert.ok(answered > 0, 'the server answered under load before the SIGTERM');
  const t0 = performance.now();
  child.kill('SIGTERM');
  const { code, at } = await Promise.race([exited, new Promise<{ code: number | null; at: number }>((r) => setTimeout(() => r({ code: null, at: Infinity }), 20_000))]);
  running = false;
  await Promise.all(clients);
  const ms = at - t0;
  t.diagnostic(`${answered} answers in 3 s before SIGTERM; exited ${Number.isFinite(ms) ? Math.round(ms) + ' ms' : 'not within 20 s'} after it, code ${code}`);
  // close() ends every connection at once; a request still running is given 5 s, then the process
  // exits anyway. Without that the busy keep-alive clients would hold it open for as long as they
  // run. 12 s leaves room for a machine under heavy load (7.6 s seen at load 22), not for a hang.
  assert.ok(ms < 12_000, `exited ${Math.round(ms)} ms after SIGTERM`);
  assert.equal(code, 0);
});
