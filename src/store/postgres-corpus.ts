/**
 * The corpus in the PostgreSQL store: the claims and actors updaters (the statements of
 * src/store/sqlite-corpus.ts over the same logic in src/corpus/), the corpus update of one article
 * and the rebuild, and the read side (`PostgresCorpus`, the store's `corpus`).
 *
 * Many workers write at once. The corpus update of an article (near-duplicates, stories, claims,
 * actors) runs inside the article's transaction under one transaction-level advisory lock
 * (CORPUS_LOCK), taken once the article's own rows are written: corpus updates run one at a time,
 * each seeing every update committed before it, while the articles' own rows are written in
 * parallel. Finer locks (per story, per claim key) do not keep it correct: one update reads the
 * neighbourhood of an article through index keys, then merges and renames whole stories, claims
 * and actors reached through them, so two articles with no key in common can still rewrite the
 * same claim or story. The order updates ran in is kept (`corpus_order.seq`, taken under the lock)
 * and `rebuild` replays the articles in that order, so it gives exactly what ingesting them gave,
 * history included.
 */
import type pg from 'pg';
import { recluster, reportKey } from '../corpus/claims/assign.js';
import { CLAIM_FLOATING_LOOKUP, keysOf, WINDOW } from '../corpus/claims/compat.js';
import { anchorDay, reportsOf, type ArticleLike, type Report } from '../corpus/claims/report.js';
import { summarize, type ClaimJson, independentReports } from '../corpus/claims/summary.js';
import { glossPairs, type GlossEntity } from '../corpus/actors/gloss.js';
import { actorIdOf, actorKeys, isKbId } from '../corpus/actors/keys.js';
import { buildActor, COOCCURRENCE_WINDOW, typeTotals, type ActorJson } from '../corpus/actors/profile.js';
import { isoOf, rangeOf } from '../corpus/dates.js';
import { corpusKb } from '../corpus/sides.js';
import { fold } from '../doc/normalize.js';
import { framingRows } from './framing-rows.js';
import { pgActorSummaryUpdater, recountActorSummary } from './postgres-actor-summary.js';
import { pgActorContacts } from './postgres-actor-contacts.js';
import { PgActorRows } from './postgres-actor-rows.js';
import {
  one,
  pgDedupUpdater,
  pgReadStory,
  pgStoriesUpdater,
  PG_STORIES_MIGRATION,
  rows,
  type Db,
  type PgCorpusUpdater,
  type PgStoredArticle,
} from './postgres-stories.js';
import type { ArticleJson, ClaimFilter, CorpusCounts, CorpusStore, FramingRow, RebuildResult } from './types.js';

type Row = Record<string, any>;

/** Key of the advisory lock that serialises corpus updates ('corp'). */
export const CORPUS_LOCK = 0x636f7270;

/** Schema step: every corpus table (CORPUS_MIGRATION and STORIES_MIGRATION of the SQLite store) and the update order. */
export const PG_CORPUS_MIGRATION = `
  -- the order corpus updates ran in (taken under the corpus lock); rebuild replays it
  CREATE SEQUENCE corpus_order_seq;
  CREATE TABLE corpus_order (
    article bigint PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    seq     bigint NOT NULL
  );
  CREATE INDEX corpus_order_seq_idx ON corpus_order(seq);

  CREATE TABLE corpus_claim_reports (
    article  bigint NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    event    integer NOT NULL,
    claim    text COLLATE "C" NOT NULL,
    sort_key text COLLATE "C" NOT NULL,
    report   text NOT NULL,
    PRIMARY KEY (article, event)
  );
  CREATE INDEX corpus_claim_reports_claim ON corpus_claim_reports(claim);
  CREATE TABLE corpus_claim_keys (
    key     text COLLATE "C" NOT NULL,
    anchor  integer,
    article bigint NOT NULL,
    event   integer NOT NULL,
    FOREIGN KEY (article, event) REFERENCES corpus_claim_reports(article, event) ON DELETE CASCADE
  );
  CREATE INDEX corpus_claim_keys_key ON corpus_claim_keys(key, anchor);
  CREATE INDEX corpus_claim_keys_report ON corpus_claim_keys(article, event);
  CREATE TABLE corpus_claims (
    id            text COLLATE "C" PRIMARY KEY,
    type          text COLLATE "C" NOT NULL,
    mode          text COLLATE "C",
    level         text COLLATE "C",
    status        text COLLATE "C" NOT NULL,
    first_key     text COLLATE "C" NOT NULL,
    first_article text COLLATE "C" NOT NULL,
    first_event   integer NOT NULL,
    date_lo       text COLLATE "C",
    date_hi       text COLLATE "C",
    reports       integer NOT NULL,
    json          text NOT NULL
  );
  CREATE INDEX corpus_claims_date ON corpus_claims(date_hi);
  CREATE INDEX corpus_claims_status ON corpus_claims(status);
  CREATE TABLE corpus_claim_actors (
    claim text COLLATE "C" NOT NULL,
    actor text COLLATE "C" NOT NULL,
    PRIMARY KEY (claim, actor)
  );
  CREATE INDEX corpus_claim_actors_actor ON corpus_claim_actors(actor);
  CREATE TABLE corpus_actor_entities (
    entity text COLLATE "C" PRIMARY KEY,
    actor  text COLLATE "C" NOT NULL,
    kb     text COLLATE "C"
  );
  CREATE INDEX corpus_actor_entities_actor ON corpus_actor_entities(actor);
  CREATE TABLE corpus_actor_keys (
    key    text COLLATE "C" NOT NULL,
    entity text COLLATE "C" NOT NULL,
    PRIMARY KEY (key, entity)
  );
  CREATE INDEX corpus_actor_keys_entity ON corpus_actor_keys(entity);
` + PG_STORIES_MIGRATION;

