/**
 * `npm run bench:ingest`: what a real `parley ingest` costs per article, split into reading,
 * analysis and the store write, and how many bytes the SQLite store keeps per article.
 *
 *  1. the SlavicNER development articles (../shared/data/slavicner/raw, ru + uk) are read through
 *     the real ingest readers and analysed by the default pipeline (timed per article);
 *  2. "empty": they are written into an empty database, one `putSync` (one transaction) each,
 *     timed per article (wall clock) and in total (CPU time of this process);
 *  3. "large": the database is filled to `--size` articles (default 50,000: variants of the same
 *     analysed documents under other ids, written through the same `putSync`), then the articles
 *     are written once more under fresh ids, timed the same way.
 * Bytes per article: the database file after a WAL checkpoint (page_count * page_size) divided by
 * the articles it holds, and per table (dbstat) for the empty-database pass.
 * Pages per article: after each timed pass, WAL_PAGE_ARTICLES more articles are written with
 * checkpoints off and the WAL's frames are read back: the pages each article's commit writes, per
 * b-tree (table or index, named by dbstat).
 *
 *   npm run bench:ingest                     the whole run (~2-4 min on a quiet core)
 *   npm run bench:ingest -- --size 10000     a smaller "large" database
 *   npm run bench:ingest -- --json           machine-readable results
 *
 * `--corpus`: the corpus update's cost as the corpus grows (issue 11: it must add <= 15% to the
 * analysis per article, at 1,000 and at 50,000 stored articles, and not grow). The SlavicNER
 * articles are analysed once (CPU time per article measured), then stored as parley/article@1 JSON
 * (the `parley import` path; dates from meta.tsv) in copies until `--size`: copy k is published
 * k * (the data's date span + 61) days later (events' dates too), so the articles per window stay
 * those of the data, and for k >= 1 the words of each line are shuffled (seeded by k), so the story vectors
 * (bags of lemmas and entities) are the originals' while a copy is no reprint of another copy (the
 * reprints inside the data stay reprints): a corpus of many stories over years, not one wire story
 * reprinted 50 times. Prints the corpus updaters' CPU ms per article per block of 1,000, and as a
 * share of the analysis CPU.
 *
 *   npm run bench:ingest -- --corpus --size 50000 --db /tmp/big.db    fill (kept; resumes from what it holds)
 *   npm run bench:ingest -- --corpus --db COPY --add 1000             1,000 more into a copy of a kept db
 *
 * The run is pinned to one core when `taskset` exists. Wall times on a shared machine are noisy:
 * the CPU-time figures are the ones to compare.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toArticleJson } from '../src/contract/article.js';
import type { Doc } from '../src/doc/model.js';
import { readInputs } from '../src/ingest/index.js';
import { createPipeline, projectRoot } from '../src/pipeline/index.js';
import { CORPUS_UPDATERS } from '../src/store/corpus-updaters.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { ArticleJson } from '../src/store/types.js';

const RAW = join(projectRoot, '..', 'shared', 'data', 'slavicner', 'raw');

function args(): { size: number; json: boolean; limit: number; corpus: boolean; db?: string; add: number } {
  const a = process.argv.slice(2);
  const val = (k: string) => {
    const i = a.indexOf(k);
    return i >= 0 ? a[i + 1] : undefined;
  };
  return {
    size: Number(val('--size') ?? 50000),
    json: a.includes('--json'),
    limit: Number(val('--limit') ?? 0),
    corpus: a.includes('--corpus'),
    db: val('--db'),
    add: Number(val('--add') ?? 0),
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

const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const r2 = (x: number) => Math.round(x * 100) / 100;

// time spent in the corpus updaters (near-duplicates, stories, claims, actors) that run inside
// each article's transaction, so the write can be split into the store's own rows and the corpus
const corpusMs: Record<string, number> = {};
const corpusCpu: Record<string, number> = {};
for (const u of CORPUS_UPDATERS) {
  const orig = u.update.bind(u);
  corpusMs[u.name] = 0;
  corpusCpu[u.name] = 0;
  u.update = (db, a) => {
    const t = performance.now();
    const c = process.cpuUsage();
    try {
      orig(db, a);
    } finally {
      corpusMs[u.name] += performance.now() - t;
      corpusCpu[u.name] += cpuMs(process.cpuUsage(c));
    }
  };
}
const corpusTotal = () => Object.values(corpusMs).reduce((a, b) => a + b, 0);

interface WritePass {
  articles: number;
  dbArticlesBefore: number;
  wallMsPerArticle: number;
  cpuMsPerArticle: number;
  p50: number;
  p95: number;
  p99: number;
  kbPerArticle: number;
  /** wall ms per article inside the corpus updaters (part of the write) */
  corpusMsPerArticle: number;
  corpusByUpdater: Record<string, number>;
  /** wall ms per article of the write without the corpus updaters */
  storeOnlyMsPerArticle: number;
}

