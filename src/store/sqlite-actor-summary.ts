/**
 * Per-actor summary rows (schema step 14, SQLite): for every actor (src/store/sqlite-corpus.ts:
 * corpus_actor_entities groups entity ids of one referent) the number of distinct articles that
 * mention any of its ids and the number of quotes any of its ids speaks, with an index in list order
 * (articles desc, actor). The actors list reads its page from that index instead of summing every
 * actor's entity totals and counting the distinct articles of actors with several ids; a profile
 * reads its `articles` and `quotes` from the row instead of counting its rows.
 *
 * Kept on write by actorSummaryUpdater, which runs after the actors updater in the article's
 * transaction: each actor the article mentions gains one article and the article's quotes by its ids
 * (a few index look-ups per article). When the actors updater joins two actors (an UPDATE of
 * corpus_actor_entities.actor, which the actors updater does only then), a trigger drops the summary
 * of the actor renamed away and marks the joined actor, whose row is then counted afresh from its
 * rows (rare: once per join, cost proportional to the actor's rows). An entity id is mapped to an
 * actor at the first article that names it (the actors updater maps every entity of each article),
 * and a quote's speaker is an entity of its own article, so the increments are exact.
 */
import type Database from 'better-sqlite3';
import { perDatabase } from './sqlite-statements.js';
import type { CorpusUpdater, StoredArticle } from './corpus-updaters.js';
import { ACTOR_ROWS, contactsFromPairTotals, countContactClaims, type ActorMentionRow, type ContactClaim, type Contacts } from '../corpus/actors/profile.js';

export const ACTOR_SUMMARY_MIGRATION = `
  CREATE TABLE corpus_actor_summary (
    actor    TEXT PRIMARY KEY,
    articles INTEGER NOT NULL,
    quotes   INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX corpus_actor_summary_rank ON corpus_actor_summary(articles DESC, actor);
  -- actors joined while an article is written, counted afresh by actorSummaryUpdater
  CREATE TABLE corpus_actor_dirty (actor TEXT PRIMARY KEY) WITHOUT ROWID;
  CREATE TRIGGER corpus_actor_entities_summary_join AFTER UPDATE OF actor ON corpus_actor_entities BEGIN
    DELETE FROM corpus_actor_summary WHERE actor = old.actor;
    INSERT OR IGNORE INTO corpus_actor_dirty (actor) VALUES (new.actor);
  END;
  INSERT INTO corpus_actor_summary (actor, articles, quotes)
    SELECT e.actor,
           (SELECT count(DISTINCT ae.article) FROM article_entities ae WHERE ae.entity IN (SELECT entity FROM corpus_actor_entities x WHERE x.actor = e.actor)),
           (SELECT count(*) FROM quotes q WHERE q.speaker IN (SELECT entity FROM corpus_actor_entities x WHERE x.actor = e.actor))
    FROM (SELECT DISTINCT actor FROM corpus_actor_entities) e WHERE true;
`;

/** A CONSULT claim's date as an actor's contacts read it: its `when`, else its first report's publication. */
const CONTACT_DATE = (json: string) => `coalesce(json_extract(${json}, '$.when.value'), json_extract(${json}, '$.firstReported.published'))`;

/**
 * Schema step 15 (SQLite): what an actor's profile (and so the actors list) reads without parsing
 * claim JSON or reading every one of its latest rows.
 *
 * - corpus_contact_pairs: one row per CONSULT claim and ordered pair of its parties (entity ids as
 *   corpus_claim_actors holds them) with the claim's contact date (CONTACT_DATE). An actor's
 *   contacts are a range of its entity ids' rows (src/corpus/actors/profile.ts: buildActor counts
 *   them as it counted the claims). Kept by triggers: a claim party inserted pairs with the claim's
 *   other parties (when the claim is a CONSULT), a party deleted takes its pairs with it, a claim
 *   row written (the claims updater writes a claim with INSERT OR REPLACE, then its parties) sets the
 *   date of its pairs or drops them when it is no CONSULT, a claim deleted drops its pairs.
 * - article_entities_roles: the rows that give roles, by entity and article (8 % of the rows), so a
 *   profile reads the roles of its latest ACTOR_ROWS rows without reading the other rows.
 */
