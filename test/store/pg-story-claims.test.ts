// Per-story claim counts on PostgreSQL (corpus_story_claims, src/store/postgres-story-claims.ts) kept
// by triggers: after every article of the samples and SlavicNER articles (real news, whole pipeline;
// stories form, grow and merge, claims gain reports and move), after copies of them under other ids
// and dates, and after a corpus rebuild, the table is the join of the stories' articles and the
// claims' reports counted afresh, and every story's claims (as the stories list gives them) are the
// distinct claims of its articles' reports.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { readFileSync, readdirSync } from 'node:fs';
import { toArticleJson } from '../../src/contract/article.js';
import type { ArticleJson } from '../../src/store/types.js';
import { readInputs } from '../../src/ingest/index.js';
import { createPipeline } from '../../src/pipeline/index.js';
import { PostgresStore } from '../../src/store/postgres.js';
import { listStoryHeads } from '../../src/corpus/stories/index.js';
import { freshPgDatabase, type TestDb } from '../helpers/pg.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RAW = join(ROOT, '..', 'shared', 'data', 'slavicner', 'raw');
type Row = Record<string, any>;
const cleanup: (() => Promise<void>)[] = [];
after(async () => {
  for (const f of cleanup) await f();
});

const q = async (s: PostgresStore, sql: string, p: unknown[] = []) => (await s.pool.query(sql, p)).rows as Row[];
const counted = (s: PostgresStore) =>
  q(
    s,
    `SELECT sa.story::text AS story, cr.claim, count(*)::int AS n FROM corpus_story_articles sa JOIN corpus_claim_reports cr ON cr.article = sa.article
     GROUP BY sa.story, cr.claim ORDER BY 1, 2`,
  );
const kept = (s: PostgresStore) => q(s, 'SELECT story::text AS story, claim, n FROM corpus_story_claims ORDER BY 1, 2');

test('postgres: per-story claim counts follow every write, merge and rebuild', async () => {
  const p = await createPipeline();
  const arts: ArticleJson[] = [];
  for await (const item of readInputs([join(ROOT, 'samples')])) if (item.ok) arts.push(toArticleJson(p.analyze(item.article)) as ArticleJson);
  // SlavicNER Nord Stream articles (ru, uk): several stories, some joined by later articles
  for (const lang of ['ru', 'uk'] as const) {
    const dir = join(RAW, 'nord_stream', lang);
    for (const f of readdirSync(dir).sort().slice(0, 12)) {
      const rel = `nord_stream/${lang}/${f}`;
      arts.push(toArticleJson(p.analyze({ id: rel, source: { path: rel }, published: null, title: null, text: readFileSync(join(dir, f), 'utf8'), lang })) as ArticleJson);
    }
  }
  const db: TestDb = await freshPgDatabase();
  cleanup.push(() => db.drop());
  const store = await new PostgresStore(db.url).open();
  try {
    for (const [i, a] of arts.entries()) {
      await store.putArticle(a);
      assert.deepEqual(await kept(store), await counted(store), `after article ${i + 1}`);
    }
    // the same articles again under other ids and dates: reports join the claims stored
    for (const [i, a] of arts.slice(0, 8).entries()) {
      await store.putArticle({ ...a, id: `${a.id}~v1`, published: `2025-0${1 + (i % 9)}-1${i % 9}` });
      assert.deepEqual(await kept(store), await counted(store), `after copy ${i + 1}`);
    }
    const rows = await kept(store);
    assert.ok(rows.length > 5, 'stories with claims');
    assert.ok(rows.some((r) => r.n > 1), 'a claim with several reports in one story');
    assert.ok(Number((await q(store, "SELECT count(*) AS n FROM corpus_story_history WHERE kind = 'merged'"))[0].n) > 0, 'stories merged (their articles moved)');
    for (const h of await listStoryHeads(store, { limit: 1000 })) {
      const want = (
        await q(
          store,
          `SELECT DISTINCT cr.claim FROM corpus_claim_reports cr JOIN corpus_story_articles sa ON sa.article = cr.article
           JOIN corpus_stories s ON s.key = sa.story WHERE s.id = $1 ORDER BY cr.claim`,
          [h.id],
        )
      ).map((r) => r.claim);
      assert.deepEqual(h.claims, want, h.id);
    }
    await store.corpus.rebuild();
    assert.deepEqual(await kept(store), await counted(store));
  } finally {
    await store.close();
  }
});
