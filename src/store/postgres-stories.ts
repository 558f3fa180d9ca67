/**
 * Near-duplicate links and stories in the PostgreSQL store: the same tables, rows and statements
 * as src/store/sqlite-stories.ts, over the same logic (src/corpus/dedup, src/corpus/stories). Only
 * the SQL differs (arrays instead of json_each, `COLLATE "C"` text so orders match SQLite's BINARY).
 *
 * The near-duplicate linker of src/corpus/dedup is synchronous (its `DedupIndex` answers at once,
 * as SQLite does); here the rows it may read — the candidates sharing a band key, their originals
 * and those originals' copies — are read first, `linkReprint` runs over that view in memory, and
 * the writes it made are then applied in its order. The view holds every row the linker can ask
 * for, so it decides exactly what it decides over SQLite.
 *
 * Every updater runs inside the article's transaction under the corpus lock (postgres-corpus.ts).
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { articleFingerprint, linkReprint, type DedupArticle, type DedupCandidate, type DedupIndex, type Fingerprint } from '../corpus/dedup/index.js';
import { sigFromBuffer, sigToBuffer } from '../corpus/dedup/minhash.js';
import { boilerplateSpans, inSpans } from '../corpus/stories/boilerplate.js';
import { articleVec, type ArticleVec } from '../corpus/stories/features.js';
import { storyHeadline } from '../corpus/stories/title.js';
import { daysBetween, indexKeys, linkParams, linkScore, vocabularyKey, windowOf, type LinkParams } from '../corpus/stories/link.js';
import { corpusFingerprint, type FingerprintState } from '../corpus/fingerprint.js';
import { termCountsOf, reachDays, storyEntities, storyIdOf, type StoryFilter, type StoryHead, type StoryJson, type StoryUpdate } from './sqlite-stories.js';
import type { ArticleJson } from './types.js';
import { PG_STORY_CLAIMS_SQL } from './postgres-story-claims.js';

type Row = Record<string, any>;

/** A pool or a client inside a transaction. */
export type Db = pg.Pool | pg.PoolClient;

/** A stored article as the PostgreSQL updaters see it (rowid: articles.rowid; json with its text). */
export interface PgStoredArticle {
  rowid: number;
  json: ArticleJson;
}

export interface PgCorpusUpdater {
  name: string;
  update(c: pg.PoolClient, a: PgStoredArticle): Promise<void>;
  reset(c: pg.PoolClient): Promise<void>;
}

// bigint (rowids, counts) as JS numbers, as better-sqlite3 gives them
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};
const names = new Map<string, string>();
/** Runs one statement (prepared once per connection under a name derived from its text). */
export async function rows(c: Db, sql: string, values: unknown[] = []): Promise<Row[]> {
  let name = names.get(sql);
  if (!name) names.set(sql, (name = 'pc' + createHash('sha1').update(sql).digest('hex').slice(0, 16)));
  return (await c.query({ name, text: sql, values, types: TYPES })).rows;
}
export async function one(c: Db, sql: string, values: unknown[] = []): Promise<Row | undefined> {
  return (await rows(c, sql, values))[0];
}

// ---------------------------------------------------------------- near-duplicates

/**
 * The rows `linkReprint` may read for one fingerprint, in memory, with its writes recorded. The
 * candidates are those sharing a band key (as SqliteDedupIndex.byBands); `copiesOf` is only asked
 * for originals of candidates, whose copies are all read up front; writes update the view.
 */
class PrefetchedDedupIndex implements DedupIndex {
  readonly writes: (() => Promise<unknown>)[] = [];
  private readonly pub = new Map<string, string | null>();
  private readonly copy = new Map<string, string | null>();
  private candidates: DedupCandidate[] = [];
  private bands: number[] = [];

  constructor(
    private readonly c: pg.PoolClient,
    /** the article being linked (linkReprint stores only its fingerprint) */
    private readonly self: { id: string; rowid: number },
  ) {}

  async load(fp: Fingerprint | null, exclude: string): Promise<void> {
    if (!fp) return;
    this.bands = fp.bands;
    const cands = await rows(
      this.c,
      `SELECT a.id, a.published, d.sig, o.id AS copy_of, o.published AS copy_of_published FROM
         (SELECT DISTINCT article FROM corpus_dedup_bands WHERE band = ANY($1::bigint[])) b
       JOIN corpus_dedup d ON d.article = b.article JOIN articles a ON a.rowid = b.article
       LEFT JOIN articles o ON o.rowid = d.copy_of WHERE a.id <> $2`,
      [fp.bands, exclude],
    );
    this.candidates = cands.filter((r) => r.sig).map((r) => ({ id: r.id, published: r.published, sig: sigFromBuffer(r.sig), copyOf: r.copy_of ?? null }));
    const originals = new Set<string>();
    for (const r of cands) {
      this.pub.set(r.id, r.published);
      this.copy.set(r.id, r.copy_of ?? null);
      if (r.copy_of) this.pub.set(r.copy_of, r.copy_of_published);
      originals.add(r.copy_of ?? r.id);
    }
    if (!originals.size) return;
    const copies = await rows(
      this.c,
      `SELECT a.id, a.published, o.id AS original FROM corpus_dedup d JOIN articles a ON a.rowid = d.article
       JOIN articles o ON o.rowid = d.copy_of WHERE o.id = ANY($1::text[])`,
      [[...originals]],
    );
    for (const r of copies) {
      this.pub.set(r.id, r.published);
      this.copy.set(r.id, r.original);
    }
  }

