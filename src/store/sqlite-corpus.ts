/**
 * The corpus in the SQLite store: the SQL of the claims and actors updaters (their logic is in
 * src/corpus/) and the read side (`SqliteCorpus`, the store's `corpus`). Look-ups go through
 * indexes keyed by claim keys, entity ids and dates: nothing re-reads the corpus per article.
 */
import type Database from 'better-sqlite3';
import { perDatabase } from './sqlite-statements.js';
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
import { actorContacts, profileRows } from './sqlite-actor-summary.js';
import { entitiesNamed } from './sqlite-names.js';
import type { CorpusUpdater, StoredArticle } from './corpus-updaters.js';
import { copyOfArticles, storyArticleIds, storyOfArticles } from './sqlite-stories.js';
import type { ClaimFilter, CorpusCounts, CorpusStore, FramingRow, RebuildResult } from './types.js';

type Row = Record<string, any>;

/** Migration step: the corpus tables (appended to MIGRATIONS). */
export const CORPUS_MIGRATION = `
  -- one row per event of a stored article: the claim it is in, and the report as claim merging reads it
  CREATE TABLE corpus_claim_reports (
    article  INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    event    INTEGER NOT NULL,
    claim    TEXT NOT NULL,
    sort_key TEXT NOT NULL,
    report   TEXT NOT NULL,
    PRIMARY KEY (article, event)
  );
  CREATE INDEX corpus_claim_reports_claim ON corpus_claim_reports(claim);
  -- candidate look-up: type and sides (see keysOf), by day
  CREATE TABLE corpus_claim_keys (
    key     TEXT NOT NULL,
    anchor  INTEGER,
    article INTEGER NOT NULL,
    event   INTEGER NOT NULL,
    FOREIGN KEY (article, event) REFERENCES corpus_claim_reports(article, event) ON DELETE CASCADE
  );
  CREATE INDEX corpus_claim_keys_key ON corpus_claim_keys(key, anchor);
  CREATE INDEX corpus_claim_keys_report ON corpus_claim_keys(article, event);
  -- the claims (parley/claim@1 in json; story filled when read)
  CREATE TABLE corpus_claims (
    id            TEXT PRIMARY KEY,
    type          TEXT NOT NULL,
    mode          TEXT,
    level         TEXT,
    status        TEXT NOT NULL,
    first_key     TEXT NOT NULL,
    first_article TEXT NOT NULL,
    first_event   INTEGER NOT NULL,
    date_lo       TEXT,
    date_hi       TEXT,
    reports       INTEGER NOT NULL,
    json          TEXT NOT NULL
  );
  CREATE INDEX corpus_claims_date ON corpus_claims(date_hi);
  CREATE INDEX corpus_claims_status ON corpus_claims(status);
  CREATE TABLE corpus_claim_actors (
    claim TEXT NOT NULL,
    actor TEXT NOT NULL,
    PRIMARY KEY (claim, actor)
  ) WITHOUT ROWID;
  CREATE INDEX corpus_claim_actors_actor ON corpus_claim_actors(actor);
  -- actors: entity id -> actor id, and the name keys that join ids of one referent
  CREATE TABLE corpus_actor_entities (
    entity TEXT PRIMARY KEY,
    actor  TEXT NOT NULL,
    kb     TEXT
  ) WITHOUT ROWID;
  CREATE INDEX corpus_actor_entities_actor ON corpus_actor_entities(actor);
  CREATE TABLE corpus_actor_keys (
    key    TEXT NOT NULL,
    entity TEXT NOT NULL,
    PRIMARY KEY (key, entity)
  ) WITHOUT ROWID;
  CREATE INDEX corpus_actor_keys_entity ON corpus_actor_keys(entity);
`;

// ---------------------------------------------------------------- claims updater

const S = perDatabase(prepare);

