// The per-entity totals (SQLite schema step 6, PostgreSQL step 2) that make listing entities an
// index read: on both stores, after storing the samples (real news, ru/uk/en, analysed by the whole
// pipeline), after replacing an article by an edited version of it (deleted, then stored again
// under its id with a shorter text: fewer entities and mentions) and after deleting articles (their
// entity rows go by ON DELETE CASCADE), `entities()` and `stats()` give exactly what counting the
// stored articles' entity layers gives, per entity and per entity and type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import pg from 'pg';
import { readInputs } from '../../src/ingest/index.js';
import { createPipeline } from '../../src/pipeline/index.js';
import { toArticleJson } from '../../src/contract/article.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { ArticleJson, Store } from '../../src/store/types.js';
import { STORE_KINDS, type TestLocation } from './stores.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

type Pipeline = Awaited<ReturnType<typeof createPipeline>>;
let pipelineP: Promise<Pipeline> | null = null;
const pipeline = () => (pipelineP ??= createPipeline());

type Raw = Parameters<Pipeline['analyze']>[0];
let articlesP: Promise<{ raw: Map<string, Raw>; articles: ArticleJson[] }> | null = null;
/** The samples analysed once for both stores (and the raw article of each id, to analyse an edit of it). */
const samples = () =>
  (articlesP ??= (async () => {
    const p = await pipeline();
    const raw = new Map<string, Raw>();
    const articles: ArticleJson[] = [];
    for await (const item of readInputs([join(ROOT, 'samples')])) {
      if (!item.ok) continue;
      const a = toArticleJson(p.analyze(item.article)) as ArticleJson;
      raw.set(a.id, item.article);
      articles.push(a);
    }
    return { raw, articles };
  })());

interface Count {
  articles: number;
  mentions: number;
}

/** Totals counted from the articles' own entity layers (an entity listed twice in an article counts once, with both mention lists; its first type). */
function expected(articles: ArticleJson[], type?: string): Map<string, Count> {
  const m = new Map<string, Count>();
  for (const a of articles) {
    const per = new Map<string, { type: string; mentions: number }>();
    for (const e of (a.entities ?? []) as { id: string; type: string; mentions?: unknown[] }[]) {
      const had = per.get(e.id);
      if (had) had.mentions += e.mentions?.length ?? 0;
      else per.set(e.id, { type: e.type, mentions: e.mentions?.length ?? 0 });
    }
    for (const [id, e] of per) {
      if (type && e.type !== type) continue;
      const c = m.get(id) ?? m.set(id, { articles: 0, mentions: 0 }).get(id)!;
      c.articles++;
      c.mentions += e.mentions;
    }
  }
  return m;
}

async function check(store: Store, stored: ArticleJson[], when: string): Promise<void> {
  const all = expected(stored);
  const listed = await store.entities({ limit: 1e6 });
  assert.deepEqual(
    new Map(listed.map((e) => [e.id, { articles: e.articles, mentions: e.mentions }])),
    all,
    `${when}: entities() totals`,
  );
  // most articles first, then most mentions, then id
  const order = [...all.entries()].sort((x, y) => y[1].articles - x[1].articles || y[1].mentions - x[1].mentions || (x[0] < y[0] ? -1 : 1));
  assert.deepEqual(listed.map((e) => e.id), order.map(([id]) => id), `${when}: entities() order`);
  for (const type of ['PER', 'LOC', 'ORG']) {
    const byType = await store.entities({ type: type.toLowerCase(), limit: 1e6 });
    assert.deepEqual(
      new Map(byType.map((e) => [e.id, { articles: e.articles, mentions: e.mentions }])),
      expected(stored, type),
      `${when}: entities({type: ${type}}) totals`,
    );
  }
  const stats = await store.stats();
  assert.equal(stats.articles, stored.length, `${when}: stats.articles`);
  assert.equal(stats.entities, all.size, `${when}: stats.entities`);
  assert.equal(stats.mentions, [...all.values()].reduce((s, c) => s + c.mentions, 0), `${when}: stats.mentions`);
}