  byBands(keys: number[], exclude: string): DedupCandidate[] {
    if (keys.length !== this.bands.length || keys.some((k, i) => k !== this.bands[i])) throw new Error('dedup: band keys differ from the ones read');
    return this.candidates.filter((x) => x.id !== exclude);
  }
  copiesOf(original: string): DedupArticle[] {
    const out: DedupArticle[] = [];
    for (const [id, o] of this.copy) if (o === original) out.push({ id, published: this.pub.get(id) ?? null });
    return out;
  }
  article(id: string): DedupArticle | null {
    return this.pub.has(id) ? { id, published: this.pub.get(id) ?? null } : null;
  }
  setCopyOf(id: string, copyOf: string | null): void {
    this.copy.set(id, copyOf);
    this.writes.push(() =>
      rows(this.c, `UPDATE corpus_dedup SET copy_of = (SELECT rowid FROM articles WHERE id = $1) WHERE article = (SELECT rowid FROM articles WHERE id = $2)`, [copyOf, id]),
    );
  }
  putFingerprint(a: DedupArticle, fp: Fingerprint | null, copyOf: string | null): void {
    this.pub.set(a.id, a.published);
    this.copy.set(a.id, copyOf);
    this.writes.push(async () => {
      const rid = a.id === this.self.id ? this.self.rowid : ((await one(this.c, 'SELECT rowid FROM articles WHERE id = $1', [a.id]))!.rowid as number);
      // the fingerprint, its link and its band keys in one statement
      await rows(
        this.c,
        `WITH d AS (INSERT INTO corpus_dedup (article, sig, copy_of) VALUES ($1, $2, (SELECT rowid FROM articles WHERE id = $3))
                    ON CONFLICT (article) DO UPDATE SET sig = excluded.sig, copy_of = excluded.copy_of)
         INSERT INTO corpus_dedup_bands (band, article) SELECT unnest($4::bigint[]), $1 ON CONFLICT DO NOTHING`,
        [rid, fp ? sigToBuffer(fp.sig) : null, copyOf, fp ? fp.bands : []],
      );
    });
  }
}

export const pgDedupUpdater: PgCorpusUpdater = {
  name: 'dedup',
  async update(c, a) {
    const published = typeof a.json.published === 'string' ? a.json.published : null;
    const fp = articleFingerprint(a.json.text, boilerplateSpans(a.json.text));
    const index = new PrefetchedDedupIndex(c, { id: a.json.id, rowid: a.rowid });
    await index.load(fp, a.json.id);
    linkReprint(index, { id: a.json.id, published }, null, fp);
    for (const w of index.writes) await w();
  },
  async reset(c) {
    await c.query('DELETE FROM corpus_dedup_bands; DELETE FROM corpus_dedup;');
  },
};

/** The original of each article that is a reprint (article id -> original's id); originals are absent. */
export async function pgCopyOfArticles(c: Db, ids: string[]): Promise<Map<string, string>> {
  const rs = await rows(
    c,
    `SELECT a.id, o.id AS original FROM articles a JOIN corpus_dedup d ON d.article = a.rowid JOIN articles o ON o.rowid = d.copy_of
     WHERE a.id = ANY($1::text[])`,
    [ids],
  );
  return new Map(rs.map((r) => [r.id as string, r.original as string]));
}

// ---------------------------------------------------------------- stories

function vecToJson(v: ArticleVec): string {
  return JSON.stringify([...v.ents, ...v.terms].map(([k, w]) => [k, Math.round(w * 1e6) / 1e6]));
}
/** The decayed similarity of an article's vector and a stored one (as sqlite-stories.ts). */
function similarityToJson(v: ArticleVec, published: string | null, stored: string, storedPublished: string | null, p: LinkParams): number {
  const days = daysBetween(published, storedPublished);
  if (days !== null && days > p.windowDays) return 0;
  let e = 0;
  let t = 0;
  let vocab: string | null = null;
  for (const [k, w] of JSON.parse(stored) as [string, number][]) {
    const c = k.charCodeAt(0);
    if (c === 101 /* e */) {
      const x = v.ents.get(k);
      if (x) e += x * w;
    } else if (c === 108 /* l: the stored vector's vocabulary */) vocab = k;
    else {
      const x = v.terms.get(k);
      if (x) t += x * w;
    }
  }
  return linkScore(e, t, vocabularyKey(v.terms.keys()), vocab, days, p);
}

function earlierRow(a: { published: string | null; id: string }, b: { published: string | null; id: string }): boolean {
  const pa = a.published ?? '\uffff';
  const pb = b.published ?? '\uffff';
  return pa < pb || (pa === pb && a.id < b.id);
}