function prepare(db: Database.Database) {
  const p = (sql: string) => db.prepare(sql);
  return {
    candidates: p(`SELECT DISTINCT r.claim FROM corpus_claim_keys k
                   JOIN corpus_claim_reports r ON r.article = k.article AND r.event = k.event
                   WHERE k.key = ? AND k.anchor BETWEEN ? AND ?`),
    // reports with no date at all (anchor null) under a person key: the latest stored (CLAIM_FLOATING_LOOKUP)
    candidatesUndated: p(`SELECT DISTINCT r.claim FROM (SELECT article, event FROM corpus_claim_keys
                   WHERE key = ? AND anchor IS NULL ORDER BY article DESC, event DESC LIMIT ${CLAIM_FLOATING_LOOKUP}) k
                   JOIN corpus_claim_reports r ON r.article = k.article AND r.event = k.event`),
    // for a report with no date: the dated reports of a key with the latest days (CLAIM_FLOATING_LOOKUP)
    candidatesLatest: p(`SELECT r.claim, k.anchor FROM (SELECT article, event, anchor FROM corpus_claim_keys
                   WHERE key = ? AND anchor IS NOT NULL ORDER BY anchor DESC, article DESC, event DESC LIMIT ${CLAIM_FLOATING_LOOKUP}) k
                   JOIN corpus_claim_reports r ON r.article = k.article AND r.event = k.event`),
    claimFirst: p('SELECT first_key, first_article, first_event FROM corpus_claims WHERE id = ?'),
    insertReport: p('INSERT OR REPLACE INTO corpus_claim_reports (article, event, claim, sort_key, report) VALUES (?, ?, ?, ?, ?)'),
    insertKey: p('INSERT INTO corpus_claim_keys (key, anchor, article, event) VALUES (?, ?, ?, ?)'),
    renameReports: p('UPDATE corpus_claim_reports SET claim = ? WHERE claim = ?'),
    deleteClaim: p('DELETE FROM corpus_claims WHERE id = ?'),
    deleteClaimActors: p('DELETE FROM corpus_claim_actors WHERE claim = ?'),
    reportsOf: p('SELECT report FROM corpus_claim_reports WHERE claim = ?'),
    reportRowsOf: p('SELECT article, event, report FROM corpus_claim_reports WHERE claim = ?'),
    reportRowsNear: p(`SELECT r.article, r.event, r.report FROM corpus_claim_reports r WHERE r.claim = @c AND EXISTS
                         (SELECT 1 FROM corpus_claim_keys k WHERE k.article = r.article AND k.event = r.event
                          AND (k.anchor IS NULL OR k.anchor BETWEEN @lo AND @hi))`),
    firstReportRow: p(`SELECT r.article, r.event, r.report FROM corpus_claims c JOIN articles a ON a.id = c.first_article
                       JOIN corpus_claim_reports r ON r.article = a.rowid AND r.event = c.first_event WHERE c.id = ?`),
    claimSize: p('SELECT reports FROM corpus_claims WHERE id = ?'),
    setReportClaim: p('UPDATE corpus_claim_reports SET claim = ? WHERE article = ? AND event = ?'),
    upsertClaim: p(`INSERT OR REPLACE INTO corpus_claims (id, type, mode, level, status, first_key, first_article, first_event, date_lo, date_hi, reports, json)
                    VALUES (@id, @type, @mode, @level, @status, @first_key, @first_article, @first_event, @date_lo, @date_hi, @reports, @json)`),
    insertClaimActor: p('INSERT OR IGNORE INTO corpus_claim_actors (claim, actor) VALUES (?, ?)'),
    // actors
    entityActor: p('SELECT actor FROM corpus_actor_entities WHERE entity = ?'),
    keyEntities: p('SELECT k.entity, e.actor, e.kb FROM corpus_actor_keys k JOIN corpus_actor_entities e ON e.entity = k.entity WHERE k.key = ?'),
    insertEntity: p('INSERT INTO corpus_actor_entities (entity, actor, kb) VALUES (?, ?, ?)'),
    insertActorKey: p('INSERT OR IGNORE INTO corpus_actor_keys (key, entity) VALUES (?, ?)'),
    actorMembers: p('SELECT entity, kb FROM corpus_actor_entities WHERE actor = ?'),
    renameActor: p('UPDATE corpus_actor_entities SET actor = ? WHERE actor = ?'),
  };
}

