// The corpus is the same on both stores: the seeds and the samples (real news, ru/uk/en), analysed
// once and stored in SQLite and in PostgreSQL, give deep-equal stories, claims and actors (ids,
// groups, history, titles, reprint links), the same network, framing and counts, and `corpus
// rebuild` gives the same again on each. Then concurrency: several writers on separate
// connections store the articles of one story at once, and the PostgreSQL corpus equals that of a
// single writer (the same groups and ids), and a rebuild of it gives exactly what the writers gave.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toArticleJson } from '../../src/contract/article.js';
import { contactNetwork, framing, listActors, listClaims, type ClaimJson } from '../../src/corpus/index.js';
import { listStories, type StoryJson } from '../../src/corpus/stories/index.js';
import { readInputs } from '../../src/ingest/index.js';
import { createPipeline } from '../../src/pipeline/index.js';
import { morphLemmatizer } from '../../src/store/lemmatizer.js';
import { PostgresStore } from '../../src/store/postgres.js';
import type { ArticleJson, Store } from '../../src/store/types.js';
import { freshPgDatabase, type TestDb } from '../helpers/pg.js';
import { sqliteKind, type TestLocation } from './stores.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const SHARED = join(ROOT, '..', 'shared');
let arts: ArticleJson[] = [];
/** SlavicNER nord_stream, ru and uk, dated from meta.tsv: many articles of one story, one actor across scripts */
const nordStream: ArticleJson[] = [];
let lemmatizer: ReturnType<typeof morphLemmatizer>;
const cleanup: (() => Promise<void>)[] = [];

before(async () => {
  const pipeline = await createPipeline();
  lemmatizer = morphLemmatizer(pipeline.ctx.get('morph'));
  for await (const item of readInputs([join(ROOT, '..', 'shared', 'seeds'), join(ROOT, 'samples')])) {
    if (!item.ok) throw new Error(`${item.input}: ${item.error}`);
    arts.push({ ...(toArticleJson(pipeline.analyze(item.article), { tokens: true }) as ArticleJson) });
  }
  const meta = new Map<string, string>();
  for (const l of readFileSync(join(SHARED, 'data', 'slavicner', 'meta.tsv'), 'utf8').split('\n').slice(1)) {
    const [p, , , d] = l.split('\t');
    if (p) meta.set(p, d);
  }
  const dir = join(SHARED, 'data', 'slavicner', 'raw', 'nord_stream');
  for (const lang of ['ru', 'uk']) {
    for (const f of readdirSync(join(dir, lang)).sort().slice(0, 20)) {
      const rel = `nord_stream/${lang}/${f}`;
      const d = meta.get(`raw/${rel}`);
      const doc = pipeline.analyze({ id: rel, source: { path: rel }, published: d && /^\d{4}-\d\d-\d\d$/.test(d) ? d : null, title: null, text: readFileSync(join(dir, lang, f), 'utf8'), lang });
      nordStream.push(toArticleJson(doc, { tokens: true }) as ArticleJson);
    }
  }
});
after(async () => {
  for (const f of cleanup) await f();
});

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** Everything the corpus shows: stories, claims, actors (profiles), network, framing of each story, counts. */
async function corpusOf(store: Store) {
  const stories = await listStories(store, { limit: 10000 });
  const claims = await all(listClaims(store, {}));
  const actors = await all(listActors(store, {}));
  const net = await contactNetwork(store, {});
  const frames = [];
  for (const s of stories) frames.push(await framing(store, s.id));
  const counts = await store.corpus!.counts();
  return { stories, claims, actors, net, frames, counts };
}

async function sqliteStore(loc: TestLocation, list: ArticleJson[]): Promise<Store> {
  const s = await loc.open({ lemmatizer });
  for (const a of list) await s.putArticle(a);
  return s;
}

async function pgDb(): Promise<TestDb> {
  const db = await freshPgDatabase();
  cleanup.push(() => db.drop());
  return db;
}

test('SQLite and PostgreSQL keep the same corpus: stories, claims, actors, network, framing; rebuild alike', async () => {
  const loc = await sqliteKind.create();
  cleanup.push(() => loc.done());
  const lite = await sqliteStore(loc, arts);
  const db = await pgDb();
  const pgs = await new PostgresStore(db.url, { lemmatizer }).open();
  try {
    for (const a of arts) await pgs.putArticle(a);
    const a = await corpusOf(lite);
    const b = await corpusOf(pgs);
    assert.ok(a.stories.length >= 3 && a.claims.length >= 10 && a.actors.length >= 20, JSON.stringify(a.counts));
    assert.deepEqual(b.counts, a.counts);
    assert.deepEqual(b.stories, a.stories);
    assert.deepEqual(b.claims, a.claims);
    assert.deepEqual(b.actors, a.actors);
    assert.deepEqual(b.net, a.net);
    assert.deepEqual(b.frames, a.frames);
    // single objects by id, and a claim filter
    for (const c of a.claims.slice(0, 5)) assert.deepEqual(await pgs.corpus.claim(c.id), await lite.corpus!.claim(c.id));
    const actor = a.claims[0].actors[0];
    assert.deepEqual(await all(listClaims(pgs, { actor, status: 'occurred' })), await all(listClaims(lite, { actor, status: 'occurred' })));
    // rebuild: the same numbers and the same corpus, on both
    const ra = await lite.corpus!.rebuild();
    const rb = await pgs.corpus.rebuild();
    assert.deepEqual({ ...rb, ms: 0 }, { ...ra, ms: 0 });
    const a2 = await corpusOf(lite);
    const b2 = await corpusOf(pgs);
    assert.deepEqual(a2, a);
    assert.deepEqual(b2, a);
    // re-ingest changes nothing
    for (const x of arts) assert.equal((await pgs.putArticle(x)).status, 'duplicate');
    assert.deepEqual(await corpusOf(pgs), a);
  } finally {
    await lite.close();
    await pgs.close();
  }
});

