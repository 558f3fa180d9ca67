/**
 * The read-answer cache (src/api/cache.ts) serves an answer again only while the store's data
 * version is unchanged: a write through this connection, another connection or another process's
 * store makes the next answer a fresh one. Real sample articles, analysed by the pipeline; SQLite,
 * and PostgreSQL when PARLEY_TEST_PG is set.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer, responseCache, type App } from '../../src/api/server.js';
import { connectStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { createPipeline } from '../../src/pipeline/index.js';
import { readInputs } from '../../src/ingest/index.js';
import type { Doc } from '../../src/doc/model.js';
import { freshPgDatabase, type TestDb } from '../helpers/pg.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SAMPLES = ['ru-2025-02-12-putin-trump-call.txt', 'ru-2025-02-18-riyadh-talks.txt', 'uk-2025-03-11-jeddah-talks.txt'].map((f) => join(ROOT, 'samples', f));
const json = (r: { body: string }) => JSON.parse(r.body);

const docs: Doc[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'parley-cache-'));

before(async () => {
  const pipeline = await createPipeline();
  for await (const r of readInputs(SAMPLES)) if (r.ok) docs.push(pipeline.analyze(r.article));
  assert.equal(docs.length, 3);
});

after(() => rmSync(tmp, { recursive: true, force: true }));

/** The same checks on any store: `a` serves, `b` is another connection to the same database. */
async function check(a: Store, b: Store, countHits: boolean): Promise<void> {
  await a.putArticle(docs[0]);
  const app: App = await buildServer({ store: a, rateLimit: false, webDir: null });
  try {
    const cache = responseCache(app)!;
    assert.ok(cache, 'the cache is on for a store with a data version');
    const urls = ['/api/articles?limit=10', '/api/stats', '/api/search?q=' + encodeURIComponent('переговоры'), '/api/entities?limit=5', '/feeds/search.atom?q=' + encodeURIComponent('Путин')];
    const first = new Map<string, { body: string; etag: string }>();
    for (const u of urls) {
      const r = await app.inject(u);
      assert.equal(r.statusCode, 200, u + ' ' + r.body);
      first.set(u, { body: r.body, etag: String(r.headers.etag) });
    }
    const misses = cache.misses;
    // the same requests again: served from the cache, the same bytes and ETags
    for (const u of urls) {
      const r = await app.inject(u);
      assert.equal(r.statusCode, 200);
      assert.equal(r.body, first.get(u)!.body, u);
      assert.equal(r.headers.etag, first.get(u)!.etag, u);
      assert.match(String(r.headers['content-type']), u.startsWith('/feeds') ? /atom/ : /json/);
    }
    // (PostgreSQL's snapshot moves with any write on the server, other databases' too: a shared test
    // server gives misses here, so hits are counted on SQLite only)
    if (countHits) {
      assert.equal(cache.misses, misses);
      assert.equal(cache.hits, urls.length);
    }
    // a conditional request answered from the cache is still a 304
    const c = await app.inject({ url: urls[0], headers: { 'if-none-match': first.get(urls[0])!.etag } });
    assert.equal(c.statusCode, 304);
    assert.equal(c.body, '');
    // errors are not kept; the export streams are not cached
    for (let i = 0; i < 2; i++) assert.equal((await app.inject('/api/articles/nope')).statusCode, 404);
    const before404 = cache.hits;
    assert.equal((await app.inject('/api/articles/nope')).statusCode, 404);
    await app.inject('/api/export?what=articles&format=jsonl');
    await app.inject('/api/export?what=articles&format=jsonl');
    if (countHits) assert.equal(cache.hits, before404);

    // another connection writes: every answer is computed again and shows the new article
    await b.putArticle(docs[1]);
    const listed = json(await app.inject(urls[0])).items.map((x: { id: string }) => x.id);
    assert.ok(listed.includes(docs[1].id), 'a write by another connection is seen at once');
    assert.equal(json(await app.inject('/api/stats')).articles, 2);
    assert.notEqual((await app.inject(urls[3])).body, undefined);

    // this connection writes: the same
    await a.putArticle(docs[2]);
    const after = json(await app.inject(urls[0])).items.map((x: { id: string }) => x.id);
    assert.deepEqual([...after].sort(), docs.map((d) => d.id).sort());
    assert.equal(json(await app.inject('/api/stats')).articles, 3);
    // and every cached answer equals the one a server without the cache gives now
    // (plain shares the store and is not closed: closing it would close the store; inject opens no socket)
    const plain: App = await buildServer({ store: a, rateLimit: false, webDir: null, cache: false });
    assert.equal(responseCache(plain), undefined);
    for (const u of urls) {
      await app.inject(u);
      const hit = await app.inject(u);
      const fresh = await plain.inject(u);
      assert.equal(hit.body, fresh.body, u);
      assert.equal(hit.headers.etag, fresh.headers.etag, u);
    }
  } finally {
    await app.close();
  }
}

test('SQLite: answers cached under the data version; writes from either connection are seen at once', async () => {
  const path = join(tmp, 'cache.db');
  const a = await connectStore(path);
  const b = await connectStore(path);
  try {
    await check(a, b, true);
  } finally {
    await b.close();
  }
});

test('PostgreSQL: the same (PARLEY_TEST_PG)', { skip: !process.env.PARLEY_TEST_PG && 'PARLEY_TEST_PG not set' }, async () => {
  const db: TestDb = await freshPgDatabase('parley_cache');
  const a = await connectStore(db.url);
  const b = await connectStore(db.url);
  try {
    await check(a, b, false);
  } finally {
    await b.close();
    await db.drop();
  }
});

test('the cache keeps at most its byte budget, least recently used dropped first', async () => {
  const path = join(tmp, 'budget.db');
  const a = await connectStore(path);
  await a.putArticle(docs[0]);
  const app: App = await buildServer({ store: a, rateLimit: false, webDir: null, cache: { maxBytes: 8_000 } });
  try {
    const cache = responseCache(app)!;
    const one = (await app.inject('/api/articles?limit=1')).body.length;
    assert.ok(one > 200, `body ${one}`);
    for (let i = 1; i <= 40; i++) await app.inject(`/api/articles?limit=${i}`);
    assert.ok(cache.size >= 2 && cache.size < 40, `entries ${cache.size}`);
    // the latest is kept, the first has gone
    const h = cache.hits;
    await app.inject('/api/articles?limit=40');
    assert.equal(cache.hits, h + 1);
    await app.inject('/api/articles?limit=1');
    assert.equal(cache.hits, h + 1);
  } finally {
    await app.close();
  }
});
