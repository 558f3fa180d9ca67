// The PostgreSQL entities list remembers each entity's names, type and roles while its rows are the
// same (src/store/postgres-entity-detail.ts). A store that has read the list before, between writes
// of real news by another store (the samples, then copies of them under other ids and dates, so the
// top entities pass the 200-row window), answers exactly what a store opened afresh answers, for
// every page and type filter, and for one entity by id.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { toArticleJson } from '../../src/contract/article.js';
import type { ArticleJson } from '../../src/store/types.js';
import { readInputs } from '../../src/ingest/index.js';
import { createPipeline } from '../../src/pipeline/index.js';
import { PostgresStore } from '../../src/store/postgres.js';
import { freshPgDatabase, type TestDb } from '../helpers/pg.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const cleanup: (() => Promise<void>)[] = [];
after(async () => {
  for (const f of cleanup) await f();
});

test('postgres: a remembered entity detail is the one computed afresh, across writes', async () => {
  const p = await createPipeline();
  const base: ArticleJson[] = [];
  for await (const item of readInputs([join(ROOT, 'samples')])) if (item.ok) base.push(toArticleJson(p.analyze(item.article)) as ArticleJson);
  const db: TestDb = await freshPgDatabase();
  cleanup.push(() => db.drop());
  const writer = await new PostgresStore(db.url).open();
  const reader = await new PostgresStore(db.url).open();
  try {
    const lists = async (s: PostgresStore) => [
      await s.entities({ limit: 30 }),
      await s.entities({ limit: 30, offset: 30 }),
      await s.entities({ limit: 20, type: 'PER' }),
      await s.entities({ limit: 20, type: 'LOC' }),
    ];
    let n = 0;
    for (let k = 0; n < 240; k++) {
      for (const [i, a] of base.entries()) {
        await writer.putArticle(k === 0 ? a : { ...a, id: `${a.id}~v${k}`, published: `2025-${String(1 + ((k + i) % 12)).padStart(2, '0')}-1${i % 9}` });
        n++;
      }
      if (k % 4 !== 0 && n < 240) continue;
      const fresh = await new PostgresStore(db.url).open();
      try {
        const want = await lists(fresh);
        assert.deepEqual(await lists(reader), want, `after ${n} articles`);
        assert.deepEqual(await lists(reader), want, `again after ${n} articles`);
        const top = want[0][0];
        assert.deepEqual(await reader.entities({ id: top.id, limit: 1 }), await fresh.entities({ id: top.id, limit: 1 }));
      } finally {
        await fresh.close();
      }
    }
    const [first] = await lists(reader);
    assert.ok(first[0].articles > 200, 'the top entity has more rows than the window');
    assert.ok(first.some((e) => e.roles.length > 0));
  } finally {
    await reader.close();
    await writer.close();
  }
});
