/**
 * The default store: one SQLite file (better-sqlite3, WAL, foreign keys on).
 * Every write is one transaction per article, idempotent by article id; SQL is always
 * parameterised.
 */
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { toArticleJson } from '../contract/article.js';
import type { Doc } from '../doc/model.js';
import { fold } from '../doc/normalize.js';
import { CORPUS_UPDATERS } from './corpus-updaters.js';
import { CORPUS_STEP, MIGRATION_CODE, MIGRATIONS } from './migrations.js';
import { SqliteCorpus } from './sqlite-corpus.js';
import { SqliteStories } from './sqlite-stories.js';
import { encodeTerms, packJson, packTerms, packText, textHash, textOf, unpackArticle } from './sqlite-terms.js';
import { indexTerms, type TokenLike } from './index-terms.js';
import { articleFilters, clampInt, registerFunctions, searchSqlite } from './sqlite-search.js';
import { leadOf } from './snippet.js';
import { entityDetails } from './sqlite-entity-detail.js';
import { entitiesNamed } from './sqlite-names.js';
import { entityStats, FOLD_EVERY, foldEntityTotals, rankedTotalsSql } from './sqlite-entity-totals.js';
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

export interface SqliteStoreOptions {
  /** expands query words to lemmas (the morphology); without it search matches surface forms */
  lemmatizer?: Lemmatizer;
  readonly?: boolean;
  /**
   * WAL size (bytes) past which the writer, after a commit, checkpoints the WAL and truncates it
   * (default 64 MiB; Infinity: only SQLite's own passive checkpoints)
   */
  walMaxBytes?: number;
  /** entity totals: fold the pending articles once this many are pending (default FOLD_EVERY; src/store/sqlite-entity-totals.ts) */
  foldEvery?: number;
}

/** Default `walMaxBytes`: also the size SQLite trims the WAL file to after a checkpoint (journal_size_limit). */
export const WAL_MAX_BYTES = 64 * 1024 * 1024;
/** How much of the database file SQLite reads through a memory map (address space, not memory). */
export const MMAP_BYTES = 1024 * 1024 * 1024;
/** SQLite's passive auto-checkpoint threshold (WAL pages) for a writing connection. */
const AUTOCHECKPOINT_PAGES = 8192;
/** How long a writer's checkpoint waits for readers still on the WAL before trying again at a later commit. */
const CHECKPOINT_WAIT_MS = 2000;

export class SqliteStore implements Store {
  readonly db: Database.Database;
  lemmatizer?: Lemmatizer;
  /** claims, actors (src/store/sqlite-corpus.ts) */
  readonly corpus: SqliteCorpus;
  /** stories and near-duplicate links (src/store/sqlite-stories.ts) */
  readonly stories: SqliteStories;
  private readonly insert: Inserts;
  private readonly putTx: Database.Transaction<(a: ArticleJson, tokens: TokenLike[] | null) => PutResult>;
  private readonly walMaxBytes: number;
  private readonly foldEvery: number;
  /** after a checkpoint that readers kept from finishing: not before this time (Date.now()) */
  private checkpointAfter = 0;
  /** maybeCheckpoint: commits since the WAL's size was looked at, and how many to wait for */
  private walCommits = 0;
  private walCheckEvery = 1;
  /** the WAL size seen last, and the largest growth per commit between two looks */
  private walSeen = 0;
  private walGrowth = 0;