function articleOf(a: StoredArticle): ArticleLike {
  return a.json as unknown as ArticleLike;
}

/**
 * Places the events of one stored article into claims (src/corpus/claims/assign.ts): the stored
 * reports that share a look-up key and are near in time give the claims they may join; those
 * claims' reports near in time (and each claim's first report, which names it) are regrouped with
 * the new ones in publication order (`recluster`), so the result does not depend on the order
 * articles arrive in; a claim's reports outside the window stay with the group of its first report.
 * The work per article is bounded by the window, not by the size of a long-running claim (except
 * for rewriting the summary of a claim that changed).
 */
export function updateClaims(db: Database.Database, a: StoredArticle): void {
  const st = S(db);
  const reports = reportsOf(articleOf(a));
  if (!reports.length) return;
  const near = new Set<string>();
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of reports) {
    const day = anchorDay(r);
    if (day !== null) {
      lo = Math.min(lo, day - WINDOW.lookup);
      hi = Math.max(hi, day + WINDOW.lookup);
    }
    // a dated report: the reports of its keys in its window; a report with no date at all (it
    // joins only through a person): the dated ones of its keys with the latest days (their days
    // widen the window); a report naming persons: the latest reports with no date of each person
    const keys = keysOf(r);
    for (const key of keys.lookup) {
      if (day !== null) for (const row of st.candidates.all(key, day - WINDOW.lookup, day + WINDOW.lookup) as Row[]) near.add(row.claim);
      else if (keys.persons.length)
        for (const row of st.candidatesLatest.all(key) as Row[]) {
          near.add(row.claim);
          lo = Math.min(lo, row.anchor);
          hi = Math.max(hi, row.anchor);
        }
    }
    for (const key of keys.persons) for (const row of st.candidatesUndated.all(key) as Row[]) near.add(row.claim);
  }
  if (!Number.isFinite(lo)) [lo, hi] = [0, -1];
  // the near claims' reports in the window, and each one's first report
  const all: Report[] = [...reports];
  const before = new Map<string, string>(); // `${rowid}:${event}` -> claim
  const rowOf = new Map<string, number>(); // `${article id}:${event}` -> rowid
  const partial = new Map<string, { first: string }>(); // claims with reports left out
  for (const c of near) {
    const rows = st.reportRowsNear.all({ c, lo, hi }) as Row[];
    const first = st.firstReportRow.get(c) as Row | undefined;
    if (first && !rows.some((r) => r.article === first.article && r.event === first.event)) rows.push(first);
    for (const row of rows) {
      const rep = JSON.parse(row.report) as Report;
      rowOf.set(`${rep.article}:${rep.event}`, row.article);
      before.set(`${row.article}:${row.event}`, c);
      all.push(rep);
    }
    const n = (st.claimSize.get(c) as Row | undefined)?.reports ?? rows.length;
    if (n > rows.length && first) partial.set(c, { first: `${first.article}:${first.event}` });
  }
  const placed = recluster(all);
  const groupOf = new Map<string, string>(); // `${rowid}:${event}` -> new claim (stored reports)
  for (const p of placed) {
    const rid = rowOf.get(`${p.report.article}:${p.report.event}`);
    if (rid !== undefined) groupOf.set(`${rid}:${p.report.event}`, p.claim);
  }
  const kept = new Set(placed.map((p) => p.claim));
  const changed = new Set<string>();
  // reports left out follow their claim's first report
  for (const [c, { first }] of partial) {
    const to = groupOf.get(first)!;
    kept.add(to);
    if (to !== c) {
      st.renameReports.run(to, c);
      for (const [k, v] of before) if (v === c) before.set(k, to);
      changed.add(to);
    }
  }
  for (const c of near) {
    if (kept.has(c)) continue;
    st.deleteClaim.run(c);
    st.deleteClaimActors.run(c);
  }
  for (const p of placed) {
    const r = p.report;
    const rid = rowOf.get(`${r.article}:${r.event}`);
    if (rid === undefined) {
      // a report of the new article
      st.insertReport.run(a.rowid, r.event, p.claim, reportKey(r), JSON.stringify(r));
      const day = anchorDay(r);
      for (const key of keysOf(r).index) st.insertKey.run(key, day, a.rowid, r.event);
      changed.add(p.claim);
    } else {
      const was = before.get(`${rid}:${r.event}`)!;
      if (was !== p.claim) {
        st.setReportClaim.run(p.claim, rid, r.event);
        changed.add(p.claim);
        changed.add(was);
      }
    }
  }
  for (const id of changed) if (kept.has(id)) writeClaim(db, id);
}

