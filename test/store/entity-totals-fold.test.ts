// SQLite's entity totals folded every few articles (schema step 17, src/store/sqlite-entity-totals.ts):
// whether an article's rows are folded yet or still pending, the views entity_totals and
// entity_type_totals, entities() (its order included) and stats() give exactly what counting the
// stored rows gives; through folds at several intervals, an entity listed twice in one article (the
// writer's upsert), rows changed and deleted by hand in folded and in pending articles, articles
// deleted and a deleted article's rowid taken again by a new one.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { toArticleJson } from '../../src/contract/article.js';
import { readInputs } from '../../src/ingest/index.js';
import { createPipeline } from '../../src/pipeline/index.js';
import { CORPUS_UPDATERS } from '../../src/store/corpus-updaters.js';
import { foldEntityTotals } from '../../src/store/sqlite-entity-totals.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { ArticleJson } from '../../src/store/types.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let articlesP: Promise<ArticleJson[]> | null = null;
const samples = () =>
  (articlesP ??= (async () => {
    const p = await createPipeline();
    const out: ArticleJson[] = [];
    for await (const item of readInputs([join(ROOT, 'samples')])) if (item.ok) out.push(toArticleJson(p.analyze(item.article)) as ArticleJson);
    return out;
  })());

type Row = Record<string, unknown>;

/** The views, entities() and stats() against totals counted from article_entities itself. */
async function check(store: SqliteStore, when: string): Promise<void> {
  const db = store.db;
  const truth = db.prepare('SELECT entity, count(*) AS articles, sum(mentions) AS mentions FROM article_entities GROUP BY entity ORDER BY entity').all() as Row[];
  assert.deepEqual(db.prepare('SELECT entity, articles, mentions FROM entity_totals ORDER BY entity').all(), truth, `${when}: entity_totals`);
  const byType = db.prepare('SELECT entity, type, count(*) AS articles, sum(mentions) AS mentions FROM article_entities GROUP BY entity, type ORDER BY entity, type').all();
  assert.deepEqual(db.prepare('SELECT entity, type, articles, mentions FROM entity_type_totals ORDER BY entity, type').all(), byType, `${when}: entity_type_totals`);
  // a look-up by entity (the views' use in sqlite-corpus.ts)
  for (const t of truth.slice(0, 5))
    assert.deepEqual(db.prepare('SELECT entity, articles, mentions FROM entity_totals WHERE entity IN (SELECT value FROM json_each(?))').all(JSON.stringify([t.entity])), [t], `${when}: look-up`);
  const listed = await store.entities({ limit: 1e6 });
  const order = [...truth].sort((x, y) => (y.articles as number) - (x.articles as number) || (y.mentions as number) - (x.mentions as number) || (x.entity! < y.entity! ? -1 : 1));
  assert.deepEqual(listed.map((e) => [e.id, e.articles, e.mentions]), order.map((t) => [t.entity, t.articles, t.mentions]), `${when}: entities()`);
  // a page further down (the folded rank index and the pending entities merged)
  const page = await store.entities({ limit: 7, offset: 5 });
  assert.deepEqual(page.map((e) => e.id), order.slice(5, 12).map((t) => t.entity), `${when}: entities() page`);
  for (const type of ['PER', 'LOC', 'ORG']) {
    const want = (byType as Row[]).filter((r) => r.type === type).sort((x, y) => (y.articles as number) - (x.articles as number) || (y.mentions as number) - (x.mentions as number) || (x.entity! < y.entity! ? -1 : 1));
    assert.deepEqual((await store.entities({ type, limit: 1e6 })).map((e) => [e.id, e.articles, e.mentions]), want.map((t) => [t.entity, t.articles, t.mentions]), `${when}: entities(${type})`);
  }
  const stats = await store.stats();
  assert.equal(stats.entities, truth.length, `${when}: stats.entities`);
  assert.equal(stats.mentions, truth.reduce((s, t) => s + (t.mentions as number), 0), `${when}: stats.mentions`);
}

