/**
 * The SQLite search ranks on the FTS index alone and joins only the page's candidates to their
 * articles (src/store/sqlite.ts). It must give the page the plain statement gives (every match
 * joined to its article, ordered by score, then date): the same total, the same (score, date)
 * sequence and the same ids. The store holds real sample articles and variants of them under other
 * ids and dates, as the benches do, so scores tie often and the date decides.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteStore } from '../../src/store/sqlite.js';
import { loadQueryLemmatizer } from '../../src/store/lemmatizer.js';
import { expandQuery, ftsExpression } from '../../src/store/terms.js';
import { createPipeline } from '../../src/pipeline/index.js';
import { readInputs } from '../../src/ingest/index.js';
import type { SearchQuery } from '../../src/store/types.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'parley-search-page-'));
let store: SqliteStore;
let words: string[] = [];

before(async () => {
  const lemmatizer = (await loadQueryLemmatizer()) ?? undefined;
  store = new SqliteStore(join(tmp, 's.db'), { lemmatizer });
  const pipeline = await createPipeline();
  const files = ['ru-2025-02-12-putin-trump-call.txt', 'ru-2025-02-18-riyadh-talks.txt', 'uk-2025-03-11-jeddah-talks.txt', 'ru-2025-07-01-macron-putin-call.html'];
  const seen = new Set<string>();
  for await (const r of readInputs(files.map((f) => join(ROOT, 'samples', f)))) {
    if (!r.ok) continue;
    const d = pipeline.analyze(r.article);
    for (let k = 0; k < 12; k++) {
      // variants: the same text under another id, published on another day (some on the same day)
      const day = new Date(Date.parse('2025-01-01') + ((k * 17) % 5) * 86400000).toISOString().slice(0, 10);
      await store.putArticle(k === 0 ? d : { ...d, id: `${d.id}~v${k}`, published: k % 5 === 4 ? null : day });
    }
    for (const t of d.layers.tokens ?? []) if (t.kind === 'word' && t.text.length >= 5) seen.add(t.text);
  }
  words = [...seen].filter((_, i) => i % 7 === 0).slice(0, 40);
  assert.ok(words.length >= 20);
});

after(async () => {
  await store?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** The plain statement: every match joined to its article, ranked by score, then date. */
function reference(q: SearchQuery): { total: number; rows: { id: string; score: number; published: string | null }[] } {
  const terms = expandQuery(q.text, store.lemmatizer, q.lang);
  const where = ['article_fts MATCH @match'];
  const params: Record<string, unknown> = { match: ftsExpression(terms) };
  if (q.lang) {
    where.push('a.lang = @lang');
    params.lang = q.lang;
  }
  if (q.from) {
    where.push('a.published >= @from');
    params.from = q.from;
  }
  const from = `FROM article_fts CROSS JOIN articles a ON a.rowid = article_fts.rowid WHERE ${where.join(' AND ')}`;
  const total = (store.db.prepare(`SELECT count(*) AS n ${from}`).get(params) as { n: number }).n;
  const rows = store.db
    .prepare(`SELECT a.id, bm25(article_fts, 5.0, 1.0, 0.5, 0.5) AS score, a.published ${from} ORDER BY score, a.published DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: q.limit ?? 20, offset: q.offset ?? 0 }) as { id: string; score: number; published: string | null }[];
  return { total, rows };
}

test('SQLite search: the same pages as ranking every match joined to its article', async () => {
  let compared = 0;
  let ties = 0;
  for (const [i, w] of words.entries()) {
    const qs: SearchQuery[] = [
      { text: w, limit: 5 },
      { text: w, limit: 5, offset: 5 },
      { text: w, limit: 7, offset: 11 },
      { text: w, limit: 20, offset: 1000 },
      { text: w, limit: 5, lang: i % 2 ? 'ru' : 'uk', from: '2025-01-15' },
    ];
    for (const q of qs) {
      const want = reference(q);
      const got = await store.search(q);
      assert.equal(got.total, want.total, JSON.stringify(q));
      const key = (xs: { score: number; published: string | null }[]) => xs.map((x) => `${x.score}|${x.published}`);
      assert.deepEqual(key(got.hits), key(want.rows), JSON.stringify(q));
      // ids: articles of one (score, date) group may come in any order, and a group cut by the page's
      // end may be cut at different members; every group wholly inside the page has the same ids
      const groups = (xs: { id: string; score: number; published: string | null }[]) => {
        const m = new Map<string, string[]>();
        for (const x of xs) m.set(`${x.score}|${x.published}`, [...(m.get(`${x.score}|${x.published}`) ?? []), x.id].sort());
        return m;
      };
      const g = groups(got.hits);
      const r = groups(want.rows);
      const edge = new Set([key(want.rows)[0], key(want.rows).at(-1)]);
      for (const [k, ids] of r) {
        if (ids.length > 1) ties++;
        if (!edge.has(k)) assert.deepEqual(g.get(k), ids, `${JSON.stringify(q)} ${k}`);
      }
      compared++;
    }
  }
  assert.ok(compared >= 100, `${compared} pages`);
  assert.ok(ties > 0, 'full ties (same score and date) were met');
});