function writeClaim(db: Database.Database, id: string): void {
  const st = S(db);
  const reports = (st.reportsOf.all(id) as Row[]).map((r) => JSON.parse(r.report) as Report);
  const c = summarize(reports);
  if (c.id !== id) throw new Error(`claim ${id}: its earliest report gives id ${c.id}`);
  const first = reports.reduce((x, y) => (reportKey(y) < reportKey(x) ? y : x));
  let lo: string | null = c.from;
  let hi: string | null = c.to;
  const w = rangeOf(c.when?.value);
  if (w) {
    const wl = isoOf(w[0]);
    const wh = isoOf(w[1]);
    if (!lo || wl < lo) lo = wl;
    if (!hi || wh > hi) hi = wh;
  }
  st.upsertClaim.run({
    id,
    type: c.type,
    mode: c.mode,
    level: c.level,
    status: c.status,
    first_key: reportKey(first),
    first_article: first.article,
    first_event: first.event,
    date_lo: lo,
    date_hi: hi,
    reports: c.reports.length,
    json: JSON.stringify(c),
  });
  st.deleteClaimActors.run(id);
  for (const actor of c.actors) st.insertClaimActor.run(id, actor);
}

export const claimsUpdater: CorpusUpdater = {
  name: 'claims',
  update: updateClaims,
  reset(db) {
    db.exec('DELETE FROM corpus_claim_keys; DELETE FROM corpus_claim_reports; DELETE FROM corpus_claims; DELETE FROM corpus_claim_actors;');
  },
};

// ---------------------------------------------------------------- actors updater

/** Gives every new entity id of the article its actor, joining ids of one referent (src/corpus/actors/keys.ts). */
export function updateActors(db: Database.Database, a: StoredArticle): void {
  const st = S(db);
  const ents = (a.json.entities ?? []) as { id: string; type?: string; name?: string; names?: Record<string, string>; kind?: string }[];
  for (const e of ents) {
    if (!e?.id || st.entityActor.get(e.id)) continue;
    const { kb, keys } = actorKeys(e);
    // the groups this id joins: its KB entity's, and those sharing a name key
    const groups = new Map<string, string | null>(); // actor -> its KB id (null when none)
    if (kb && kb !== e.id) {
      const k = st.entityActor.get(kb) as Row | undefined;
      if (k) groups.set(k.actor, kb);
    }
    for (const key of keys) {
      for (const r of st.keyEntities.all(key) as Row[]) if (!groups.has(r.actor)) groups.set(r.actor, actorKb(db, r.actor));
    }
    // never join two KB referents
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
    for (const j of join) for (const m of st.actorMembers.all(j) as Row[]) members.push(m.entity);
    const id = actorIdOf(members);
    st.insertEntity.run(e.id, id, myKb);
    for (const j of join) if (j !== id) st.renameActor.run(id, j);
    for (const key of keys) st.insertActorKey.run(key, e.id);
  }
  // names the article glosses in another script (`"Північний потік-2" (Nord Stream-2)`): one referent
  if (typeof a.json.text === 'string') {
    for (const [x, y] of glossPairs(a.json.text, ents as GlossEntity[])) {
      const ax = (st.entityActor.get(x) as Row | undefined)?.actor as string | undefined;
      const ay = (st.entityActor.get(y) as Row | undefined)?.actor as string | undefined;
      if (!ax || !ay || ax === ay) continue;
      const kx = actorKb(db, ax);
      const ky = actorKb(db, ay);
      if (kx && ky && kx !== ky) continue; // never join two KB referents
      const members: string[] = [];
      for (const g of [ax, ay]) for (const m of st.actorMembers.all(g) as Row[]) members.push(m.entity);
      const id = actorIdOf(members);
      for (const g of [ax, ay]) if (g !== id) st.renameActor.run(id, g);
    }
  }
}

