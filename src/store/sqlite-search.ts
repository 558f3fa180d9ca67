/**
 * Search over a SQLite store (the FTS5 index of the src/store/index-terms.ts terms), apart from the
 * rest of the store: `SqliteStore.search` runs `searchSqlite`, and `SqliteSearchStore` opens a
 * database for search alone (`parley search`), so a command that only searches loads neither the
 * corpus code (sqlite-corpus.ts, sqlite-stories.ts and src/corpus/) nor the migrations.
 */
import Database from 'better-sqlite3';
import { fold } from '../doc/normalize.js';
import { searchHit, searchResultOf, type SearchRow } from './snippet.js';
import { textOf } from './sqlite-terms.js';
import { expandQuery, ftsExpression } from './terms.js';
import type { DateRange, Lemmatizer, SearchHit, SearchQuery, SearchResult } from './types.js';

type Row = Record<string, any>;

const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/**
 * The schema step (1-based) from which a database holds the search data as this module reads it
 * (an article's offsets and packed terms in its own row: step 11). A database at this step or
 * later is searched as it is; an older one is opened by the full store, which applies the missing
 * steps. A later step that changes what is read here must raise this number.
 */
export const SEARCH_SCHEMA_STEP = 11;

/** The SQL functions the store's statements use. */
export function registerFunctions(db: Database.Database): void {
  // article text, deflated (schema step 5 on) or plain (older rows)
  db.function('ptext', { deterministic: true }, (v: unknown) => textOf(v));
  // Unicode case folding (SQLite's lower() folds ASCII only)
  db.function('pfold', { deterministic: true }, (v: unknown) => (v === null || v === undefined ? null : fold(String(v))));
}

export function searchSqlite(db: Database.Database, lemmatizer: Lemmatizer | undefined, q: SearchQuery): SearchResult {
  const terms = expandQuery(q.text, lemmatizer, q.lang);
  const result = searchResultOf(q, terms);
  if (!terms.length) return result;
  const where: string[] = ['article_fts MATCH @match'];
  const params: Row = { match: ftsExpression(terms) };
  articleFilters(where, params, q, 'a');
  if (q.entity) {
    where.push('EXISTS (SELECT 1 FROM article_entities ae WHERE ae.article = a.rowid AND ae.entity = @entity)');
    params.entity = q.entity;
  }
  const limit = clampInt(q.limit, 20, 1, 10000);
  const offset = clampInt(q.offset, 0, 0, 1e9);
  // One statement: the matches with their scores are computed once (a materialised CTE), and the
  // total is their count. Without filters they are ranked on the index alone and only the matches
  // scoring at least as well as the page's last hit are joined to their articles (for the date that
  // breaks ties): the same page as joining every match, without reading thousands of article rows.
  // With filters every match is joined to its article (CROSS JOIN: the index's matches drive; with
  // a covering index on the filters the planner would otherwise walk the articles and run the
  // MATCH once per article).
  const score = 'bm25(article_fts, 5.0, 1.0, 0.5, 0.5)';
  const ranked =
    where.length === 1
      ? `f AS MATERIALIZED (SELECT rowid AS rid, ${score} AS score FROM article_fts WHERE article_fts MATCH @match),
         cut AS (SELECT score FROM f ORDER BY score LIMIT 1 OFFSET @last),
         top AS (SELECT f.rid, f.score, a.published AS pub FROM f CROSS JOIN articles a ON a.rowid = f.rid
                 WHERE f.score <= coalesce((SELECT score FROM cut), 1e308) ORDER BY f.score, pub DESC LIMIT @limit OFFSET @offset)`
      : `f AS MATERIALIZED (SELECT a.rowid AS rid, ${score} AS score, a.published AS pub
                            FROM article_fts CROSS JOIN articles a ON a.rowid = article_fts.rowid WHERE ${where.join(' AND ')}),
         top AS (SELECT rid, score, pub FROM f ORDER BY score, pub DESC LIMIT @limit OFFSET @offset)`;
  // then text and offsets for the page of hits only
  const rows = db
    .prepare(
      `WITH ${ranked}
       SELECT top.rid, top.score, (SELECT count(*) FROM f) AS total, a.id, a.title, a.published, a.lang, a.outlet, a.path, a.url, ptext(a.text) AS text,
              a.s_offsets AS offsets, a.s_terms AS terms, a.s_alts AS alts
       FROM top JOIN articles a ON a.rowid = top.rid
       ORDER BY top.score, top.pub DESC`,
    )
    .all({ ...params, limit, offset, last: offset + limit - 1 }) as Row[];
  result.total = rows.length
    ? (rows[0].total as number)
    : offset > 0
      ? ((db.prepare(`SELECT count(*) AS n FROM article_fts CROSS JOIN articles a ON a.rowid = article_fts.rowid WHERE ${where.join(' AND ')}`).get(params) as Row).n as number)
      : 0;
  const mark = q.mark ?? ['«', '»'];
  for (const r of rows) result.hits.push(searchHit(r as SearchRow, terms, mark, q.snippetChars ?? 220));
  return result;
}