for (const every of [1, 3, 64]) {
  test(`entity totals folded every ${every} articles stay exact through writes, upserts, hand edits and deletes`, async (t) => {
    const articles = await samples();
    assert.ok(articles.length >= 8);
    const dir = mkdtempSync(join(tmpdir(), 'parley-fold-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    // without the corpus updaters: their rows are keyed by article rowid and a deleted article's rowid
    // is taken again below (the corpus does not follow deleted articles)
    const updaters = CORPUS_UPDATERS.splice(0, CORPUS_UPDATERS.length);
    t.after(() => void CORPUS_UPDATERS.push(...updaters));
    const store = new SqliteStore(join(dir, 'f.db'), { foldEvery: every });
    try {
      const db = store.db;
      const pending = () => db.prepare('SELECT count(*) FROM entity_totals_pending').pluck().get() as number;
      for (const [i, a] of articles.entries()) {
        assert.equal((await store.putArticle(a)).status, 'new');
        await check(store, `after article ${i}`);
        assert.ok(pending() < every, 'folded once `every` articles are pending');
      }
      // an entity listed twice in one article: the writer's upsert adds its mentions
      const twice = articles.find((a) => (a.entities?.length ?? 0) >= 2)!;
      const [first, ...rest] = twice.entities as { mentions: unknown[] }[];
      const split = { ...twice, id: `${twice.id}-split`, entities: [{ ...first, mentions: first.mentions.slice(0, 1) }, ...rest, { ...first, mentions: first.mentions.slice(1) }] };
      assert.equal((await store.putArticle(split)).status, 'new');
      await check(store, 'after an entity listed twice');
      // rows changed by hand: in the latest article (pending unless every = 1) and in the first (folded)
      const latest = db.prepare('SELECT max(rowid) FROM articles').pluck().get() as number;
      const firstRid = db.prepare('SELECT min(rowid) FROM articles').pluck().get() as number;
      for (const rid of [latest, firstRid]) {
        const row = db.prepare('SELECT entity FROM article_entities WHERE article = ? ORDER BY entity LIMIT 1').get(rid) as Row;
        db.prepare('UPDATE article_entities SET mentions = mentions + 2 WHERE article = ? AND entity = ?').run(rid, row.entity);
        await check(store, `after mentions changed in article ${rid}`);
        db.prepare(`UPDATE article_entities SET entity = 'test:renamed', type = 'MISC' WHERE article = ? AND entity = ?`).run(rid, row.entity);
        await check(store, `after an entity renamed in article ${rid}`);
        db.prepare('DELETE FROM article_entities WHERE article = ? AND entity = ?').run(rid, 'test:renamed');
        await check(store, `after a row deleted in article ${rid}`);
      }
      // the latest article deleted (pending or folded), then a new article takes its rowid
      db.prepare('DELETE FROM articles WHERE rowid = ?').run(latest);
      await check(store, 'after the latest article deleted');
      assert.equal((await store.putArticle({ ...articles[0], id: `${articles[0].id}-again` })).status, 'new');
      assert.equal(db.prepare('SELECT max(rowid) FROM articles').pluck().get(), latest, 'the rowid is taken again');
      await check(store, 'after a new article in its rowid');
      // everything folded, then half deleted, then all
      foldEntityTotals(db, 1);
      assert.equal(pending(), 0);
      await check(store, 'after folding all');
      const ids = db.prepare('SELECT id FROM articles ORDER BY rowid').pluck().all() as string[];
      for (const id of ids.filter((_, i) => i % 2 === 0)) db.prepare('DELETE FROM articles WHERE id = ?').run(id);
      await check(store, 'after deleting half');
      for (const id of ids.filter((_, i) => i % 2 === 1)) db.prepare('DELETE FROM articles WHERE id = ?').run(id);
      await check(store, 'after deleting all');
      assert.equal(db.prepare('SELECT count(*) FROM entity_totals_folded').pluck().get(), 0, 'no entity row left');
      assert.equal(db.prepare('SELECT count(*) FROM entity_type_totals_folded').pluck().get(), 0, 'no entity-type row left');
    } finally {
      await store.close();
    }
  });
}