/** Files one stored article into its story (updateStories of sqlite-stories.ts, statement for statement). */
export async function pgUpdateStories(c: pg.PoolClient, a: PgStoredArticle): Promise<StoryUpdate> {
  const p = linkParams();
  const json = a.json;
  const id = json.id;
  const published = typeof json.published === 'string' ? json.published : null;
  const lang = typeof json.lang === 'string' ? json.lang : 'und';
  const text = json.text;
  const skip = boilerplateSpans(text);
  const vec = articleVec({ id, lang, published, termCounts: termCountsOf(text, lang, skip), entities: storyEntities(json.entities, skip) });
  const keys = indexKeys(vec);

  // candidates: articles sharing enough index keys inside the reach of the window, with their vectors (one statement)
  const win = windowOf(published, { ...p, windowDays: reachDays(p) });
  // with a window: two searches of the key index on (key, published), the dated window and the
  // undated keys (an OR of the two would search on key alone and read every posting of a key)
  const vs = await rows(
    c,
    win.from
      ? `SELECT v.article, v.published, v.vec, a.id FROM corpus_story_vecs v JOIN articles a ON a.rowid = v.article
         WHERE v.article IN (SELECT article FROM (
                               SELECT article FROM corpus_story_keys WHERE key = ANY($1::text[]) AND published >= $2 AND published <= $3
                               UNION ALL
                               SELECT article FROM corpus_story_keys WHERE key = ANY($1::text[]) AND published = '') k
                             GROUP BY article HAVING count(*) >= $4)`
      : `SELECT v.article, v.published, v.vec, a.id FROM corpus_story_vecs v JOIN articles a ON a.rowid = v.article
         WHERE v.article IN (SELECT article FROM corpus_story_keys WHERE key = ANY($1::text[]) GROUP BY article HAVING count(*) >= $2)`,
    win.from ? [keys, win.from, win.to, p.minShared] : [keys, p.minShared],
  );
  const linkedRows: number[] = [];
  const linkedIds: string[] = [];
  for (const r of vs) {
    if (r.article === a.rowid) continue;
    if (similarityToJson(vec, published, r.vec, r.published || null, p) >= p.threshold) {
      linkedRows.push(r.article);
      linkedIds.push(r.id);
    }
  }
  await rows(
    c,
    `WITH v AS (INSERT INTO corpus_story_vecs (article, published, vec) VALUES ($1, $2, $3)
                ON CONFLICT (article) DO UPDATE SET published = excluded.published, vec = excluded.vec)
     INSERT INTO corpus_story_keys (key, published, article) SELECT unnest($4::text[]), $2, $1 ON CONFLICT DO NOTHING`,
    [a.rowid, published ?? '', vecToJson(vec), keys],
  );

  // the stories the links reach (by their internal keys; and one more link for each linked article)
  const keysHit = new Set<number>();
  if (linkedRows.length)
    for (const r of await rows(c, 'UPDATE corpus_story_articles SET degree = degree + 1 WHERE article = ANY($1::bigint[]) RETURNING story', [linkedRows]))
      keysHit.add(r.story);
  const me = { id, published };
  let s: StoryRowT;
  const merged: string[] = [];
  if (!keysHit.size) {
    const sid = storyIdOf(id);
    const r = (await one(
      c,
      `WITH s AS (INSERT INTO corpus_stories (id, first_article, first_published, last_published, n) VALUES ($1, $2, $3, $3, 0) RETURNING key)
       INSERT INTO corpus_story_history (story, date, kind, article, other) SELECT key, $3, 'open', $4, NULL FROM s RETURNING story`,
      [sid, a.rowid, published, id],
    ))!;
    s = { key: r.story, id: sid, first: me, firstRow: a.rowid, last: published, n: 0 };
  } else {
    const list: StoryRowT[] = [];
    for (const k of keysHit) list.push(await storyRow(c, k));
    list.sort((x, y) => (earlierRow(x.first, y.first) ? -1 : 1));
    s = list.length > 1 ? await mergeStories(c, list, published, id) : list[0];
    for (const other of list.slice(1)) merged.push(other.id);
  }
  const ek: string[] = [];
  const ew: number[] = [];
  for (const [k, w] of vec.ents) {
    ek.push(k.slice(2));
    ew.push(w);
  }
  await rows(
    c,
    // with the story's summary rows (PG_STORY_SUMMARY_MIGRATION: articles per day and per outlet)
    `WITH sa AS (INSERT INTO corpus_story_articles (article, story, lang, published, degree) VALUES ($1, $2, $3, $4, $5)),
          d AS (INSERT INTO corpus_story_days (story, day, n, lo, hi) SELECT $2, substr($4::text, 1, 10), 1, $4::text, $4::text WHERE $4::text <> ''
                ON CONFLICT (story, day) DO UPDATE SET n = corpus_story_days.n + 1, lo = LEAST(corpus_story_days.lo, excluded.lo), hi = GREATEST(corpus_story_days.hi, excluded.hi)),
          o AS (INSERT INTO corpus_story_outlets (story, outlet, n) SELECT $2, outlet, 1 FROM articles WHERE rowid = $1 AND outlet IS NOT NULL AND outlet <> ''
                ON CONFLICT (story, outlet) DO UPDATE SET n = corpus_story_outlets.n + 1)
     INSERT INTO corpus_story_entities (story, entity, w) SELECT $2, e, w FROM unnest($6::text[], $7::float8[]) AS x(e, w)
     ON CONFLICT (story, entity) DO UPDATE SET w = corpus_story_entities.w + excluded.w`,
    [a.rowid, s.key, lang, published, linkedRows.length, ek, ew],
  );
  // counts, dates, and the id (which follows the earliest article); the count is kept, not counted
  let sid = s.id;
  const n = s.n + 1;
  const last = published && (!s.last || published > s.last) ? published : s.last;
  if (earlierRow(me, s.first)) {
    const newId = storyIdOf(id);
    // a rename changes the story's row alone: its articles, entities and history hold its key
    await rows(c, 'UPDATE corpus_stories SET id = $1, first_article = $2, first_published = $3, last_published = $4, n = $5 WHERE key = $6', [
      newId,
      a.rowid,
      published,
      last,
      n,
      s.key,
    ]);
    if (newId !== sid) {
      await rows(c, 'INSERT INTO corpus_story_alias (id, story) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET story = excluded.story', [sid, s.key]);
      await history(c, s.key, published, 'renamed', id, sid);
      sid = newId;
    }
  } else await rows(c, 'UPDATE corpus_stories SET last_published = $1, n = $2 WHERE key = $3', [last, n, s.key]);
  linkedIds.sort((x, y) => (Buffer.compare(Buffer.from(x), Buffer.from(y))));
  return { story: sid, linked: linkedIds, merged };
}