export const ACTOR_CONTACTS_MIGRATION = `
  CREATE TABLE corpus_contact_pairs (
    entity TEXT NOT NULL,
    claim  TEXT NOT NULL,
    other  TEXT NOT NULL,
    date   TEXT,
    PRIMARY KEY (entity, claim, other)
  ) WITHOUT ROWID;
  CREATE TRIGGER corpus_claim_actors_contact_insert AFTER INSERT ON corpus_claim_actors
    WHEN (SELECT type FROM corpus_claims WHERE id = new.claim) = 'CONSULT' BEGIN
    INSERT OR REPLACE INTO corpus_contact_pairs (entity, claim, other, date)
      SELECT new.actor, new.claim, x.actor, (SELECT ${CONTACT_DATE('json')} FROM corpus_claims WHERE id = new.claim)
      FROM corpus_claim_actors x WHERE x.claim = new.claim AND x.actor <> new.actor;
    INSERT OR REPLACE INTO corpus_contact_pairs (entity, claim, other, date)
      SELECT x.actor, new.claim, new.actor, (SELECT ${CONTACT_DATE('json')} FROM corpus_claims WHERE id = new.claim)
      FROM corpus_claim_actors x WHERE x.claim = new.claim AND x.actor <> new.actor;
  END;
  CREATE TRIGGER corpus_claim_actors_contact_delete AFTER DELETE ON corpus_claim_actors BEGIN
    DELETE FROM corpus_contact_pairs WHERE entity = old.actor AND claim = old.claim;
    DELETE FROM corpus_contact_pairs WHERE entity IN (SELECT actor FROM corpus_claim_actors WHERE claim = old.claim) AND claim = old.claim AND other = old.actor;
  END;
  CREATE TRIGGER corpus_claims_contact_insert AFTER INSERT ON corpus_claims BEGIN
    DELETE FROM corpus_contact_pairs WHERE new.type <> 'CONSULT' AND entity IN (SELECT actor FROM corpus_claim_actors WHERE claim = new.id) AND claim = new.id;
    INSERT OR REPLACE INTO corpus_contact_pairs (entity, claim, other, date)
      SELECT a.actor, new.id, b.actor, ${CONTACT_DATE('new.json')}
      FROM corpus_claim_actors a JOIN corpus_claim_actors b ON b.claim = a.claim AND b.actor <> a.actor
      WHERE new.type = 'CONSULT' AND a.claim = new.id;
  END;
  CREATE TRIGGER corpus_claims_contact_update AFTER UPDATE OF type, json ON corpus_claims BEGIN
    DELETE FROM corpus_contact_pairs WHERE entity IN (SELECT actor FROM corpus_claim_actors WHERE claim = old.id) AND claim = old.id;
    INSERT OR REPLACE INTO corpus_contact_pairs (entity, claim, other, date)
      SELECT a.actor, new.id, b.actor, ${CONTACT_DATE('new.json')}
      FROM corpus_claim_actors a JOIN corpus_claim_actors b ON b.claim = a.claim AND b.actor <> a.actor
      WHERE new.type = 'CONSULT' AND a.claim = new.id;
  END;
  CREATE TRIGGER corpus_claims_contact_delete AFTER DELETE ON corpus_claims BEGIN
    DELETE FROM corpus_contact_pairs WHERE entity IN (SELECT actor FROM corpus_claim_actors WHERE claim = old.id) AND claim = old.id;
  END;
  INSERT INTO corpus_contact_pairs (entity, claim, other, date)
    SELECT a.actor, a.claim, b.actor, ${CONTACT_DATE('c.json')}
    FROM corpus_claims c JOIN corpus_claim_actors a ON a.claim = c.id JOIN corpus_claim_actors b ON b.claim = a.claim AND b.actor <> a.actor
    WHERE c.type = 'CONSULT';
  CREATE INDEX article_entities_roles ON article_entities(entity, article) WHERE roles IS NOT NULL;
`;

