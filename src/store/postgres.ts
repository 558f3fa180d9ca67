/**
 * The PostgreSQL store (driver `pg`): the same `Store` as SqliteStore, for a corpus shared by many
 * workers and readers. Every write is one transaction per article, idempotent by article id (a
 * concurrent second writer of the same id waits on the unique index, then finds it stored).
 *
 * Search indexes the very terms the SQLite store indexes (`indexTerms`: Parley's own lemmas and
 * folded surface forms, alternative lemmas, title terms) in a `tsvector` built directly from those
 * terms — no text-search parser or dictionary of PostgreSQL touches them, so hits do not depend on
 * the cluster's locale or configuration — and ranks with `ts_rank`. A query word matches as in
 * SQLite's FTS5 expression: a lemma in the lemma, alternative-lemma or title terms, or its folded
 * form in the surface or title terms. Snippets and match offsets come from the same per-token data
 * and the same functions (snippet.ts) as SQLite's.
 */
import pg from 'pg';
import { toArticleJson } from '../contract/article.js';
import type { Doc } from '../doc/model.js';
import { fold } from '../doc/normalize.js';
import { indexTerms, type TokenLike } from './index-terms.js';
import { PostgresCorpus, replayCorpus, updateCorpus } from './postgres-corpus.js';
import { PG_CORPUS_STEP, PG_MIGRATIONS } from './postgres-migrations.js';
import { PostgresStories } from './postgres-stories.js';
import { PgEntityDetails } from './postgres-entity-detail.js';
import { encodeTerms, textHash } from './sqlite-terms.js';
import { leadOf, searchHit, searchResultOf, type SearchRow } from './snippet.js';
import { expandQuery, type QueryWord } from './terms.js';
import type {
  ArticleFilter,
  ArticleJson,
  ArticleSummary,
  DateRange,
  EntityFilter,
  EntitySummary,
  EventFilter,
  EventRecord,
  Lemmatizer,
  PutResult,
  QuoteFilter,
  QuoteRecord,
  SearchHit,
  SearchQuery,
  SearchResult,
  Stats,
  Store,
} from './types.js';

type Row = Record<string, any>;

export interface PostgresStoreOptions {
  /** expands query words to lemmas (the morphology); without it search matches surface forms */
  lemmatizer?: Lemmatizer;
  /** connections in this process's pool (default 8) */
  poolSize?: number;
  /** do not apply migrations (a reader of a database someone else migrates) */
  readonly?: boolean;
}

const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** How many of an entity's latest articles give its names, type and roles in `entities()` (as SqliteStore). */
const ENTITY_DETAIL_ROWS = 200;
/** key of the advisory lock that serialises schema migrations */
const MIGRATE_LOCK = 0x7061726c; // 'parl'
/** lexemes longer than this are not indexed (PostgreSQL's limit is 2047 bytes) */
const MAX_LEXEME_BYTES = 2000;
/** positions kept per lexeme (term frequency saturates long before; keeps the tsvector small) */
const MAX_POSITIONS = 8;
/** stay under PostgreSQL's 1 MB tsvector limit */
const MAX_TSV_BYTES = 900_000;
/** ts_rank weights {D, C, B, A} = forms, alternative lemmas, lemmas, title: SQLite's bm25 weights 0.5, 0.5, 1, 5 (scaled) */
const RANK_WEIGHTS = '{0.1, 0.1, 0.2, 1.0}';
/**
 * Most matches of a query ranked with ts_rank. Ranking reads the whole tsvector of every article it
 * scores, so a common word cost O(matches) (159 ms CPU at 20,000 articles); past this many matches
 * the ranked candidates are the latest stored matches and the latest with a query word in their
 * title (a title occurrence weighs five body ones: weight A 1.0 against B 0.2).
 */
const RANK_CANDIDATES = 500;

/** Text PostgreSQL can hold: NUL is the one character a `text` value cannot contain. */
function pgText(s: string): string;
function pgText(s: string | null): string | null;
function pgText(s: string | null): string | null {
  return s !== null && s.includes('\0') ? s.replace(/\0/g, '\uFFFD') : s;
}

/**
 * The term as FTS5's `unicode61 remove_diacritics 2` tokenizer indexes it: Latin letters lose
 * their diacritics (é -> e, ü -> u; ł stays), Cyrillic keeps й and ї. Applied to index and query
 * terms alike, so the hits are those SQLite gives.
 */