/** Adds lang / outlet / date filters on the articles table aliased `t`. */
export function articleFilters(where: string[], params: Row, f: DateRange & { lang?: string; outlet?: string }, t: string, dateExpr?: string): void {
  const d = dateExpr ?? `${t}.published`;
  if (f.lang) {
    where.push(`${t}.lang = @lang`);
    params.lang = f.lang;
  }
  if (f.outlet) {
    where.push(`instr(${t}.outlet_fold, @outlet) > 0`);
    params.outlet = fold(f.outlet);
  }
  if (f.from) {
    checkDate(f.from);
    where.push(`${d} >= @from`);
    params.from = f.from;
  }
  if (f.to) {
    checkDate(f.to);
    // `d` up to the end of the `to` period: the same as substr(d, 1, len(to)) <= to for dates, but a
    // bound an index on the date can seek to (a month's page no longer walks every newer article)
    where.push(`${d} <= @toEnd`);
    params.toEnd = f.to + '\u{10FFFF}';
  }
}

export function clampInt(v: unknown, dflt: number, lo: number, hi: number): number {
  const n = Number(v);
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, Math.floor(n))) : dflt;
}

function checkDate(s: string): void {
  if (!DATE_RE.test(s)) throw new RangeError(`not a date: '${s}' (use YYYY, YYYY-MM or YYYY-MM-DD)`);
}

/**
 * A SQLite database opened for search alone (`parley search`): the results of `SqliteStore.search`,
 * from the same code. `open` gives null for a database whose schema is older than
 * SEARCH_SCHEMA_STEP (the caller opens the full store instead, which migrates it).
 */
export class SqliteSearchStore {
  private constructor(
    readonly db: Database.Database,
    public lemmatizer?: Lemmatizer,
  ) {}

  static open(path: string, opts: { lemmatizer?: Lemmatizer } = {}): SqliteSearchStore | null {
    const db = new Database(path, { fileMustExist: true });
    try {
      // wait for another process's write instead of failing with `database is locked`
      db.pragma('busy_timeout = 10000');
      if ((db.pragma('user_version', { simple: true }) as number) < SEARCH_SCHEMA_STEP) {
        db.close();
        return null;
      }
      // reads through a memory map, as SqliteStore's (src/store/sqlite.ts: MMAP_BYTES)
      db.pragma(`mmap_size = ${1024 * 1024 * 1024}`);
      registerFunctions(db);
      return new SqliteSearchStore(db, opts.lemmatizer);
    } catch (e) {
      db.close();
      throw e;
    }
  }

  async search(q: SearchQuery): Promise<SearchResult> {
    return searchSqlite(this.db, this.lemmatizer, q);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
