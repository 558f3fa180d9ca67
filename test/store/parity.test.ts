// The two stores answer alike: the seeds and the samples (real news, ru/uk/en), analysed by the
// whole pipeline and stored in SQLite and in PostgreSQL, give the same articles, statistics,
// entities, quotes, events and article lists, and for several hundred queries built from the
// articles' own words (inflected forms, lemmas, names, word pairs, with filters) the same hits:
// same total, same article ids, same snippets and match offsets. Only the rank score and the order
// among hits differ (bm25 in SQLite, ts_rank in PostgreSQL). The corpus built while storing them
// (near-duplicate links, stories, claims, actors) is the same objects on both.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { readInputs } from '../../src/ingest/index.js';
import { createPipeline } from '../../src/pipeline/index.js';
import { morphLemmatizer } from '../../src/store/lemmatizer.js';
import type { Doc } from '../../src/doc/model.js';
import type { SearchQuery, Store } from '../../src/store/types.js';
import { postgresKind, sqliteKind, type TestLocation } from './stores.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function analysedDocs(): Promise<{ docs: Doc[]; lemmatizer: ReturnType<typeof morphLemmatizer> }> {
  const pipeline = await createPipeline();
  const docs: Doc[] = [];
  for await (const item of readInputs([join(ROOT, '..', 'shared', 'seeds'), join(ROOT, 'samples')])) {
    if (item.ok) docs.push(pipeline.analyze(item.article));
  }
  return { docs, lemmatizer: morphLemmatizer(pipeline.ctx.get('morph')) };
}

/** Queries from the articles' own words: every 5th word form, its lemma, entity names, word pairs. */
function queriesOf(docs: Doc[]): SearchQuery[] {
  const texts = new Set<string>();
  for (const d of docs) {
    const toks = (d.layers.tokens ?? []).filter((t) => t.kind === 'word');
    toks.forEach((t, i) => {
      if (i % 5) return;
      texts.add(t.text);
      if (t.lemma) texts.add(t.lemma);
      if (i % 25 === 0 && toks[i + 1]) texts.add(`${t.text} ${toks[i + 1].text}`);
    });
    for (const e of d.layers.entities ?? []) if (e.name) texts.add(e.name);
    if (d.title) texts.add(d.title.split(/\s+/).slice(0, 3).join(' '));
  }
  texts.add('café Zürich Łódź');
  texts.add('"; DROP TABLE articles; --');
  const qs: SearchQuery[] = [...texts].map((text) => ({ text, limit: 1000 }));
  // with filters
  for (const text of ['Путин', 'Трамп', 'переговоры', 'Зеленський', 'Macron', 'встреча', 'США']) {
    qs.push({ text, lang: 'ru', limit: 1000 }, { text, from: '2025-03', limit: 1000 }, { text, to: '2025-02', limit: 1000 });
    qs.push({ text, outlet: 'ри', limit: 1000 }, { text, limit: 2, offset: 1 });
  }
  return qs;
}

async function fill(loc: TestLocation, docs: Doc[], lemmatizer: ReturnType<typeof morphLemmatizer>): Promise<Store> {
  const store = await loc.open({ lemmatizer });
  for (const d of docs) await store.putArticle(d);
  return store;
}

let filled: Promise<{ docs: Doc[]; sa: Store; sb: Store }> | null = null;
const cleanup: (() => Promise<void>)[] = [];
/** Both stores, filled once with the same analysed seeds and samples (in the same order). */
function bothStores(): Promise<{ docs: Doc[]; sa: Store; sb: Store }> {
  filled ??= (async () => {
    const { docs, lemmatizer } = await analysedDocs();
    assert.ok(docs.length >= 10, `only ${docs.length} articles read`);
    const a = await sqliteKind.create();
    const b = await postgresKind.create();
    const sa = await fill(a, docs, lemmatizer);
    const sb = await fill(b, docs, lemmatizer);
    cleanup.push(async () => {
      await sa.close();
      await sb.close();
      await a.done();
      await b.done();
    });
    return { docs, sa, sb };
  })();
  return filled;
}
after(async () => {
  for (const c of cleanup) await c();
});

test('SQLite and PostgreSQL give the same articles, lists and search hits on the seeds and samples', async () => {
  const { docs, sa, sb } = await bothStores();
  for (const d of docs) assert.deepEqual(await sb.getArticle(d.id), await sa.getArticle(d.id), `getArticle ${d.id}`);
  assert.deepEqual(await sb.stats(), await sa.stats());
  assert.deepEqual(await sb.entities({ limit: 10000 }), await sa.entities({ limit: 10000 }));
  assert.deepEqual(await sb.entities({ name: 'пут' }), await sa.entities({ name: 'пут' }));
  assert.deepEqual(await sb.quotes(), await sa.quotes());
  assert.deepEqual(await sb.events(), await sa.events());
  assert.deepEqual(await sb.events({ type: 'consult', from: '2025' }), await sa.events({ type: 'consult', from: '2025' }));
  assert.deepEqual(await sb.listArticles({ limit: 1000 }), await sa.listArticles({ limit: 1000 }));
  assert.deepEqual(await sb.listArticles({ lang: 'uk', to: '2025-06' }), await sa.listArticles({ lang: 'uk', to: '2025-06' }));

  const qs = queriesOf(docs);
  assert.ok(qs.length >= 300, `only ${qs.length} queries`);
  let withHits = 0;
  let sameOrder = 0;
  for (const q of qs) {
    const ra = await sa.search(q);
    const rb = await sb.search(q);
    const what = JSON.stringify(q);
    assert.equal(rb.total, ra.total, `total ${what}`);
    assert.deepEqual(rb.terms, ra.terms, `terms ${what}`);
    if (q.offset) continue; // a page of differently ordered hits holds other articles
    const byId = (r: typeof ra) => new Map(r.hits.map(({ score: _s, ...h }) => [h.id, h]));
    assert.deepEqual(byId(rb), byId(ra), `hits ${what}`);
    if (ra.total) withHits++;
    if (ra.hits.map((h) => h.id).join() === rb.hits.map((h) => h.id).join()) sameOrder++;
  }
  assert.ok(withHits >= 250, `only ${withHits} queries with hits`);
  console.log(`parity: ${qs.length} queries, ${withHits} with hits, identical hits on both; same order ${sameOrder}/${qs.length}`);
});

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

