// An actor's profile from the contact pairs and the roles index (SQLite schema step 15,
// src/store/sqlite-actor-summary.ts) is the profile read the former way, from every one of its
// latest 200 rows and its CONSULT claims' JSON: on the samples (real news, ru/uk/en, whole
// pipeline) stored under several ids and dates (so the largest actors have more than 200 rows and
// the window cuts through them), with SlavicNER articles whose ids of one referent are joined
// (Nord Stream 2: an actor of nine ids), read between the writes too (a connection remembers an
// actor's rows while its ids' newest rows are the same). The pairs follow every write and a rebuild.
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
import { ACTOR_ROWS, buildActor, typeTotals, type ActorJson, type ActorMentionRow, type ContactClaim } from '../../src/corpus/actors/profile.js';
import { isKbId } from '../../src/corpus/actors/keys.js';
import { SqliteStore } from '../../src/store/sqlite.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RAW = join(ROOT, '..', 'shared', 'data', 'slavicner', 'raw');
type Row = Record<string, any>;

/** The pairs counted afresh from the claims' JSON and their parties. */
function pairsFromClaims(store: SqliteStore): Row[] {
  return store.db
    .prepare(
      `SELECT a.actor AS entity, a.claim, b.actor AS other,
              coalesce(json_extract(c.json, '$.when.value'), json_extract(c.json, '$.firstReported.published')) AS date
       FROM corpus_claims c JOIN corpus_claim_actors a ON a.claim = c.id JOIN corpus_claim_actors b ON b.claim = a.claim AND b.actor <> a.actor
       WHERE c.type = 'CONSULT' ORDER BY 1, 2, 3`,
    )
    .all() as Row[];
}
const pairsKept = (store: SqliteStore) => store.db.prepare('SELECT entity, claim, other, date FROM corpus_contact_pairs ORDER BY 1, 2, 3').all() as Row[];

/** An actor's profile as the store read it before step 15: its latest rows whole, its claims' JSON. */
async function former(store: SqliteStore, id: string): Promise<ActorJson> {
  const db = store.db;
  const entities = (db.prepare('SELECT entity FROM corpus_actor_entities WHERE actor = ? ORDER BY entity').all(id) as Row[]).map((r) => r.entity as string);
  const ids = JSON.stringify(entities);
  let latest: Row[] = [];
  for (const e of entities)
    for (const r of db.prepare('SELECT article, entity, type, name, names, roles FROM article_entities WHERE entity = ? ORDER BY article DESC LIMIT ?').all(e, ACTOR_ROWS) as Row[]) latest.push(r);
  if (entities.length > 1) latest = latest.sort((x, y) => y.article - x.article || (x.entity < y.entity ? -1 : x.entity > y.entity ? 1 : 0)).slice(0, ACTOR_ROWS);
  latest.sort((x, y) => (x.entity < y.entity ? -1 : x.entity > y.entity ? 1 : 0) || x.article - y.article);
  const meta = db.prepare('SELECT id, lang, published FROM articles WHERE rowid = ?');
  const rows = latest.map((r): ActorMentionRow => {
    const m = meta.get(r.article) as Row;
    return { entity: r.entity, type: r.type, name: r.name, names: r.names ? JSON.parse(r.names) : null, roles: r.roles ? JSON.parse(r.roles) : null, article: m.id, lang: m.lang, published: m.published };
  });
  const summary = db.prepare('SELECT articles, quotes FROM corpus_actor_summary WHERE actor = ?').get(id) as Row;
  const claims = (
    db
      .prepare(
        `SELECT c.type, json_extract(c.json, '$.when.value') AS w, json_extract(c.json, '$.firstReported.published') AS p, json_extract(c.json, '$.actors') AS a
         FROM corpus_claims c WHERE c.type = 'CONSULT' AND c.id IN (SELECT claim FROM corpus_claim_actors WHERE actor IN (SELECT value FROM json_each(?)))`,
      )
      .all(ids) as Row[]
  ).map((r): ContactClaim => ({ type: r.type, actors: JSON.parse(r.a), when: r.w == null ? null : { value: r.w }, firstReported: { published: r.p ?? null } }));
  const map = new Map((db.prepare('SELECT entity, actor FROM corpus_actor_entities').all() as Row[]).map((r) => [r.entity as string, r.actor as string]));
  const own = isKbId(id) && entities.includes(id) ? (db.prepare('SELECT names FROM article_entities WHERE entity = ? AND names IS NOT NULL LIMIT 1').get(id) as Row | undefined) : undefined;
  const earliest = db.prepare(
    `SELECT a.published, a.id AS article FROM article_entities ae JOIN articles a ON a.rowid = ae.article
     WHERE ae.entity IN (SELECT value FROM json_each(@ids)) AND ae.type = @type ORDER BY coalesce(a.published, '9999'), a.id LIMIT 1`,
  );
  const typeRows = db.prepare('SELECT type, sum(articles) AS rows FROM entity_type_totals WHERE entity IN (SELECT value FROM json_each(?)) GROUP BY type ORDER BY type').all(ids) as { type: string; rows: number }[];
  const types = await typeTotals(typeRows, async (type) => (earliest.get({ ids, type }) as { published: string | null; article: string } | undefined) ?? null);
  return buildActor({ id, entities, rows, quotes: summary.quotes, claims, actorOf: (e) => map.get(e) ?? e, totals: { articles: summary.articles, types, names: own ? JSON.parse(own.names) : null } });
}