// ---------------------------------------------------------------- claims updater

function articleOf(a: PgStoredArticle): ArticleLike {
  return a.json as unknown as ArticleLike;
}

/** updateClaims of sqlite-corpus.ts, statement for statement (the logic is recluster/summarize). */
export async function pgUpdateClaims(c: pg.PoolClient, a: PgStoredArticle): Promise<void> {
  const reports = reportsOf(articleOf(a));
  if (!reports.length) return;
  const near = new Set<string>();
  let lo = Infinity;
  let hi = -Infinity;
  // every report's look-up keys, each with its day window (null: undated, matches undated keys)
  const qk: string[] = [];
  const qlo: (number | null)[] = [];
  const qhi: (number | null)[] = [];
  for (const r of reports) {
    const day = anchorDay(r);
    if (day !== null) {
      lo = Math.min(lo, day - WINDOW.lookup);
      hi = Math.max(hi, day + WINDOW.lookup);
    }
    // as sqlite-corpus.ts: window keys (lo, hi), latest dated keys of a report with no date (null,
    // null), person keys of reports with no date (hi -1)
    const keys = keysOf(r);
    if (day !== null || keys.persons.length)
      for (const key of keys.lookup) {
        qk.push(key);
        qlo.push(day === null ? null : day - WINDOW.lookup);
        qhi.push(day === null ? null : day + WINDOW.lookup);
      }
    for (const key of keys.persons) {
      qk.push(key);
      qlo.push(null);
      qhi.push(-1);
    }
  }
  if (qk.length) {
    // a window key finds the reports in the window; a latest key the dated reports with the latest
    // days (their days widen the window); a person key the latest reports with no date
    const found = await rows(
      c,
      `SELECT DISTINCT x.claim, x.anchor FROM unnest($1::text[], $2::int[], $3::int[]) AS q(key, lo, hi), LATERAL (
         SELECT r.claim, NULL::int AS anchor FROM corpus_claim_keys k JOIN corpus_claim_reports r ON r.article = k.article AND r.event = k.event
          WHERE q.lo IS NOT NULL AND k.key = q.key AND k.anchor BETWEEN q.lo AND q.hi
         UNION ALL
         SELECT r.claim, NULL::int FROM (SELECT article, event FROM corpus_claim_keys WHERE q.lo IS NULL AND q.hi = -1 AND key = q.key AND anchor IS NULL
            ORDER BY article DESC, event DESC LIMIT ${CLAIM_FLOATING_LOOKUP}) k JOIN corpus_claim_reports r ON r.article = k.article AND r.event = k.event
         UNION ALL
         SELECT r.claim, k.anchor FROM (SELECT article, event, anchor FROM corpus_claim_keys WHERE q.lo IS NULL AND q.hi IS NULL AND key = q.key AND anchor IS NOT NULL
            ORDER BY anchor DESC, article DESC, event DESC LIMIT ${CLAIM_FLOATING_LOOKUP}) k JOIN corpus_claim_reports r ON r.article = k.article AND r.event = k.event
       ) x`,
      [qk, qlo, qhi],
    );
    for (const row of found) {
      near.add(row.claim);
      if (row.anchor !== null) {
        lo = Math.min(lo, row.anchor);
        hi = Math.max(hi, row.anchor);
      }
    }
  }
  if (!Number.isFinite(lo)) [lo, hi] = [0, -1];
  const all: Report[] = [...reports];
  const before = new Map<string, string>(); // `${rowid}:${event}` -> claim
  const rowOf = new Map<string, number>(); // `${article id}:${event}` -> rowid
  const partial = new Map<string, { first: string }>();
  // the near claims' reports in the window, and each one's first report (two statements for all)
  const nearRows = new Map<string, Row[]>();
  const firstRows = new Map<string, Row>();
  if (near.size) {
    for (const r of await rows(
      c,
      `SELECT r.claim, r.article, r.event, r.report FROM corpus_claim_reports r WHERE r.claim = ANY($1::text[]) AND EXISTS
         (SELECT 1 FROM corpus_claim_keys k WHERE k.article = r.article AND k.event = r.event
          AND (k.anchor IS NULL OR k.anchor BETWEEN $2 AND $3))`,
      [[...near], lo, hi],
    ))
      (nearRows.get(r.claim) ?? nearRows.set(r.claim, []).get(r.claim)!).push(r);
    for (const r of await rows(
      c,
      `SELECT c.id AS claim, r.article, r.event, r.report, c.reports AS size FROM corpus_claims c JOIN articles a ON a.id = c.first_article
       JOIN corpus_claim_reports r ON r.article = a.rowid AND r.event = c.first_event WHERE c.id = ANY($1::text[])`,
      [[...near]],
    ))
      firstRows.set(r.claim, r);
  }
  for (const cl of near) {
    const rs = nearRows.get(cl) ?? [];
    const first = firstRows.get(cl);
    if (first && !rs.some((r) => r.article === first.article && r.event === first.event)) rs.push(first);
    for (const row of rs) {
      const rep = JSON.parse(row.report) as Report;
      rowOf.set(`${rep.article}:${rep.event}`, row.article);
      before.set(`${row.article}:${row.event}`, cl);
      all.push(rep);
    }
    const n = first ? (first.size as number) : ((await one(c, 'SELECT reports FROM corpus_claims WHERE id = $1', [cl]))?.reports ?? rs.length);
    if (n > rs.length && first) partial.set(cl, { first: `${first.article}:${first.event}` });
  }
  const placed = recluster(all);
  const groupOf = new Map<string, string>();
  for (const p of placed) {
    const rid = rowOf.get(`${p.report.article}:${p.report.event}`);
    if (rid !== undefined) groupOf.set(`${rid}:${p.report.event}`, p.claim);
  }
  const kept = new Set(placed.map((p) => p.claim));
  const changed = new Set<string>();
  for (const [cl, { first }] of partial) {
    const to = groupOf.get(first)!;
    kept.add(to);
    if (to !== cl) {
      await rows(c, 'UPDATE corpus_claim_reports SET claim = $1 WHERE claim = $2', [to, cl]);
      for (const [k, v] of before) if (v === cl) before.set(k, to);
      changed.add(to);
    }
  }
  const gone = [...near].filter((cl) => !kept.has(cl));
  if (gone.length) {
    await rows(c, 'DELETE FROM corpus_claims WHERE id = ANY($1::text[])', [gone]);
    await rows(c, 'DELETE FROM corpus_claim_actors WHERE claim = ANY($1::text[])', [gone]);
  }
  // the new article's reports and their look-up keys, and the stored reports that changed claim,
  // each as one statement over arrays
  const nr = { event: [] as number[], claim: [] as string[], key: [] as string[], report: [] as string[] };
  const nk = { key: [] as string[], anchor: [] as (number | null)[], event: [] as number[] };
  const mv = { claim: [] as string[], article: [] as number[], event: [] as number[] };
  for (const p of placed) {
    const r = p.report;
    const rid = rowOf.get(`${r.article}:${r.event}`);
    if (rid === undefined) {
      nr.event.push(r.event);
      nr.claim.push(p.claim);
      nr.key.push(reportKey(r));
      nr.report.push(JSON.stringify(r));
      const day = anchorDay(r);
      for (const key of keysOf(r).index) {
        nk.key.push(key);
        nk.anchor.push(day);
        nk.event.push(r.event);
      }
      changed.add(p.claim);
    } else {
      const was = before.get(`${rid}:${r.event}`)!;
      if (was !== p.claim) {
        mv.claim.push(p.claim);
        mv.article.push(rid);
        mv.event.push(r.event);
        changed.add(p.claim);
        changed.add(was);
      }
    }
  }
  if (nr.event.length)
    await rows(
      c,
      `WITH ins AS (
         INSERT INTO corpus_claim_reports (article, event, claim, sort_key, report)
         SELECT $1, e, cl, k, rep FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS x(e, cl, k, rep)
         ON CONFLICT (article, event) DO UPDATE SET claim = excluded.claim, sort_key = excluded.sort_key, report = excluded.report
         RETURNING article)
       INSERT INTO corpus_claim_keys (key, anchor, article, event)
       SELECT k, an, $1, e FROM unnest($6::text[], $7::int[], $8::int[]) AS y(k, an, e) WHERE EXISTS (SELECT 1 FROM ins)`,
      [a.rowid, nr.event, nr.claim, nr.key, nr.report, nk.key, nk.anchor, nk.event],
    );
  if (mv.claim.length)
    await rows(
      c,
      `UPDATE corpus_claim_reports r SET claim = x.cl FROM unnest($1::text[], $2::bigint[], $3::int[]) AS x(cl, a, e)
       WHERE r.article = x.a AND r.event = x.e`,
      [mv.claim, mv.article, mv.event],
    );
  await writeClaims(c, [...changed].filter((id) => kept.has(id)));
}

