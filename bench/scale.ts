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
 *    does); claims: the first page (50) of `listClaims`, unfiltered and per actor (SQLite; the
 *    PostgreSQL store keeps no corpus yet). 20 warm-up queries first; p50/p95 of the rest.
 *
 *   npm run bench:scale                       N = 2000, configurations sqlite,pg1,pg2,pg4
 *   npm run bench:scale -- --sizes 10000,100000 --configs sqlite,pg1,pg2
 *   npm run bench:scale -- --json
 * PostgreSQL: $PARLEY_BENCH_PG or $PARLEY_TEST_PG (a role that may create databases), else the
 * local test cluster of scripts/pg-start.sh.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
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
function spawnParley(args: string[], quiet = true): Promise<{ code: number | null; cpuMs: number; err: string }> {
  const p: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: projectRoot, stdio: ['ignore', 'ignore', quiet ? 'pipe' : 'inherit'] });
  let cpuMs = 0;
  let err = '';
  p.stderr?.on('data', (d) => {
    if (err.length < 100000) err += d;
  });
  const timer = setInterval(() => {
    const c = cpuOf(p.pid!);
    if (Number.isFinite(c)) cpuMs = c;
  }, 200);
  return new Promise((resolve) =>
    p.on('exit', (code) => {
      clearInterval(timer);
      resolve({ code, cpuMs, err });
    }),
  );
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

async function latencies(fn: (i: number) => Promise<unknown>, n: number): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 20; i++) await fn(i);
  const ms: number[] = [];
  for (let i = 20; i < n; i++) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  return { p50: r1(pct(ms, 50)), p95: r1(pct(ms, 95)) };
}

interface Result {
  config: string;
  n: number;
  stored: number;
  articlesPerSec: number;
  wallSec: number;
  bytesPerArticle: number;
  search: { p50: number; p95: number };
  claims: { p50: number; p95: number } | null;
  /** CPU ms per stored article, summed over the ingesting processes (start-up and pipeline loading included) */
  cpuMsPerArticle: number;
  /** load average (1 min) when the configuration ended */
  load: number;
}

/** Rate between the first and the last stored article. */
function rateOf(times: number[]): number {
  if (times.length < 2) return NaN;
  const lo = Math.min(...times);
  const hi = Math.max(...times);
  return r1((times.length - 1) / ((hi - lo) / 1000));
}

async function queryFigures(store: Store, queries: string[], withClaims: boolean) {
  const search = await latencies((i) => store.search({ text: queries[i % queries.length], limit: 20 }), queries.length);
  let claims: Result['claims'] = null;
  if (withClaims && store.corpus) {
    const actors: string[] = [];
    for await (const a of store.corpus.actorIds(40)) actors.push(a);
    claims = await latencies(async (i) => {
      const q = i % 2 === 0 || !actors.length ? { limit: 50 } : { actor: actors[i % actors.length], limit: 50 };
      let k = 0;
      for await (const _ of listClaims(store, q)) if (++k >= 50) break;
    }, 120);
  }
  return { search, claims };
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

async function runPostgres(server: string, workers: number, jsonl: string, n: number, queries: string[], lemmatizer: Lemmatizer): Promise<Result> {
  const name = `parley_scale_${n}_${workers}_${Date.now().toString(36)}`;
  await admin(server, `CREATE DATABASE ${name}`);
  const u = new URL(server);
  u.pathname = '/' + name;
  const url = u.toString();
  try {
    const q = parley(['ingest', '--queue', '--db', url, '--json', jsonl]);
    if (q.code !== 0 && q.code !== 1) throw new Error(`enqueue failed (${q.code}): ${q.err.slice(-2000)}`);
    const t0 = performance.now();
    const runs = await Promise.all(Array.from({ length: workers }, () => spawnParley(['worker', '--db', url, '--quiet', '--idle-exit', '3'], false)));
    const wallSec = r1((performance.now() - t0) / 1000 - 3);
    if (runs.some((c) => c.code !== 0)) throw new Error(`a worker exited with ${runs.map((c) => c.code).join(', ')}`);
    const cpuMs = runs.reduce((s, c) => s + c.cpuMs, 0);
    const store = await new PostgresStore(url, { lemmatizer }).open();
    try {
      const times = (await store.pool.query('SELECT extract(epoch FROM ingested_at) * 1000 AS t FROM articles')).rows.map((x) => Number(x.t));
      const size = await store.pool.query(
        `SELECT sum(pg_total_relation_size(c.oid))::bigint AS b FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
         WHERE ns.nspname = 'public' AND c.relkind IN ('r', 'p')`,
      );
      await store.pool.query('ANALYZE');
      const figs = await queryFigures(store, queries, true);
      return {
        config: `pg${workers}`,
        n,
        stored: times.length,
        articlesPerSec: rateOf(times),
        wallSec,
        bytesPerArticle: Math.round(Number(size.rows[0].b) / times.length),
        ...figs,
        cpuMsPerArticle: r1(cpuMs / times.length),
        load: r1(loadavg()[0]),
      };
    } finally {
      await store.close();
    }
  } finally {
    await admin(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
  }
}

async function main() {
  const o = argv();
  const dir = mkdtempSync(join(tmpdir(), 'parley-scale-'));
  const pipeline = await createPipeline({ upTo: 'morph' });
  const lemmatizer = morphLemmatizer(pipeline.ctx.get('morph'));
  const server = o.configs.some((c) => c.startsWith('pg')) ? pgServer() : '';
  const results: Result[] = [];
  try {
    for (const n of o.sizes) {
      const jsonl = join(dir, `articles-${n}.jsonl`);
      const queries = queriesFrom(writeArticles(jsonl, n));
      for (const c of o.configs) {
        const r = c === 'sqlite' ? await runSqlite(dir, jsonl, n, queries, lemmatizer) : await runPostgres(server, Number(c.slice(2)), jsonl, n, queries, lemmatizer);
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
