// The two stores answer alike: the seeds and the samples (real news, ru/uk/en), analysed by the
// whole pipeline and stored in SQLite and in PostgreSQL, give the same articles, statistics,
// entities, quotes, events and article lists, and for several hundred queries built from the
// articles' own words (inflected forms, lemmas, names, word pairs, with filters) the same hits:
// same total, same article ids, same snippets and match offsets. Only the rank score and the order
// among hits differ (bm25 in SQLite, ts_rank in PostgreSQL).
import { test } from 'node:test';
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

test('SQLite and PostgreSQL give the same articles, lists and search hits on the seeds and samples', async () => {
  const { docs, lemmatizer } = await analysedDocs();
  assert.ok(docs.length >= 10, `only ${docs.length} articles read`);
  const a = await sqliteKind.create();
  const b = await postgresKind.create();
  const sa = await fill(a, docs, lemmatizer);
  const sb = await fill(b, docs, lemmatizer);
  try {
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
  } finally {
    await sa.close();
    await sb.close();
    await a.done();
    await b.done();
  }
});
