// The per-actor summary rows (SQLite schema step 14, src/store/sqlite-actor-summary.ts) kept on
// write: after storing the samples (real news, ru/uk/en, analysed by the whole pipeline) one by one,
// every actor's row holds exactly the distinct articles of its entity ids and the quotes they speak,
// counted afresh from the stored rows; the actors list (read from the summary index) is in the order
// counting every row gives (articles desc, id asc); a corpus rebuild gives the same rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { toArticleJson } from '../../src/contract/article.js';
import type { ArticleJson } from '../../src/store/types.js';
import { readInputs } from '../../src/ingest/index.js';
import { createPipeline } from '../../src/pipeline/index.js';
import { listActors } from '../../src/corpus/index.js';
import { SqliteStore } from '../../src/store/sqlite.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RAW = join(ROOT, '..', 'shared', 'data', 'slavicner', 'raw');

type Row = { actor: string; articles: number; quotes: number };

function counted(store: SqliteStore): Row[] {
  return store.db
    .prepare(
      `SELECT e.actor,
              (SELECT count(DISTINCT ae.article) FROM article_entities ae WHERE ae.entity IN (SELECT entity FROM corpus_actor_entities x WHERE x.actor = e.actor)) AS articles,
              (SELECT count(*) FROM quotes q WHERE q.speaker IN (SELECT entity FROM corpus_actor_entities x WHERE x.actor = e.actor)) AS quotes
       FROM (SELECT DISTINCT actor FROM corpus_actor_entities) e ORDER BY articles DESC, actor`,
    )
    .all() as Row[];
}
const kept = (store: SqliteStore) => store.db.prepare('SELECT actor, articles, quotes FROM corpus_actor_summary ORDER BY articles DESC, actor').all() as Row[];

test('sqlite: per-actor summary rows follow every write and a corpus rebuild', async () => {
  const p = await createPipeline();
  const store = new SqliteStore(':memory:');
  try {
    let n = 0;
    for await (const item of readInputs([join(ROOT, 'samples')])) {
      if (!item.ok) continue;
      await store.putArticle(p.analyze(item.article));
      n++;
      assert.deepEqual(kept(store), counted(store), `after article ${n}`);
    }
    assert.ok(n >= 5);
    const want = counted(store);
    assert.ok(want.length > 20);
    assert.ok(want.some((r) => r.quotes > 0));
    // the list's order is the counted one, and each profile's totals are the counted ones
    const listed = [];
    for await (const a of listActors(store)) listed.push(a);
    assert.deepEqual(listed.map((a) => a.id), want.map((r) => r.actor));
    assert.deepEqual(listed.map((a) => [a.articles, a.quotes]), want.map((r) => [r.articles, r.quotes]));
    const page = [];
    for await (const a of listActors(store, { limit: 5, offset: 3 })) page.push(a.id);
    assert.deepEqual(page, want.slice(3, 8).map((r) => r.actor));
    store.rebuildCorpus();
    assert.deepEqual(kept(store), counted(store));
    assert.deepEqual(kept(store), want);
  } finally {
    await store.close();
  }
});

// SlavicNER articles whose ids of one referent are joined while they are stored (a Latin gloss in
// brackets, Cyrillic and Latin names of Nord Stream 2; test/corpus/actors.test.ts): the joined
// actors' rows are counted afresh, the ones renamed away dropped, in either order of the articles
test('sqlite: per-actor summary rows follow actors joined by later articles', async () => {
  const p = await createPipeline();
  const files = [
    ...['1', '10', '11'].map((n) => `nord_stream/uk/nord_stream_uk.txt_file_${n}.txt`),
    ...['100', '1000', '101'].map((n) => `nord_stream/ru/Nord_Stream_2_extra.xml_file_${n}.txt`),
    'nord_stream/uk/nord_stream_uk.txt_file_35.txt', // «"Північний потік-2" (Nord Stream-2, NS-2)»
    'nord_stream/ru/nord_stream_ru.txt_file_9.txt', // «Компания «Норд Стрим 2 АГ» (Nord Stream 2 AG)»
  ];
  const arts = files.map(
    (rel) =>
      toArticleJson(p.analyze({ id: rel, source: { path: rel }, published: null, title: null, text: readFileSync(join(RAW, rel), 'utf8'), lang: rel.split('/')[1] as 'ru' | 'uk' })) as ArticleJson,
  );
  for (const order of [arts, [...arts].reverse()]) {
    const store = new SqliteStore(':memory:');
    let joins = 0;
    store.db.function('count_join', () => ++joins);
    store.db.exec('CREATE TEMP TRIGGER count_joins AFTER INSERT ON corpus_actor_dirty BEGIN SELECT count_join(); END');
    try {
      for (const [i, a] of order.entries()) {
        await store.putArticle(a);
        assert.deepEqual(kept(store), counted(store), `after article ${i + 1}`);
      }
      assert.ok(joins > 0, 'some actors were joined');
    } finally {
      await store.close();
    }
  }
});