function actorKb(db: Database.Database, actor: string): string | null {
  for (const m of S(db).actorMembers.all(actor) as Row[]) if (m.kb) return m.kb;
  return null;
}

export const actorsUpdater: CorpusUpdater = {
  name: 'actors',
  update: updateActors,
  reset(db) {
    db.exec('DELETE FROM corpus_actor_keys; DELETE FROM corpus_actor_entities;');
  },
};

// ---------------------------------------------------------------- read side

const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
function checkDate(s: string): void {
  if (!DATE_RE.test(s)) throw new RangeError(`not a date: '${s}' (use YYYY, YYYY-MM or YYYY-MM-DD)`);
}

/**
 * The read side of the corpus over one SQLite database. `storyOf` is provided by the stories
 * updater's tables when they exist (corpus-stories); without them claims have `story: null`.
 */
export class SqliteCorpus implements CorpusStore {
  constructor(
    private readonly db: Database.Database,
    private readonly rebuildFn: () => RebuildResult,
  ) {}

  async rebuild(): Promise<RebuildResult> {
    return this.rebuildFn();
  }

  async counts(): Promise<CorpusCounts> {
    const one = (sql: string) => (this.db.prepare(sql).get() as Row).n as number;
    return {
      articles: one('SELECT count(*) AS n FROM articles'),
      claims: one('SELECT count(*) AS n FROM corpus_claims'),
      reports: one('SELECT count(*) AS n FROM corpus_claim_reports'),
      actors: one('SELECT count(DISTINCT actor) AS n FROM corpus_actor_entities'),
      entities: one('SELECT count(*) AS n FROM corpus_actor_entities'),
    };
  }

  /**
   * A stored claim as read: its story (the story holding most of its reports' articles) and each
   * report's `copyOf` (near-duplicates: corpus-stories' tables, read now so a re-pointed link shows).
   */
  private decorate(json: string): ClaimJson {
    const c = JSON.parse(json) as ClaimJson;
    const rowQ = this.db.prepare('SELECT rowid FROM articles WHERE id = ?');
    const rowids = [...new Set(c.reports.map((r) => (rowQ.get(r.article) as Row | undefined)?.rowid as number | undefined))].filter((x): x is number => x !== undefined);
    const stories = storyOfArticles(this.db, rowids);
    const n = new Map<string, number>();
    for (const s of stories.values()) n.set(s, (n.get(s) ?? 0) + 1);
    let best: string | null = null;
    let bn = 0;
    for (const [s, k] of n) if (k > bn || (k === bn && best !== null && s < best)) [best, bn] = [s, k];
    c.story = best;
    const copies = copyOfArticles(this.db, [...new Set(c.reports.map((r) => r.article))]);
    for (const r of c.reports) {
      const o = copies.get(r.article);
      if (o) r.copyOf = o;
      else delete r.copyOf;
    }
    c.independent = independentReports(c.reports);
    return c;
  }