test('SQLite and PostgreSQL build the same corpus from the seeds and samples: stories, near-duplicates, claims, actors', async () => {
  const { docs, sa, sb } = await bothStores();
  assert.ok(sa.corpus && sa.stories, 'the SQLite store keeps a corpus');
  assert.ok(sb.corpus, 'the PostgreSQL store keeps no corpus (claims, actors)');
  assert.ok(sb.stories, 'the PostgreSQL store keeps no stories');
  const [ca, cb, ta, tb] = [sa.corpus!, sb.corpus!, sa.stories!, sb.stories!];
  assert.deepEqual(await cb.counts(), await ca.counts(), 'counts');

  // stories: the list, each story, the count, near-duplicate links
  const storiesA = await ta.list({ limit: 1000 });
  assert.ok(storiesA.length >= 2, `only ${storiesA.length} stories`);
  assert.deepEqual(await tb.list({ limit: 1000 }), storiesA, 'stories');
  assert.equal(await tb.count(), await ta.count(), 'story count');
  for (const s of storiesA) {
    assert.deepEqual(await tb.get(s.id), await ta.get(s.id), `story ${s.id}`);
    assert.deepEqual(await cb.storyArticles(s.id), await ca.storyArticles(s.id), `story articles ${s.id}`);
  }
  const ids = docs.map((d) => d.id);
  assert.deepEqual(await tb.copyOf(ids), await ta.copyOf(ids), 'copyOf');

  // claims: all of them, filtered, one by one
  const claimsA = await all(ca.claims());
  assert.ok(claimsA.length >= 5, `only ${claimsA.length} claims`);
  assert.deepEqual(await all(cb.claims()), claimsA, 'claims');
  for (const f of [{ status: 'occurred' }, { type: 'consult' }, { from: '2025-02', to: '2025-06' }, { limit: 3, offset: 2 }, { articles: ids.slice(0, 4) }])
    assert.deepEqual(await all(cb.claims(f)), await all(ca.claims(f)), `claims ${JSON.stringify(f)}`);
  for (const c of claimsA) assert.deepEqual(await cb.claim(c.id), await ca.claim(c.id), `claim ${c.id}`);

  // actors: ids in order, each profile with its co-occurring actors, look-ups by name and entity
  const actorsA = await all(ca.actorIds());
  assert.ok(actorsA.length >= 10, `only ${actorsA.length} actors`);
  assert.deepEqual(await all(cb.actorIds()), actorsA, 'actor ids');
  assert.deepEqual(await cb.actorMap(), await ca.actorMap(), 'actor map');
  for (const id of actorsA) {
    assert.deepEqual(await cb.actor(id, { cooccurrence: 15 }), await ca.actor(id, { cooccurrence: 15 }), `actor ${id}`);
    assert.deepEqual(await cb.actorEntities(id), await ca.actorEntities(id), `actor entities ${id}`);
    const f = { actors: await ca.actorEntities(id) };
    assert.deepEqual(await all(cb.claims(f)), await all(ca.claims(f)), `claims of actor ${id}`);
  }
  for (const name of ['Лавров', 'путин', 'Зеленський', 'Trump', 'МИД', 'нет такого имени'])
    assert.deepEqual(await cb.findActors(name), await ca.findActors(name), `findActors ${name}`);
  const entities = [...(await ca.actorMap()).keys()];
  for (const e of entities.slice(0, 50)) assert.equal(await cb.actorOf(e), await ca.actorOf(e), `actorOf ${e}`);
  assert.deepEqual(await cb.names(entities), await ca.names(entities), 'names');
  const rowKey = (r: { article: string; entity: string }) => `${r.article}|${r.entity}`;
  const sorted = <T extends { article: string; entity: string }>(rs: T[]) => [...rs].sort((x, y) => (rowKey(x) < rowKey(y) ? -1 : rowKey(x) > rowKey(y) ? 1 : 0));
  assert.deepEqual(sorted(await cb.framingRows(ids)), sorted(await ca.framingRows(ids)), 'framing rows');

  // a rebuild gives the same corpus again on both
  await cb.rebuild();
  assert.deepEqual(await all(cb.claims()), claimsA, 'claims after a PostgreSQL rebuild');
  assert.deepEqual(await tb.list({ limit: 1000 }), storiesA, 'stories after a PostgreSQL rebuild');
  console.log(`corpus parity: ${storiesA.length} stories, ${claimsA.length} claims, ${actorsA.length} actors identical on both stores`);
});