const S = perDatabase(prepare);

function prepare(db: Database.Database) {
  return {
    // every actor the article names: one more article, and the article's quotes by its ids
    add: db.prepare(`
      INSERT INTO corpus_actor_summary (actor, articles, quotes)
        SELECT x.actor, 1, coalesce(qq.n, 0) FROM
          (SELECT DISTINCT e.actor FROM article_entities ae JOIN corpus_actor_entities e ON e.entity = ae.entity WHERE ae.article = @rid) x
          LEFT JOIN (SELECT e.actor, count(*) AS n FROM quotes q JOIN corpus_actor_entities e ON e.entity = q.speaker
                     WHERE q.article = @rid GROUP BY e.actor) qq ON qq.actor = x.actor
        WHERE true
      ON CONFLICT (actor) DO UPDATE SET articles = articles + 1, quotes = quotes + excluded.quotes`),
    dirty: db.prepare('SELECT actor FROM corpus_actor_dirty').pluck(),
    clearDirty: db.prepare('DELETE FROM corpus_actor_dirty'),
    recount: db.prepare(`
      INSERT OR REPLACE INTO corpus_actor_summary (actor, articles, quotes)
        SELECT @actor, a, q FROM (SELECT
          (SELECT count(DISTINCT ae.article) FROM article_entities ae WHERE ae.entity IN (SELECT entity FROM corpus_actor_entities WHERE actor = @actor)) AS a,
          (SELECT count(*) FROM quotes WHERE speaker IN (SELECT entity FROM corpus_actor_entities WHERE actor = @actor)) AS q)
        WHERE a > 0`),
    drop: db.prepare('DELETE FROM corpus_actor_summary WHERE actor = ? AND NOT EXISTS (SELECT 1 FROM corpus_actor_entities WHERE actor = ?)'),
  };
}

export function updateActorSummary(db: Database.Database, a: StoredArticle): void {
  const st = S(db);
  st.add.run({ rid: a.rowid });
  // actors joined by this article: counted afresh (this article included)
  const dirty = st.dirty.all() as string[];
  if (!dirty.length) return;
  for (const actor of dirty) {
    st.recount.run({ actor });
    st.drop.run(actor, actor);
  }
  st.clearDirty.run();
}

export const actorSummaryUpdater: CorpusUpdater = {
  name: 'actor-summary',
  update: updateActorSummary,
  reset(db) {
    db.exec('DELETE FROM corpus_actor_summary; DELETE FROM corpus_actor_dirty; DELETE FROM corpus_contact_pairs;');
  },
};

type Row = Record<string, any>;

const R = perDatabase((db: Database.Database) => ({
  pairs: db.prepare('SELECT claim, other, date FROM corpus_contact_pairs WHERE entity = ?'),
  // per other party: its claims with the entity and their latest date
  pairTotals: db.prepare('SELECT other, count(*) AS n, max(date) AS last FROM corpus_contact_pairs WHERE entity = ? GROUP BY other'),
  pairsWith: db.prepare('SELECT claim, other, date FROM corpus_contact_pairs WHERE entity = ? AND other IN (SELECT value FROM json_each(?))'),
  actorsOf: db.prepare('SELECT entity, actor FROM corpus_actor_entities WHERE entity IN (SELECT value FROM json_each(?))'),
  window: db.prepare('SELECT article, entity, rowid AS r FROM article_entities WHERE entity = ? ORDER BY article DESC LIMIT ?'),
  // the article of an entity's n-th latest row (index only)
  nth: db.prepare('SELECT article FROM article_entities WHERE entity = ? ORDER BY article DESC LIMIT 1 OFFSET ?').pluck(),
  // the languages of the stored articles, one index seek each
  langs: db
    .prepare(
      `WITH RECURSIVE l(x) AS (SELECT min(lang) FROM articles UNION ALL SELECT (SELECT min(lang) FROM articles WHERE lang > l.x) FROM l WHERE l.x IS NOT NULL)
       SELECT x FROM l WHERE x IS NOT NULL`,
    )
    .pluck(),
  roles: db.prepare('SELECT rowid AS r, article, entity, name, roles FROM article_entities INDEXED BY article_entities_roles WHERE entity = ? AND roles IS NOT NULL AND article >= ?'),
  byRowid: db.prepare('SELECT rowid AS r, article, entity, name, roles FROM article_entities WHERE rowid IN (SELECT value FROM json_each(?))'),
  newest: db.prepare('SELECT max(article) FROM article_entities WHERE entity = ?').pluck(),
  remembered: new Map<string, { key: string; rows: ActorMentionRow[] }>(),
}));