/** Re-summarises claims from their stored reports (writeClaim of sqlite-corpus.ts, for several claims in two statements). */
async function writeClaims(c: pg.PoolClient, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const byClaim = new Map<string, Report[]>(ids.map((id) => [id, []]));
  for (const r of await rows(c, 'SELECT claim, report FROM corpus_claim_reports WHERE claim = ANY($1::text[])', [ids])) byClaim.get(r.claim)!.push(JSON.parse(r.report) as Report);
  const cols: unknown[][] = Array.from({ length: 12 }, () => []);
  const actors: [string[], string[]] = [[], []];
  for (const [id, reports] of byClaim) {
    const s = summarize(reports);
    if (s.id !== id) throw new Error(`claim ${id}: its earliest report gives id ${s.id}`);
    const first = reports.reduce((x, y) => (reportKey(y) < reportKey(x) ? y : x));
    let lo: string | null = s.from;
    let hi: string | null = s.to;
    const w = rangeOf(s.when?.value);
    if (w) {
      const wl = isoOf(w[0]);
      const wh = isoOf(w[1]);
      if (!lo || wl < lo) lo = wl;
      if (!hi || wh > hi) hi = wh;
    }
    [id, s.type, s.mode, s.level, s.status, reportKey(first), first.article, first.event, lo, hi, s.reports.length, JSON.stringify(s)].forEach((v, k) => cols[k].push(v));
    for (const actor of new Set(s.actors)) {
      actors[0].push(id);
      actors[1].push(actor);
    }
  }
  await rows(
    c,
    `WITH up AS (
       INSERT INTO corpus_claims (id, type, mode, level, status, first_key, first_article, first_event, date_lo, date_hi, reports, json)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[], $10::text[], $11::int[], $12::text[])
       ON CONFLICT (id) DO UPDATE SET type = excluded.type, mode = excluded.mode, level = excluded.level, status = excluded.status,
         first_key = excluded.first_key, first_article = excluded.first_article, first_event = excluded.first_event,
         date_lo = excluded.date_lo, date_hi = excluded.date_hi, reports = excluded.reports, json = excluded.json),
     del AS (DELETE FROM corpus_claim_actors WHERE claim = ANY($1::text[]))
     SELECT 1`,
    cols,
  );
  if (actors[0].length)
    await rows(c, 'INSERT INTO corpus_claim_actors (claim, actor) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING', actors);
}