/** Deletes an article the only way either store allows today: by SQL (its rows go by ON DELETE CASCADE). */
async function deleteArticle(store: Store, loc: TestLocation, id: string): Promise<void> {
  if (store instanceof SqliteStore) {
    assert.equal(store.db.prepare('DELETE FROM articles WHERE id = ?').run(id).changes, 1);
    return;
  }
  const c = new pg.Client({ connectionString: loc.location });
  await c.connect();
  try {
    assert.equal((await c.query('DELETE FROM articles WHERE id = $1', [id])).rowCount, 1);
  } finally {
    await c.end();
  }
}

for (const kind of STORE_KINDS) {
  test(`${kind.name}: entity totals follow inserts, a replaced article and deletes`, async () => {
    const { raw, articles } = await samples();
    assert.ok(articles.length >= 8, `only ${articles.length} samples read`);
    const loc = await kind.create();
    const store = await loc.open();
    try {
      for (const a of articles) assert.equal((await store.putArticle(a)).status, 'new');
      let stored = [...articles];
      assert.ok(expected(stored).size >= 20, 'the samples name at least 20 entities');
      // entities named in several articles (the totals add up across articles)
      assert.ok([...expected(stored).values()].some((c) => c.articles >= 3));
      await check(store, stored, 'after insert');

      // storing the same ids again changes nothing
      for (const a of articles.slice(0, 3)) assert.equal((await store.putArticle(a)).status, 'duplicate');
      await check(store, stored, 'after duplicates');

      // an entity listed twice in one article (SQLite: the row's upsert adds the mentions; an update)
      const twice = articles.find((a) => (a.entities?.length ?? 0) >= 2)!;
      const [first, ...rest] = twice.entities as { mentions: unknown[] }[];
      const split = { ...twice, id: `${twice.id}-split`, entities: [{ ...first, mentions: first.mentions.slice(0, 1) }, ...rest, { ...first, mentions: first.mentions.slice(1) }] };
      assert.equal((await store.putArticle(split)).status, 'new');
      stored.push(split);
      await check(store, stored, 'after an entity listed twice');

      // replace: the article with most entities, cut to its first paragraph and analysed again, under its own id
      const target = [...stored].sort((x, y) => (y.entities?.length ?? 0) - (x.entities?.length ?? 0))[0];
      const p = await pipeline();
      const source = raw.get(target.id)!;
      const doc = p.analyze({ ...source, text: source.text.split(/\n\s*\n/)[0] });
      const edited = { ...(toArticleJson(doc) as ArticleJson), id: target.id };
      assert.ok((edited.entities?.length ?? 0) < (target.entities?.length ?? 0), 'the edit drops some entities');
      await deleteArticle(store, loc, target.id);
      assert.equal((await store.putArticle(edited)).status, 'new');
      stored = stored.map((a) => (a.id === target.id ? edited : a));
      await check(store, stored, 'after replace');

      // delete: half of the articles, then all of them
      for (const a of stored.filter((_, i) => i % 2 === 0)) await deleteArticle(store, loc, a.id);
      stored = stored.filter((_, i) => i % 2 === 1);
      await check(store, stored, 'after deleting half');
      for (const a of stored) await deleteArticle(store, loc, a.id);
      await check(store, [], 'after deleting all');
      assert.deepEqual(await store.entities(), []);
    } finally {
      await store.close();
      await loc.done();
    }
  });
}

for (const kind of STORE_KINDS) {
  test(`${kind.name}: entity totals stay exact with 6 connections writing articles that share entities at once`, async () => {
    const { articles } = await samples();
    const loc = await kind.create();
    const stores = await Promise.all(Array.from({ length: 6 }, () => loc.open()));
    try {
      // each writer stores every sample under ids of its own, in its own order (shared totals locked in different orders)
      const per = stores.map((_, w) => articles.map((a) => ({ ...a, id: `${a.id}~w${w}` })));
      await Promise.all(stores.map(async (s, w) => {
        const mine = w % 2 ? [...per[w]].reverse() : per[w];
        for (const a of mine) assert.equal((await s.putArticle(a)).status, 'new');
      }));
      await check(stores[0], per.flat(), 'after concurrent writes');
    } finally {
      for (const s of stores) await s.close();
      await loc.done();
    }
  });
}
