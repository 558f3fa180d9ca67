// The entities list remembers each entity's names, type and roles while its newest row is the same
// (src/store/sqlite-entity-detail.ts). A connection that has read the list before, between writes of
// real news (the samples, then copies of them under other ids and dates, so the top entities pass
// the 200-row window), answers exactly what a connection opened afresh answers, for every page
// and type filter, and for one entity by id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { toArticleJson } from '../../src/contract/article.js';
import type { ArticleJson } from '../../src/store/types.js';
import { readInputs } from '../../src/ingest/index.js';
import { createPipeline } from '../../src/pipeline/index.js';
import { SqliteStore } from '../../src/store/sqlite.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('sqlite: a remembered entity detail is the one computed afresh, across writes', async () => {
  const p = await createPipeline();
  const base: ArticleJson[] = [];
  for await (const item of readInputs([join(ROOT, 'samples')])) if (item.ok) base.push(toArticleJson(p.analyze(item.article)) as ArticleJson);
  const dir = mkdtempSync(join(tmpdir(), 'parley-entity-detail-'));
  const path = join(dir, 'store.db');
  const writer = new SqliteStore(path);
  const reader = new SqliteStore(path);
  try {
    const lists = async (s: SqliteStore) => [
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
      const fresh = new SqliteStore(path);
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
    rmSync(dir, { recursive: true, force: true });
  }
});
