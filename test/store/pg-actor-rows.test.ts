// The PostgreSQL actors list remembers each actor's latest rows while its ids' rows are the same
// (src/store/postgres-actor-rows.ts). A store that has read the list before, between writes of real
// news by another store (the seeds and samples, then copies of them under other ids and dates, so
// the top actors pass the 200-row window), lists exactly the profiles a store opened afresh lists.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { toArticleJson } from '../../src/contract/article.js';
import type { ArticleJson } from '../../src/store/types.js';
import { readInputs } from '../../src/ingest/index.js';
import { createPipeline } from '../../src/pipeline/index.js';
import { listActors } from '../../src/corpus/index.js';
import { PostgresStore } from '../../src/store/postgres.js';
import { freshPgDatabase, type TestDb } from '../helpers/pg.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const cleanup: (() => Promise<void>)[] = [];
after(async () => {
  for (const f of cleanup) await f();
});

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

test('postgres: remembered actor rows give the profiles computed afresh, across writes', async () => {
  const p = await createPipeline();
  const base: ArticleJson[] = [];
  for await (const item of readInputs([join(ROOT, '..', 'shared', 'seeds'), join(ROOT, 'samples')])) if (item.ok) base.push(toArticleJson(p.analyze(item.article)) as ArticleJson);
  const db: TestDb = await freshPgDatabase();
  cleanup.push(() => db.drop());
  const writer = await new PostgresStore(db.url).open();
  const reader = await new PostgresStore(db.url).open();
  try {
    const list = (s: PostgresStore) => all(listActors(s, { limit: 40 }));
    let n = 0;
    for (let k = 0; n < 240; k++) {
      for (const [i, a] of base.entries()) {
        await writer.putArticle(k === 0 ? a : { ...a, id: `${a.id}~v${k}`, published: `2025-${String(1 + ((k + i) % 12)).padStart(2, '0')}-1${i % 9}` });
        n++;
      }
      if (k % 3 !== 0 && n < 240) continue;
      const fresh = await new PostgresStore(db.url).open();
      try {
        const want = await list(fresh);
        assert.deepEqual(await list(reader), want, `after ${n} articles`);
        assert.deepEqual(await list(reader), want, `again after ${n} articles`);
      } finally {
        await fresh.close();
      }
    }
    const first = await list(reader);
    assert.ok(first[0].articles > 200, 'the top actor has more rows than the window');
    assert.ok(first.some((a) => a.roles.length > 0));
  } finally {
    await reader.close();
    await writer.close();
  }
});