  async *claims(f: ClaimFilter = {}): AsyncIterable<ClaimJson> {
    const where: string[] = [];
    const params: Row = {};
    if (f.status) {
      where.push('c.status = @status');
      params.status = f.status;
    }
    if (f.mode) {
      where.push('c.mode = @mode');
      params.mode = f.mode;
    }
    if (f.type) {
      where.push('c.type = @type');
      params.type = f.type.toUpperCase();
    }
    if (f.from) {
      checkDate(f.from);
      where.push('c.date_hi >= @from');
      params.from = f.from;
    }
    if (f.to) {
      checkDate(f.to);
      where.push(`substr(c.date_lo, 1, ${f.to.length}) <= @to`);
      params.to = f.to;
    }
    if (f.actors) {
      if (!f.actors.length) return;
      where.push(`c.id IN (SELECT claim FROM corpus_claim_actors WHERE actor IN (SELECT value FROM json_each(@actors)))`);
      params.actors = JSON.stringify(f.actors);
    }
    if (f.articles) {
      if (!f.articles.length) return;
      where.push(`c.id IN (SELECT r.claim FROM corpus_claim_reports r JOIN articles a ON a.rowid = r.article WHERE a.id IN (SELECT value FROM json_each(@articles)))`);
      params.articles = JSON.stringify(f.articles);
    }
    const limit = f.limit && f.limit > 0 ? Math.floor(f.limit) : Infinity;
    let offset = f.offset && f.offset > 0 ? Math.floor(f.offset) : 0;
    const stmt = this.db.prepare(`SELECT c.json FROM corpus_claims c ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
                 ORDER BY c.date_hi DESC, c.id LIMIT @pageSize OFFSET @pageOffset`);
    // in pages: streamed without holding a statement open across yields
    let left = limit;
    while (left > 0) {
      const pageSize = Math.min(500, left);
      const rows = stmt.all({ ...params, pageSize, pageOffset: offset }) as Row[];
      for (const r of rows) yield this.decorate(r.json);
      if (rows.length < pageSize) break;
      offset += rows.length;
      left -= rows.length;
    }
  }

  async storyArticles(story: string): Promise<string[] | null> {
    // corpus-stories' reader (a former id of a merged or renamed story resolves)
    const ids = storyArticleIds(this.db, story);
    return ids && ids.length ? ids : null;
  }

  async claim(id: string): Promise<ClaimJson | null> {
    const r = this.db.prepare('SELECT json FROM corpus_claims WHERE id = ?').get(id) as Row | undefined;
    return r ? this.decorate(r.json) : null;
  }

  async actorOf(entity: string): Promise<string | null> {
    const r = this.db.prepare('SELECT actor FROM corpus_actor_entities WHERE entity = ?').get(entity) as Row | undefined;
    return r ? r.actor : null;
  }

  async actorEntities(actor: string): Promise<string[]> {
    return (this.stmt('SELECT entity FROM corpus_actor_entities WHERE actor = ? ORDER BY entity').all(actor) as Row[]).map((r) => r.entity);
  }

  async findActors(name: string, limit = 20): Promise<string[]> {
    const q = fold(name.trim());
    if (!q) return [];
    const rows = this.stmt(
        // rows per actor from the entity totals the triggers keep (the same as counting the rows)
        `SELECT e.actor, sum(t.articles) AS n FROM entity_totals t JOIN corpus_actor_entities e ON e.entity = t.entity
         WHERE t.entity IN (SELECT value FROM json_each(@named))
         GROUP BY e.actor ORDER BY n DESC, e.actor LIMIT @limit`,
      )
      // the ids whose names hold the query, without folding every row (src/store/sqlite-names.ts)
      .all({ named: JSON.stringify(entitiesNamed(this.db, q)), limit }) as Row[];
    return rows.map((r) => r.actor);
  }