export const pgClaimsUpdater: PgCorpusUpdater = {
  name: 'claims',
  update: pgUpdateClaims,
  async reset(c) {
    await c.query('DELETE FROM corpus_claim_keys; DELETE FROM corpus_claim_reports; DELETE FROM corpus_claims; DELETE FROM corpus_claim_actors;');
  },
};

// ---------------------------------------------------------------- actors updater

/** updateActors of sqlite-corpus.ts: gives every new entity id of the article its actor (src/corpus/actors/keys.ts). */
export async function pgUpdateActors(c: pg.PoolClient, a: PgStoredArticle): Promise<void> {
  const ents = (a.json.entities ?? []) as { id: string; type?: string; name?: string; names?: Record<string, string>; kind?: string }[];
  // the ids already placed (one read; ids this article places are added as it goes)
  const ids = [...new Set(ents.map((e) => e?.id).filter((x): x is string => typeof x === 'string' && !!x))];
  const known = new Set<string>(ids.length ? (await rows(c, 'SELECT entity FROM corpus_actor_entities WHERE entity = ANY($1::text[])', [ids])).map((r) => r.entity) : []);
  for (const e of ents) {
    if (!e?.id || known.has(e.id)) continue;
    const { kb, keys } = actorKeys(e);
    // in one statement: the actor of the id's KB entity (ord 0), then of each id sharing a name key,
    // key by key and by entity (SQLite's primary key order), each group's KB id (its first member
    // with one, by entity: actorKb) and its members
    const lookKb = kb && kb !== e.id ? kb : null;
    const found = lookKb || keys.length
      ? await rows(
          c,
          `WITH hits AS (
             SELECT 0 AS ord, e.entity, e.actor FROM corpus_actor_entities e WHERE $1::text IS NOT NULL AND e.entity = $1
             UNION ALL
             SELECT array_position($2::text[], k.key), k.entity, e.actor FROM corpus_actor_keys k JOIN corpus_actor_entities e ON e.entity = k.entity
             WHERE k.key = ANY($2::text[]))
           SELECT h.ord, h.entity, h.actor,
             (SELECT m.kb FROM corpus_actor_entities m WHERE m.actor = h.actor AND m.kb IS NOT NULL ORDER BY m.entity LIMIT 1) AS group_kb,
             (SELECT array_agg(m.entity ORDER BY m.entity) FROM corpus_actor_entities m WHERE m.actor = h.actor) AS members
           FROM hits h ORDER BY h.ord, h.entity`,
          [lookKb, keys],
        )
      : [];
    const groups = new Map<string, string | null>();
    const membersOf = new Map<string, string[]>();
    for (const r of found) {
      membersOf.set(r.actor, r.members ?? []);
      if (r.ord === 0) groups.set(r.actor, lookKb);
      else if (!groups.has(r.actor)) groups.set(r.actor, r.group_kb ?? null);
    }
    const myKb = isKbId(e.id) ? e.id : kb;
    const join: string[] = [];
    let groupKb = myKb;
    for (const [actor, gk] of groups) {
      if (gk && groupKb && gk !== groupKb) continue;
      if (gk) groupKb = gk;
      join.push(actor);
    }
    const members = [e.id];
    if (kb && kb !== e.id && !join.some((j) => j === kb) && groupKb === kb) members.push(kb);
    for (const j of join) members.push(...(membersOf.get(j) ?? []));
    const id = actorIdOf(members);
    const renamed = join.filter((j) => j !== id);
    // the id, its actor (renaming the groups it joins) and its name keys, in one statement
    await rows(
      c,
      `WITH ins AS (INSERT INTO corpus_actor_entities (entity, actor, kb) VALUES ($1, $2, $3)),
            ren AS (UPDATE corpus_actor_entities SET actor = $2 WHERE actor = ANY($4::text[]))
       INSERT INTO corpus_actor_keys (key, entity) SELECT unnest($5::text[]), $1 ON CONFLICT DO NOTHING`,
      [e.id, id, myKb, renamed, keys],
    );
    known.add(e.id);
  }
  // names the article glosses in another script (as updateActors of sqlite-corpus.ts)
  if (typeof a.json.text === 'string') {
    for (const [x, y] of glossPairs(a.json.text, ents as GlossEntity[])) {
      const ax = (await one(c, 'SELECT actor FROM corpus_actor_entities WHERE entity = $1', [x]))?.actor as string | undefined;
      const ay = (await one(c, 'SELECT actor FROM corpus_actor_entities WHERE entity = $1', [y]))?.actor as string | undefined;
      if (!ax || !ay || ax === ay) continue;
      const kx = await actorKb(c, ax);
      const ky = await actorKb(c, ay);
      if (kx && ky && kx !== ky) continue;
      const members = (await rows(c, 'SELECT entity FROM corpus_actor_entities WHERE actor = ANY($1::text[]) ORDER BY entity', [[ax, ay]])).map((r) => r.entity as string);
      const id = actorIdOf(members);
      const renamed = [ax, ay].filter((g) => g !== id);
      if (renamed.length) await rows(c, 'UPDATE corpus_actor_entities SET actor = $1 WHERE actor = ANY($2::text[])', [id, renamed]);
    }
  }
}

