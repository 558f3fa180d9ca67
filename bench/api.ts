/**
 * `npm run bench:api`: latency of the API's list routes and search at a large store.
 *
 *  1. the SlavicNER development articles (../shared/data/slavicner/raw, ru + uk) and the seeds are
 *     read and analysed by the default pipeline once;
 *  2. a SQLite store is filled to `--size` articles (default 50,000): the analysed documents and
 *     variants of them under other ids, published on other dates (spread over three years), written
 *     through the store's own `putArticle` (the corpus updaters run as on ingest);
 *  3. `parley serve` is started on that store in a child process pinned to one core (`taskset`),
 *     and this process requests each route over HTTP, one request at a time: a warm-up round, then
 *     `--rounds` (default 40) timed requests per route with varying parameters (search words drawn
 *     from the articles' own words, ru and uk, frequent and rare; date filters over the months).
 *     p50 / p95 / max wall time per route, client included (same machine, the other core), and the
 *     server's own CPU time per request (from /proc: what the route costs on a quiet core; wall times
 *     on a shared machine include waiting for the core): the mean over all requests (ticks of the
 *     whole process, as before) and the p50 / p95 of the answered (200) requests one by one, from the
 *     main thread's run time in /proc/PID/schedstat (nanoseconds; the routes run on that thread). A
 *     request shed with 503 (the load shedding of a loaded machine) costs next to nothing and is
 *     left out of those percentiles; the status counts say how many there were.
 *
 *   npm run bench:api                        the whole run (fill ~5-10 min on a quiet core)
 *   npm run bench:api -- --size 10000        a smaller store
 *   npm run bench:api -- --db PATH --keep    build (or reuse, when it holds articles) PATH and keep it
 *   npm run bench:api -- --json              machine-readable results
 *   npm run bench:api -- --no-cache          every answer computed afresh (by default a repeated
 *                                            request of an unchanged store is a cached answer)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Doc } from '../src/doc/model.js';
import { readInputs } from '../src/ingest/index.js';
import { createPipeline, projectRoot } from '../src/pipeline/index.js';
import { openStore } from '../src/store/index.js';

const SHARED = join(projectRoot, '..', 'shared');
const RAW = join(SHARED, 'data', 'slavicner', 'raw');
const SEEDS = join(SHARED, 'seeds');

function args() {
  const a = process.argv.slice(2);
  const val = (k: string) => {
    const i = a.indexOf(k);
    return i >= 0 ? a[i + 1] : undefined;
  };
  return {
    size: Number(val('--size') ?? 50000),
    rounds: Number(val('--rounds') ?? 40),
    db: val('--db'),
    keep: a.includes('--keep'),
    json: a.includes('--json'),
    /** serve with --no-cache: every answer computed afresh (the routes' own cost, not the answer cache's) */
    noCache: a.includes('--no-cache'),
  };
}

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (e.name.endsWith('.txt')) out.push(p);
  }
  return out;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const r1 = (x: number) => Math.round(x * 10) / 10;
const log = (s: string) => process.stderr.write(s + '\n');

/** A date `days` after an ISO date (or after 2024-01-01 when there is none). */
function shift(date: string | null, days: number): string {
  const base = Date.parse(date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : '2024-01-01');
  return new Date(base + days * 86400000).toISOString().slice(0, 10);
}

async function analyse(): Promise<Doc[]> {
  const pipeline = await createPipeline();
  const docs: Doc[] = [];
  const seen = new Set<string>();
  for await (const r of readInputs([...files(RAW), ...files(SEEDS)])) {
    if (!r.ok) continue;
    const doc = pipeline.analyze(r.article);
    if (seen.has(doc.id)) continue;
    seen.add(doc.id);
    docs.push(doc);
  }
  return docs;
}