  constructor(readonly path: string, opts: SqliteStoreOptions = {}) {
    if (path !== ':memory:' && !existsSync(dirname(path))) throw new Error(`directory ${dirname(path)} does not exist`);
    this.db = new Database(path, { readonly: !!opts.readonly, fileMustExist: !!opts.readonly });
    this.lemmatizer = opts.lemmatizer;
    // wait for another process's write instead of failing with `database is locked`
    this.db.pragma('busy_timeout = 10000');
    if (!opts.readonly) retryBusy(() => this.db.pragma('journal_mode = WAL'));
    this.db.pragma('foreign_keys = ON');
    // reads map the database file instead of copying each page through a read() call into SQLite's
    // 2 MB page cache: a list that visits a few thousand scattered rows (an actors page: each actor's
    // latest 200 entity rows) at 50,000 articles spent most of its time in those calls
    this.db.pragma(`mmap_size = ${MMAP_BYTES}`);
    // in WAL mode NORMAL is durable against a killed process (only a power loss can drop the last commits)
    this.db.pragma('synchronous = NORMAL');
    // Readers that overlap without a gap (the API while an ingest writes) starve SQLite's passive
    // checkpoints: the WAL is never reset and grows without bound (1.2 GB in 15 min; reads through
    // it slow down 1000x). The writer checkpoints (TRUNCATE) when it passes walMaxBytes (maybeCheckpoint),
    // and a reset WAL file is trimmed to the same size.
    this.walMaxBytes = opts.walMaxBytes ?? WAL_MAX_BYTES;
    this.foldEvery = Math.max(1, Math.floor(opts.foldEvery ?? FOLD_EVERY));
    if (!opts.readonly && Number.isFinite(this.walMaxBytes)) this.db.pragma(`journal_size_limit = ${Math.floor(this.walMaxBytes)}`);
    // SQLite's own (passive) checkpoint after 8192 WAL pages (32 MiB) instead of 1000: a page that
    // many commits rewrite (an index's leaf, the FTS structure, the entity totals) is copied into
    // the database once per checkpoint, not once per ~20 articles (sys time per article at 50,000
    // articles 1.1-1.3 -> 0.85-0.9 ms); the writer's TRUNCATE (walMaxBytes) still bounds the WAL.
    // Durability is unchanged: a commit is in the WAL before it returns, checkpointed or not.
    if (!opts.readonly) this.db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    // ptext (stored text), pfold (Unicode case folding)
    registerFunctions(this.db);
    if (!opts.readonly) this.migrate();
    else if ((this.db.pragma('user_version', { simple: true }) as number) < MIGRATIONS.length)
      throw new Error(`${path}: database schema is older than this version of parley; open it once for writing`);
    this.insert = prepareInserts(this.db);
    this.putTx = this.db.transaction((a: ArticleJson, tokens: TokenLike[] | null) => this.putOne(a, tokens));
    this.corpus = new SqliteCorpus(this.db, () => this.rebuildCorpus());
    this.stories = new SqliteStories(this.db);
  }

  /**
   * Recomputes every corpus table from the stored articles, in one transaction: each updater's
   * rows are deleted, then every article is replayed in the order it was stored (rowid), so the
   * result is what ingesting them gave.
   */
  rebuildCorpus(): { articles: number; claims: number; actors: number; ms: number } {
    const t0 = performance.now();
    let n = 0;
    retryBusy(() =>
      this.db.transaction(() => {
        n = this.replayCorpus();
      }).immediate(),
    );
    const one = (sql: string) => (this.db.prepare(sql).get() as Row).n as number;
    return {
      articles: n,
      claims: one('SELECT count(*) AS n FROM corpus_claims'),
      actors: one('SELECT count(DISTINCT actor) AS n FROM corpus_actor_entities'),
      ms: Math.round(performance.now() - t0),
    };
  }

  /** Inside a transaction: reset every corpus updater, replay them over all articles. */
  private replayCorpus(): number {
    for (const u of [...CORPUS_UPDATERS].reverse()) u.reset(this.db);
    let n = 0;
    // in pages by rowid (an open iterator would block this connection's writes; all at once is too big)
    const page = this.db.prepare('SELECT rowid, json, text FROM articles WHERE rowid > ? ORDER BY rowid LIMIT 256');
    let last = 0;
    for (;;) {
      const rows = page.all(last) as Row[];
      if (!rows.length) break;
      for (const r of rows) {
        const json = unpackArticle<ArticleJson>(r.json, textOf(r.text));
        for (const u of CORPUS_UPDATERS) u.update(this.db, { rowid: r.rowid, json });
        last = r.rowid;
        n++;
      }
    }
    return n;
  }