/** The KB id of an actor: its first member (by entity) that has one. */
async function actorKb(c: Db, actor: string): Promise<string | null> {
  for (const m of await rows(c, 'SELECT entity, kb FROM corpus_actor_entities WHERE actor = $1 ORDER BY entity', [actor])) if (m.kb) return m.kb;
  return null;
}

export const pgActorsUpdater: PgCorpusUpdater = {
  name: 'actors',
  update: pgUpdateActors,
  async reset(c) {
    await c.query('DELETE FROM corpus_actor_keys; DELETE FROM corpus_actor_entities;');
  },
};

/** The updaters in the order they run (as CORPUS_UPDATERS of the SQLite store). */
export const PG_CORPUS_UPDATERS: PgCorpusUpdater[] = [pgDedupUpdater, pgStoriesUpdater, pgClaimsUpdater, pgActorsUpdater, pgActorSummaryUpdater];

/**
 * The corpus update of one stored article, inside its transaction (`c` has BEGIN'd and written the
 * article's rows): takes the corpus lock (held to COMMIT/ROLLBACK), records the order, runs the updaters.
 */
export async function updateCorpus(c: pg.PoolClient, a: PgStoredArticle): Promise<void> {
  await c.query('SELECT pg_advisory_xact_lock($1)', [CORPUS_LOCK]);
  await rows(c, `INSERT INTO corpus_order (article, seq) VALUES ($1, nextval('corpus_order_seq'))`, [a.rowid]);
  for (const u of PG_CORPUS_UPDATERS) await u.update(c, a);
}

/**
 * Inside a transaction: resets every corpus table and replays the updaters over every stored article
 * in the order their updates ran (articles stored before the corpus existed first, by rowid).
 */