interface StoryRowT {
  /** internal key (rows of the story hold it; it never changes while the story lives) */
  key: number;
  /** public id */
  id: string;
  first: { id: string; published: string | null };
  /** rowid of the first article */
  firstRow: number;
  last: string | null;
  /** its articles (kept by every update and merge) */
  n: number;
}
async function storyRow(c: Db, key: number): Promise<StoryRowT> {
  const r = (await one(
    c,
    `SELECT s.key, s.id, s.first_article, s.first_published, s.last_published, s.n, a.id AS first_id
     FROM corpus_stories s JOIN articles a ON a.rowid = s.first_article WHERE s.key = $1`,
    [key],
  ))!;
  return { key: r.key, id: r.id, first: { id: r.first_id, published: r.first_published }, firstRow: r.first_article, last: r.last_published, n: r.n };
}

async function history(c: Db, key: number, date: string | null, kind: string, article: string, other: string | null): Promise<void> {
  await rows(c, 'INSERT INTO corpus_story_history (story, date, kind, article, other) VALUES ($1, $2, $3, $4, $5)', [key, date, kind, article, other]);
}

/** mergeStories of sqlite-stories.ts: list[0]'s id and history under the key of the story with most articles; only the smaller stories' rows move. */
async function mergeStories(c: Db, list: StoryRowT[], date: string | null, article: string): Promise<StoryRowT> {
  let target = list[0];
  for (const x of list) if (x.n > target.n) target = x;
  const others = list.filter((x) => x !== target);
  if (list.length > 2) {
    // entity sums in list order (float addition is not associative)
    const sum = new Map<string, number>();
    for (const x of list)
      for (const r of await rows(c, 'SELECT entity, w FROM corpus_story_entities WHERE story = $1', [x.key])) {
        const v = sum.get(r.entity);
        sum.set(r.entity, v === undefined ? r.w : v + r.w);
      }
    await rows(c, 'DELETE FROM corpus_story_entities WHERE story = ANY($1::bigint[])', [list.map((x) => x.key)]);
    await rows(c, 'INSERT INTO corpus_story_entities (story, entity, w) SELECT $1, e, w FROM unnest($2::text[], $3::float8[]) AS x(e, w)', [
      target.key,
      [...sum.keys()],
      [...sum.values()],
    ]);
  }
  const ok = others.map((x) => x.key);
  await rows(c, 'UPDATE corpus_story_articles SET story = $1 WHERE story = ANY($2::bigint[])', [target.key, ok]);
  // the summary rows of the others move into the target's (summed per day and per outlet)
  await rows(
    c,
    `WITH del AS (DELETE FROM corpus_story_days WHERE story = ANY($2::bigint[]) RETURNING day, n, lo, hi)
     INSERT INTO corpus_story_days (story, day, n, lo, hi) SELECT $1, day, sum(n), min(lo), max(hi) FROM del GROUP BY day
     ON CONFLICT (story, day) DO UPDATE SET n = corpus_story_days.n + excluded.n, lo = LEAST(corpus_story_days.lo, excluded.lo), hi = GREATEST(corpus_story_days.hi, excluded.hi)`,
    [target.key, ok],
  );
  await rows(
    c,
    `WITH del AS (DELETE FROM corpus_story_outlets WHERE story = ANY($2::bigint[]) RETURNING outlet, n)
     INSERT INTO corpus_story_outlets (story, outlet, n) SELECT $1, outlet, sum(n) FROM del GROUP BY outlet
     ON CONFLICT (story, outlet) DO UPDATE SET n = corpus_story_outlets.n + excluded.n`,
    [target.key, ok],
  );
  if (list.length === 2) {
    await rows(
      c,
      `INSERT INTO corpus_story_entities (story, entity, w) SELECT $1, entity, w FROM corpus_story_entities WHERE story = $2
       ON CONFLICT (story, entity) DO UPDATE SET w = corpus_story_entities.w + excluded.w`,
      [target.key, ok[0]],
    );
    await rows(c, 'DELETE FROM corpus_story_entities WHERE story = $1', [ok[0]]);
  }
  await rows(c, 'UPDATE corpus_story_history SET story = $1 WHERE story = ANY($2::bigint[])', [target.key, ok]);
  await rows(c, 'UPDATE corpus_story_alias SET story = $1 WHERE story = ANY($2::bigint[])', [target.key, ok]);
  await rows(c, 'DELETE FROM corpus_stories WHERE key = ANY($1::bigint[])', [ok]);
  const first = list[0];
  const last = list.map((x) => x.last).filter(Boolean).sort().pop() ?? null;
  const n = list.reduce((t, x) => t + x.n, 0);
  await rows(c, 'UPDATE corpus_stories SET id = $1, first_article = $2, first_published = $3, last_published = $4, n = $5 WHERE key = $6', [
    first.id,
    first.firstRow,
    first.first.published,
    last,
    n,
    target.key,
  ]);
  for (const o of list.slice(1)) {
    await rows(c, 'INSERT INTO corpus_story_alias (id, story) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET story = excluded.story', [o.id, target.key]);
    await history(c, target.key, date, 'merged', article, o.id);
  }
  return { key: target.key, id: first.id, first: first.first, firstRow: first.firstRow, last, n };
}

/** Connections that have seen the corpus fingerprint stored (a connection serves one database). */
const stamped = new WeakSet<pg.PoolClient>();