  /** Applies the missing numbered schema steps, each in its own transaction. */
  private migrate(): void {
    const version = () => this.db.pragma('user_version', { simple: true }) as number;
    const check = (have: number) => {
      if (have > MIGRATIONS.length)
        throw new Error(`${this.path}: database schema v${have} is newer than this version of parley (v${MIGRATIONS.length})`);
    };
    check(version());
    if (version() === MIGRATIONS.length) return;
    // under an exclusive lock, re-reading the version: two processes opening a new database at
    // once apply each step once (the second waits, then finds the schema done)
    retryBusy(() =>
      this.db.transaction(() => {
        const have = version();
        check(have);
        for (let v = have; v < MIGRATIONS.length; v++) {
          this.db.exec(MIGRATIONS[v]);
          MIGRATION_CODE[v + 1]?.(this.db);
          this.db.pragma(`user_version = ${v + 1}`);
        }
        // a database from before the corpus tables: build its corpus from its articles
        if (have > 0 && have < CORPUS_STEP) this.replayCorpus();
      }).exclusive(),
    );
  }

  async putArticle(article: Doc | ArticleJson): Promise<PutResult> {
    return this.putSync(article);
  }

  /** The synchronous form of `putArticle` (SQLite only). */
  putSync(article: Doc | ArticleJson): PutResult {
    let json: ArticleJson;
    let tokens: TokenLike[] | null;
    if (isDoc(article)) {
      json = toArticleJson(article) as ArticleJson;
      tokens = article.layers.tokens ?? null;
    } else {
      const { tokens: t, ...rest } = article as ArticleJson & { tokens?: TokenLike[] };
      json = rest as ArticleJson;
      tokens = Array.isArray(t) ? t : null;
    }
    if (typeof json.id !== 'string' || !json.id) throw new Error('article has no id');
    if (typeof json.text !== 'string') throw new Error(`article ${json.id}: no text`);
    // BEGIN IMMEDIATE takes the write lock first (a deferred transaction that reads, then writes,
    // fails at once when another process wrote meanwhile); busy_timeout and retries wait for it
    const r = retryBusy(() => this.putTx.immediate(json, tokens));
    if (r.status !== 'duplicate') this.maybeCheckpoint();
    return r;
  }

  /**
   * After a commit: when the WAL file is larger than walMaxBytes, copy it into the database and
   * truncate it (TRUNCATE waits, up to CHECKPOINT_WAIT_MS, for the readers still on the old WAL;
   * readers that start meanwhile read the database file). Busy (a long reader, another writer):
   * nothing is lost, a commit 10 s later tries again. Durability is SQLite's: a checkpoint killed
   * midway is redone from the WAL on the next open.
   */
  private maybeCheckpoint(): void {
    if (!Number.isFinite(this.walMaxBytes) || this.path === ':memory:') return;
    // the size is looked at (a stat) only as often as the WAL can have reached the limit: after
    // half the commits that the largest growth per commit seen so far needs to reach it (every
    // commit near the limit), so a long ingest does not stat the file at every commit
    if (++this.walCommits < this.walCheckEvery) return;
    let size: number;
    try {
      size = statSync(`${this.path}-wal`).size;
    } catch {
      return;
    }
    if (size > this.walSeen) this.walGrowth = Math.max(this.walGrowth, (size - this.walSeen) / this.walCommits);
    this.walSeen = size;
    this.walCommits = 0;
    this.walCheckEvery = this.walGrowth > 0 ? Math.max(1, Math.min(64, Math.floor((this.walMaxBytes - size) / this.walGrowth / 2))) : 1;
    if (size <= this.walMaxBytes || Date.now() < this.checkpointAfter) return;
    this.walCheckEvery = 1;
    this.db.pragma(`busy_timeout = ${CHECKPOINT_WAIT_MS}`);
    let busy = false;
    try {
      busy = ((this.db.pragma('wal_checkpoint(TRUNCATE)') as Row[])[0]?.busy ?? 0) !== 0;
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_BUSY' && (e as { code?: string }).code !== 'SQLITE_LOCKED') throw e;
      busy = true;
    } finally {
      // a reader longer than the wait: do not make every commit wait for it
      if (busy) this.checkpointAfter = Date.now() + 5 * CHECKPOINT_WAIT_MS;
      else this.walSeen = 0;
      this.db.pragma('busy_timeout = 10000');
    }
  }

  /** Whether an article with this id, or with this exact text (content hash), is stored. */
  async isStored(key: { id?: string | null; contentHash?: string | null }): Promise<boolean> {
    if (key.id && this.insert.exists.get(key.id)) return true;
    return !!(key.contentHash && this.insert.hashExists.get(key.contentHash));
  }