export async function replayCorpus(c: pg.PoolClient): Promise<number> {
  await c.query('SELECT pg_advisory_xact_lock($1)', [CORPUS_LOCK]);
  const order = (await rows(c, 'SELECT a.rowid FROM articles a LEFT JOIN corpus_order o ON o.article = a.rowid ORDER BY o.seq NULLS FIRST, a.rowid')).map(
    (r) => r.rowid as number,
  );
  for (const u of [...PG_CORPUS_UPDATERS].reverse()) await u.reset(c);
  await c.query('DELETE FROM corpus_order');
  let n = 0;
  for (let i = 0; i < order.length; i += 256) {
    const page = order.slice(i, i + 256);
    const got = new Map((await rows(c, 'SELECT rowid, json, text FROM articles WHERE rowid = ANY($1::bigint[])', [page])).map((r) => [r.rowid as number, r]));
    for (const rowid of page) {
      const r = got.get(rowid);
      if (!r) continue;
      const json = JSON.parse(r.json) as ArticleJson;
      if (typeof json.text !== 'string') json.text = r.text;
      await rows(c, `INSERT INTO corpus_order (article, seq) VALUES ($1, nextval('corpus_order_seq'))`, [rowid]);
      for (const u of PG_CORPUS_UPDATERS) await u.update(c, { rowid, json });
      n++;
    }
  }
  // the actor summary rows counted afresh (postgres-actor-summary.ts: an actor joined during the
  // replay was counted with articles replayed after it)
  await recountActorSummary(c);
  return n;
}

// ---------------------------------------------------------------- read side

const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
function checkDate(s: string): void {
  if (!DATE_RE.test(s)) throw new RangeError(`not a date: '${s}' (use YYYY, YYYY-MM or YYYY-MM-DD)`);
}