/** how many actors' rows a connection remembers (cleared when full) */
const REMEMBERED = 50_000;

/**
 * The CONSULT claims an actor (its entity ids) is a party to, as buildActor reads them, from
 * corpus_contact_pairs (no claim JSON): each claim's parties and its contact date.
 */
export function contactClaims(db: Database.Database, entities: string[]): ContactClaim[] {
  const st = R(db);
  // a claim's parties other than the actor's own ids (buildActor leaves those out: they are the actor)
  const byClaim = new Map<string, { actors: string[]; date: string | null }>();
  for (const e of entities) {
    for (const r of st.pairs.all(e) as Row[]) {
      let c = byClaim.get(r.claim);
      if (!c) byClaim.set(r.claim, (c = { actors: [], date: r.date ?? null }));
      c.actors.push(r.other);
    }
  }
  const out: ContactClaim[] = [];
  for (const c of byClaim.values()) out.push({ type: 'CONSULT', actors: c.actors, when: c.date == null ? null : { value: c.date }, firstReported: { published: null } });
  return out;
}

/**
 * An actor's contacts as buildActor counts them from its CONSULT claims (per other actor: the
 * claims it shares, the latest of their dates), from corpus_contact_pairs. An actor of one entity
 * id: the pairs counted per other party in SQL, an other actor of several ids whose ids share a
 * claim with it counted per claim; an actor of several ids: per claim.
 */
export function actorContacts(db: Database.Database, id: string, entities: string[]): Contacts {
  const st = R(db);
  const out: Contacts = new Map();
  const actorOf = (parties: string[]) => {
    const m = new Map<string, string>();
    if (parties.length) for (const r of st.actorsOf.all(JSON.stringify(parties)) as Row[]) m.set(r.entity, r.actor);
    return (e: string) => m.get(e) ?? e;
  };
  const byClaim = (claims: ContactClaim[], of: (e: string) => string) => countContactClaims(out, id, claims, of);
  if (entities.length !== 1) {
    const claims = contactClaims(db, entities);
    byClaim(claims, actorOf([...new Set(claims.flatMap((c) => c.actors))]));
    return out;
  }
  const totals = st.pairTotals.all(entities[0]) as Row[];
  const of = actorOf(totals.map((r) => r.other));
  // other actors of several ids: their claims counted once each
  const several = contactsFromPairTotals(out, id, totals as { other: string; n: number; last: string | null }[], of);
  if (several.length) {
    const claims = new Map<string, ContactClaim>();
    for (const r of st.pairsWith.all(entities[0], JSON.stringify(several)) as Row[]) {
      const c = claims.get(r.claim);
      if (c) c.actors.push(r.other);
      else claims.set(r.claim, { type: 'CONSULT', actors: [r.other], when: r.date == null ? null : { value: r.date }, firstReported: { published: null } });
    }
    byClaim([...claims.values()], of);
  }
  return out;
}