async function fill(path: string, size: number): Promise<{ articles: number; fillMsPerArticle: number; words: { ru: string[]; uk: string[] } }> {
  const store = openStore(path);
  const have = (await store.stats()).articles;
  const docs = await analyse();
  log(`analysed ${docs.length} development articles`);
  // query words: the articles' own word lemmas, by language, frequent and rare
  const freq = { ru: new Map<string, number>(), uk: new Map<string, number>() };
  for (const d of docs) {
    const m = freq[d.lang as 'ru' | 'uk'];
    if (!m) continue;
    for (const t of d.layers.tokens ?? []) if (t.kind === 'word' && t.text.length >= 5 && /^[А-ЯІЇЄҐа-яіїєґё]+$/i.test(t.text)) m.set(t.text, (m.get(t.text) ?? 0) + 1);
  }
  const pick = (m: Map<string, number>) => {
    const sorted = [...m.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
    const out: string[] = [];
    for (let i = 0; out.length < 60 && i < sorted.length; i += Math.max(1, Math.floor(sorted.length / 60))) out.push(sorted[i]);
    return out;
  };
  const words = { ru: pick(freq.ru), uk: pick(freq.uk) };
  let n = have;
  const t0 = performance.now();
  if (have >= size) log(`${path} holds ${have} articles already`);
  else {
    for (let k = 0; n < size; k++) {
      for (const [i, d] of docs.entries()) {
        if (n >= size) break;
        const id = k === 0 ? d.id : `${d.id}~v${k}`;
        // variants published over three years (about 45 a day at 50,000), so date filters and the
        // newest-first order meet realistic groups
        const r = await store.putArticle(k === 0 ? d : { ...d, id, published: shift(d.published, (k * 53 + i * 7) % 1100) });
        if (r.status === 'new') n++;
      }
      log(`  ${n} articles stored (${r1((performance.now() - t0) / 1000)} s)`);
    }
  }
  const fillMs = (performance.now() - t0) / Math.max(1, n - have);
  await store.close();
  return { articles: n, fillMsPerArticle: r1(fillMs), words };
}

/** CPU time (ms) a process has used, from /proc (Linux); NaN elsewhere. */
function cpuOf(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
  } catch {
    return NaN;
  }
}

/** CPU time (ms) the main thread of a process has run, from /proc/PID/schedstat (ns); NaN elsewhere. */
function runOf(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
}

async function serve(db: string, noCache = false): Promise<{ url: string; pid: number; stop: () => void }> {
  const taskset = spawnSync('taskset', ['--version']).status === 0 ? ['taskset', '-c', String(cpus().length - 1)] : [];
  const cmd = [...taskset, process.execPath, '--import', 'tsx', join(projectRoot, 'src/cli/main.ts'), 'serve', '--db', db, '--port', '0', '--rate-limit', '0', '--no-ui', ...(noCache ? ['--no-cache'] : [])];
  const child = spawn(cmd[0], cmd.slice(1), { cwd: projectRoot, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, PARLEY_TOKEN: '', UV_THREADPOOL_SIZE: '1' } });
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d) => {
      err += d;
      const m = /serving .* at (http:\/\/\S+?)\/? /.exec(err);
      if (m) resolve(m[1]);
    });
    child.on('exit', (c) => reject(new Error(`serve exited ${c}: ${err}`)));
  });
  return { url, pid: child.pid!, stop: () => child.kill('SIGTERM') };
}

