/**
 * `npm run bench:scale`: ingest N articles into SQLite (one `parley ingest` process) and into
 * PostgreSQL through the shared queue (`parley ingest --queue`, then 1, 2 and 4 `parley worker`
 * processes at once), and print for each: articles/s, bytes per article, search and claims
 * latency (p50/p95).
 *
 * Articles: distinct variants of the SlavicNER development texts (../shared/data/slavicner/raw,
 * 898 ru/uk news texts): variant k of text i is text i followed by one paragraph of text i+k+1,
 * under its own id, an outlet of 20 and a date spread over 24 months, written as JSON Lines.
 * Everything runs through the real CLI in separate processes, as a deployment runs it.
 *
 * Measures:
 *  - articles/s: stored articles over the time between the first and the last store (from the
 *    articles' `ingested_at`), so process start-up and pipeline loading are not counted; the wall
 *    time including them is printed too.
 *  - bytes/article: SQLite file size (after a WAL checkpoint) / N; PostgreSQL: the Parley tables
 *    with their indexes and TOAST (pg_total_relation_size; the queue's tables not counted) / N.
 *  - search: 150 one- and two-word queries from the texts' words (limit 20, lemmatised as the CLI
 *    does); claims: the first page (50) of `listClaims`, unfiltered and per actor. 20 warm-up
 *    queries first; p50/p95 of the rest.
 *
 *  - where the time goes (PostgreSQL): the workers' wall ms per article in fetch, analyse, store
 *    (rows, corpus update under the corpus lock, commit) and complete; the CPU ms per article of the
 *    workers (all threads) and of PostgreSQL (the database's backends and the WAL writer,
 *    checkpointer, background writer), from /proc; the machine's idle share; `steady`: rate and CPU
 *    per article from a quarter of the articles on (no start-up or warm-up); a digest of what was
 *    stored (articles, entity totals, stories, claims, near-duplicates by article ids) to compare
 *    1 worker with 2.
 *  - search and claims latencies on PostgreSQL also as CPU time (the bench process plus the backend
 *    answering, /proc/PID/schedstat), which the machine's load does not inflate.
 *
 *   npm run bench:scale                       N = 2000, configurations sqlite,pg1,pg2,pg4
 *   npm run bench:scale -- --sizes 10000,100000 --configs sqlite,pg1,pg2
 *   npm run bench:scale -- --json
 *   npm run bench:scale -- --sizes 100000 --configs pg2 --checkpoints 10000,50000 --log samples.jsonl
 *       (workers paused at 10,000 and 50,000 stored for the latencies; rate and CPU per stretch)
 *   npm run bench:scale -- --query-only postgres://…/db   (latencies on a database as it is)
 *   --nice N: the workers and their backends at nice N (root; on a shared machine, -10 gives them
 *   most of the CPU: say so beside the figures); --no-queries: ingest figures only;
 *   PARLEY_BENCH_KEEP=1 keeps the databases.
 * PostgreSQL: $PARLEY_BENCH_PG or $PARLEY_TEST_PG (a role that may create databases), else the
 * local test cluster of scripts/pg-start.sh.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { listClaims } from '../src/corpus/index.js';
import { createPipeline, projectRoot } from '../src/pipeline/index.js';
import { morphLemmatizer } from '../src/store/lemmatizer.js';
import { PostgresStore } from '../src/store/postgres.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { Lemmatizer, Store } from '../src/store/types.js';

const RAW = join(projectRoot, '..', 'shared', 'data', 'slavicner', 'raw');
const CLI = join(projectRoot, 'src', 'cli', 'main.ts');

function argv() {
  const a = process.argv.slice(2);
  const val = (k: string) => {
    const i = a.indexOf(k);
    return i >= 0 ? a[i + 1] : undefined;
  };
  return {
    sizes: (val('--sizes') ?? '2000').split(',').map(Number),
    configs: (val('--configs') ?? 'sqlite,pg1,pg2,pg4').split(','),
    json: a.includes('--json'),
    /** ingest figures only (no search and claims latencies) */
    noQueries: a.includes('--no-queries'),
    /**
     * PostgreSQL: stored-article counts at which the workers are paused (SIGSTOP) while search and
     * claims latencies are measured, then resumed; the ingest rate and CPU per article are given for
     * each stretch between two checkpoints (e.g. 10000,100000: the rate at 10,000 and at 100,000)
     */
    checkpoints: (val('--checkpoints') ?? '').split(',').filter(Boolean).map(Number),
    /** nice value for the workers and the database's PostgreSQL backends (negative: ahead of other work; needs root) */
    nice: Number(val('--nice') ?? 0),
    /** only search and claims latencies, on this PostgreSQL database as it is */
    queryOnly: val('--query-only'),
    /** JSON Lines file for the samples taken every 5 s (count, CPU, load) */
    log: val('--log'),
  };
}

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (e.name.endsWith('.txt')) out.push(p);
  }
  return out;
}

