/**
 * The API over the PostgreSQL store (a real server: test/helpers/pg.ts): the same routes answer
 * the same way as over SQLite, because nothing in src/api/ knows which database is behind
 * `openStore`. The samples are uploaded through POST /api/articles.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer, type App } from '../../src/api/server.js';
import { connectStore } from '../../src/store/index.js';
import { loadQueryLemmatizer } from '../../src/store/lemmatizer.js';
import { freshPgDatabase, type TestDb } from '../helpers/pg.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOKEN = 'pg-test-token-0123456789';
let app: App;
let db: TestDb;
const json = (r: { body: string }) => JSON.parse(r.body);

before(async () => {
  db = await freshPgDatabase('parley_api');
  const store = await connectStore(db.url, { lemmatizer: await loadQueryLemmatizer() });
  app = await buildServer({ store, token: TOKEN, rateLimit: false, webDir: null });
});

after(async () => {
  await app?.close();
  await db?.drop();
});

test('PostgreSQL: upload the samples, then read them back through every store route', async () => {
  for (const [name, type] of [
    ['ru-2025-02-18-riyadh-talks.txt', 'text/plain'],
    ['uk-diplomacy.rss', 'application/rss+xml'],
    ['diplomacy-2025.jsonl', 'application/x-ndjson'],
  ]) {
    const r = await app.inject({ method: 'POST', url: `/api/articles?name=${name}`, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': type }, payload: readFileSync(join(ROOT, 'samples', name)) });
    assert.equal(r.statusCode, 200, r.body);
    assert.ok(json(r).new >= 1);
  }
  const stats = json(await app.inject('/api/stats'));
  assert.ok(stats.articles >= 5 && stats.events > 0);
  // paging through every article
  const seen = new Set<string>();
  for (let url = '/api/articles?limit=2'; ; ) {
    const p = json(await app.inject(url));
    for (const a of p.items) seen.add(a.id);
    if (!p.next) break;
    url = `/api/articles?limit=2&cursor=${p.next}`;
  }
  assert.equal(seen.size, stats.articles);
  const first = [...seen][0];
  const a = json(await app.inject(`/api/articles/${encodeURIComponent(first)}`));
  assert.equal(a.schema, 'parley/article@1');
  assert.equal((await app.inject('/api/articles/nope')).statusCode, 404);
  const s = json(await app.inject('/api/search?q=' + encodeURIComponent('переговоры')));
  assert.ok(s.total >= 1 && s.items[0].matches.length > 0);
  assert.ok(json(await app.inject('/api/entities?type=PER')).items.length >= 3);
  assert.ok(json(await app.inject('/api/quotes?lang=uk')).items.length >= 1);
  assert.ok(json(await app.inject('/api/events?type=CONSULT')).items.length >= 1);
  const csv = await app.inject('/api/export?what=events&format=csv');
  assert.equal(csv.body.trim().split('\n').length - 1, stats.events);
  assert.equal((await app.inject('/feeds/search.atom?q=' + encodeURIComponent('Лавров'))).statusCode, 200);
  // SQL in filters is data here too
  const inj = encodeURIComponent("x' OR 1=1; DROP TABLE articles; --");
  assert.equal(json(await app.inject(`/api/articles?outlet=${inj}`)).items.length, 0);
  assert.equal(json(await app.inject('/api/stats')).articles, stats.articles);
  // the corpus routes say clearly when this database keeps no corpus, or answer
  const claims = await app.inject('/api/claims');
  assert.ok(claims.statusCode === 200 || claims.statusCode === 501, claims.body);
  if (claims.statusCode === 501) assert.equal(json(claims).error, 'not_implemented');
});
