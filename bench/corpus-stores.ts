/**
 * What the corpus update (near-duplicates, stories, claims, actors) costs per article on SQLite and
 * on PostgreSQL: the SlavicNER raw documents (ru/uk, dated from meta.tsv), analysed once (cached in
 * the temp directory), are stored into a fresh SQLite file and a fresh PostgreSQL database; then
 * `corpus rebuild` replays the corpus update alone over every stored article, so rebuild time /
 * articles is the corpus update's cost per article, and put time minus it the article's own rows.
 * PostgreSQL is also written by 2 and 4 concurrent writers (separate pools), whose corpus updates
 * run one at a time under the corpus lock.
 *
 *   PARLEY_TEST_PG=postgres://… node --import tsx bench/corpus-stores.ts [--limit N]
 *
 * Reports wall time (and this process's CPU time; PostgreSQL's own CPU is in its server processes):
 * quote the machine's load with it.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { toArticleJson } from '../src/contract/article.js';
import { createPipeline } from '../src/pipeline/index.js';
import { morphLemmatizer } from '../src/store/lemmatizer.js';
import { PostgresStore } from '../src/store/postgres.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { ArticleJson, Store } from '../src/store/types.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SLAVIC = join(ROOT, '..', 'shared', 'data', 'slavicner');
const argv = process.argv.slice(2);
const limit = argv.includes('--limit') ? Number(argv[argv.indexOf('--limit') + 1]) : Infinity;
const server = process.env.PARLEY_TEST_PG;
if (!server) throw new Error('set PARLEY_TEST_PG to a PostgreSQL URL that may create databases (scripts/pg-start.sh prints one)');

const pipeline = await createPipeline();
const lemmatizer = morphLemmatizer(pipeline.ctx.get('morph'));

const cache = join(tmpdir(), 'parley-bench-corpus-slavicner.json');
let arts: ArticleJson[];
if (existsSync(cache)) arts = JSON.parse(readFileSync(cache, 'utf8'));
else {
  const meta = new Map<string, string>();
  for (const l of readFileSync(join(SLAVIC, 'meta.tsv'), 'utf8').split('\n').slice(1)) {
    const [p, , , d] = l.split('\t');
    if (p) meta.set(p, d);
  }
  arts = [];
  for (const topic of readdirSync(join(SLAVIC, 'raw')).sort())
    for (const lang of ['ru', 'uk'])
      for (const f of readdirSync(join(SLAVIC, 'raw', topic, lang)).sort()) {
        const rel = `${topic}/${lang}/${f}`;
        const d = meta.get(`raw/${rel}`);
        const published = d && /^\d{4}-\d\d-\d\d$/.test(d) ? d : null;
        const doc = pipeline.analyze({ id: rel, source: { path: rel }, published, title: null, text: readFileSync(join(SLAVIC, 'raw', rel), 'utf8'), lang });
        arts.push(toArticleJson(doc, { tokens: true }) as ArticleJson);
      }
  writeFileSync(cache, JSON.stringify(arts));
}
// publication order, undated last (the order a feed would bring them)
arts.sort((a, b) => String(a.published ?? '9999').localeCompare(String(b.published ?? '9999')) || a.id.localeCompare(b.id));
arts = arts.slice(0, limit);

async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; cpu: number; v: T }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const v = await f();
  const c = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpu: (c.user + c.system) / 1000, v };
}
const per = (ms: number) => (ms / arts.length).toFixed(2);

async function freshDb(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `parley_bench_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(server!);
  u.pathname = '/' + name;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function measure(name: string, stores: Store[], done: () => Promise<void>): Promise<void> {
  const put = await timed(async () => {
    if (stores.length === 1) for (const a of arts) await stores[0].putArticle(a);
    else await Promise.all(stores.map((s, k) => (async () => {
      for (let i = k; i < arts.length; i += stores.length) await s.putArticle(arts[i]);
    })()));
  });
  const counts = await stores[0].corpus!.counts();
  const rebuild = await timed(() => stores[0].corpus!.rebuild());
  console.log(
    `${name.padEnd(22)} put ${per(put.ms)} ms/article (cpu here ${per(put.cpu)})   corpus update alone (rebuild) ${per(rebuild.ms)} ms/article (cpu here ${per(rebuild.cpu)})` +
      `   claims ${counts.claims} actors ${counts.actors}   load ${loadavg()[0].toFixed(1)}`,
  );
  for (const s of stores) await s.close();
  await done();
}

console.log(`${arts.length} SlavicNER articles, analysed beforehand`);
const dir = mkdtempSync(join(tmpdir(), 'parley-bench-corpus-'));
await measure('SQLite', [new SqliteStore(join(dir, 'b.db'), { lemmatizer })], async () => rmSync(dir, { recursive: true, force: true }));
for (const writers of [1, 2, 4]) {
  const db = await freshDb();
  const stores = await Promise.all(Array.from({ length: writers }, () => new PostgresStore(db.url, { lemmatizer, poolSize: 2 }).open()));
  await measure(`PostgreSQL ${writers} writer${writers > 1 ? 's' : ''}`, stores, db.drop);
}