  async actor(id: string, o: { cooccurrence?: number } = {}): Promise<ActorJson | null> {
    const entities = await this.actorEntities(id);
    if (!entities.length) return null;
    const ids = JSON.stringify(entities);
    let cooccurs: { actor: string; articles: number }[] | undefined;
    if (o.cooccurrence) {
      // the actors most often mentioned in the same articles (outlets left out), among its latest
      // COOCCURRENCE_WINDOW articles (by ingestion)
      const rows = this.stmt(
          `SELECT coalesce(e.actor, b.entity) AS actor, count(DISTINCT b.article) AS n
           FROM (SELECT DISTINCT article FROM article_entities WHERE entity IN (SELECT value FROM json_each(@ids)) ORDER BY article DESC LIMIT @window) a
           JOIN article_entities b ON b.article = a.article
           LEFT JOIN corpus_actor_entities e ON e.entity = b.entity
           WHERE b.entity NOT IN (SELECT value FROM json_each(@ids))
           GROUP BY 1 ORDER BY n DESC, 1 LIMIT @limit`,
        )
        .all({ ids, limit: Math.floor(o.cooccurrence) * 2, window: COOCCURRENCE_WINDOW }) as Row[];
      const kb = corpusKb();
      cooccurs = rows.filter((r) => r.actor !== id && kb.byId(r.actor)?.kind !== 'outlet').slice(0, Math.floor(o.cooccurrence)).map((r) => ({ actor: r.actor, articles: r.n }));
    }
    // totals from its summary row and the entity totals the triggers keep; names and roles from its
    // latest ACTOR_ROWS rows (src/corpus/actors/profile.ts), of which only the rows that give roles
    // and those of a language its KB names leave unnamed are read; its CONSULT claims' parties and
    // dates from the contact pairs (schema step 15: src/store/sqlite-actor-summary.ts), no claim JSON
    const summary = this.stmt('SELECT articles, quotes FROM corpus_actor_summary WHERE actor = ?').get(id) as Row | undefined;
    const quotes = summary ? (summary.quotes as number) : ((this.stmt('SELECT count(*) AS n FROM quotes WHERE speaker IN (SELECT value FROM json_each(?))').get(ids) as Row).n as number);
    const own = isKbId(id) && entities.includes(id) ? (this.stmt('SELECT names FROM article_entities WHERE entity = ? AND names IS NOT NULL LIMIT 1').get(id) as Row | undefined) : undefined;
    const given = own ? (JSON.parse(own.names) as Record<string, string>) : null;
    const rows = profileRows(this.db, entities, given, (r) => this.articleMeta(r));
    const contacts = actorContacts(this.db, id, entities);
    const totals = summary ? [] : (this.stmt('SELECT entity, articles FROM entity_totals WHERE entity IN (SELECT value FROM json_each(?))').all(ids) as Row[]);
    const articles = summary
      ? (summary.articles as number)
      : totals.length > 1
        ? ((this.stmt('SELECT count(DISTINCT article) AS n FROM article_entities WHERE entity IN (SELECT value FROM json_each(?))').get(ids) as Row).n as number)
        : ((totals[0]?.articles as number | undefined) ?? 0);
    const earliestQ = this.stmt(
      `SELECT a.published, a.id AS article FROM article_entities ae JOIN articles a ON a.rowid = ae.article
       WHERE ae.entity IN (SELECT value FROM json_each(@ids)) AND ae.type = @type ORDER BY coalesce(a.published, '9999'), a.id LIMIT 1`,
    );
    const types = await typeTotals(
      this.stmt('SELECT type, sum(articles) AS rows FROM entity_type_totals WHERE entity IN (SELECT value FROM json_each(?)) GROUP BY type ORDER BY type').all(ids) as { type: string; rows: number }[],
      async (type) => (earliestQ.get({ ids, type }) as { published: string | null; article: string } | undefined) ?? null,
    );
    const a = buildActor({ id, entities, rows, quotes, claims: [], actorOf: (e) => e, contacts, totals: { articles, types, names: given } });
    if (cooccurs) a.cooccurs = cooccurs;
    return a;
  }