  private putOne(a: ArticleJson, tokens: TokenLike[] | null): PutResult {
    const I = this.insert;
    if (I.exists.get(a.id)) return { id: a.id, status: 'duplicate' };
    const src = (a.source ?? {}) as { path?: string; url?: string; outlet?: string | null };
    const published = typeof a.published === 'string' ? a.published : null;
    // search index: one term per word token, lemma and folded surface aligned with the offsets
    // (src/store/index-terms.ts: the PostgreSQL store indexes the same terms); the offsets and
    // terms that snippets need are kept in the article's row (schema step 11)
    const { title: titleTerms, lemmas, forms, offsets: offs, alts, altTerms } = indexTerms(a.text, str(a.title), str(a.lang), tokens, this.lemmatizer);
    const enc = encodeTerms(a.text, lemmas, forms, offs);
    const info = I.article.run({
      id: a.id,
      path: str(src.path),
      url: str(src.url),
      outlet: str(src.outlet),
      outlet_fold: src.outlet ? fold(String(src.outlet)) : null,
      published,
      lang: str(a.lang) ?? 'und',
      title: str(a.title),
      text: packText(a.text),
      // the text is kept once, in its column: the JSON (deflated) holds null in its place
      json: packJson(a),
      content_hash: textHash(a.text),
      ingested_at: new Date().toISOString(),
      s_offsets: enc.offsets,
      s_terms: packTerms(enc.terms, alts.length ? JSON.stringify(alts) : null),
    });
    const rid = Number(info.lastInsertRowid);

    for (const e of arr(a.entities)) {
      const ms = arr(e.mentions);
      I.entity.run(rid, req(e.id, 'entity id'), req(e.type, 'entity type'), str(e.name) ?? String(e.id),
        e.names ? JSON.stringify(e.names) : null, arr(e.roles).length ? JSON.stringify(e.roles) : null, ms.length);
      for (const m of ms) {
        // offsets checked; the mentions themselves are kept in the JSON (nothing queries them by row)
        int(m.start);
        int(m.end);
      }
    }
    arr(a.quotes).forEach((q, i) => {
      I.quote.run(rid, i, int(q.start), int(q.end), String(q.text ?? ''), req(q.kind, 'quote kind'), str(q.speaker),
        str(q.cue?.text), str(q.cue?.lemma), str(q.via));
    });
    arr(a.events).forEach((e, i) => {
      I.event.run(rid, i, int(e.start), int(e.end), req(e.type, 'event type'), str(e.mode), str(e.level),
        req(e.status, 'event status'), str(e.when?.value), str(e.when?.text), str(e.when?.mod), str(e.place),
        JSON.stringify(arr(e.reportedBy)), JSON.stringify(arr(e.stances)), str(e.trigger?.text), str(e.trigger?.lemma));
      arr(e.actors).forEach((actor, k) => I.actor.run(rid, i, k, String(actor)));
    });
    // the entity totals: every FOLD_EVERY articles, the pending ones at once (src/store/sqlite-entity-totals.ts)
    foldEntityTotals(this.db, this.foldEvery);
    for (const t of arr(a.times)) I.time.run(rid, int(t.start), int(t.end), String(t.text ?? ''), req(t.value, 'time value'), str(t.mod), str(t.anchor));
    for (const t of arr(a.attributions)) I.attribution.run(rid, int(t.start), int(t.end), req(t.source, 'attribution source'), str(t.cue?.text), str(t.cue?.lemma));

    I.fts.run(rid, titleTerms.join(' '), lemmas.join(' '), forms.join(' '), altTerms.join(' '));
    // the corpus (near-duplicates, stories, claims, actors), in this article's transaction
    for (const u of CORPUS_UPDATERS) u.update(this.db, { rowid: rid, json: a });
    return { id: a.id, status: 'new' };
  }

  async getArticle(id: string): Promise<ArticleJson | null> {
    const r = this.db.prepare('SELECT json, text FROM articles WHERE id = ?').get(id) as Row | undefined;
    return r ? unpackArticle<ArticleJson>(r.json, textOf(r.text)) : null;
  }