async function main() {
  const o = args();
  const dir = o.db ? null : mkdtempSync(join(tmpdir(), 'parley-bench-api-'));
  const db = o.db ?? join(dir!, 'api.db');
  try {
    const built = await fill(db, o.size);
    log(`store: ${built.articles} articles (${built.fillMsPerArticle} ms per article written)`);
    const server = await serve(db, o.noCache);
    try {
      const months = Array.from({ length: 36 }, (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
      const routes: { name: string; url: (i: number) => string }[] = [
        { name: 'articles', url: () => '/api/articles?limit=50' },
        { name: 'articles?lang', url: (i) => `/api/articles?limit=50&lang=${i % 2 ? 'ru' : 'uk'}` },
        { name: 'articles?from&to', url: (i) => `/api/articles?limit=50&from=${months[i % 36]}&to=${months[i % 36]}` },
        { name: 'articles page 20', url: () => `/api/articles?limit=50&cursor=${Buffer.from(JSON.stringify({ o: 950 })).toString('base64url')}` },
        { name: 'entities', url: () => '/api/entities?limit=50' },
        { name: 'entities?type', url: (i) => `/api/entities?limit=50&type=${['PER', 'ORG', 'LOC'][i % 3]}` },
        { name: 'quotes', url: () => '/api/quotes?limit=50' },
        { name: 'quotes?lang', url: (i) => `/api/quotes?limit=50&lang=${i % 2 ? 'ru' : 'uk'}` },
        { name: 'events', url: () => '/api/events?limit=50' },
        { name: 'events?type&status', url: (i) => `/api/events?limit=50&type=CONSULT&status=${['occurred', 'planned', 'possible'][i % 3]}` },
        { name: 'claims', url: () => '/api/claims?limit=50' },
        { name: 'stories', url: () => '/api/stories?limit=50' },
        { name: 'actors', url: () => '/api/actors?limit=50' },
        { name: 'search (ru)', url: (i) => `/api/search?q=${encodeURIComponent(built.words.ru[i % built.words.ru.length])}&limit=20` },
        { name: 'search (uk)', url: (i) => `/api/search?q=${encodeURIComponent(built.words.uk[i % built.words.uk.length])}&limit=20` },
        { name: 'search 2 words', url: (i) => `/api/search?q=${encodeURIComponent(built.words.ru[i % 60] + ' ' + built.words.ru[(i * 7 + 3) % 60])}&limit=20` },
        { name: 'search + filters', url: (i) => `/api/search?q=${encodeURIComponent(built.words.ru[i % 60])}&lang=ru&from=${months[i % 24]}&limit=20` },
      ];
      const results: Record<
        string,
        { p50: number; p95: number; max: number; n: number; serverCpuMs: number; cpu200: { p50: number; p95: number; max: number; n: number }; status: Record<number, number> }
      > = {};
      for (const r of routes) {
        await fetch(server.url + r.url(0)).then((x) => x.arrayBuffer()); // warm-up
        const times: number[] = [];
        const cpu: number[] = [];
        const status: Record<number, number> = {};
        const cpu0 = cpuOf(server.pid);
        for (let i = 0; i < o.rounds; i++) {
          const t = performance.now();
          const run0 = runOf(server.pid);
          const res = await fetch(server.url + r.url(i));
          await res.arrayBuffer();
          times.push(performance.now() - t);
          if (res.status === 200) cpu.push(runOf(server.pid) - run0);
          status[res.status] = (status[res.status] ?? 0) + 1;
        }
        const serverCpuMs = r1((cpuOf(server.pid) - cpu0) / Math.max(1, times.length));
        const cpu200 = { p50: r1(pct(cpu, 50)), p95: r1(pct(cpu, 95)), max: r1(cpu.length ? Math.max(...cpu) : NaN), n: cpu.length };
        results[r.name] = { p50: r1(pct(times, 50)), p95: r1(pct(times, 95)), max: r1(Math.max(...times)), n: times.length, serverCpuMs, cpu200, status };
        log(
          `${r.name.padEnd(20)} p50 ${String(results[r.name].p50).padStart(7)} ms  p95 ${String(results[r.name].p95).padStart(7)} ms  max ${String(results[r.name].max).padStart(7)} ms  server CPU ${String(serverCpuMs).padStart(6)} ms/request, answered p50 ${String(cpu200.p50).padStart(6)} p95 ${String(cpu200.p95).padStart(6)} ms  ${JSON.stringify(status)}`,
        );
      }
      // wall times on a shared machine include waiting for the core: the load says how much
      const load = loadavg().map(r1);
      log(`machine load (1, 5, 15 min) ${load.join(', ')} on ${cpus().length} cores`);
      const out = { articles: built.articles, rounds: o.rounds, cache: !o.noCache, server: 'parley serve, one core (taskset), over HTTP on localhost', load, cores: cpus().length, routes: results };
      if (o.json) process.stdout.write(JSON.stringify(out) + '\n');
    } finally {
      server.stop();
    }
  } finally {
    if (dir && !o.keep) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`bench:api: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
