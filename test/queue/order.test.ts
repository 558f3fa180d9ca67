// Workers write in input order (src/queue/order.ts): two workers taking jobs from one queue, their
// analyses finishing in any order, store the same corpus (stories, claims, near-duplicates, counts)
// as one process storing the same articles in input order. Real articles: the seeds and samples
// (ru/uk/en news) and 20 SlavicNER nord_stream articles (many reports of one story), with two
// inputs that repeat an earlier text under another id (one process stores the first and skips the
// second). Each analysis is held back by a random delay, so the second worker often finishes an
// article before the first finishes the one before it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listClaims } from '../../src/corpus/index.js';
import { listStories } from '../../src/corpus/stories/index.js';
import type { RawArticle } from '../../src/doc/model.js';
import { readInputs } from '../../src/ingest/index.js';
import { createPipeline } from '../../src/pipeline/index.js';
import { enqueue, openQueue } from '../../src/queue/index.js';
import { startQueueWorker } from '../../src/queue/worker.js';
import { morphLemmatizer } from '../../src/store/lemmatizer.js';
import { PostgresStore } from '../../src/store/postgres.js';
import { textHash } from '../../src/store/sqlite-terms.js';
import type { Store } from '../../src/store/types.js';
import { freshPgDatabase } from '../helpers/pg.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHARED = join(ROOT, '..', 'shared');

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** A raw article's key, the same after its trip through the queue (jsonb keeps no key order) */
const keyOf = (raw: RawArticle) => `${raw.id ?? ''}|${raw.source?.path ?? ''}|${textHash(raw.text)}`;

async function corpusOf(store: Store) {
  const stories = await listStories(store, { limit: 10000 });
  const claims = await all(listClaims(store, {}));
  const counts = await store.corpus!.counts();
  const ids = (await store.listArticles({ limit: 100000 })).map((a) => a.id).sort();
  return { ids, stories, claims, counts };
}

test('two workers store the corpus one process stores from the same inputs in order', async () => {
  const pipeline = await createPipeline();
  const lemmatizer = morphLemmatizer(pipeline.ctx.get('morph'));
  const raws: RawArticle[] = [];
  for await (const item of readInputs([join(SHARED, 'seeds'), join(ROOT, 'samples')])) {
    if (!item.ok) throw new Error(`${item.input}: ${item.error}`);
    raws.push(item.article);
  }
  const meta = new Map<string, string>();
  for (const l of readFileSync(join(SHARED, 'data', 'slavicner', 'meta.tsv'), 'utf8').split('\n').slice(1)) {
    const [p, , , d] = l.split('\t');
    if (p) meta.set(p, d);
  }
  const dir = join(SHARED, 'data', 'slavicner', 'raw', 'nord_stream');
  for (const lang of ['ru', 'uk'])
    for (const f of readdirSync(join(dir, lang)).sort().slice(0, 10)) {
      const rel = `nord_stream/${lang}/${f}`;
      const d = meta.get(`raw/${rel}`);
      raws.push({ id: rel, source: { path: rel }, published: d && /^\d{4}-\d\d-\d\d$/.test(d) ? d : null, title: null, text: readFileSync(join(dir, lang, f), 'utf8'), lang });
    }
  // the same texts again under other ids, after their first copies
  raws.push({ ...raws[3], id: 'again-3', source: { path: 'again-3' } }, { ...raws[raws.length - 5], id: 'again-last', source: { path: 'again-last' } });

  // one process, in input order (what `parley ingest` does: an input whose text is stored is skipped)
  const oneDb = await freshPgDatabase('parley_order1');
  const twoDb = await freshPgDatabase('parley_order2');
  const one = await new PostgresStore(oneDb.url, { lemmatizer }).open();
  const two = await new PostgresStore(twoDb.url, { lemmatizer }).open();
  const second = await new PostgresStore(twoDb.url, { lemmatizer }).open();
  try {
    const docs = new Map<string, ReturnType<typeof pipeline.analyze>>();
    let skipped = 0;
    for (const raw of raws) {
      const doc = pipeline.analyze(raw);
      docs.set(keyOf(raw), doc);
      if (await one.isStored({ id: doc.id, contentHash: textHash(doc.text) })) skipped++;
      else await one.putArticle(doc);
    }
    assert.ok(skipped >= 2, `skipped ${skipped}`);

    // two workers on one queue; an analysis takes 0-40 ms more at random
    const boss = await openQueue(twoDb.url);
    try {
      await enqueue(boss, raws.map((raw, i) => ({ raw, input: `input-${i}` })));
      let seed = 7;
      const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
      const engine = {
        async analyze(raw: RawArticle) {
          await new Promise((r) => setTimeout(r, Math.floor(rnd() * 40)));
          return { ok: true as const, doc: docs.get(keyOf(raw))! };
        },
      };
      const o = { concurrency: 1, idleExit: 1, pollInterval: 0.05, order: { url: twoDb.url } };
      const [w1, w2] = await Promise.all([startQueueWorker(boss, two, engine, o), startQueueWorker(boss, second, engine, o)]);
      await Promise.all([w1.done, w2.done]);
      assert.ok(w1.stats.jobs > 0 && w2.stats.jobs > 0, `both workers took jobs: ${w1.stats.jobs}, ${w2.stats.jobs}`);
      assert.equal(w1.stats.failed + w2.stats.failed, 0);
      assert.equal(w1.stats.skipped + w2.stats.skipped, skipped, 'the inputs one process skips (a text stored before) are skipped');
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    const [a, b] = [await corpusOf(one), await corpusOf(two)];
    assert.ok(a.claims.length >= 20 && a.stories.length >= 5, `claims ${a.claims.length}, stories ${a.stories.length}`);
    assert.deepEqual(b.ids, a.ids);
    assert.deepEqual(b.counts, a.counts);
    assert.deepEqual(b.stories, a.stories);
    assert.deepEqual(b.claims, a.claims);
  } finally {
    await one.close();
    await two.close();
    await second.close();
    await oneDb.drop();
    await twoDb.drop();
  }
});
