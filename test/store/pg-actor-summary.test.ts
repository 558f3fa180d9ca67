// The per-actor summary rows of the PostgreSQL store (schema step 9, src/store/postgres-actor-summary.ts;
// the SQLite store's step 14) kept on write: after storing the samples (real news, ru/uk/en, analysed
// by the whole pipeline) one by one, every actor's row holds exactly the distinct articles of its
// entity ids and the quotes they speak, counted afresh from the stored rows; the actors list (read
// from the summary index) is in the order counting gives (articles desc, id asc); a corpus rebuild
// gives the same rows; actors joined by later articles (SlavicNER Nord Stream 2 glosses) are counted
// afresh, in either order of the articles.
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
import { PostgresStore } from '../../src/store/postgres.js';
import { freshPgDatabase } from '../helpers/pg.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RAW = join(ROOT, '..', 'shared', 'data', 'slavicner', 'raw');

type Row = { actor: string; articles: number; quotes: number };

async function counted(store: PostgresStore): Promise<Row[]> {
  return (
    await store.pool.query(
      `SELECT e.actor,
              (SELECT count(DISTINCT ae.article) FROM article_entities ae WHERE ae.entity IN (SELECT entity FROM corpus_actor_entities x WHERE x.actor = e.actor))::int AS articles,
              (SELECT count(*) FROM quotes q WHERE q.speaker IN (SELECT entity FROM corpus_actor_entities x WHERE x.actor = e.actor))::int AS quotes
       FROM (SELECT DISTINCT actor FROM corpus_actor_entities) e ORDER BY articles DESC, actor`,
    )
  ).rows;
}
const kept = async (store: PostgresStore) => (await store.pool.query('SELECT actor, articles, quotes FROM corpus_actor_summary ORDER BY articles DESC, actor')).rows as Row[];

test('postgres: per-actor summary rows follow every write and a corpus rebuild', async () => {
  const p = await createPipeline();
  const db = await freshPgDatabase('parley_asum');
  const store = await new PostgresStore(db.url).open();
  try {
    let n = 0;
    for await (const item of readInputs([join(ROOT, 'samples')])) {
      if (!item.ok) continue;
      await store.putArticle(p.analyze(item.article));
      n++;
      assert.deepEqual(await kept(store), await counted(store), `after article ${n}`);
    }
    assert.ok(n >= 5);
    const want = await counted(store);
    assert.ok(want.length > 20);
    assert.ok(want.some((r) => r.quotes > 0));
    const listed = [];
    for await (const a of listActors(store)) listed.push(a);
    assert.deepEqual(listed.map((a) => a.id), want.map((r) => r.actor));
    assert.deepEqual(listed.map((a) => [a.articles, a.quotes]), want.map((r) => [r.articles, r.quotes]));
    const page = [];
    for await (const a of listActors(store, { limit: 5, offset: 3 })) page.push(a.id);
    assert.deepEqual(page, want.slice(3, 8).map((r) => r.actor));
    await store.corpus.rebuild();
    assert.deepEqual(await kept(store), want);
  } finally {
    await store.close();
    await db.drop();
  }
});

test('postgres: per-actor summary rows follow actors joined by later articles', async () => {
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
    const db = await freshPgDatabase('parley_asum');
    const store = await new PostgresStore(db.url).open();
    try {
      await store.pool.query(`CREATE TABLE joins (n int); CREATE FUNCTION count_join() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO joins VALUES (1); RETURN NULL; END $$;
        CREATE TRIGGER count_joins AFTER INSERT ON corpus_actor_dirty FOR EACH ROW EXECUTE FUNCTION count_join()`);
      for (const [i, a] of order.entries()) {
        await store.putArticle(a);
        assert.deepEqual(await kept(store), await counted(store), `after article ${i + 1}`);
      }
      assert.ok(Number((await store.pool.query('SELECT count(*) AS n FROM joins')).rows[0].n) > 0, 'some actors were joined');
    } finally {
      await store.close();
      await db.drop();
    }
  }
});