test('sqlite: actor profiles from the contact pairs and the roles index are the profiles read from every latest row and the claims', async () => {
  const p = await createPipeline();
  const base: ArticleJson[] = [];
  for await (const item of readInputs([join(ROOT, 'samples')])) if (item.ok) base.push(toArticleJson(p.analyze(item.article)) as ArticleJson);
  const files = [
    ...['1', '10', '11', '35'].map((n) => `nord_stream/uk/nord_stream_uk.txt_file_${n}.txt`),
    ...['100', '1000', '101'].map((n) => `nord_stream/ru/Nord_Stream_2_extra.xml_file_${n}.txt`),
    'nord_stream/ru/nord_stream_ru.txt_file_9.txt',
  ];
  const slavic = files.map(
    (rel) => toArticleJson(p.analyze({ id: rel, source: { path: rel }, published: null, title: null, text: readFileSync(join(RAW, rel), 'utf8'), lang: rel.split('/')[1] as 'ru' | 'uk' })) as ArticleJson,
  );
  assert.ok(base.length >= 5);
  const store = new SqliteStore(':memory:');
  try {
    // the samples under other ids and dates, the SlavicNER articles among them
    let n = 0;
    for (let k = 0; n < 260; k++) {
      for (const [i, a] of base.entries()) {
        const day = new Date(Date.parse('2025-01-01') + ((k * 37 + i * 11) % 400) * 86400000).toISOString().slice(0, 10);
        await store.putArticle(k === 0 ? a : { ...a, id: `${a.id}~v${k}`, published: day });
        n++;
      }
      if (k < slavic.length) await store.putArticle(slavic[k]);
      if (k % 10 === 0) {
        assert.deepEqual(pairsKept(store), pairsFromClaims(store), `after ${n} articles`);
        // the profiles (rows remembered by the connection between writes) as read the former way
        for await (const a of listActors(store, { limit: 25 })) assert.deepEqual(a, await former(store, a.id), `${a.id} after ${n} articles`);
      }
    }
    assert.deepEqual(pairsKept(store), pairsFromClaims(store));
    const big = store.db.prepare('SELECT entity FROM entity_totals WHERE articles > ?').all(ACTOR_ROWS) as Row[];
    assert.ok(big.length >= 3, 'some actors have more rows than the window');
    const several = store.db.prepare('SELECT actor FROM corpus_actor_entities GROUP BY actor HAVING count(*) > 2').all() as Row[];
    assert.ok(several.length >= 1, 'an actor of several ids');
    assert.ok(pairsKept(store).length > 20);
    const listed: ActorJson[] = [];
    for await (const a of listActors(store)) listed.push(a);
    assert.ok(listed.length > 30);
    assert.ok(listed.some((a) => a.contacts.length > 2 && a.roles.length > 2));
    for (const a of listed) assert.deepEqual(a, await former(store, a.id), a.id);
    store.rebuildCorpus();
    assert.deepEqual(pairsKept(store), pairsFromClaims(store));
  } finally {
    await store.close();
  }
});