/** Stories without their history (merges and renames depend on the order articles arrived in). */
const groupsOf = (ss: StoryJson[]) => ss.map(({ history: _h, ...s }) => s);
const claimGroups = (cs: ClaimJson[]) => cs.map((c) => `${c.id}=${c.reports.map((r) => `${r.article}:${r.event}`).join(',')}`).sort();

async function concurrentEqualsSingle(input: ArticleJson[]): Promise<void> {
  const one = await pgDb();
  const single = await new PostgresStore(one.url, { lemmatizer }).open();
  const many = await pgDb();
  const writers = await Promise.all([1, 2, 3, 4].map(() => new PostgresStore(many.url, { lemmatizer, poolSize: 2 }).open()));
  try {
    for (const a of input) await single.putArticle(a);
    // four stores (four pools) write at once, in rounds of four articles (one each), so articles of one
    // story are stored at the same moment: without the corpus lock none sees the others' rows. Newest
    // first (another order than the single writer's); then all again (duplicates, concurrently).
    const order = [...input].reverse();
    for (let i = 0; i < order.length; i += writers.length)
      await Promise.all(order.slice(i, i + writers.length).map((a, k) => writers[k].putArticle(a)));
    await Promise.all(writers.map((w, k) => Promise.all(input.filter((_, i) => i % writers.length === k).map((a) => w.putArticle(a)))));
    const a = await corpusOf(single);
    const b = await corpusOf(writers[0]);
    assert.ok(a.stories.some((s) => s.articles.length >= 10), 'a story of many articles');
    assert.deepEqual(b.counts, a.counts);
    assert.deepEqual(claimGroups(b.claims), claimGroups(a.claims));
    assert.deepEqual(b.claims, a.claims);
    assert.deepEqual(groupsOf(b.stories), groupsOf(a.stories));
    assert.deepEqual(b.actors, a.actors);
    // the writers' corpus is what a rebuild (in the order their updates ran) gives
    await writers[0].corpus.rebuild();
    assert.deepEqual(await corpusOf(writers[0]), b);
  } finally {
    await single.close();
    for (const w of writers) await w.close();
  }
}

test('several writers at once on one story give the corpus of a single writer (PostgreSQL)', async () => {
  // nord_stream (ru, uk) with the seeds and samples: many articles of the same stories, sharing claims and actors
  await concurrentEqualsSingle([...nordStream, ...arts]);
});

test('several writers that share no entity row meet only in the corpus: still the single writer\'s claims and stories', async () => {
  // Writers of articles with common entities also wait for each other on the per-entity totals rows;
  // without the entity layer they meet only in the corpus tables, which the corpus lock alone keeps
  // right (with the lock taken out this test fails: a writer finds a story another has just merged away)
  await concurrentEqualsSingle([...nordStream, ...arts].map((a) => ({ ...a, entities: [] })));
});

test('a PostgreSQL database from before the corpus tables gets its corpus built when opened', async () => {
  const db = await pgDb();
  const first = await new PostgresStore(db.url, { lemmatizer }).open();
  for (const a of arts) await first.putArticle(a);
  const want = await corpusOf(first);
  // back to schema step 2: no corpus tables (as a database written by the previous version). While the
  // corpus is the last step (PG_CORPUS_STEP); a later step must be undone here too (step 8: the
  // tsvector back in search_terms; step 9: the actor summary)
  await first.pool.query(`DROP TABLE corpus_order, corpus_claim_keys, corpus_claim_reports, corpus_claims, corpus_claim_actors,
    corpus_actor_entities, corpus_actor_keys, corpus_dedup, corpus_dedup_bands, corpus_story_vecs, corpus_story_keys, corpus_stories,
    corpus_story_articles, corpus_story_entities, corpus_story_alias, corpus_story_history, corpus_story_days, corpus_story_outlets, corpus_meta; DROP SEQUENCE corpus_order_seq;
    ALTER TABLE search_terms ADD COLUMN tsv tsvector; UPDATE search_terms s SET tsv = m.tsv FROM search_match m WHERE m.article = s.article; DROP TABLE search_match;
    DROP TABLE corpus_actor_summary, corpus_actor_dirty; DROP FUNCTION parley_actor_summary_join;
    DROP TABLE corpus_story_claims; DROP FUNCTION parley_story_claims_report, parley_story_claims_article, parley_story_claims_add;
    DROP TABLE corpus_contact_pairs; DROP FUNCTION parley_contact_pairs_party, parley_contact_pairs_claim, parley_contact_pairs_of;
    UPDATE parley_schema SET version = 2`);
  await first.close();
  const again = await new PostgresStore(db.url, { lemmatizer }).open();
  try {
    assert.deepEqual(await corpusOf(again), want);
  } finally {
    await again.close();
  }
});