export function ftsFold(term: string): string {
  if (!/[^\x00-\x7f]/.test(term)) return term;
  return term.replace(/\p{Script=Latin}/gu, (c) => (c.charCodeAt(0) < 0x80 ? c : c.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC') || c));
}

function lexeme(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The tsvector literal of an article's index terms. */
export function tsvectorOf(t: { title: string[]; lemmas: string[]; forms: string[]; alts: [number, string][] }): string {
  const pos = new Map<string, number[]>();
  const add = (key: string, p: number) => {
    const l = pos.get(key);
    if (!l) pos.set(key, [p]);
    else if (l.length < MAX_POSITIONS && l[l.length - 1] !== p) l.push(p);
  };
  const at = (i: number) => Math.min(16383, i + 1);
  t.title.forEach((x, i) => add('t|' + ftsFold(x), at(i)));
  t.lemmas.forEach((x, i) => add('l|' + ftsFold(x), at(i)));
  // a surface form equal to its token's lemma needs no lexeme of its own: a query word's lemma
  // terms include its own form, and they are looked up among the lemmas (same hits, smaller index)
  t.forms.forEach((x, i) => {
    if (x !== t.lemmas[i]) add('f|' + ftsFold(x), at(i));
  });
  for (const [i, s] of t.alts) for (const x of s.split(' ')) if (x) add('a|' + ftsFold(x), at(i));
  const weight: Record<string, string> = { t: 'A', l: 'B', a: 'C', f: 'D' };
  const parts: string[] = [];
  let bytes = 0;
  for (const [k, ps] of pos) {
    if (Buffer.byteLength(k) > MAX_LEXEME_BYTES) continue;
    const w = weight[k[0]];
    const part = `${lexeme(k)}:${ps.map((p) => p + w).join(',')}`;
    bytes += Buffer.byteLength(k) + 8 + ps.length * 2;
    if (bytes > MAX_TSV_BYTES) break;
    parts.push(part);
  }
  return parts.join(' ');
}

/** The tsquery literal of a query: every word must match, by lemma (lemma, alt, title) or form (form, title). */
export function tsqueryOf(q: QueryWord[]): string {
  return q
    .map((w) => {
      const alts = new Set<string>();
      for (const l of w.lemmas) {
        const f = ftsFold(l);
        alts.add(lexeme('l|' + f));
        alts.add(lexeme('a|' + f));
        alts.add(lexeme('t|' + f));
      }
      for (const x of w.forms) {
        const f = ftsFold(x);
        alts.add(lexeme('f|' + f));
        alts.add(lexeme('t|' + f));
      }
      return `(${[...alts].join(' | ')})`;
    })
    .join(' & ');
}

/** The tsquery literal of any query word in a title (the title candidates of a ranking). */
export function titleTsqueryOf(q: QueryWord[]): string {
  const alts = new Set<string>();
  for (const w of q) for (const x of [...w.lemmas, ...w.forms]) alts.add(lexeme('t|' + ftsFold(x)));
  return [...alts].join(' | ');
}

/** Numbered parameters for one statement. */
class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/**
 * Waits until everything this session committed is on disk: a transactional WAL message committed
 * synchronously flushes the WAL up to its own commit record, so past every earlier commit (WAL is
 * written in order). Run after a commit made with synchronous_commit off.
 */
const DURABLE = `SELECT pg_logical_emit_message(true, 'parley', '')`;

export class PostgresStore implements Store {
  readonly pool: pg.Pool;
  lemmatizer?: Lemmatizer;
  /** claims, actors (src/store/postgres-corpus.ts) */
  readonly corpus: PostgresCorpus;
  /** stories and near-duplicate links (src/store/postgres-stories.ts) */
  readonly stories: PostgresStories;
  private ready: Promise<void>;
  /**
   * Wall-clock ms spent by putArticle in each part of its writes since the store opened (summed over
   * new articles): the rows (with waits for the per-entity totals other writers hold), the corpus
   * update (with the wait for the corpus lock), the commit and WAL flush.
   */
  readonly writeTimings = { articles: 0, rowsMs: 0, corpusMs: 0, commitMs: 0 };

  constructor(readonly url: string, opts: PostgresStoreOptions = {}) {
    this.lemmatizer = opts.lemmatizer;
    this.pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 8, application_name: 'parley' });
    // an idle client's error (server restart) must not crash the process: the pool drops the client
    this.pool.on('error', () => {});
    this.ready = opts.readonly ? this.checkSchema() : this.migrate();
    // callers that never query still see a bad URL when they await the first call
    this.ready.catch(() => {});
    this.corpus = new PostgresCorpus(this.pool, () => this.ready);
    this.stories = new PostgresStories(this.pool, () => this.ready);
  }

  /** Resolves when the schema is in place (or rejects with the reason it is not). */
  async open(): Promise<this> {
    await this.ready;
    return this;
  }

  private async checkSchema(): Promise<void> {
    const c = await this.connect();
    try {
      const have = await schemaVersion(c);
      if (have < PG_MIGRATIONS.length) throw new Error(`${redact(this.url)}: database schema is older than this version of parley; open it once for writing`);
    } finally {
      c.release();
    }
  }

  private async connect(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (e) {
      throw new Error(`cannot connect to ${redact(this.url)}: ${(e as Error).message}`);
    }
  }

  /** Applies the missing schema steps in one transaction under an advisory lock. */
  private async migrate(): Promise<void> {
    const c = await this.connect();
    try {
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
      await c.query('CREATE TABLE IF NOT EXISTS parley_schema (version integer NOT NULL)');
      const have = await schemaVersion(c);
      if (have > PG_MIGRATIONS.length)
        throw new Error(`${redact(this.url)}: database schema v${have} is newer than this version of parley (v${PG_MIGRATIONS.length})`);
      for (let v = have; v < PG_MIGRATIONS.length; v++) await c.query(PG_MIGRATIONS[v]);
      // a database from before the corpus tables: build its corpus from its articles
      if (have > 0 && have < PG_CORPUS_STEP) await replayCorpus(c);
      if (have < PG_MIGRATIONS.length) {
        await c.query('DELETE FROM parley_schema');
        await c.query('INSERT INTO parley_schema (version) VALUES ($1)', [PG_MIGRATIONS.length]);
      }
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      c.release();
    }
  }

  /** the entities list's details, remembered while an entity's rows are the same */
  private readonly entityDetails = new PgEntityDetails(ENTITY_DETAIL_ROWS);

  private async q(sql: string, values: unknown[] = []): Promise<Row[]> {
    await this.ready;
    return (await this.pool.query(sql, values)).rows;
  }

  async putArticle(article: Doc | ArticleJson): Promise<PutResult> {
    let json: ArticleJson;
    let tokens: TokenLike[] | null;
    if (isDoc(article)) {
      json = toArticleJson(article) as ArticleJson;
      tokens = (article.layers.tokens as TokenLike[] | undefined) ?? null;
    } else {
      const { tokens: t, ...rest } = article as ArticleJson & { tokens?: TokenLike[] };
      json = rest as ArticleJson;
      tokens = Array.isArray(t) ? t : null;
    }
    if (typeof json.id !== 'string' || !json.id) throw new Error('article has no id');
    if (typeof json.text !== 'string') throw new Error(`article ${json.id}: no text`);
    // every row is built (and checked) before the transaction opens
    const rows = articleRows(json, tokens, this.lemmatizer);
    await this.ready;
    const c = await this.connect();
    try {
      // committed without waiting for the WAL flush, so that the corpus lock (released at COMMIT) is
      // not held over the disk write; the flush is awaited right after COMMIT (DURABLE), before
      // putArticle answers: the same durability, outside the serial part of the write
      await c.query('BEGIN; SET LOCAL synchronous_commit = off');
      const t = this.writeTimings;
      const t0 = performance.now();
      const ins = insertRows(rows);
      const got = await c.query(ins.sql, ins.values);
      if (!got.rows.length) {
        await c.query('COMMIT');
        return { id: json.id, status: 'duplicate' };
      }
      const rid = got.rows[0].rowid as string;
      const t1 = performance.now();
      // the corpus (near-duplicates, stories, claims, actors), in this transaction, one article at a
      // time (updateCorpus waits for the corpus lock, released at COMMIT)
      await updateCorpus(c, { rowid: Number(rid), json });
      const t2 = performance.now();
      // COMMIT and the wait for the flush in one round trip: the lock goes at COMMIT, before the flush
      await c.query(`COMMIT; ${DURABLE}`);
      t.articles++;
      t.rowsMs += t1 - t0;
      t.corpusMs += t2 - t1;
      t.commitMs += performance.now() - t2;
      return { id: json.id, status: 'new' };
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      c.release();
    }
  }

  /** Whether an article with this id, or with this exact text (content hash), is stored. */
  async isStored(key: { id?: string | null; contentHash?: string | null }): Promise<boolean> {
    if (!key.id && !key.contentHash) return false;
    // one round trip for both look-ups
    const r = await this.q('SELECT EXISTS (SELECT 1 FROM articles WHERE id = $1) OR EXISTS (SELECT 1 FROM articles WHERE content_hash = $2) AS stored', [
      key.id ?? null,
      key.contentHash ?? null,
    ]);
    return r[0].stored === true;
  }

  async getArticle(id: string): Promise<ArticleJson | null> {
    const r = (await this.q('SELECT json, text FROM articles WHERE id = $1', [id]))[0];
    if (!r) return null;
    const a = JSON.parse(r.json) as ArticleJson;
    // a text with NUL characters keeps its exact copy in the JSON (the column holds U+FFFD for them)
    if (typeof a.text !== 'string') a.text = r.text;
    return a;
  }

  async listArticles(f: ArticleFilter = {}): Promise<ArticleSummary[]> {
    const where: string[] = [];
    const p = new Params();
    this.articleFilters(where, p, f, 'a');
    if (f.entity) where.push(`EXISTS (SELECT 1 FROM article_entities ae WHERE ae.article = a.rowid AND ae.entity = ${p.add(f.entity)})`);
    if (f.ids) where.push(`a.id = ANY(${p.add(f.ids.map(String))}::text[])`);
    const rows = await this.q(
      `SELECT a.id, a.title, substr(a.text, 1, 400) AS head, a.published, a.lang, a.outlet, a.url, a.path FROM articles a
       ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY a.published DESC NULLS LAST, a.id LIMIT ${p.add(clampInt(f.limit, 50, 1, 1e6))} OFFSET ${p.add(clampInt(f.offset, 0, 0, 1e9))}`,
      p.values,
    );
    return rows.map((r) => ({ id: r.id, title: r.title, lead: leadOf(r.head), published: r.published, lang: r.lang, outlet: r.outlet, url: r.url, path: r.path }));
  }

  async articleDates(ids: string[]): Promise<Map<string, string | null>> {
    const rows = await this.q('SELECT id, published FROM articles WHERE id = ANY($1::text[])', [ids]);
    return new Map(rows.map((r) => [r.id as string, (r.published as string | null) ?? null]));
  }

  async search(q: SearchQuery): Promise<SearchResult> {
    const terms = expandQuery(q.text, this.lemmatizer, q.lang);
    const result = searchResultOf(q, terms);
    if (!terms.length) return result;
    const p = new Params();
    const tsq = p.add(tsqueryOf(terms));
    const where: string[] = [];
    this.articleFilters(where, p, q, 'a');
    if (q.entity) where.push(`EXISTS (SELECT 1 FROM article_entities ae WHERE ae.article = a.rowid AND ae.entity = ${p.add(q.entity)})`);
    // the matches come from the GIN index (parley_search_match, schema step 4), not a scan detoasting
    // every tsvector; the articles table is read for them only when a filter needs it
    const matches = where.length
      ? `SELECT a.rowid AS rid FROM articles a WHERE a.rowid IN (SELECT parley_search_match(${tsq}::tsquery)) AND ${where.join(' AND ')}`
      : `SELECT parley_search_match(${tsq}::tsquery) AS rid`;
    const limitN = clampInt(q.limit, 20, 1, 10000);
    const offsetN = clampInt(q.offset, 0, 0, 1e9);
    const limit = p.add(limitN);
    const offset = p.add(offsetN);
    // ranking reads each candidate's tsvector (TOASTed, a few kB): with more matches than
    // RANK_CANDIDATES only the latest stored matches and the latest with a query word in the title
    // are ranked (the total still counts every match); up to that many, every match is ranked
    const cap = p.add(Math.max(RANK_CANDIDATES, offsetN + limitN));
    const ttq = p.add(titleTsqueryOf(terms));
    const rows = await this.q(
      `WITH m AS MATERIALIZED (${matches}),
       n AS (SELECT count(*)::int AS total FROM m),
       c AS ((SELECT rid FROM m ORDER BY rid DESC LIMIT ${cap})
             UNION (SELECT rid FROM m WHERE rid IN (SELECT parley_search_match(${ttq}::tsquery)) ORDER BY rid DESC LIMIT ${cap})),
       top AS (
         SELECT c.rid, -ts_rank('${RANK_WEIGHTS}', s.tsv, ${tsq}::tsquery, 1) AS score, a.published AS pub
         FROM c JOIN search_match s ON s.article = c.rid JOIN articles a ON a.rowid = c.rid
         ORDER BY score, pub DESC NULLS LAST LIMIT ${limit} OFFSET ${offset})
       SELECT top.rid, top.score, n.total, a.id, a.title, a.published, a.lang, a.outlet, a.path, a.url, a.text,
              s.offsets, s.terms, s.alts
       FROM n LEFT JOIN (top JOIN articles a ON a.rowid = top.rid JOIN search_terms s ON s.article = top.rid) ON true
       ORDER BY top.score, top.pub DESC NULLS LAST`,
      p.values,
    );
    // one row always comes back, with the total (a page past the last hit has no hit in it)
    result.total = rows.length ? rows[0].total : 0;
    const mark = q.mark ?? ['«', '»'];
    for (const r of rows) if (r.rid !== null) result.hits.push(searchHit(r as SearchRow, terms, mark, q.snippetChars ?? 220));
    return result;
  }

  /** Adds lang / outlet / date filters on the articles table aliased `t` (as SqliteStore does). */
  private articleFilters(where: string[], p: Params, f: DateRange & { lang?: string; outlet?: string }, t: string, dateExpr?: string): void {
    const d = dateExpr ?? `${t}.published`;
    if (f.lang) where.push(`${t}.lang = ${p.add(f.lang)}`);
    if (f.outlet) where.push(`strpos(${t}.outlet_fold, ${p.add(fold(f.outlet))}) > 0`);
    if (f.from) {
      checkDate(f.from);
      where.push(`${d} >= ${p.add(f.from)}`);
    }
    if (f.to) {
      checkDate(f.to);
      where.push(`substr(${d}, 1, ${f.to.length}) <= ${p.add(f.to)}`);
    }
  }

  /**
   * The current snapshot (xmin:xmax:in-progress xids): it changes when a transaction that writes
   * starts or ends anywhere on the server, and two equal snapshots see the same committed data.
   */
  async dataVersion(): Promise<string> {
    await this.ready;
    return (await this.q('SELECT pg_current_snapshot()::text AS v'))[0].v as string;
  }

  async stats(): Promise<Stats> {
    await this.ready;
    const one = async (sql: string) => (await this.q(sql))[0].n as number;
    const [articles, byLang, byOutlet, byMonth, entities, mentions, quotes, events, times, attributions] = await Promise.all([
      one('SELECT count(*)::int AS n FROM articles'),
      this.q('SELECT lang, count(*)::int AS n FROM articles GROUP BY lang ORDER BY n DESC, lang'),
      this.q('SELECT outlet, count(*)::int AS n FROM articles GROUP BY outlet ORDER BY n DESC, outlet NULLS FIRST'),
      this.q('SELECT substr(published, 1, 7) AS month, count(*)::int AS n FROM articles GROUP BY month ORDER BY month NULLS FIRST'),
      one('SELECT count(*)::int AS n FROM entity_totals'),
      one('SELECT coalesce(sum(mentions), 0)::int AS n FROM entity_totals'),
      one('SELECT count(*)::int AS n FROM quotes'),
      one('SELECT count(*)::int AS n FROM events'),
      one('SELECT count(*)::int AS n FROM times'),
      one('SELECT count(*)::int AS n FROM attributions'),
    ]);
    return {
      articles,
      byLang: byLang as Stats['byLang'],
      byOutlet: byOutlet as Stats['byOutlet'],
      byMonth: byMonth as Stats['byMonth'],
      entities,
      mentions,
      quotes,
      events,
      times,
      attributions,
    };
  }

  async entities(f: EntityFilter = {}): Promise<EntitySummary[]> {
    const p = new Params();
    const where: string[] = [];
    const page = () => `LIMIT ${p.add(clampInt(f.limit, 100, 1, 1e6))} OFFSET ${p.add(clampInt(f.offset, 0, 0, 1e9))}`;
    let rows: Row[];
    if (!f.name) {
      // the totals kept per entity (and per entity and type): an index read, whatever the store's size
      if (f.type) where.push(`type = ${p.add(f.type.toUpperCase())}`);
      if (f.id) where.push(`entity = ${p.add(f.id)}`);
      rows = await this.q(
        `SELECT entity AS id, articles, mentions FROM ${f.type ? 'entity_type_totals' : 'entity_totals'}
         ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
         ORDER BY articles DESC, mentions DESC, entity ${page()}`,
        p.values,
      );
    } else {
      if (f.type) where.push(`ae.type = ${p.add(f.type.toUpperCase())}`);
      if (f.id) where.push(`ae.entity = ${p.add(f.id)}`);
      const n = p.add(fold(f.name));
      where.push(`ae.entity IN (SELECT entity FROM article_entities WHERE strpos(name_fold, ${n}) > 0 OR strpos(coalesce(names_fold, ''), ${n}) > 0)`);
      rows = await this.q(
        `SELECT ae.entity AS id, count(*)::int AS articles, sum(ae.mentions)::int AS mentions
         FROM article_entities ae WHERE ${where.join(' AND ')}
         GROUP BY ae.entity ORDER BY articles DESC, mentions DESC, ae.entity ${page()}`,
        p.values,
      );
    }
    if (!rows.length) return [];
    // the details of every listed entity: from its ENTITY_DETAIL_ROWS articles stored last, newest
    // first (as SqliteStore), remembered while its rows are the same (postgres-entity-detail.ts)
    const details = await this.entityDetails.of(this.pool, rows.map((r) => r.id as string));
    return rows.map((r) => {
      const d = details.get(r.id)!;
      return { id: r.id, type: d.type, name: d.name ?? r.id, names: d.names, articles: r.articles, mentions: r.mentions, roles: d.roles };
    });
  }

  async quotes(f: QuoteFilter = {}): Promise<QuoteRecord[]> {
    const where: string[] = [];
    const p = new Params();
    if (f.speaker) where.push(`q.speaker = ${p.add(f.speaker)}`);
    if (f.kind) where.push(`q.kind = ${p.add(f.kind)}`);
    this.articleFilters(where, p, f, 'a');
    return (await this.q(
      `SELECT a.id AS article, a.title, a.outlet, a.published, a.lang, q.start, q."end", q.text, q.kind, q.speaker,
              (SELECT name FROM article_entities ae WHERE ae.article = q.article AND ae.entity = q.speaker) AS "speakerName",
              q.cue_text AS cue, q.via
       FROM quotes q JOIN articles a ON a.rowid = q.article
       ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY a.published DESC NULLS LAST, a.id, q.idx
       LIMIT ${p.add(clampInt(f.limit, 1000, 1, 1e7))} OFFSET ${p.add(clampInt(f.offset, 0, 0, 1e9))}`,
      p.values,
    )) as QuoteRecord[];
  }

  async events(f: EventFilter = {}): Promise<EventRecord[]> {
    const where: string[] = [];
    const p = new Params();
    if (f.type) where.push(`e.type = ${p.add(f.type.toUpperCase())}`);
    if (f.status) where.push(`e.status = ${p.add(f.status)}`);
    if (f.mode) where.push(`e.mode = ${p.add(f.mode)}`);
    if (f.actor) where.push(`EXISTS (SELECT 1 FROM event_actors x WHERE x.article = e.article AND x.idx = e.idx AND x.actor = ${p.add(f.actor)})`);
    this.articleFilters(where, p, f, 'a', 'coalesce(e.when_value, a.published)');
    const rows = await this.q(
      `SELECT e.article AS rid, e.idx, e.start, e."end", e.type, e.mode, e.level, e.status, e.when_value, e.when_text, e.when_mod,
              e.place, e.reported_by, e.stances, e.trigger_text, e.trigger_lemma,
              a.id AS article_id, a.title, a.outlet, a.published, a.url, a.lang, a.text AS atext,
              (SELECT coalesce(json_agg(json_build_object('id', x.actor, 'name',
                   (SELECT name FROM article_entities ae WHERE ae.article = x.article AND ae.entity = x.actor)) ORDER BY x.ord), '[]'::json)
               FROM event_actors x WHERE x.article = e.article AND x.idx = e.idx) AS actors
       FROM events e JOIN articles a ON a.rowid = e.article
       ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY coalesce(e.when_value, a.published) DESC NULLS LAST, a.id, e.idx
       LIMIT ${p.add(clampInt(f.limit, 1000, 1, 1e7))} OFFSET ${p.add(clampInt(f.offset, 0, 0, 1e9))}`,
      p.values,
    );
    return rows.map((r) => ({
      article: r.article_id,
      title: r.title,
      outlet: r.outlet,
      published: r.published,
      url: r.url,
      lang: r.lang,
      index: r.idx,
      start: r.start,
      end: r.end,
      text: String(r.atext).slice(r.start, r.end),
      type: r.type,
      mode: r.mode,
      level: r.level,
      status: r.status,
      actors: r.actors,
      when: r.when_value ? clean({ value: r.when_value, text: r.when_text ?? undefined, mod: r.when_mod ?? undefined }) : null,
      place: r.place,
      reportedBy: JSON.parse(r.reported_by),
      stances: JSON.parse(r.stances),
      trigger: r.trigger_text ? { text: r.trigger_text, lemma: r.trigger_lemma ?? r.trigger_text } : null,
    }));
  }

  async close(): Promise<void> {
    await this.ready.catch(() => {});
    await this.pool.end();
  }
}

async function schemaVersion(c: pg.PoolClient): Promise<number> {
  const t = await c.query(`SELECT to_regclass('parley_schema') AS t`);
  if (!t.rows[0].t) return 0;
  const r = await c.query('SELECT max(version) AS v FROM parley_schema');
  return Number(r.rows[0].v ?? 0);
}

/** A connection URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@/]*@/, '$1***@');
}

/**
 * Every row of one article, as parameter lists: the article row, one multi-row INSERT per layer
 * table (columns as arrays, unnested by PostgreSQL), the search row. Throws the same errors as
 * SqliteStore for a malformed article, before anything is written.
 */
function articleRows(a: ArticleJson, tokens: TokenLike[] | null, lemmatizer?: Lemmatizer) {
  const src = (a.source ?? {}) as { path?: string; url?: string; outlet?: string | null };
  const article = [
    pgText(a.id),
    pgText(str(src.path)),
    pgText(str(src.url)),
    pgText(str(src.outlet)),
    src.outlet ? pgText(fold(String(src.outlet))) : null,
    typeof a.published === 'string' ? pgText(a.published) : null,
    pgText(str(a.lang) ?? 'und'),
    pgText(str(a.title)),
    pgText(a.text),
    // the text is kept once, in its column: the JSON holds null in its place, unless the text has
    // NUL characters (the column cannot hold them: it gets U+FFFD; the JSON escapes them)
    JSON.stringify({ ...a, text: a.text.includes('\0') ? a.text : null }),
    textHash(a.text),
  ];
  // entities: one row per id (a repeated id adds its mentions to the first, as SQLite's upsert does)
  const ent = new Map<string, { type: string; name: string; names: string | null; roles: string | null; mentions: number }>();
  const M: unknown[][] = [[], [], [], [], []];
  for (const e of arr(a.entities)) {
    const ms = arr(e.mentions);
    const id = req(e.id, 'entity id');
    const type = req(e.type, 'entity type');
    const had = ent.get(id);
    if (had) had.mentions += ms.length;
    else ent.set(id, { type, name: str(e.name) ?? String(e.id), names: e.names ? JSON.stringify(e.names) : null, roles: arr(e.roles).length ? JSON.stringify(e.roles) : null, mentions: ms.length });
    for (const m of ms) {
      M[0].push(pgText(id));
      M[1].push(int(m.start));
      M[2].push(int(m.end));
      M[3].push(pgText(String(m.text ?? '')));
      M[4].push(pgText(str(m.lemma)));
    }
  }
  const E: unknown[][] = [[], [], [], [], [], [], [], []];
  for (const [id, e] of ent) {
    E[0].push(pgText(id));
    E[1].push(pgText(e.type));
    E[2].push(pgText(e.name));
    E[3].push(pgText(e.names));
    E[4].push(pgText(e.roles));
    E[5].push(e.mentions);
    E[6].push(pgText(fold(e.name)));
    E[7].push(e.names ? pgText(fold(e.names)) : null);
  }
  const Q: unknown[][] = Array.from({ length: 9 }, () => []);
  arr(a.quotes).forEach((q, i) => {
    const row = [i, int(q.start), int(q.end), String(q.text ?? ''), req(q.kind, 'quote kind'), str(q.speaker), str(q.cue?.text), str(q.cue?.lemma), str(q.via)];
    row.forEach((v, k) => Q[k].push(typeof v === 'string' ? pgText(v) : v));
  });
  const V: unknown[][] = Array.from({ length: 15 }, () => []);
  const X: unknown[][] = [[], [], []];
  arr(a.events).forEach((e, i) => {
    const row = [i, int(e.start), int(e.end), req(e.type, 'event type'), str(e.mode), str(e.level), req(e.status, 'event status'),
      str(e.when?.value), str(e.when?.text), str(e.when?.mod), str(e.place), JSON.stringify(arr(e.reportedBy)), JSON.stringify(arr(e.stances)),
      str(e.trigger?.text), str(e.trigger?.lemma)];
    row.forEach((v, k) => V[k].push(typeof v === 'string' ? pgText(v) : v));
    const seen = new Set<number>();
    arr(e.actors).forEach((actor, k) => {
      if (seen.has(k)) return;
      seen.add(k);
      X[0].push(i);
      X[1].push(k);
      X[2].push(pgText(String(actor)));
    });
  });
  const T: unknown[][] = Array.from({ length: 6 }, () => []);
  for (const t of arr(a.times)) {
    const row = [int(t.start), int(t.end), String(t.text ?? ''), req(t.value, 'time value'), str(t.mod), str(t.anchor)];
    row.forEach((v, k) => T[k].push(typeof v === 'string' ? pgText(v) : v));
  }
  const A: unknown[][] = Array.from({ length: 5 }, () => []);
  for (const t of arr(a.attributions)) {
    const row = [int(t.start), int(t.end), req(t.source, 'attribution source'), str(t.cue?.text), str(t.cue?.lemma)];
    row.forEach((v, k) => A[k].push(typeof v === 'string' ? pgText(v) : v));
  }
  // [INSERT head, the element types of its unnest() columns, the columns, what follows]: the article's
  // rowid comes first in every row (insertRows below)
  const tables: [string, string[], unknown[][], string][] = [
    ['INSERT INTO article_entities (article, entity, type, name, names, roles, mentions, name_fold, names_fold)', ['text', 'text', 'text', 'text', 'text', 'int', 'text', 'text'], E, ''],
    ['INSERT INTO mentions (article, entity, start, "end", text, lemma)', ['text', 'int', 'int', 'text', 'text'], M, ''],
    ['INSERT INTO quotes (article, idx, start, "end", text, kind, speaker, cue_text, cue_lemma, via)', ['int', 'int', 'int', 'text', 'text', 'text', 'text', 'text', 'text'], Q, ''],
    [
      'INSERT INTO events (article, idx, start, "end", type, mode, level, status, when_value, when_text, when_mod, place, reported_by, stances, trigger_text, trigger_lemma)',
      ['int', 'int', 'int', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text'],
      V,
      '',
    ],
    ['INSERT INTO event_actors (article, idx, ord, actor)', ['int', 'int', 'text'], X, 'ON CONFLICT DO NOTHING'],
    ['INSERT INTO times (article, start, "end", text, value, mod, anchor)', ['int', 'int', 'text', 'text', 'text', 'text'], T, ''],
    ['INSERT INTO attributions (article, start, "end", source, cue_text, cue_lemma)', ['int', 'int', 'text', 'text', 'text'], A, ''],
  ];
  const terms = indexTerms(a.text, str(a.title), str(a.lang), tokens, lemmatizer);
  const enc = encodeTerms(a.text, terms.lemmas, terms.forms, terms.offsets);
  const search = [tsvectorOf(terms), enc.offsets, enc.terms, terms.alts.length ? JSON.stringify(terms.alts) : null];
  return { article, tables, search };
}

/**
 * One statement that inserts the article and all its rows (one round trip instead of one per table:
 * under a loaded CPU every round trip costs two scheduler wake-ups): the article's insert is a
 * data-modifying CTE whose RETURNING rowid every other insert reads, so an article already stored
 * (ON CONFLICT DO NOTHING returns no row) inserts nothing else, and the statement returns no row.
 * The entity inserts come last: their statement trigger updates the shared per-entity totals.
 */
function insertRows(rows: ReturnType<typeof articleRows>): { sql: string; values: unknown[] } {
  const values: unknown[] = [...rows.article];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const ctes = [
    `a AS (INSERT INTO articles (id, path, url, outlet, outlet_fold, published, lang, title, text, json, content_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING RETURNING rowid)`,
  ];
  const [entities, ...others] = rows.tables;
  for (const [head, types, cols, tail] of [...others, entities]) {
    if (!cols[0].length) continue;
    const un = types.map((t, k) => `${param(cols[k])}::${t}[]`).join(', ');
    ctes.push(`t${ctes.length} AS (${head} SELECT a.rowid, u.* FROM a, unnest(${un}) u ${tail})`);
  }
  const [tsv, offsets, terms, alts] = rows.search;
  ctes.push(
    `s AS (INSERT INTO search_terms (article, offsets, terms, alts) SELECT a.rowid, ${param(offsets)}, ${param(terms)}, ${param(alts)} FROM a)`,
    `sm AS (INSERT INTO search_match (article, tsv) SELECT a.rowid, ${param(tsv)}::tsvector FROM a)`,
  );
  return { sql: `WITH ${ctes.join(',\n')}\nSELECT rowid FROM a`, values };
}

function isDoc(a: Doc | ArticleJson): a is Doc {
  return typeof (a as Doc).layers === 'object' && (a as Doc).layers !== null && !('schema' in a);
}
function arr(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}
function str(v: unknown): string | null {
  return v === undefined || v === null ? null : String(v);
}
function req(v: unknown, what: string): string {
  if (v === undefined || v === null || v === '') throw new Error(`missing ${what}`);
  return String(v);
}
function int(v: unknown): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`bad offset ${String(v)}`);
  if (n > 2147483647) throw new Error(`bad offset ${String(v)}`);
  return n;
}
function clampInt(v: unknown, dflt: number, lo: number, hi: number): number {
  const n = Number(v);
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, Math.floor(n))) : dflt;
}
function checkDate(s: string): void {
  if (!DATE_RE.test(s)) throw new RangeError(`not a date: '${s}' (use YYYY, YYYY-MM or YYYY-MM-DD)`);
}
function clean<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