  async listArticles(f: ArticleFilter = {}): Promise<ArticleSummary[]> {
    const where: string[] = [];
    const params: Row = {};
    this.articleFilters(where, params, f, 'a');
    if (f.entity) {
      where.push('EXISTS (SELECT 1 FROM article_entities ae WHERE ae.article = a.rowid AND ae.entity = @entity)');
      params.entity = f.entity;
    }
    if (f.ids) {
      where.push('a.id IN (SELECT value FROM json_each(@ids))');
      params.ids = JSON.stringify(f.ids);
    }
    // the page's rowids first, in the order of the published index (published, rowid), so only the
    // page's rows are decoded; newest first, then most recently stored
    const rows = this.db
      .prepare(
        `WITH page AS (
           SELECT a.rowid AS rid FROM articles a
           ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
           ORDER BY a.published DESC, a.rowid DESC LIMIT @limit OFFSET @offset)
         SELECT a.id, a.title, substr(ptext(a.text), 1, 400) AS head, a.published, a.lang, a.outlet, a.url, a.path
         FROM page JOIN articles a ON a.rowid = page.rid
         ORDER BY a.published DESC, a.rowid DESC`,
      )
      .all({ ...params, limit: clampInt(f.limit, 50, 1, 1e6), offset: clampInt(f.offset, 0, 0, 1e9) }) as Row[];
    return rows.map((r) => ({ id: r.id, title: r.title, lead: leadOf(r.head), published: r.published, lang: r.lang, outlet: r.outlet, url: r.url, path: r.path }));
  }

  private versionStmt?: Database.Statement;
  /**
   * `data_version` changes when another connection commits; `total_changes()` counts this
   * connection's own writes (triggers included): together they change with every write.
   */
  async dataVersion(): Promise<string> {
    this.versionStmt ??= this.db.prepare('SELECT (SELECT data_version FROM pragma_data_version) AS d, total_changes() AS t');
    const r = this.versionStmt.get() as Row;
    return `${r.d}:${r.t}`;
  }