function dbBytes(store: SqliteStore): number {
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  const pages = store.db.pragma('page_count', { simple: true }) as number;
  const free = store.db.pragma('freelist_count', { simple: true }) as number;
  const size = store.db.pragma('page_size', { simple: true }) as number;
  return (pages - free) * size;
}

function writePass(store: SqliteStore, docs: Doc[], idSuffix: string): WritePass {
  const before = (store.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  const times: number[] = [];
  const corpus0 = corpusTotal();
  const by0 = { ...corpusMs };
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const d of docs) {
    const doc = idSuffix ? { ...d, id: d.id + idSuffix } : d;
    const s = performance.now();
    const r = store.putSync(doc);
    times.push(performance.now() - s);
    if (r.status !== 'new') throw new Error(`${doc.id}: stored as ${r.status}`);
  }
  const wall = performance.now() - t0;
  const cpu = cpuMs(process.cpuUsage(c0));
  const n = docs.length;
  const after = before + n;
  const corpus = (corpusTotal() - corpus0) / n;
  return {
    corpusMsPerArticle: r2(corpus),
    corpusByUpdater: Object.fromEntries(Object.keys(corpusMs).map((k) => [k, r2((corpusMs[k] - by0[k]) / n)])),
    storeOnlyMsPerArticle: r2(wall / n - corpus),
    articles: n,
    dbArticlesBefore: before,
    wallMsPerArticle: r2(wall / n),
    cpuMsPerArticle: r2(cpu / n),
    p50: r2(pct(times, 50)),
    p95: r2(pct(times, 95)),
    p99: r2(pct(times, 99)),
    kbPerArticle: r2(dbBytes(store) / 1024 / after),
  };
}

/** Articles written (after a pass, checkpoints off) to count the WAL pages each commit writes. */
const WAL_PAGE_ARTICLES = 100;

interface WalPages {
  /** WAL frames (pages) written per article commit */
  perArticle: number;
  /** of them, per b-tree (table or index), most first */
  byTree: Record<string, number>;
}

/**
 * The pages each article's commit writes: `docs` written under fresh ids with SQLite's checkpoints
 * off after a TRUNCATE checkpoint, then every WAL frame's page number read back (frame header,
 * big-endian) and named by the b-tree that owns the page now (dbstat).
 */
function walPages(store: SqliteStore, docs: Doc[], idSuffix: string): WalPages {
  const db = store.db;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const acp = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  // (the store's own checkpoint past walMaxBytes: 100 articles stay far below its 64 MiB)
  for (const d of docs) store.putSync({ ...d, id: d.id + idSuffix });
  db.pragma(`wal_autocheckpoint = ${acp}`);
  const wal = store.path + '-wal';
  const size = statSync(wal).size;
  const byPage = new Map<number, number>();
  const fd = openSync(wal, 'r');
  const hdr = Buffer.alloc(4);
  let frames = 0;
  try {
    for (let off = 32; off + 24 + pageSize <= size; off += 24 + pageSize) {
      readSync(fd, hdr, 0, 4, off);
      const pg = hdr.readUInt32BE(0);
      byPage.set(pg, (byPage.get(pg) ?? 0) + 1);
      frames++;
    }
  } finally {
    closeSync(fd);
  }
  const owner = new Map<number, string>();
  for (const [name, pageno] of db.prepare('SELECT name, pageno FROM dbstat').raw().iterate() as IterableIterator<[string, number]>) if (byPage.has(pageno)) owner.set(pageno, name);
  const byTree = new Map<string, number>();
  for (const [pg, k] of byPage) {
    const name = owner.get(pg) ?? '(free list)';
    byTree.set(name, (byTree.get(name) ?? 0) + k);
  }
  const n = docs.length;
  return {
    perArticle: r2(frames / n),
    byTree: Object.fromEntries([...byTree].sort((x, y) => y[1] - x[1]).map(([k, v]) => [k, r2(v / n)])),
  };
}

