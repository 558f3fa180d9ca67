// Contacts from the contact pairs on PostgreSQL (schema step 11, src/store/postgres-actor-contacts.ts):
// the samples and SlavicNER Nord Stream articles (real news, whole pipeline; one actor of several
// ids) are written one by one, then copies under other ids and dates; after each batch every actor's
// contacts (as its profile gives them) equal those counted the former way from the claims' JSON
// (every CONSULT claim of its ids, parties mapped to their actors), and the pairs equal those
// derived afresh from the claims, also after a corpus rebuild.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { readFileSync, readdirSync } from 'node:fs';
import { toArticleJson } from '../../src/contract/article.js';
import type { ArticleJson } from '../../src/store/types.js';
import type { ClaimJson } from '../../src/corpus/claims/summary.js';
import { readInputs } from '../../src/ingest/index.js';
import { createPipeline } from '../../src/pipeline/index.js';
import { PostgresStore } from '../../src/store/postgres.js';
import { buildActor } from '../../src/corpus/actors/profile.js';
import { freshPgDatabase, type TestDb } from '../helpers/pg.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RAW = join(ROOT, '..', 'shared', 'data', 'slavicner', 'raw');
type Row = Record<string, any>;
const cleanup: (() => Promise<void>)[] = [];
after(async () => {
  for (const f of cleanup) await f();
});

const q = async (s: PostgresStore, sql: string, p: unknown[] = []) => (await s.pool.query(sql, p)).rows as Row[];

/** the pairs as the claims give them now */
const derived = (s: PostgresStore) =>
  q(
    s,
    `SELECT a.actor AS entity, c.id AS claim, b.actor AS other, coalesce(c.json::jsonb #>> '{when,value}', c.json::jsonb #>> '{firstReported,published}') AS date
     FROM corpus_claims c JOIN corpus_claim_actors a ON a.claim = c.id JOIN corpus_claim_actors b ON b.claim = c.id AND b.actor <> a.actor
     WHERE c.type = 'CONSULT' ORDER BY 1, 2, 3`,
  );
const kept = (s: PostgresStore) => q(s, 'SELECT entity, claim, other, date FROM corpus_contact_pairs ORDER BY 1, 2, 3');

/** an actor's contacts the former way: its CONSULT claims' JSON, parties mapped to their actors (buildActor counts them) */
async function formerContacts(s: PostgresStore, id: string, entities: string[]) {
  const claims = (
    await q(s, `SELECT json FROM corpus_claims WHERE type = 'CONSULT' AND id IN (SELECT claim FROM corpus_claim_actors WHERE actor = ANY($1::text[])) ORDER BY id`, [entities])
  ).map((r) => JSON.parse(r.json) as ClaimJson);
  const parties = [...new Set(claims.flatMap((c) => c.actors))];
  const m = new Map((await q(s, 'SELECT entity, actor FROM corpus_actor_entities WHERE entity = ANY($1::text[])', [parties])).map((r) => [r.entity as string, r.actor as string]));
  return buildActor({ id, entities, rows: [], quotes: 0, claims, actorOf: (e) => m.get(e) ?? e }).contacts;
}

async function check(s: PostgresStore, what: string): Promise<number> {
  assert.deepEqual(await kept(s), await derived(s), `pairs ${what}`);
  let withContacts = 0;
  for (const { actor } of await q(s, 'SELECT DISTINCT actor FROM corpus_actor_entities ORDER BY actor')) {
    const entities = await s.corpus.actorEntities(actor);
    const got = (await s.corpus.actor(actor))!.contacts;
    assert.deepEqual(got, await formerContacts(s, actor, entities), `${actor} ${what}`);
    if (got.length) withContacts++;
  }
  return withContacts;
}

test('postgres: contacts from the contact pairs equal those counted from the claims, through writes and a rebuild', async () => {
  const p = await createPipeline();
  const arts: ArticleJson[] = [];
  for await (const item of readInputs([join(ROOT, '..', 'shared', 'seeds'), join(ROOT, 'samples')])) if (item.ok) arts.push(toArticleJson(p.analyze(item.article)) as ArticleJson);
  for (const lang of ['ru', 'uk'] as const) {
    const dir = join(RAW, 'nord_stream', lang);
    for (const f of readdirSync(dir).sort().slice(0, 10)) {
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
      if (i % 10 === 9) await check(store, `after article ${i + 1}`);
    }
    for (const [i, a] of arts.slice(0, 12).entries()) await store.putArticle({ ...a, id: `${a.id}~v1`, published: `2025-0${1 + (i % 9)}-1${i % 9}` });
    const n = await check(store, 'after the copies');
    assert.ok(n >= 4, `actors with contacts: ${n}`);
    assert.ok((await q(store, "SELECT 1 FROM corpus_actor_entities GROUP BY actor HAVING count(*) > 1")).length > 0, 'an actor of several ids');
    await store.corpus.rebuild();
    await check(store, 'after a rebuild');
  } finally {
    await store.close();
  }
});