  async articleDates(ids: string[]): Promise<Map<string, string | null>> {
    const rows = this.db.prepare('SELECT id, published FROM articles WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as Row[];
    return new Map(rows.map((r) => [r.id as string, (r.published as string | null) ?? null]));
  }

  async search(q: SearchQuery): Promise<SearchResult> {
    return searchSqlite(this.db, this.lemmatizer, q);
  }

  /** Adds lang / outlet / date filters on the articles table aliased `t` (src/store/sqlite-search.ts). */
  private articleFilters(where: string[], params: Row, f: DateRange & { lang?: string; outlet?: string }, t: string, dateExpr?: string): void {
    articleFilters(where, params, f, t, dateExpr);
  }

  async stats(): Promise<Stats> {
    const one = (sql: string) => (this.db.prepare(sql).get() as Row).n as number;
    return {
      articles: one('SELECT count(*) AS n FROM articles'),
      byLang: this.db.prepare('SELECT lang, count(*) AS n FROM articles GROUP BY lang ORDER BY n DESC, lang').all() as Stats['byLang'],
      byOutlet: this.db.prepare('SELECT outlet, count(*) AS n FROM articles GROUP BY outlet ORDER BY n DESC, outlet').all() as Stats['byOutlet'],
      byMonth: this.db
        .prepare('SELECT substr(published, 1, 7) AS month, count(*) AS n FROM articles GROUP BY month ORDER BY month')
        .all() as Stats['byMonth'],
      // the folded totals and the pending articles' rows (src/store/sqlite-entity-totals.ts)
      ...entityStats(this.db),
      quotes: one('SELECT count(*) AS n FROM quotes'),
      events: one('SELECT count(*) AS n FROM events'),
      times: one('SELECT count(*) AS n FROM times'),
      attributions: one('SELECT count(*) AS n FROM attributions'),
    };
  }

  async entities(f: EntityFilter = {}): Promise<EntitySummary[]> {
    const params: Row = { limit: clampInt(f.limit, 100, 1, 1e6), offset: clampInt(f.offset, 0, 0, 1e9) };
    // the totals kept per entity (and per entity and type): the folded totals' rank index read in
    // order, the articles not folded yet merged in (src/store/sqlite-entity-totals.ts), whatever the
    // store's size
    const filter: string[] = [];
    if (f.type) params.type = f.type.toUpperCase();
    if (f.id) {
      filter.push('entity = @id');
      params.id = f.id;
    }
    if (f.name) {
      // the ids whose names hold the query (src/store/sqlite-names.ts)
      filter.push('entity IN (SELECT value FROM json_each(@named))');
      params.named = JSON.stringify(entitiesNamed(this.db, fold(f.name)));
    }
    const rows = this.db.prepare(rankedTotalsSql(!!f.type, filter)).all(params) as Row[];
    // names, types and roles from the ENTITY_DETAIL_ROWS articles stored last that mention the entity
    // (bounded cost: the (entity, article) index walked backwards, as PostgreSQL does; ordering by the
    // row's rowid sorted every row of the entity first: 36 ms instead of 0.2 ms for the top entity at 33k)
    // (the articles' languages remembered by rowid: articles never change once stored, and a page's
    // entities share most of their latest articles; each entity's detail remembered while its newest
    // row is the same: src/store/sqlite-entity-detail.ts)
    const details = entityDetails(this.db, rows.map((r) => r.id as string), ENTITY_DETAIL_ROWS, (rowids) => this.langsOf(rowids));
    return rows.map((r, i) => {
      const d = details[i];
      return { id: r.id, type: d.type, name: d.name ?? r.id, names: d.names, articles: r.articles, mentions: r.mentions, roles: d.roles };
    });
  }

  private langStmt?: Database.Statement;
  private readonly langCache = new Map<number, string>();
  /** The languages of stored articles by rowid (remembered: an article never changes once stored). */
  private langsOf(rowids: number[]): Map<number, string> {
    const missing = [...new Set(rowids.filter((r) => !this.langCache.has(r)))];
    if (missing.length) {
      if (this.langCache.size > 200_000) this.langCache.clear();
      this.langStmt ??= this.db.prepare('SELECT rowid AS r, lang FROM articles WHERE rowid IN (SELECT value FROM json_each(?))');
      for (const m of this.langStmt.all(JSON.stringify(missing)) as Row[]) this.langCache.set(m.r, m.lang);
    }
    return this.langCache;
  }

  async quotes(f: QuoteFilter = {}): Promise<QuoteRecord[]> {
    // without a speaker, the articles are walked newest first on their (published DESC, id) index
    // and the page's quotes taken from them (CROSS JOIN fixes that order), not every quote sorted;
    // a speaker's quotes are few: found by the speaker index, then sorted
    const where: string[] = [];
    const params: Row = {};
    if (f.speaker) {
      where.push('q.speaker = @speaker');
      params.speaker = f.speaker;
    }
    if (f.kind) {
      where.push('q.kind = @kind');
      params.kind = f.kind;
    }
    this.articleFilters(where, params, f, 'a');
    const rows = this.db
      .prepare(
        `SELECT a.id AS article, a.title, a.outlet, a.published, a.lang, q.start, q."end", q.text, q.kind, q.speaker,
                (SELECT name FROM article_entities ae WHERE ae.article = q.article AND ae.entity = q.speaker) AS speakerName,
                q.cue_text AS cue, q.via
         FROM ${f.speaker ? 'quotes q JOIN articles a ON a.rowid = q.article' : 'articles a CROSS JOIN quotes q ON q.article = a.rowid'}
         ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
         ORDER BY a.published DESC, a.id, q.idx LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit: clampInt(f.limit, 1000, 1, 1e7), offset: clampInt(f.offset, 0, 0, 1e9) }) as QuoteRecord[];
    return rows;
  }

  async events(f: EventFilter = {}): Promise<EventRecord[]> {
    const where: string[] = [];
    const params: Row = {};
    if (f.type) {
      where.push('e.type = @type');
      params.type = f.type.toUpperCase();
    }
    if (f.status) {
      where.push('e.status = @status');
      params.status = f.status;
    }
    if (f.mode) {
      where.push('e.mode = @mode');
      params.mode = f.mode;
    }
    if (f.actor) {
      where.push('EXISTS (SELECT 1 FROM event_actors x WHERE x.article = e.article AND x.idx = e.idx AND x.actor = @actor)');
      params.actor = f.actor;
    }
    this.articleFilters(where, params, f, 'a', 'coalesce(e.when_value, a.published)');
    const rows = this.db
      .prepare(
        `SELECT e.*, a.id AS article_id, a.title, a.outlet, a.published, a.url, a.lang
         FROM events e JOIN articles a ON a.rowid = e.article
         ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
         ORDER BY coalesce(e.when_value, a.published) DESC, a.id, e.idx LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit: clampInt(f.limit, 1000, 1, 1e7), offset: clampInt(f.offset, 0, 0, 1e9) }) as Row[];
    const actors = this.db.prepare(
      `SELECT x.actor AS id, (SELECT name FROM article_entities ae WHERE ae.article = x.article AND ae.entity = x.actor) AS name
       FROM event_actors x WHERE x.article = ? AND x.idx = ? ORDER BY x.ord`,
    );
    // each article's text decoded once, however many of its events are listed
    const textStmt = this.db.prepare('SELECT text FROM articles WHERE rowid = ?').pluck();
    const texts = new Map<number, string>();
    const textOfArticle = (rid: number): string => {
      let t = texts.get(rid);
      if (t === undefined) texts.set(rid, (t = textOf(textStmt.get(rid))));
      return t;
    };
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
      text: textOfArticle(r.article).slice(r.start, r.end),
      type: r.type,
      mode: r.mode,
      level: r.level,
      status: r.status,
      actors: actors.all(r.article, r.idx) as EventRecord['actors'],
      when: r.when_value ? clean({ value: r.when_value, text: r.when_text ?? undefined, mod: r.when_mod ?? undefined }) : null,
      place: r.place,
      reportedBy: JSON.parse(r.reported_by),
      stances: JSON.parse(r.stances),
      trigger: r.trigger_text ? { text: r.trigger_text, lemma: r.trigger_lemma ?? r.trigger_text } : null,
    }));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** How many of an entity's latest articles give its names, type and roles in `entities()`. */