/** A seeded PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Copy k of an article: published k*`days` later, and (k >= 1) the words of each line shuffled. */
function copyOf(a: ArticleJson, k: number, days: number): ArticleJson {
  if (!k) return a;
  const shift = (d: unknown): unknown => {
    if (typeof d !== 'string') return d;
    const m = /^(\d{4}-\d{2}-\d{2})(.*)$/.exec(d);
    if (!m) return d;
    return new Date(Date.parse(m[1] + 'T00:00:00Z') + k * days * 86_400_000).toISOString().slice(0, 10) + m[2];
  };
  const r = rng(k * 7919 + 17);
  const text = String(a.text)
    .split('\n')
    .map((line) => {
      const w = line.split(/\s+/).filter(Boolean);
      for (let i = w.length - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [w[i], w[j]] = [w[j], w[i]];
      }
      return w.join(' ');
    })
    .join('\n');
  const events = ((a.events as { when?: { value: string } | null }[]) ?? []).map((e) => (e.when ? { ...e, when: { ...e.when, value: shift(e.when.value) as string } } : e));
  return { ...a, id: `${a.id}~c${k}`, published: shift(a.published), text, events } as ArticleJson;
}

/** `--corpus`: the corpus update's CPU per article per block of 1,000 stored articles, as a share of the analysis. */
async function corpusScale(list: string[], size: number, dbPath: string | undefined, add: number): Promise<void> {
  const log = (s: string) => process.stderr.write(s + '\n');
  // analysed articles (cached beside the db: the analysis CPU per article with them)
  const cacheFile = join(tmpdir(), `parley-bench-ingest-corpus-dated-${list.length}.json`);
  // publication dates of the raw documents (the readers have none): meta.tsv, as eval/corpus does
  const dates = new Map<string, string>();
  for (const l of readFileSync(join(RAW, '..', 'meta.tsv'), 'utf8').split('\n').slice(1)) {
    const [path, , , d] = l.split('\t');
    if (path && d && /^\d{4}-\d\d-\d\d$/.test(d)) dates.set(join(RAW, '..', path), d);
  }
  let arts: ArticleJson[];
  let analyseCpu: number;
  if (existsSync(cacheFile)) ({ arts, analyseCpu } = JSON.parse(readFileSync(cacheFile, 'utf8')));
  else {
    const pipeline = await createPipeline();
    arts = [];
    const seen = new Set<string>();
    let cpu = 0;
    for await (const r of readInputs(list)) {
      if (!r.ok) continue;
      const c = process.cpuUsage();
      const doc = pipeline.analyze(r.article);
      cpu += cpuMs(process.cpuUsage(c));
      if (seen.has(doc.id)) continue;
      seen.add(doc.id);
      arts.push({ ...(toArticleJson(doc) as ArticleJson), published: dates.get(r.input) ?? null });
    }
    analyseCpu = cpu / arts.length;
    writeFileSync(cacheFile, JSON.stringify({ arts, analyseCpu }));
  }
  // copies are shifted past the whole span of the data and the story window, so the articles per
  // day stay those of the data however many copies are stored (undated articles excepted)
  const ds = arts.map((a) => a.published).filter((d): d is string => typeof d === 'string').sort();
  const days = ds.length ? Math.ceil((Date.parse(ds[ds.length - 1]) - Date.parse(ds[0])) / 86_400_000) + 61 : 61;
  log(`${arts.length} articles (${arts.length - ds.length} undated), analysis ${r2(analyseCpu)} ms CPU/article; copy k published k*${days} days later`);
  const dir = dbPath ? null : mkdtempSync(join(tmpdir(), 'parley-bench-corpus-'));
  const store = new SqliteStore(dbPath ?? join(dir!, 'bench.db'));
  try {
    const have = (store.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
    const until = add ? have + add : size;
    log(`database holds ${have} articles; storing up to ${until}`);
    let n = have;
    let block = { cpu: 0, corpus: 0, by: { ...corpusCpu }, n: 0 };
    const print = () => {
      const by = Object.entries(corpusCpu).map(([k, v]) => `${k} ${r2((v - block.by[k]) / block.n)}`).join(', ');
      const corpus = Object.values(corpusCpu).reduce((x, y) => x + y, 0) - Object.values(block.by).reduce((x, y) => x + y, 0);
      const c = corpus / block.n;
      process.stdout.write(
        `at ${n}: corpus ${r2(c)} ms CPU/article = ${r2((c / analyseCpu) * 100)}% of analysis (${by}); store rows ${r2(block.cpu / block.n - c)} ms; load ${loadavg()[0].toFixed(1)}\n`,
      );
      block = { cpu: 0, corpus: 0, by: { ...corpusCpu }, n: 0 };
    };
    while (n < until) {
      const k = Math.floor(n / arts.length);
      const a = copyOf(arts[n % arts.length], k, days);
      const c = process.cpuUsage();
      const r = store.putSync(a);
      block.cpu += cpuMs(process.cpuUsage(c));
      if (r.status !== 'new') throw new Error(`${a.id}: stored as ${r.status}`);
      n++;
      block.n++;
      if (n % 1000 === 0 || n === until) print();
    }
  } finally {
    await store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

async function run(): Promise<void> {
  const { size, json, limit, corpus, db, add } = args();
  const log = (s: string) => process.stderr.write(s + '\n');
  let list = files(RAW);
  if (limit) list = list.slice(0, limit);
  if (corpus) return corpusScale(list, size, db, add);

  // 1. read + analyse
  const pipeline = await createPipeline();
  const docs: Doc[] = [];
  const seen = new Set<string>();
  const readMs: number[] = [];
  const analyseMs: number[] = [];
  let inputBytes = 0;
  const c0 = process.cpuUsage();
  const it = readInputs(list);
  for (;;) {
    const s = performance.now();
    const r = await it.next();
    const t1 = performance.now();
    if (r.done) break;
    if (!r.value.ok) continue;
    readMs.push(t1 - s);
    const doc = pipeline.analyze(r.value.article);
    if (seen.has(doc.id)) continue; // the same text twice in the data
    seen.add(doc.id);
    inputBytes += Buffer.byteLength(r.value.article.text);
    docs.push(doc);
    analyseMs.push(performance.now() - t1);
  }
  const analyseCpu = cpuMs(process.cpuUsage(c0)) / docs.length;
  log(`analysed ${docs.length} articles (${r2(inputBytes / 1024 / docs.length)} KB of text each)`);

  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-ingest-'));
  try {
    // 2. empty database
    const store = new SqliteStore(join(dir, 'bench.db'));
    const empty = writePass(store, docs, '');
    const tables = store.db
      .prepare(`SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC`)
      .all() as { name: string; bytes: number }[];
    log(`empty database: ${empty.wallMsPerArticle} ms/article wall, ${empty.cpuMsPerArticle} ms CPU, ${empty.kbPerArticle} KB/article`);
    const pagesEmpty = walPages(store, docs.slice(0, WAL_PAGE_ARTICLES), '~pages');

    // 3. fill to `size`, then a timed pass. The corpus updaters (stories, claims, ...) are switched
    // off for the fill and that pass: their cost grows with the corpus (stories compares an article
    // with what is stored) and a 50,000-article fill with them takes hours on a shared core; the
    // large-database figure is the store's own write (rows, index), the corpus cost is the one
    // measured into the empty database above.
    const updaters = CORPUS_UPDATERS.splice(0, CORPUS_UPDATERS.length);
    let k = 0;
    const f0 = process.cpuUsage();
    const ft = performance.now();
    let filled = docs.length;
    while (filled + docs.length <= size) {
      k++;
      for (const d of docs) store.putSync({ ...d, id: `${d.id}~fill${k}` });
      filled += docs.length;
      if (k % 10 === 0) log(`  filled ${filled}`);
    }
    const fillWall = (performance.now() - ft) / Math.max(1, filled - docs.length);
    const fillCpu = cpuMs(process.cpuUsage(f0)) / Math.max(1, filled - docs.length);
    const large = writePass(store, docs, '~timed');
    const pagesLarge = walPages(store, docs.slice(0, WAL_PAGE_ARTICLES), '~pages-large');
    CORPUS_UPDATERS.push(...updaters);
    await store.close();
    log(`${large.dbArticlesBefore}-article database: ${large.wallMsPerArticle} ms/article wall, ${large.cpuMsPerArticle} ms CPU, ${large.kbPerArticle} KB/article`);

    const result = {
      machine: `${cpus().length} cores, shared (figures are noisy; compare CPU times)`,
      articles: docs.length,
      inputKbPerArticle: r2(inputBytes / 1024 / docs.length),
      readMsPerArticle: r2(mean(readMs)),
      analyseMsPerArticle: r2(mean(analyseMs)),
      analyseCpuMsPerArticle: r2(analyseCpu),
      write: { empty, large, fillWallMsPerArticle: r2(fillWall), fillCpuMsPerArticle: r2(fillCpu) },
      totalMsPerArticle: r2(mean(readMs) + mean(analyseMs) + empty.wallMsPerArticle),
      bytesPerTable: Object.fromEntries(tables.map((t) => [t.name, r2(t.bytes / 1024 / docs.length)])),
      walPagesPerArticle: { empty: pagesEmpty, large: pagesLarge },
      loadAverage: loadavg().map((x) => r2(x)),
    };
    if (json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    else {
      const p = (s: string) => process.stdout.write(s + '\n');
      p(`bench:ingest — ${docs.length} SlavicNER articles (${result.inputKbPerArticle} KB text each); ${result.machine}`);
      p(`  read            ${result.readMsPerArticle} ms/article`);
      p(`  analyse         ${result.analyseMsPerArticle} ms/article (${result.analyseCpuMsPerArticle} ms CPU incl. reading)`);
      for (const [name, w] of [['empty db', empty], [`${large.dbArticlesBefore} db`, large]] as const)
        p(`  write ${name.padEnd(10)} ${w.wallMsPerArticle} ms/article wall (p50 ${w.p50}, p95 ${w.p95}, p99 ${w.p99}), ${w.cpuMsPerArticle} ms CPU; ${w.kbPerArticle} KB/article stored\n` +
          `                  of which corpus updaters ${w.corpusMsPerArticle} ms (${Object.entries(w.corpusByUpdater).map(([k, v]) => `${k} ${v}`).join(', ')}); store rows + index ${w.storeOnlyMsPerArticle} ms`);
      p(`  write (fill)    ${result.write.fillWallMsPerArticle} ms/article wall, ${result.write.fillCpuMsPerArticle} ms CPU over the fill`);
      p(`  (the fill and the ${large.dbArticlesBefore} db pass run without the corpus updaters: see the source)`);
      p(`  total           ${result.totalMsPerArticle} ms/article (read + analyse + write into the empty db)`);
      p(`  KB/article by table (empty db): ${tables.map((t) => `${t.name} ${r2(t.bytes / 1024 / docs.length)}`).join(', ')}`);
      for (const [name, w] of [['empty db', pagesEmpty], [`${large.dbArticlesBefore} db`, pagesLarge]] as const)
        p(`  WAL pages/article, ${name}: ${w.perArticle} (${Object.entries(w.byTree).map(([k, v]) => `${k} ${v}`).join(', ')})`);
      p(`  load average ${result.loadAverage.join(' ')}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// pinned to one core (like npm run bench) unless already a child
if (process.env.PARLEY_BENCH_CHILD || process.env.PARLEY_BENCH_FREE || spawnSync('taskset', ['--version']).status !== 0) {
  run().catch((e) => {
    process.stderr.write(String((e as Error)?.stack ?? e) + '\n');
    process.exitCode = 1;
  });
} else {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync('taskset', ['-c', String(Math.max(0, cpus().length - 1)), process.execPath, ...process.execArgv, self, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, PARLEY_BENCH_CHILD: '1' },
  });
  process.exitCode = r.status ?? 1;
}