const OUTLETS = Array.from({ length: 20 }, (_, i) => `Outlet ${String.fromCharCode(65 + i)}`);

/** N distinct articles as JSON Lines. */
function writeArticles(path: string, n: number): string[] {
  const texts = files(RAW).map((f) => readFileSync(f, 'utf8').trim());
  const paras = texts.map((t) => t.split(/\n\s*\n|\n/).filter((p) => p.trim().length > 40));
  const lines: string[] = [];
  const words: string[] = [];
  const day0 = Date.UTC(2024, 0, 1);
  for (let j = 0; j < n; j++) {
    const i = j % texts.length;
    const k = Math.floor(j / texts.length);
    const other = paras[(i + k + 1) % texts.length];
    const extra = k > 0 && other.length ? '\n\n' + other[k % other.length] : '';
    const published = new Date(day0 + ((j * 7919) % 730) * 86400000).toISOString().slice(0, 10);
    lines.push(JSON.stringify({ id: `bench-${k}-${i}`, published, outlet: OUTLETS[j % OUTLETS.length], title: null, text: texts[i] + extra }));
    if (j < texts.length) for (const m of texts[i].matchAll(/[\p{Lu}][\p{Ll}]{4,}|[\p{Ll}]{6,}/gu)) words.push(m[0]);
  }
  writeFileSync(path, lines.join('\n') + '\n');
  return words;
}

/** 150 queries: one word, or two words of the same text, spread over the vocabulary. */
function queriesFrom(words: string[]): string[] {
  const qs: string[] = [];
  const step = Math.max(1, Math.floor(words.length / 170));
  for (let i = 0; qs.length < 170 && i < words.length; i += step) qs.push(i % 3 === 0 && words[i + 1] ? `${words[i]} ${words[i + 1]}` : words[i]);
  return qs;
}

/** CPU ms of a process and its waited-for children (utime + stime + cutime + cstime from /proc). */
function cpuOf(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

/**
 * Runs the CLI in a child process; its CPU time is sampled from /proc every 200 ms (the last sample
 * before it exits: at most 0.2 s of CPU is missed).
 */
function spawnParley(
  args: string[],
  quiet = true,
  nice = 0,
  onSpawn?: (p: ChildProcess) => void,
): Promise<{ code: number | null; cpuMs: number; err: string; out: string }> {
  const cmd = [process.execPath, '--import', 'tsx', CLI, ...args];
  // under nice(1) every thread of the process (analysis threads, libuv's) starts with the value
  const p: ChildProcess = spawn(nice ? 'nice' : cmd[0], nice ? ['-n', String(nice), ...cmd] : cmd.slice(1), { cwd: projectRoot, stdio: ['ignore', 'pipe', quiet ? 'pipe' : 'inherit'] });
  onSpawn?.(p);
  let cpuMs = 0;
  let err = '';
  let out = '';
  p.stderr?.on('data', (d) => {
    if (err.length < 100000) err += d;
  });
  p.stdout?.on('data', (d) => {
    if (out.length < 100000) out += d;
  });
  const timer = setInterval(() => {
    const c = cpuOf(p.pid!);
    if (Number.isFinite(c)) cpuMs = c;
  }, 200);
  return new Promise((resolve) =>
    p.on('exit', (code) => {
      clearInterval(timer);
      resolve({ code, cpuMs, err, out });
    }),
  );
}

/** CPU ms of the machine from /proc/stat: busy (all but idle and iowait) and idle, over all cores. */
function machineCpu(): { busy: number; idle: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + f[4];
  const all = f.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: ((all - idle) * 1000) / 100, idle: (idle * 1000) / 100 };
}