/** As sqlite-stories.ts stampFingerprint: an empty corpus takes this version's fingerprint. */
async function pgStampFingerprint(c: pg.PoolClient): Promise<void> {
  if (stamped.has(c)) return;
  if (await one(c, "SELECT 1 AS x FROM corpus_meta WHERE key = 'fingerprint'")) {
    stamped.add(c);
    return;
  }
  await rows(
    c,
    `INSERT INTO corpus_meta (key, value) SELECT 'fingerprint', $1 WHERE NOT EXISTS (SELECT 1 FROM corpus_stories)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    [corpusFingerprint()],
  );
}

export const pgStoriesUpdater: PgCorpusUpdater = {
  name: 'stories',
  async update(c, a) {
    await pgStampFingerprint(c);
    await pgUpdateStories(c, a);
  },
  async reset(c) {
    // a rebuild recomputes the stories with this version's code and data
    await rows(c, "INSERT INTO corpus_meta (key, value) VALUES ('fingerprint', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [corpusFingerprint()]);
    await c.query(`DELETE FROM corpus_story_keys; DELETE FROM corpus_story_vecs; DELETE FROM corpus_story_articles;
                   DELETE FROM corpus_story_entities; DELETE FROM corpus_story_alias; DELETE FROM corpus_story_history;
                   DELETE FROM corpus_story_days; DELETE FROM corpus_story_outlets; DELETE FROM corpus_stories;`);
  },
};

/** The story id of each article (rowid -> story id), for the claims. */
export async function pgStoryOfArticles(c: Db, rowids: number[]): Promise<Map<number, string>> {
  const rs = await rows(
    c,
    'SELECT sa.article, s.id FROM corpus_story_articles sa JOIN corpus_stories s ON s.key = sa.story WHERE sa.article = ANY($1::bigint[])',
    [rowids],
  );
  return new Map(rs.map((r) => [r.article as number, r.id as string]));
}

/** Schema step 7: CORPUS_META_MIGRATION of sqlite-stories.ts (the corpus fingerprint, src/corpus/fingerprint.ts). */
export const PG_CORPUS_META_MIGRATION = `
  CREATE TABLE corpus_meta (
    key   text COLLATE "C" PRIMARY KEY,
    value text NOT NULL
  );
`;

/** Schema: the tables of STORIES_MIGRATION (sqlite-stories.ts) in PostgreSQL. */
export const PG_STORIES_MIGRATION = `
  CREATE TABLE corpus_dedup (
    article bigint PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    sig     bytea,
    copy_of bigint
  );
  CREATE INDEX corpus_dedup_copy_of ON corpus_dedup(copy_of);
  CREATE TABLE corpus_dedup_bands (
    band    bigint NOT NULL,
    article bigint NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    PRIMARY KEY (band, article)
  );
  CREATE TABLE corpus_story_vecs (
    article   bigint PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    published text COLLATE "C" NOT NULL,
    vec       text NOT NULL
  );
  CREATE TABLE corpus_story_keys (
    key       text COLLATE "C" NOT NULL,
    published text COLLATE "C" NOT NULL,
    article   bigint NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    PRIMARY KEY (key, published, article)
  );
  CREATE INDEX corpus_story_keys_article ON corpus_story_keys(article);
  CREATE TABLE corpus_stories (
    id              text COLLATE "C" PRIMARY KEY,
    first_article   bigint NOT NULL,
    first_published text COLLATE "C",
    last_published  text COLLATE "C",
    n               integer NOT NULL
  );
  CREATE INDEX corpus_stories_last ON corpus_stories(last_published);
  CREATE TABLE corpus_story_articles (
    article   bigint PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    story     text COLLATE "C" NOT NULL,
    lang      text COLLATE "C" NOT NULL,
    published text COLLATE "C",
    degree    integer NOT NULL
  );
  CREATE INDEX corpus_story_articles_story ON corpus_story_articles(story, lang, degree);
  CREATE TABLE corpus_story_entities (
    story  text COLLATE "C" NOT NULL,
    entity text COLLATE "C" NOT NULL,
    w      double precision NOT NULL,
    PRIMARY KEY (story, entity)
  );
  CREATE INDEX corpus_story_entities_entity ON corpus_story_entities(entity);
  CREATE TABLE corpus_story_alias (
    id    text COLLATE "C" PRIMARY KEY,
    story text COLLATE "C" NOT NULL
  );
  CREATE INDEX corpus_story_alias_story ON corpus_story_alias(story);
  CREATE TABLE corpus_story_history (
    seq     bigserial PRIMARY KEY,
    story   text COLLATE "C" NOT NULL,
    date    text COLLATE "C",
    kind    text COLLATE "C" NOT NULL,
    article text COLLATE "C" NOT NULL,
    other   text COLLATE "C"
  );
  CREATE INDEX corpus_story_history_story ON corpus_story_history(story);
`;

/** Schema step 5: STORY_KEYS_MIGRATION of sqlite-stories.ts (stories under internal integer keys) in PostgreSQL. */
export const PG_STORY_KEYS_MIGRATION = `
  CREATE TABLE corpus_stories_k (
    key             bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    id              text COLLATE "C" NOT NULL UNIQUE,
    first_article   bigint NOT NULL,
    first_published text COLLATE "C",
    last_published  text COLLATE "C",
    n               integer NOT NULL
  );
  INSERT INTO corpus_stories_k (id, first_article, first_published, last_published, n)
    SELECT id, first_article, first_published, last_published, n FROM corpus_stories ORDER BY id;
  CREATE TABLE corpus_story_articles_k (
    article   bigint PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    story     bigint NOT NULL,
    lang      text COLLATE "C" NOT NULL,
    published text COLLATE "C",
    degree    integer NOT NULL
  );
  INSERT INTO corpus_story_articles_k (article, story, lang, published, degree)
    SELECT sa.article, s.key, sa.lang, sa.published, sa.degree FROM corpus_story_articles sa JOIN corpus_stories_k s ON s.id = sa.story;
  CREATE TABLE corpus_story_entities_k (
    story  bigint NOT NULL,
    entity text COLLATE "C" NOT NULL,
    w      double precision NOT NULL,
    PRIMARY KEY (story, entity)
  );
  INSERT INTO corpus_story_entities_k (story, entity, w)
    SELECT s.key, e.entity, e.w FROM corpus_story_entities e JOIN corpus_stories_k s ON s.id = e.story;
  CREATE TABLE corpus_story_alias_k (
    id    text COLLATE "C" PRIMARY KEY,
    story bigint NOT NULL
  );
  INSERT INTO corpus_story_alias_k (id, story)
    SELECT al.id, s.key FROM corpus_story_alias al JOIN corpus_stories_k s ON s.id = al.story;
  CREATE TABLE corpus_story_history_k (
    seq     bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    story   bigint NOT NULL,
    date    text COLLATE "C",
    kind    text COLLATE "C" NOT NULL,
    article text COLLATE "C" NOT NULL,
    other   text COLLATE "C"
  );
  INSERT INTO corpus_story_history_k (seq, story, date, kind, article, other)
    SELECT h.seq, s.key, h.date, h.kind, h.article, h.other FROM corpus_story_history h JOIN corpus_stories_k s ON s.id = h.story;
  SELECT setval(pg_get_serial_sequence('corpus_story_history_k', 'seq'), coalesce((SELECT max(seq) FROM corpus_story_history_k), 0) + 1, false);
  DROP TABLE corpus_stories, corpus_story_articles, corpus_story_entities, corpus_story_alias, corpus_story_history;
  ALTER TABLE corpus_stories_k RENAME TO corpus_stories;
  ALTER TABLE corpus_story_articles_k RENAME TO corpus_story_articles;
  ALTER TABLE corpus_story_entities_k RENAME TO corpus_story_entities;
  ALTER TABLE corpus_story_alias_k RENAME TO corpus_story_alias;
  ALTER TABLE corpus_story_history_k RENAME TO corpus_story_history;
  CREATE INDEX corpus_stories_last ON corpus_stories(last_published);
  CREATE INDEX corpus_story_articles_story ON corpus_story_articles(story, lang, degree);
  CREATE INDEX corpus_story_entities_entity ON corpus_story_entities(entity);
  CREATE INDEX corpus_story_alias_story ON corpus_story_alias(story);
  CREATE INDEX corpus_story_history_story ON corpus_story_history(story);
`;

/** Schema step 6: STORY_SUMMARY_MIGRATION of sqlite-stories.ts (per-story summary rows, indexes on a story's rows by date). */
export const PG_STORY_SUMMARY_MIGRATION = `
  CREATE TABLE corpus_story_days (
    story bigint NOT NULL,
    day   text COLLATE "C" NOT NULL,
    n     integer NOT NULL,
    lo    text COLLATE "C" NOT NULL,
    hi    text COLLATE "C" NOT NULL,
    PRIMARY KEY (story, day)
  );
  INSERT INTO corpus_story_days (story, day, n, lo, hi)
    SELECT story, substr(published, 1, 10), count(*), min(published), max(published) FROM corpus_story_articles
    WHERE published IS NOT NULL AND published <> '' GROUP BY story, substr(published, 1, 10);
  CREATE TABLE corpus_story_outlets (
    story  bigint NOT NULL,
    outlet text COLLATE "C" NOT NULL,
    n      integer NOT NULL,
    PRIMARY KEY (story, outlet)
  );
  INSERT INTO corpus_story_outlets (story, outlet, n)
    SELECT sa.story, a.outlet, count(*) FROM corpus_story_articles sa JOIN articles a ON a.rowid = sa.article
    WHERE a.outlet IS NOT NULL AND a.outlet <> '' GROUP BY sa.story, a.outlet;
  CREATE INDEX corpus_story_articles_published ON corpus_story_articles(story, published);
  CREATE INDEX corpus_story_articles_lang_published ON corpus_story_articles(story, lang, published);
  CREATE INDEX corpus_claim_reports_article_claim ON corpus_claim_reports(article, claim);
`;

// ---------------------------------------------------------------- reading stories (parley/story@1)

const headline = storyHeadline;

function earlierFirst(x: Row, y: Row): number {
  const px = x.published ?? '\uffff';
  const py = y.published ?? '\uffff';
  return px < py ? -1 : px > py ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

/** The story@1 object of a story id (a former id resolves to the story it became). */
export async function pgReadStory(c: Db, id: string): Promise<StoryJson | null> {
  const st = await pgStoryIdOf(c, id);
  if (!st) return null;
  const { key, id: sid } = st;
  const aliasOf = sid === id ? undefined : id;
  const arts = await rows(
    c,
    `SELECT a.id, a.published, a.lang, a.outlet, a.title, sa.degree, sa.article AS rowid FROM corpus_story_articles sa
     JOIN articles a ON a.rowid = sa.article WHERE sa.story = $1`,
    [key],
  );
  if (!arts.length) return null;
  arts.sort((x, y) => earlierFirst(x, y));
  const title: Record<string, string> = {};
  const best = new Map<string, Row>();
  for (const r of arts) {
    const b = best.get(r.lang);
    if (!b || r.degree > b.degree) best.set(r.lang, r);
  }
  for (const [lang, r] of best) {
    if (!['ru', 'uk', 'en'].includes(lang)) continue;
    const t = (await one(c, 'SELECT title, CASE WHEN title IS NULL OR btrim(title) = \'\' THEN text END AS text FROM articles WHERE rowid = $1', [r.rowid]))!;
    title[lang] = headline(t.title, t.title ? null : t.text);
  }
  const langs = [...new Set(arts.map((r) => r.lang as string))].sort();
  const outlets = [...new Set(arts.map((r) => r.outlet as string | null).filter((x): x is string => !!x))].sort();
  const dates = arts.map((r) => r.published as string | null).filter((x): x is string => !!x).sort();
  const { entities, claims, hist } = await storyExtras(c, key);
  const out: StoryJson = {
    schema: 'parley/story@1',
    id: sid,
    title,
    articles: arts.map((r) => r.id as string),
    langs,
    outlets,
    from: dates[0] ?? null,
    to: dates[dates.length - 1] ?? null,
    entities,
    claims,
    history: hist,
  };
  if (aliasOf) out.aliasOf = aliasOf;
  return out;
}

/** Stories, latest first (by their last publication date, then id), filtered (readStories of sqlite-stories.ts). */
export async function pgReadStories(c: Db, f: StoryFilter = {}): Promise<StoryJson[]> {
  const ids = await pgStoryIdsOf(c, f);
  const out: StoryJson[] = [];
  for (const id of ids) {
    const s = await pgReadStory(c, id);
    if (s) out.push(s);
  }
  return out;
}

/** The stories of a PostgreSQL store, as the corpus library reads them (src/corpus/stories/index.ts). */
export class PostgresStories {
  constructor(
    private readonly pool: pg.Pool,
    private readonly ready: () => Promise<void>,
  ) {}
  async list(filter: StoryFilter = {}): Promise<StoryJson[]> {
    await this.ready();
    return pgReadStories(this.pool, filter);
  }
  async get(id: string): Promise<StoryJson | null> {
    await this.ready();
    return pgReadStory(this.pool, id);
  }
  async count(): Promise<number> {
    await this.ready();
    return (await one(this.pool, 'SELECT count(*) AS n FROM corpus_stories'))!.n as number;
  }
  /** the corpus fingerprint stored (src/corpus/fingerprint.ts) */
  async fingerprint(): Promise<FingerprintState> {
    await this.ready();
    const r = await one(this.pool, "SELECT value FROM corpus_meta WHERE key = 'fingerprint'");
    return { stored: (r?.value as string | undefined) ?? null, articles: !!(await one(this.pool, 'SELECT 1 AS x FROM articles LIMIT 1')) };
  }
  async copyOf(ids: string[]): Promise<Map<string, string>> {
    await this.ready();
    return pgCopyOfArticles(this.pool, ids);
  }
  /** bounded reads (list views), as SqliteStories' */
  async heads(filter: StoryFilter & { story?: string } = {}, latest = 20): Promise<StoryHead[]> {
    await this.ready();
    const out: StoryHead[] = [];
    for (const id of await pgStoryIdsOf(this.pool, filter)) {
      const s = await pgReadStoryHead(this.pool, id, latest);
      if (s) out.push(s);
    }
    return out;
  }
  async head(id: string, latest = 20): Promise<StoryHead | null> {
    await this.ready();
    return pgReadStoryHead(this.pool, id, latest);
  }
  async storyOf(article: string): Promise<string | null> {
    await this.ready();
    const r = await one(
      this.pool,
      'SELECT s.id AS story FROM corpus_story_articles sa JOIN corpus_stories s ON s.key = sa.story WHERE sa.article = (SELECT rowid FROM articles WHERE id = $1)',
      [article],
    );
    return (r?.story as string | undefined) ?? null;
  }
  async articlePage(id: string, offset: number, limit: number): Promise<string[] | null> {
    await this.ready();
    const st = await pgStoryIdOf(this.pool, id);
    if (!st) return null;
    return (
      await rows(
        this.pool,
        `SELECT a.id FROM corpus_story_articles sa JOIN articles a ON a.rowid = sa.article WHERE sa.story = $1
         ORDER BY a.published IS NULL, a.published COLLATE "C", a.id COLLATE "C" LIMIT $2 OFFSET $3`,
        [st.key, Math.max(0, Math.floor(limit)), Math.max(0, Math.floor(offset))],
      )
    ).map((r) => r.id as string);
  }
}

/** A story by its public id or a former id: its internal key and its current public id. */
async function pgStoryIdOf(c: Db, id: string): Promise<{ key: number; id: string } | null> {
  const s = await one(c, 'SELECT key FROM corpus_stories WHERE id = $1', [id]);
  if (s) return { key: s.key as number, id };
  const al = await one(c, 'SELECT s.key, s.id FROM corpus_story_alias al JOIN corpus_stories s ON s.key = al.story WHERE al.id = $1', [id]);
  return al ? { key: al.key as number, id: al.id as string } : null;
}

async function pgStoryIdsOf(c: Db, f: StoryFilter & { story?: string }): Promise<string[]> {
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (v: unknown) => (values.push(v), `$${values.length}`);
  if (f.story) where.push(`s.id = ${add(f.story)}`);
  if (f.entity) where.push(`s.key IN (SELECT story FROM corpus_story_entities WHERE entity = ${add(f.entity)})`);
  if (f.lang) where.push(`EXISTS (SELECT 1 FROM corpus_story_articles sa WHERE sa.story = s.key AND sa.lang = ${add(f.lang)})`);
  if (f.from) where.push(`coalesce(s.last_published, '') >= ${add(f.from)}`);
  if (f.to) where.push(`substr(coalesce(s.first_published, ''), 1, ${f.to.length}) <= ${add(f.to)}`);
  if (f.minArticles && f.minArticles > 1) where.push(`s.n >= ${add(f.minArticles)}`);
  const limit = Math.max(1, Math.min(10000, Math.floor(f.limit ?? 50)));
  const offset = Math.max(0, Math.floor(f.offset ?? 0));
  return (
    await rows(
      c,
      `SELECT s.id FROM corpus_stories s ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY s.last_published IS NULL, s.last_published DESC, s.id LIMIT ${add(limit)} OFFSET ${add(offset)}`,
      values,
    )
  ).map((r) => r.id as string);
}

/** readStoryHead of sqlite-stories.ts: aggregates over the story's rows; `articles` is the latest `latest` ids. */
export async function pgReadStoryHead(c: Db, id: string, latest: number): Promise<StoryHead | null> {
  const st = await pgStoryIdOf(c, id);
  if (!st) return null;
  const { key, id: sid } = st;
  const aliasOf = sid === id ? undefined : id;
  // the article count is kept on the story's row (every update and merge keeps it)
  const n = Number((await one(c, 'SELECT n FROM corpus_stories WHERE key = $1', [key]))?.n ?? 0);
  if (!n) return null;
  // its languages: one index step per language, not every row
  const langs = (
    await rows(
      c,
      `WITH RECURSIVE l(lang) AS (
         SELECT (SELECT min(lang) FROM corpus_story_articles WHERE story = $1)
         UNION ALL
         SELECT (SELECT min(lang) FROM corpus_story_articles WHERE story = $1 AND lang > l.lang) FROM l WHERE l.lang IS NOT NULL)
       SELECT lang FROM l WHERE lang IS NOT NULL`,
      [key],
    )
  )
    .map((r) => r.lang as string)
    .sort();
  const firsts: { lang: string; key: string }[] = [];
  for (const lang of langs) {
    const dated = (await one(c, 'SELECT min(published) AS p FROM corpus_story_articles WHERE story = $1 AND lang = $2 AND published IS NOT NULL', [key, lang]))!;
    const r = (
      dated.p !== null
        ? await one(c, 'SELECT min(a.id) AS id FROM corpus_story_articles sa JOIN articles a ON a.rowid = sa.article WHERE sa.story = $1 AND sa.lang = $2 AND sa.published = $3', [
            key,
            lang,
            dated.p,
          ])
        : await one(c, 'SELECT min(a.id) AS id FROM corpus_story_articles sa JOIN articles a ON a.rowid = sa.article WHERE sa.story = $1 AND sa.lang = $2 AND sa.published IS NULL', [
            key,
            lang,
          ])
    )!;
    firsts.push({ lang, key: `${dated.p ?? '\uffff'}\u0000${r.id}` });
  }
  firsts.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const title: Record<string, string> = {};
  for (const { lang } of firsts) {
    if (!['ru', 'uk', 'en'].includes(lang)) continue;
    const t = (await one(
      c,
      `SELECT a.title, CASE WHEN a.title IS NULL OR btrim(a.title) = '' THEN a.text END AS text FROM corpus_story_articles sa JOIN articles a ON a.rowid = sa.article
       WHERE sa.story = $1 AND sa.lang = $2 AND sa.degree = (SELECT max(degree) FROM corpus_story_articles WHERE story = $1 AND lang = $2)
       ORDER BY a.published IS NULL, a.published COLLATE "C", a.id COLLATE "C" LIMIT 1`,
      [key, lang],
    ))!;
    title[lang] = headline(t.title, t.title ? null : t.text);
  }
  // outlets and coverage from the story's summary rows (PG_STORY_SUMMARY_MIGRATION)
  const outlets = (await rows(c, 'SELECT outlet FROM corpus_story_outlets WHERE story = $1', [key])).map((r) => r.outlet as string).sort();
  const cov = await rows(c, 'SELECT day AS date, n, lo, hi FROM corpus_story_days WHERE story = $1 ORDER BY day', [key]);
  const want = Math.max(0, Math.floor(latest));
  let ids: string[] = [];
  if (want) {
    const at = Math.min(want, n) - 1;
    const undated = Number((await one(c, 'SELECT count(*) AS u FROM corpus_story_articles WHERE story = $1 AND published IS NULL', [key]))!.u);
    let cut: string | null = null;
    if (at >= undated)
      cut = (await one(c, 'SELECT published AS p FROM corpus_story_articles WHERE story = $1 AND published IS NOT NULL ORDER BY published DESC LIMIT 1 OFFSET $2', [key, at - undated]))!
        .p as string;
    ids = (
      await rows(
        c,
        `SELECT id FROM (
           SELECT a.id, a.published FROM corpus_story_articles sa JOIN articles a ON a.rowid = sa.article WHERE sa.story = $1 AND sa.published IS NULL
           UNION ALL
           SELECT a.id, a.published FROM corpus_story_articles sa JOIN articles a ON a.rowid = sa.article WHERE sa.story = $1 AND $2::boolean AND sa.published >= $3) x
         ORDER BY published IS NULL DESC, published DESC, id DESC LIMIT $4`,
        [key, cut !== null, cut ?? '', want],
      )
    )
      .map((r) => r.id as string)
      .reverse();
  }
  const { entities, claims, hist } = await storyExtras(c, key);
  const out: StoryHead = {
    schema: 'parley/story@1',
    id: sid,
    title,
    articles: ids,
    langs,
    outlets,
    from: cov.length ? (cov.reduce((m, r) => (r.lo < m ? r.lo : m), cov[0].lo) as string) : null,
    to: cov.length ? (cov.reduce((m, r) => (r.hi > m ? r.hi : m), cov[0].hi) as string) : null,
    entities,
    claims,
    history: hist,
    articleCount: n,
    coverage: cov.map((r) => ({ date: r.date as string, n: Number(r.n) })),
  };
  if (aliasOf) out.aliasOf = aliasOf;
  return out;
}

/** A story's top entities, its claims and its history (the full story and its head read them alike). */
async function storyExtras(c: Parameters<typeof rows>[0], key: number): Promise<{ entities: string[]; claims: string[]; hist: StoryJson['history'] }> {
  const entities = (await rows(c, 'SELECT entity FROM corpus_story_entities WHERE story = $1 ORDER BY w DESC, entity LIMIT 10', [key])).map((r) => r.entity as string);
  // one range of corpus_story_claims (postgres-story-claims.ts), not the join of every article of the story
  const claims = (await rows(c, PG_STORY_CLAIMS_SQL, [key])).map((r) => r.claim as string);
  const hist = (await rows(c, 'SELECT date, kind, article, other FROM corpus_story_history WHERE story = $1 ORDER BY seq', [key])) as StoryJson['history'];
  return { entities, claims, hist };
}