const ENTITY_DETAIL_ROWS = 200;

function prepareInserts(db: Database.Database) {
  const p = (sql: string) => db.prepare(sql);
    return {
      exists: p('SELECT rowid FROM articles WHERE id = ?'),
      hashExists: p('SELECT 1 FROM articles WHERE content_hash = ? LIMIT 1'),
      article: p(`INSERT INTO articles (id, path, url, outlet, outlet_fold, published, lang, title, text, json, ingested_at, content_hash, s_offsets, s_terms)
                  VALUES (@id, @path, @url, @outlet, @outlet_fold, @published, @lang, @title, @text, @json, @ingested_at, @content_hash, @s_offsets, @s_terms)`),
      entity: p(`INSERT INTO article_entities (article, entity, type, name, names, roles, mentions)
                 VALUES (?, ?, ?, ?, ?, ?, ?)
                 ON CONFLICT (article, entity) DO UPDATE SET mentions = mentions + excluded.mentions`),
      // (the entity totals follow article_entities, folded every FOLD_EVERY articles: schema step 17)
      quote: p(`INSERT INTO quotes (article, idx, start, "end", text, kind, speaker, cue_text, cue_lemma, via)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      event: p(`INSERT INTO events (article, idx, start, "end", type, mode, level, status, when_value, when_text, when_mod,
                  place, reported_by, stances, trigger_text, trigger_lemma)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      actor: p('INSERT OR IGNORE INTO event_actors (article, idx, ord, actor) VALUES (?, ?, ?, ?)'),
      time: p('INSERT INTO times (article, start, "end", text, value, mod, anchor) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      attribution: p('INSERT INTO attributions (article, start, "end", source, cue_text, cue_lemma) VALUES (?, ?, ?, ?, ?, ?)'),
      fts: p('INSERT INTO article_fts (rowid, title, lemmas, forms, alts) VALUES (?, ?, ?, ?, ?)'),
    };
  }
type Inserts = ReturnType<typeof prepareInserts>;

/**
 * Runs a write, retrying while another connection holds the lock beyond busy_timeout (a long
 * write elsewhere, or SQLITE_BUSY returned without waiting, as a lock upgrade can): up to ~2 min.
 */
export function retryBusy<T>(fn: () => T): T {
  const deadline = Date.now() + 120_000;
  for (let wait = 5; ; wait = Math.min(wait * 2, 500)) {
    try {
      return fn();
    } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      if (!code.startsWith('SQLITE_BUSY') && !code.startsWith('SQLITE_LOCKED')) throw e;
      if (Date.now() > deadline) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait + Math.random() * wait);
    }
  }
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
  return n;
}
function clean<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