/**
 * CPU of the PostgreSQL server on behalf of one database: the backends serving it (their command
 * line names the database) and the server's shared processes (WAL writer, checkpointer, background
 * writer), sampled from /proc every 200 ms; a backend's last sample before it exits counts.
 */
class PgCpu {
  private readonly last = new Map<number, number>();
  private readonly base = new Map<number, number>();
  private timer: NodeJS.Timeout;
  constructor(
    private readonly db: string,
    private readonly nice = 0,
    every = 200,
  ) {
    this.sample(true);
    this.timer = setInterval(() => this.sample(false), every);
  }
  private sample(first: boolean) {
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      let cmd: string;
      try {
        cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      if (!cmd.startsWith('postgres: ')) continue;
      const shared = /^postgres: (walwriter|checkpointer|background writer|autovacuum)/.test(cmd);
      if (!shared && !cmd.includes(` ${this.db} `)) continue;
      const pid = Number(d);
      const c = cpuOf(pid);
      if (!Number.isFinite(c)) continue;
      if (first || (shared && !this.base.has(pid) && !this.last.has(pid))) this.base.set(pid, first ? c : 0);
      if (this.nice && !shared && !this.last.has(pid)) {
        try {
          setPriority(pid, this.nice);
        } catch {
          // gone already
        }
      }
      this.last.set(pid, c);
    }
  }
  /** CPU ms since the start */
  stop(): number {
    clearInterval(this.timer);
    return this.now();
  }
  now(): number {
    this.sample(false);
    let ms = 0;
    for (const [pid, c] of this.last) ms += c - (this.base.get(pid) ?? 0);
    return ms;
  }
}