/**
 * The rows of an actor's latest ACTOR_ROWS (by ingestion: article rowid desc, then entity id) that
 * its profile reads when its totals come from the summary (buildActor with `totals`): every one of
 * them that gives roles, and, for the languages its own KB names (`given`) leave without a name,
 * every one of them in that language (their names are counted). The window itself is read from the
 * (entity, article) index alone, the roles from article_entities_roles.
 *
 * Remembered per connection while each of the ids' newest article rowid is the same: an article's
 * rows never change once stored, none is deleted and a new article has a larger rowid, so the
 * latest rows of a set of ids are fixed by their newest rowids (one index seek each).
 */
export function profileRows(
  db: Database.Database,
  entities: string[],
  given: Record<string, string> | null,
  meta: (rowids: number[]) => Map<number, { id: string; lang: string; published: string | null }>,
): ActorMentionRow[] {
  const st = R(db);
  const id = entities.join('\u0000');
  let key = JSON.stringify(given);
  for (const e of entities) key += ' ' + ((st.newest.get(e) as number | null) ?? '');
  const m = st.remembered.get(id);
  if (m && m.key === key) return m.rows;
  const rows = readProfileRows(db, entities, given, meta);
  if (st.remembered.size >= REMEMBERED) st.remembered.clear();
  st.remembered.set(id, { key, rows });
  return rows;
}

function readProfileRows(
  db: Database.Database,
  entities: string[],
  given: Record<string, string> | null,
  meta: (rowids: number[]) => Map<number, { id: string; lang: string; published: string | null }>,
): ActorMentionRow[] {
  const st = R(db);
  const named = (lang: string) => !!given && !!given[lang];
  if (entities.length === 1 && given && (st.langs.all() as string[]).every(named)) {
    // one id and a KB name in every stored language: only the window's rows with roles are read,
    // from the article of its oldest row on (one row per article and entity id)
    const from = (st.nth.get(entities[0], ACTOR_ROWS - 1) as number | undefined) ?? 0;
    const found = st.roles.all(entities[0], from) as Row[];
    const m = meta(found.map((r) => r.article as number));
    return found
      .sort((x, y) => x.article - y.article)
      .map((r): ActorMentionRow => {
        const a = m.get(r.article)!;
        return { entity: r.entity, type: '', name: r.name, names: null, roles: JSON.parse(r.roles), article: a.id, lang: a.lang, published: a.published };
      });
  }
  let win: Row[] = [];
  for (const e of entities) for (const r of st.window.all(e, ACTOR_ROWS) as Row[]) win.push(r);
  if (entities.length > 1) win = win.sort((x, y) => y.article - x.article || (x.entity < y.entity ? -1 : x.entity > y.entity ? 1 : 0)).slice(0, ACTOR_ROWS);
  if (!win.length) return [];
  const m = meta(win.map((r) => r.article as number));
  const inWindow = new Set(win.map((r) => r.r as number));
  const got = new Map<number, Row>();
  // every row with roles in the window
  const lowest = new Map<string, number>();
  for (const r of win) lowest.set(r.entity, Math.min(lowest.get(r.entity) ?? Infinity, r.article));
  for (const [e, lo] of lowest) for (const r of st.roles.all(e, lo) as Row[]) if (inWindow.has(r.r)) got.set(r.r, r);
  // the rows of languages without a given name
  const need = win.filter((r) => !got.has(r.r) && !named(m.get(r.article)!.lang)).map((r) => r.r as number);
  if (need.length) for (const r of st.byRowid.all(JSON.stringify(need)) as Row[]) got.set(r.r, r);
  const rows = [...got.values()].sort((x, y) => (x.entity < y.entity ? -1 : x.entity > y.entity ? 1 : 0) || x.article - y.article);
  return rows.map((r): ActorMentionRow => {
    const a = m.get(r.article)!;
    return { entity: r.entity, type: '', name: r.name, names: null, roles: r.roles ? JSON.parse(r.roles) : null, article: a.id, lang: a.lang, published: a.published };
  });
}