/** The read side of the corpus over one PostgreSQL database (SqliteCorpus of sqlite-corpus.ts). */
export class PostgresCorpus implements CorpusStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly ready: () => Promise<void>,
  ) {}

  /** actors' latest rows, remembered while their ids' rows are the same (postgres-actor-rows.ts) */
  private readonly actorRows = new PgActorRows();

  private async q(sql: string, values: unknown[] = []): Promise<Row[]> {
    await this.ready();
    return rows(this.pool, sql, values);
  }

  async rebuild(): Promise<RebuildResult> {
    await this.ready();
    const t0 = performance.now();
    const c = await this.pool.connect();
    let n = 0;
    try {
      await c.query('BEGIN');
      n = await replayCorpus(c);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      c.release();
    }
    return {
      articles: n,
      claims: (await one(this.pool, 'SELECT count(*) AS n FROM corpus_claims'))!.n,
      actors: (await one(this.pool, 'SELECT count(DISTINCT actor) AS n FROM corpus_actor_entities'))!.n,
      ms: Math.round(performance.now() - t0),
    };
  }

  async counts(): Promise<CorpusCounts> {
    const r = (
      await this.q(`SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM corpus_claims) AS claims,
                    (SELECT count(*) FROM corpus_claim_reports) AS reports, (SELECT count(DISTINCT actor) FROM corpus_actor_entities) AS actors,
                    (SELECT count(*) FROM corpus_actor_entities) AS entities`)
    )[0];
    return { articles: r.articles, claims: r.claims, reports: r.reports, actors: r.actors, entities: r.entities };
  }

  /**
   * Stored claims as read: each one's story (the one holding most of its reports' articles) and each
   * report's `copyOf`. One statement for a whole page of claims (the story row and the original of
   * every article the page's reports cite), not three per claim.
   */
  private async decorate(jsons: string[]): Promise<ClaimJson[]> {
    const cs = jsons.map((j) => JSON.parse(j) as ClaimJson);
    const ids = [...new Set(cs.flatMap((c) => c.reports.map((r) => r.article)))];
    const story = new Map<string, string>();
    const copies = new Map<string, string>();
    if (ids.length)
      for (const r of await rows(
        this.pool,
        `SELECT a.id, st.id AS story, o.id AS original FROM articles a
         LEFT JOIN (corpus_story_articles sa JOIN corpus_stories st ON st.key = sa.story) ON sa.article = a.rowid
         LEFT JOIN (corpus_dedup d JOIN articles o ON o.rowid = d.copy_of) ON d.article = a.rowid
         WHERE a.id = ANY($1::text[])`,
        [ids],
      )) {
        if (r.story !== null) story.set(r.id, r.story);
        if (r.original !== null) copies.set(r.id, r.original);
      }
    for (const c of cs) {
      const n = new Map<string, number>();
      for (const a of new Set(c.reports.map((r) => r.article))) {
        const s = story.get(a);
        if (s !== undefined) n.set(s, (n.get(s) ?? 0) + 1);
      }
      let best: string | null = null;
      let bn = 0;
      for (const [s, k] of n) if (k > bn || (k === bn && best !== null && s < best)) [best, bn] = [s, k];
      c.story = best;
      for (const r of c.reports) {
        const o = copies.get(r.article);
        if (o) r.copyOf = o;
        else delete r.copyOf;
      }
      c.independent = independentReports(c.reports);
    }
    return cs;
  }

  async *claims(f: ClaimFilter = {}): AsyncIterable<ClaimJson> {
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (v: unknown) => (values.push(v), `$${values.length}`);
    if (f.status) where.push(`c.status = ${add(f.status)}`);
    if (f.mode) where.push(`c.mode = ${add(f.mode)}`);
    if (f.type) where.push(`c.type = ${add(f.type.toUpperCase())}`);
    if (f.from) {
      checkDate(f.from);
      where.push(`c.date_hi >= ${add(f.from)}`);
    }
    if (f.to) {
      checkDate(f.to);
      where.push(`substr(c.date_lo, 1, ${f.to.length}) <= ${add(f.to)}`);
    }
    if (f.actors) {
      if (!f.actors.length) return;
      where.push(`c.id IN (SELECT claim FROM corpus_claim_actors WHERE actor = ANY(${add(f.actors)}::text[]))`);
    }
    if (f.articles) {
      if (!f.articles.length) return;
      where.push(`c.id IN (SELECT r.claim FROM corpus_claim_reports r JOIN articles a ON a.rowid = r.article WHERE a.id = ANY(${add(f.articles)}::text[]))`);
    }
    const limit = f.limit && f.limit > 0 ? Math.floor(f.limit) : Infinity;
    let offset = f.offset && f.offset > 0 ? Math.floor(f.offset) : 0;
    // SQLite sorts NULL lowest: last in a descending order
    const sql = `SELECT c.json FROM corpus_claims c ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
                 ORDER BY c.date_hi DESC NULLS LAST, c.id LIMIT $${values.length + 1} OFFSET $${values.length + 2}`;
    let left = limit;
    while (left > 0) {
      const pageSize = Math.min(500, left);
      const page = await this.q(sql, [...values, pageSize, offset]);
      yield* await this.decorate(page.map((r) => r.json as string));
      if (page.length < pageSize) break;
      offset += page.length;
      left -= page.length;
    }
  }

  async storyArticles(story: string): Promise<string[] | null> {
    await this.ready();
    const s = await pgReadStory(this.pool, story);
    return s && s.articles.length ? s.articles : null;
  }

  async claim(id: string): Promise<ClaimJson | null> {
    const r = (await this.q('SELECT json FROM corpus_claims WHERE id = $1', [id]))[0];
    return r ? (await this.decorate([r.json]))[0] : null;
  }

  async actorOf(entity: string): Promise<string | null> {
    const r = (await this.q('SELECT actor FROM corpus_actor_entities WHERE entity = $1', [entity]))[0];
    return r ? r.actor : null;
  }

  async actorEntities(actor: string): Promise<string[]> {
    return (await this.q('SELECT entity FROM corpus_actor_entities WHERE actor = $1 ORDER BY entity', [actor])).map((r) => r.entity);
  }

  async findActors(name: string, limit = 20): Promise<string[]> {
    const q = fold(name.trim());
    if (!q) return [];
    const rs = await this.q(
      `SELECT e.actor, count(*) AS n FROM article_entities ae JOIN corpus_actor_entities e ON e.entity = ae.entity
       WHERE ae.entity IN (SELECT entity FROM article_entities WHERE name_fold = $1 OR strpos(coalesce(names_fold, ''), $1) > 0 OR strpos(name_fold, $1) > 0)
       GROUP BY e.actor ORDER BY n DESC, e.actor LIMIT $2`,
      [q, limit],
    );
    return rs.map((r) => r.actor);
  }

  async actor(id: string, o: { cooccurrence?: number } = {}): Promise<ActorJson | null> {
    const entities = await this.actorEntities(id);
    if (!entities.length) return null;
    let cooccurs: { actor: string; articles: number }[] | undefined;
    if (o.cooccurrence) {
      const rs = await this.q(
        `SELECT coalesce(e.actor, b.entity) AS actor, count(DISTINCT b.article) AS n
         FROM (SELECT DISTINCT article FROM article_entities WHERE entity = ANY($1::text[]) ORDER BY article DESC LIMIT $3) a
         JOIN article_entities b ON b.article = a.article
         LEFT JOIN corpus_actor_entities e ON e.entity = b.entity
         WHERE NOT (b.entity = ANY($1::text[]))
         GROUP BY 1 ORDER BY n DESC, 1 LIMIT $2`,
        [entities, Math.floor(o.cooccurrence) * 2, COOCCURRENCE_WINDOW],
      );
      const kb = corpusKb();
      cooccurs = rs.filter((r) => r.actor !== id && kb.byId(r.actor)?.kind !== 'outlet').slice(0, Math.floor(o.cooccurrence)).map((r) => ({ actor: r.actor, articles: r.n }));
    }
    // its latest rows (by ingestion, from the (entity, article) index) for names and roles; totals
    // from the entity totals the triggers keep (src/corpus/actors/profile.ts: ACTOR_ROWS)
    const mentionRows = await this.actorRows.of(this.pool, entities);
    // totals from its summary row (schema step 9), else counted
    const summary = (await this.q('SELECT articles, quotes FROM corpus_actor_summary WHERE actor = $1', [id]))[0];
    const quotes = summary ? Number(summary.quotes) : ((await this.q('SELECT count(*) AS n FROM quotes WHERE speaker = ANY($1::text[])', [entities]))[0].n as number);
    // its CONSULT claims' parties and dates from the contact pairs (postgres-actor-contacts.ts), no claim JSON
    const contacts = await pgActorContacts(this.pool, id, entities);
    const totals = summary ? [] : await this.q('SELECT entity, articles FROM entity_totals WHERE entity = ANY($1::text[])', [entities]);
    const articles = summary
      ? Number(summary.articles)
      : totals.length > 1
        ? Number((await this.q('SELECT count(DISTINCT article)::int AS n FROM article_entities WHERE entity = ANY($1::text[])', [entities]))[0].n)
        : Number(totals[0]?.articles ?? 0);
    const types = await typeTotals(
      (await this.q('SELECT type, sum(articles)::int AS rows FROM entity_type_totals WHERE entity = ANY($1::text[]) GROUP BY type ORDER BY type', [entities])).map((r) => ({
        type: r.type as string,
        rows: Number(r.rows),
      })),
      async (type) => {
        const r = (
          await this.q(
            `SELECT a.published, a.id AS article FROM article_entities ae JOIN articles a ON a.rowid = ae.article
             WHERE ae.entity = ANY($1::text[]) AND ae.type = $2 ORDER BY coalesce(a.published, '9999'), a.id LIMIT 1`,
            [entities, type],
          )
        )[0];
        return r ? { published: r.published, article: r.article } : null;
      },
    );
    const own = isKbId(id) && entities.includes(id) ? (await this.q('SELECT names FROM article_entities WHERE entity = $1 AND names IS NOT NULL LIMIT 1', [id]))[0] : undefined;
    const a = buildActor({
      id,
      entities,
      rows: mentionRows,
      quotes,
      claims: [],
      actorOf: (e) => e,
      contacts,
      totals: { articles, types, names: own ? JSON.parse(own.names) : null },
    });
    if (cooccurs) a.cooccurs = cooccurs;
    return a;
  }

  async *actorIds(limit?: number): AsyncIterable<string> {
    // the page from the per-actor summary rows' index (schema step 9: src/store/postgres-actor-summary.ts;
    // (articles desc, actor) as rankActors orders), not every actor's entity totals
    const k = limit && limit > 0 ? Math.floor(limit) : null;
    for (const r of await this.q('SELECT actor FROM corpus_actor_summary ORDER BY articles DESC, actor LIMIT $1', [k])) yield r.actor as string;
  }

  async actorMap(): Promise<Map<string, string>> {
    const m = new Map<string, string>();
    for (const r of await this.q('SELECT entity, actor FROM corpus_actor_entities ORDER BY entity')) m.set(r.entity, r.actor);
    return m;
  }

  async names(ids: string[], o: { latest?: number } = {}): Promise<Map<string, { name: string; type: string }>> {
    const out = new Map<string, { name: string; type: string }>();
    if (!ids.length) return out;
    const rs = o.latest
      ? // bounded: each entity's latest rows from the (entity, article) index
        await this.q(
          `SELECT i.entity, x.name, x.type FROM unnest($1::text[]) AS i(entity) CROSS JOIN LATERAL
             (SELECT name, type, count(*) AS n FROM (SELECT name, type FROM article_entities WHERE entity = i.entity ORDER BY article DESC LIMIT $2) l
              GROUP BY name, type ORDER BY n DESC, name, type LIMIT 1) x`,
          [ids, Math.floor(o.latest)],
        )
      : await this.q(
          `SELECT DISTINCT ON (entity) entity, name, type FROM
             (SELECT ae.entity, ae.name, ae.type, count(*) AS n FROM article_entities ae WHERE ae.entity = ANY($1::text[]) GROUP BY ae.entity, ae.name, ae.type) x
           ORDER BY entity, n DESC, name, type`,
          [ids],
        );
    for (const r of rs) out.set(r.entity, { name: r.name, type: r.type });
    return out;
  }

  async framingRows(articles: string[]): Promise<FramingRow[]> {
    // in SQLite's order: articles by id, then their entities (primary key order), quotes by index
    const ents = await this.q(
      `SELECT a.id AS article, a.outlet, a.lang, a.published, ae.entity, ae.name, ae.roles, e.actor
       FROM articles a JOIN article_entities ae ON ae.article = a.rowid
       LEFT JOIN corpus_actor_entities e ON e.entity = ae.entity
       WHERE a.id = ANY($1::text[]) ORDER BY a.id, ae.entity`,
      [articles],
    );
    const quotes = await this.q(
      `SELECT a.id AS article, q.idx, q.start, q."end", q.text, q.kind, q.speaker AS entity, e.actor
       FROM articles a JOIN quotes q ON q.article = a.rowid
       LEFT JOIN corpus_actor_entities e ON e.entity = q.speaker
       WHERE a.id = ANY($1::text[]) AND q.speaker IS NOT NULL ORDER BY a.id, q.idx`,
      [articles],
    );
    return framingRows(ents, quotes);
  }
}