function parley(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: projectRoot, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function pgServer(): string {
  const env = process.env.PARLEY_BENCH_PG?.trim() || process.env.PARLEY_TEST_PG?.trim();
  if (env) return env;
  return execFileSync(join(projectRoot, 'scripts', 'pg-start.sh'), { encoding: 'utf8' }).trim().split('\n').pop()!;
}

async function admin(server: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

type Lat = { p50: number; p95: number; cpuP50?: number; cpuP95?: number };

/** CPU ms on the clock of a thread (/proc/PID/schedstat, nanoseconds: fine enough for one query) */
function schedMs(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
}

/**
 * Wall-clock p50/p95 of fn; with `cpu` (a CPU clock in ms: this process and the database backend
 * that answers), also the CPU time of each call, which the machine's load does not inflate.
 */
async function latencies(fn: (i: number) => Promise<unknown>, n: number, cpu?: () => number): Promise<Lat> {
  for (let i = 0; i < 20; i++) await fn(i);
  const ms: number[] = [];
  const cms: number[] = [];
  for (let i = 20; i < n; i++) {
    const c = cpu?.() ?? 0;
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
    if (cpu) cms.push(cpu() - c);
  }
  return { p50: r1(pct(ms, 50)), p95: r1(pct(ms, 95)), ...(cpu ? { cpuP50: r1(pct(cms, 50)), cpuP95: r1(pct(cms, 95)) } : {}) };
}

interface Result {
  config: string;
  n: number;
  stored: number;
  articlesPerSec: number;
  wallSec: number;
  bytesPerArticle: number;
  search: Lat;
  claims: Lat | null;
  /** CPU ms per stored article, summed over the ingesting processes (start-up and pipeline loading included) */
  cpuMsPerArticle: number;
  /** load average (1 min) when the configuration ended */
  load: number;
  /** sampled every 2 s from a quarter of the articles stored to the last sample before the workers ended: rate, CPU ms per article (workers, PostgreSQL), load */
  steady?: { articlesPerSec: number; workerCpuMs: number; pgCpuMs: number; load: number } | null;
  /** digests of what was stored (articles, entity totals, stories, claims, near-duplicates by article ids) */
  fingerprint?: Record<string, string | number>;
  /** the workers' CPU ms per stored article from their first job on (no start-up or pipeline loading) */
  workerJobCpuMsPerArticle?: number;
  enqueueSec?: number;
  stretches?: Stretch[];
  /** PostgreSQL's CPU ms per stored article (the database's backends and the shared WAL/checkpoint processes) */
  pgCpuMsPerArticle?: number;
  /** the whole machine over the ingest: busy CPU ms per stored article, % of CPU idle */
  machine?: { busyMsPerArticle: number; idleShare: number };
  /** workers' wall ms per stored article in each part (fetch, analyze, store: rows, lock wait, corpus, commit; complete) */
  msPerArticle?: Record<string, number>;
}

/** Rate between the first and the last stored article. */
function rateOf(times: number[]): number {
  if (times.length < 2) return NaN;
  const lo = Math.min(...times);
  const hi = Math.max(...times);
  return r1((times.length - 1) / ((hi - lo) / 1000));
}

async function queryFigures(store: Store, queries: string[], withClaims: boolean) {
  if (!queries.length) return { search: { p50: NaN, p95: NaN } as Lat, claims: null };
  // PostgreSQL: one connection, so that the backend answering every query is known and its CPU counted
  let cpu: (() => number) | undefined;
  if (store instanceof PostgresStore) {
    const pid = Number((await store.pool.query('SELECT pg_backend_pid() AS p')).rows[0].p);
    const own = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    if (Number.isFinite(schedMs(pid))) cpu = () => own() + schedMs(pid);
  }
  const search = await latencies((i) => store.search({ text: queries[i % queries.length], limit: 20 }), queries.length, cpu);
  let claims: Lat | null = null;
  if (withClaims && store.corpus) {
    const actors: string[] = [];
    for await (const a of store.corpus.actorIds(40)) actors.push(a);
    claims = await latencies(
      async (i) => {
        const q = i % 2 === 0 || !actors.length ? { limit: 50 } : { actor: actors[i % actors.length], limit: 50 };
        let k = 0;
        for await (const _ of listClaims(store, q)) if (++k >= 50) break;
      },
      120,
      cpu,
    );
  }
  return { search, claims };
}

/** `--query-only URL`: search and claims latencies (wall and CPU) on a PostgreSQL database as it is now. */
async function queryOnly(url: string, lemmatizer: Lemmatizer, dir: string): Promise<void> {
  const queries = queriesFrom(writeArticles(join(dir, 'q.jsonl'), 898));
  const store = await new PostgresStore(url, { lemmatizer, poolSize: 1, readonly: true }).open();
  try {
    const n = Number((await store.pool.query('SELECT count(*)::int AS n FROM articles')).rows[0].n);
    await store.pool.query('ANALYZE');
    const figs = await queryFigures(store, queries, true);
    console.log(JSON.stringify({ stored: n, ...figs, load: loadavg().map(r1) }));
  } finally {
    await store.close();
  }
}

async function runSqlite(dir: string, jsonl: string, n: number, queries: string[], lemmatizer: Lemmatizer): Promise<Result> {
  const file = join(dir, `scale-${n}.db`);
  const t0 = performance.now();
  const r = await spawnParley(['ingest', '--db', file, '--no-progress', '--json', jsonl]);
  const wallSec = r1((performance.now() - t0) / 1000);
  if (r.code !== 0 && r.code !== 1) throw new Error(`sqlite ingest failed (${r.code}): ${r.err.slice(-2000)}`);
  const store = new SqliteStore(file, { lemmatizer });
  try {
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const times = (store.db.prepare('SELECT ingested_at FROM articles').all() as { ingested_at: string }[]).map((x) => Date.parse(x.ingested_at));
    const bytes = statSync(file).size;
    const q = await queryFigures(store, queries, true);
    return { config: 'sqlite', n, stored: times.length, articlesPerSec: rateOf(times), wallSec, bytesPerArticle: Math.round(bytes / times.length), ...q, cpuMsPerArticle: r1(r.cpuMs / times.length), load: r1(loadavg()[0]) };
  } finally {
    await store.close();
    rmSync(file, { force: true });
  }
}

interface Stretch {
  /** stored articles at the start and at the end of the stretch */
  from: number;
  to: number;
  articlesPerSec: number;
  /** CPU ms per stored article in the stretch: workers (all threads), PostgreSQL (the database's backends, WAL, checkpoints) */
  workerCpuMs: number;
  pgCpuMs: number;
  /** mean load average (1 min) over the stretch */
  load: number;
  /** search and claims latencies with the workers paused at the stretch's end */
  search?: Lat;
  claims?: Lat | null;
}

interface RunOptions {
  checkpoints: number[];
  nice: number;
  log?: string;
}

async function runPostgres(server: string, workers: number, jsonl: string, n: number, queries: string[], lemmatizer: Lemmatizer, ro: RunOptions): Promise<Result> {
  const name = `parley_scale_${n}_${workers}_${Date.now().toString(36)}`;
  await admin(server, `CREATE DATABASE ${name}`);
  const u = new URL(server);
  u.pathname = '/' + name;
  const url = u.toString();
  try {
    const tq = performance.now();
    const q = parley(['ingest', '--queue', '--db', url, '--json', jsonl]);
    if (q.code !== 0 && q.code !== 1) throw new Error(`enqueue failed (${q.code}): ${q.err.slice(-2000)}`);
    const enqueueSec = r1((performance.now() - tq) / 1000);
    const t0 = performance.now();
    const m0 = machineCpu();
    const pgCpu = new PgCpu(name, ro.nice, ro.checkpoints.length ? 1000 : 200);
    const children: ChildProcess[] = [];
    const running = Promise.all(
      Array.from({ length: workers }, () => spawnParley(['worker', '--db', url, '--quiet', '--json', '--idle-exit', '3'], false, ro.nice, (p) => children.push(p))),
    );
    // samples every 5 s: stored count, CPU of the workers and of PostgreSQL, load; paused at checkpoints
    const stretches: Stretch[] = [];
    // from the first sample with a quarter of the articles stored to the last sample before the workers ended (no start-up, warm-up or idle exit)
    let steady: { articlesPerSec: number; workerCpuMs: number; pgCpuMs: number; load: number } | null = null;
    let ended = false;
    void running.finally(() => (ended = true));
    const watcher = (async () => {
      const c = new pg.Client({ connectionString: url, application_name: 'parley-bench' });
      await c.connect();
      try {
        const sample = async () => ({
          t: performance.now(),
          // the workers create the tables when they open the store
          n: (await c.query(`SELECT to_regclass('articles') AS t`)).rows[0].t ? Number((await c.query('SELECT count(*)::int AS n FROM articles')).rows[0].n) : 0,
          // a worker that has exited reads as NaN: the sample is then no use for the steady figures
          wcpu: children.reduce((a, p) => a + cpuOf(p.pid!), 0),
          pgcpu: pgCpu.now(),
          load: loadavg()[0],
        });
        let prev = await sample();
        let loads: number[] = [];
        let first: Awaited<ReturnType<typeof sample>> | null = null;
        let paused = 0;
        const cps = [...ro.checkpoints].sort((a, b) => a - b);
        while (!ended) {
          await new Promise((r) => setTimeout(r, ro.checkpoints.length ? 5000 : 2000));
          if (ended) break;
          const cur = await sample();
          // past the first quarter: the workers' compilation warm-up (per process) is behind them
          if (cur.n >= n / 4) {
            first ??= cur;
            if (cur.n > first.n && Number.isFinite(cur.wcpu))
              steady = {
                articlesPerSec: r1((cur.n - first.n) / ((cur.t - first.t) / 1000)),
                workerCpuMs: r1((cur.wcpu - first.wcpu) / (cur.n - first.n)),
                pgCpuMs: r1((cur.pgcpu - first.pgcpu) / (cur.n - first.n)),
                load: r1(cur.load),
              };
          }
          // the first stretch starts at the first stored article (not with the workers' start-up)
          if (prev.n === 0) {
            prev = cur;
            continue;
          }
          loads.push(cur.load);
          if (ro.log) appendFileSync(ro.log, JSON.stringify({ db: name, sec: r1((cur.t - t0) / 1000), stored: cur.n, workerCpuMs: Math.round(cur.wcpu), pgCpuMs: Math.round(cur.pgcpu), load: r1(cur.load) }) + '\n');
          if (cps.length && cur.n >= cps[0]) {
            const k = cps.shift()!;
            const st: Stretch = {
              from: prev.n,
              to: cur.n,
              articlesPerSec: r1((cur.n - prev.n) / ((cur.t - prev.t - paused) / 1000)),
              workerCpuMs: r1((cur.wcpu - prev.wcpu) / (cur.n - prev.n)),
              pgCpuMs: r1((cur.pgcpu - prev.pgcpu) / (cur.n - prev.n)),
              load: r1(loads.reduce((a, b) => a + b, 0) / loads.length),
            };
            if (queries.length) {
              for (const p of children) p.kill('SIGSTOP');
              const tp = performance.now();
              try {
                const store = await new PostgresStore(url, { lemmatizer }).open();
                try {
                  await store.pool.query('ANALYZE');
                  Object.assign(st, await queryFigures(store, queries, true));
                } finally {
                  await store.close();
                }
              } finally {
                for (const p of children) p.kill('SIGCONT');
              }
              paused = performance.now() - tp;
            } else paused = 0;
            stretches.push(st);
            process.stderr.write(`checkpoint ${k}: ${JSON.stringify(st)}\n`);
            prev = await sample();
            loads = [];
          }
        }
      } finally {
        await c.end();
      }
    })().catch((e) => process.stderr.write(`bench: sampling: ${(e as Error).message}\n`));
    const runs = await running;
    await watcher;
    const pgCpuMs = pgCpu.stop();
    const m1 = machineCpu();
    const wallSec = r1((performance.now() - t0) / 1000 - 3);
    if (runs.some((c) => c.code !== 0)) throw new Error(`a worker exited with ${runs.map((c) => c.code).join(', ')}`);
    const cpuMs = runs.reduce((s, c) => s + c.cpuMs, 0);
    // where the workers' wall time went (per stored article, summed over workers); their CPU from the first job on
    const split: Record<string, number> = {};
    let steadyCpu = 0;
    for (const r of runs) {
      const j = JSON.parse(r.out.trim().split('\n').pop() || '{}') as { ms?: Record<string, number>; write?: Record<string, number>; cpuMs?: number };
      steadyCpu += j.cpuMs ?? NaN;
      for (const [k, v] of Object.entries({ ...j.ms, ...j.write })) if (k !== 'articles') split[k] = (split[k] ?? 0) + v;
    }
    const store = await new PostgresStore(url, { lemmatizer }).open();
    try {
      const times = (await store.pool.query('SELECT extract(epoch FROM ingested_at) * 1000 AS t FROM articles')).rows.map((x) => Number(x.t));
      const size = await store.pool.query(
        `SELECT sum(pg_total_relation_size(c.oid))::bigint AS b FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
         WHERE ns.nspname = 'public' AND c.relkind IN ('r', 'p')`,
      );
      // what was stored: articles, per-entity totals, and the corpus (stories, claims, near-duplicates) by article ids
      const fp = (
        await store.pool.query(`SELECT
          (SELECT md5(string_agg(id || ':' || coalesce(content_hash, ''), ',' ORDER BY id)) FROM articles) AS articles,
          (SELECT md5(string_agg(entity || ':' || articles || ':' || mentions, ',' ORDER BY entity)) FROM entity_totals) AS entities,
          (SELECT md5(string_agg(m, '|' ORDER BY m)) FROM (SELECT string_agg(a.id, ',' ORDER BY a.id) AS m FROM corpus_story_articles s
             JOIN articles a ON a.rowid = s.article GROUP BY s.story) x) AS stories,
          (SELECT md5(string_agg(m, '|' ORDER BY m)) FROM (SELECT string_agg(a.id || '#' || r.event::text, ',' ORDER BY a.id, r.event) AS m FROM corpus_claim_reports r
             JOIN articles a ON a.rowid = r.article GROUP BY r.claim) x) AS claims,
          (SELECT md5(string_agg(a.id || '>' || coalesce(o.id, ''), ',' ORDER BY a.id)) FROM corpus_dedup d JOIN articles a ON a.rowid = d.article
             LEFT JOIN articles o ON o.rowid = d.copy_of) AS dedup,
          (SELECT count(*)::int FROM corpus_stories) AS "nStories", (SELECT count(*)::int FROM corpus_claims) AS "nClaims"`)
      ).rows[0] as Record<string, string | number>;
      for (const k of ['articles', 'entities', 'stories', 'claims', 'dedup']) fp[k] = String(fp[k] ?? '').slice(0, 8);
      await store.pool.query('ANALYZE');
      const figs = await queryFigures(store, queries, true);
      return {
        fingerprint: fp,
        steady,
        config: `pg${workers}`,
        n,
        stored: times.length,
        articlesPerSec: rateOf(times),
        wallSec,
        bytesPerArticle: Math.round(Number(size.rows[0].b) / times.length),
        ...figs,
        cpuMsPerArticle: r1(cpuMs / times.length),
        load: r1(loadavg()[0]),
        workerJobCpuMsPerArticle: r1(steadyCpu / times.length),
        pgCpuMsPerArticle: r1(pgCpuMs / times.length),
        machine: { busyMsPerArticle: r1((m1.busy - m0.busy) / times.length), idleShare: r1((100 * (m1.idle - m0.idle)) / (m1.idle - m0.idle + m1.busy - m0.busy)) },
        msPerArticle: Object.fromEntries(Object.entries(split).map(([k, v]) => [k, r1(v / times.length)])),
        enqueueSec,
        ...(stretches.length ? { stretches } : {}),
      };
    } finally {
      await store.close();
    }
  } finally {
    if (!process.env.PARLEY_BENCH_KEEP) await admin(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    else process.stderr.write(`bench: kept database ${name}\n`);
  }
}

async function main() {
  const o = argv();
  const dir = mkdtempSync(join(tmpdir(), 'parley-scale-'));
  const pipeline = await createPipeline({ upTo: 'morph' });
  const lemmatizer = morphLemmatizer(pipeline.ctx.get('morph'));
  if (o.queryOnly) {
    try {
      await queryOnly(o.queryOnly, lemmatizer, dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  const server = o.configs.some((c) => c.startsWith('pg')) ? pgServer() : '';
  const results: Result[] = [];
  try {
    for (const n of o.sizes) {
      const jsonl = join(dir, `articles-${n}.jsonl`);
      const queries = o.noQueries ? (writeArticles(jsonl, n), []) : queriesFrom(writeArticles(jsonl, n));
      for (const c of o.configs) {
        const r = c === 'sqlite' ? await runSqlite(dir, jsonl, n, queries, lemmatizer) : await runPostgres(server, Number(c.slice(2)), jsonl, n, queries, lemmatizer, o);
        results.push(r);
        if (!o.json) process.stderr.write(`${JSON.stringify(r)}\n`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (o.json) {
    process.stdout.write(JSON.stringify({ cores: cpus().length, results }) + '\n');
    return;
  }
  console.log(`\nbench:scale on ${cpus().length} cores (${cpus()[0]?.model ?? '?'}); load average ${loadavg().map(r1).join(' ')}`);
  console.log('config   N        stored   art/s   wall s   CPU ms/art  load  bytes/art   search p50/p95 ms   claims p50/p95 ms');
  for (const r of results)
    console.log(
      `${r.config.padEnd(8)} ${String(r.n).padEnd(8)} ${String(r.stored).padEnd(8)} ${String(r.articlesPerSec).padEnd(7)} ${String(r.wallSec).padEnd(8)} ${String(r.cpuMsPerArticle).padEnd(11)} ${String(r.load).padEnd(5)} ${String(r.bytesPerArticle).padEnd(11)} ${`${r.search.p50} / ${r.search.p95}`.padEnd(19)} ${r.claims ? `${r.claims.p50} / ${r.claims.p95}` : 'n/a (no corpus in this store)'}`,
    );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