  async *actorIds(limit?: number): AsyncIterable<string> {
    // the page from the per-actor summary rows' index (schema step 14: src/store/sqlite-actor-summary.ts;
    // (articles desc, actor) as rankActors orders), not every actor's entity totals
    const k = limit && limit > 0 ? Math.floor(limit) : -1;
    for (const id of this.stmt('SELECT actor FROM corpus_actor_summary ORDER BY articles DESC, actor LIMIT ?').pluck().all(k) as string[]) yield id;
  }

  /**
   * id, language and publication date of stored articles by rowid, remembered (articles never change
   * once stored; the actors of a list page share most of their latest articles)
   */
  private articleMeta(rowids: number[]): Map<number, { id: string; lang: string; published: string | null }> {
    const out = new Map<number, { id: string; lang: string; published: string | null }>();
    const missing: number[] = [];
    for (const r of rowids) {
      const m = this.metaCache.get(r);
      if (m) out.set(r, m);
      else missing.push(r);
    }
    if (missing.length) {
      if (this.metaCache.size > 50_000) this.metaCache.clear();
      for (const m of this.stmt('SELECT rowid AS r, id, lang, published FROM articles WHERE rowid IN (SELECT value FROM json_each(?))').all(JSON.stringify(missing)) as Row[]) {
        const v = { id: m.id as string, lang: m.lang as string, published: (m.published as string | null) ?? null };
        this.metaCache.set(m.r, v);
        out.set(m.r, v);
      }
    }
    return out;
  }
  private readonly metaCache = new Map<number, { id: string; lang: string; published: string | null }>();

  /** This connection's prepared statement for `sql` (prepared once). */
  private stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.db.prepare(sql)));
    return s;
  }
  private readonly stmts = new Map<string, Database.Statement>();

  async actorMap(): Promise<Map<string, string>> {
    const m = new Map<string, string>();
    for (const r of this.db.prepare('SELECT entity, actor FROM corpus_actor_entities').all() as Row[]) m.set(r.entity, r.actor);
    return m;
  }

  async names(ids: string[], o: { latest?: number } = {}): Promise<Map<string, { name: string; type: string }>> {
    const out = new Map<string, { name: string; type: string }>();
    const all = this.db.prepare(
      `SELECT ae.name, ae.type, count(*) AS n FROM article_entities ae WHERE ae.entity = ? GROUP BY ae.name, ae.type ORDER BY n DESC LIMIT 1`,
    );
    // bounded: the entity's latest rows from the (entity, article) index
    const latest = this.db.prepare(
      `SELECT name, type, count(*) AS n FROM (SELECT name, type FROM article_entities WHERE entity = @id ORDER BY article DESC LIMIT @latest)
       GROUP BY name, type ORDER BY n DESC, name, type LIMIT 1`,
    );
    for (const id of ids) {
      const r = (o.latest ? latest.get({ id, latest: Math.floor(o.latest) }) : all.get(id)) as Row | undefined;
      if (r) out.set(id, { name: r.name, type: r.type });
    }
    return out;
  }

  async framingRows(articles: string[]): Promise<FramingRow[]> {
    const ids = JSON.stringify(articles);
    const ents = this.db
      .prepare(
        `SELECT a.id AS article, a.outlet, a.lang, a.published, ae.entity, ae.name, ae.roles, e.actor
         FROM articles a JOIN article_entities ae ON ae.article = a.rowid
         LEFT JOIN corpus_actor_entities e ON e.entity = ae.entity
         WHERE a.id IN (SELECT value FROM json_each(?))`,
      )
      .all(ids) as Row[];
    const quotes = this.db
      .prepare(
        `SELECT a.id AS article, q.idx, q.start, q."end", q.text, q.kind, q.speaker AS entity, e.actor
         FROM articles a JOIN quotes q ON q.article = a.rowid
         LEFT JOIN corpus_actor_entities e ON e.entity = q.speaker
         WHERE a.id IN (SELECT value FROM json_each(?)) AND q.speaker IS NOT NULL`,
      )
      .all(ids) as Row[];
    return framingRows(ents, quotes);
  }
}
