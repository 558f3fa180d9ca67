/**
 * SQL of the near-duplicate links and the stories (SQLite). The logic is in src/corpus/dedup and
 * src/corpus/stories; this file only reads and writes rows, so a PostgreSQL store mirrors it with SQL.
 *
 * Tables (migration step "corpus-stories" in migrations.ts):
 *   corpus_dedup(article, sig, copy_of)          MinHash signature; copy_of = the original's rowid
 *   corpus_dedup_bands(band, article)            LSH band keys (the look-up index)
 *   corpus_story_vecs(article, published, vec)   the article's story vector (JSON [[key, w], ...])
 *   corpus_story_keys(key, published, article)   index keys -> articles ('' published: undated)
 *   corpus_stories(key, id, first_article, first_published, last_published, n)
 *                                                key: internal (step 9); id: the public id
 *   corpus_story_articles(article, story, lang, published, degree)   story: the story's key
 *   corpus_story_entities(story, entity, w)      summed entity weights (the story's top entities)
 *   corpus_story_alias(id, story)                former public ids (merged or renamed stories) -> key
 *   corpus_story_history(story, date, kind, article, other)          story: key
 */
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { articleFingerprint, linkReprint, type DedupArticle, type DedupCandidate, type DedupIndex } from '../corpus/dedup/index.js';
import { textWords } from '../corpus/dedup/words.js';
import { sigFromBuffer, sigToBuffer } from '../corpus/dedup/minhash.js';
import { boilerplateSpans, inSpans } from '../corpus/stories/boilerplate.js';
import { articleVec, wordTermCounts, type ArticleVec } from '../corpus/stories/features.js';
import { storyLemma } from '../corpus/stories/lemmas.js';
import { storyHeadline } from '../corpus/stories/title.js';
import { daysBetween, indexKeys, linkParams, linkScore, reachDays as linkReachDays, vocabularyKey, windowOf, type LinkParams } from '../corpus/stories/link.js';
import { corpusFingerprint, type FingerprintState } from '../corpus/fingerprint.js';
import type { CorpusUpdater, StoredArticle } from './corpus-updaters.js';
import { textOf as unpackText } from './sqlite-terms.js';

type Row = Record<string, any>;

const stmtCache = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function q(db: Database.Database, sql: string): Database.Statement {
  let m = stmtCache.get(db);
  if (!m) stmtCache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}

// ---------------------------------------------------------------- near-duplicates

class SqliteDedupIndex implements DedupIndex {
  constructor(
    private readonly db: Database.Database,
    /** the article being linked (its rowid is known) */
    private readonly self: { id: string; rowid: number },
  ) {}
  byBands(keys: number[], exclude: string): DedupCandidate[] {
    const rows = q(
      this.db,
      `SELECT a.id, a.published, d.sig, o.id AS copy_of FROM
         (SELECT DISTINCT article FROM corpus_dedup_bands WHERE band IN (SELECT value FROM json_each(?))) b
       JOIN corpus_dedup d ON d.article = b.article JOIN articles a ON a.rowid = b.article
       LEFT JOIN articles o ON o.rowid = d.copy_of WHERE a.id <> ?`,
    ).all(JSON.stringify(keys), exclude) as Row[];
    return rows.filter((r) => r.sig).map((r) => ({ id: r.id, published: r.published, sig: sigFromBuffer(r.sig), copyOf: r.copy_of ?? null }));
  }
  copiesOf(original: string): DedupArticle[] {
    return q(
      this.db,
      `SELECT a.id, a.published FROM corpus_dedup d JOIN articles a ON a.rowid = d.article
       WHERE d.copy_of = (SELECT rowid FROM articles WHERE id = ?)`,
    ).all(original) as DedupArticle[];
  }
  article(id: string): DedupArticle | null {
    return (q(this.db, 'SELECT id, published FROM articles WHERE id = ?').get(id) as DedupArticle | undefined) ?? null;
  }
  setCopyOf(id: string, copyOf: string | null): void {
    q(this.db, `UPDATE corpus_dedup SET copy_of = (SELECT rowid FROM articles WHERE id = ?) WHERE article = (SELECT rowid FROM articles WHERE id = ?)`).run(copyOf, id);
  }
  putFingerprint(a: DedupArticle, fp: { sig: Uint32Array; bands: number[] } | null, copyOf: string | null): void {
    const rid = a.id === this.self.id ? this.self.rowid : ((q(this.db, 'SELECT rowid FROM articles WHERE id = ?').get(a.id) as Row).rowid as number);
    q(this.db, `INSERT OR REPLACE INTO corpus_dedup (article, sig, copy_of) VALUES (?, ?, (SELECT rowid FROM articles WHERE id = ?))`).run(
      rid,
      fp ? sigToBuffer(fp.sig) : null,
      copyOf,
    );
    if (fp) q(this.db, 'INSERT OR IGNORE INTO corpus_dedup_bands (band, article) SELECT value, ? FROM json_each(?)').run(rid, JSON.stringify(fp.bands));
  }
}

function textOf(db: Database.Database, a: StoredArticle): string {
  if (typeof a.json.text === 'string') return a.json.text;
  return unpackText((q(db, 'SELECT text FROM articles WHERE rowid = ?').get(a.rowid) as Row | undefined)?.text);
}

export const dedupUpdater: CorpusUpdater = {
  name: 'dedup',
  update(db, a) {
    const published = typeof a.json.published === 'string' ? a.json.published : null;
    const text = textOf(db, a);
    linkReprint(new SqliteDedupIndex(db, { id: a.json.id, rowid: a.rowid }), { id: a.json.id, published }, null, articleFingerprint(text, boilerplateSpans(text)));
  },
  reset(db) {
    db.exec('DELETE FROM corpus_dedup_bands; DELETE FROM corpus_dedup;');
  },
};

/** The original of each article that is a reprint (article id -> original's id); originals are absent. */
export function copyOfArticles(db: Database.Database, ids: string[]): Map<string, string> {
  const rows = q(
    db,
    `SELECT a.id, o.id AS original FROM articles a JOIN corpus_dedup d ON d.article = a.rowid JOIN articles o ON o.rowid = d.copy_of
     WHERE a.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids)) as Row[];
  return new Map(rows.map((r) => [r.id as string, r.original as string]));
}

/** The same by rowid (article rowid -> original's rowid), for the claims updater. */
export function copyOfRowids(db: Database.Database, rowids: number[]): Map<number, number> {
  const rows = q(
    db,
    `SELECT article, copy_of FROM corpus_dedup WHERE copy_of IS NOT NULL AND article IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(rowids)) as Row[];
  return new Map(rows.map((r) => [r.article as number, r.copy_of as number]));
}

// ---------------------------------------------------------------- stories

/** The public id of a story: a hash of its earliest article's id (earliest published, then id). */
export function storyIdOf(firstArticleId: string): string {
  return 's-' + createHash('sha1').update(firstArticleId).digest('hex').slice(0, 12);
}

function vecToJson(v: ArticleVec): string {
  return JSON.stringify([...v.ents, ...v.terms].map(([k, w]) => [k, Math.round(w * 1e6) / 1e6]));
}
/** A stored story vector, parsed once: entity keys (`e:`) and term keys with their weights. */
interface StoredVec {
  published: string | null;
  keys: string[];
  ws: Float64Array;
}

/** The vector as `parseVec(vecToJson(v))` gives it (the same rounded weights), without the JSON. */
function storedVec(v: ArticleVec, published: string | null): StoredVec {
  const n = v.ents.size + v.terms.size;
  const keys = new Array<string>(n);
  const ws = new Float64Array(n);
  let i = 0;
  for (const part of [v.ents, v.terms])
    for (const [k, w] of part) {
      keys[i] = k;
      ws[i++] = Math.round(w * 1e6) / 1e6;
    }
  return { published, keys, ws };
}

function parseVec(json: string, published: string | null): StoredVec {
  const pairs = JSON.parse(json) as [string, number][];
  const keys = new Array<string>(pairs.length);
  const ws = new Float64Array(pairs.length);
  for (let i = 0; i < pairs.length; i++) {
    keys[i] = pairs[i][0];
    ws[i] = pairs[i][1];
  }
  return { published, keys, ws };
}

/**
 * Parsed vectors of recently stored articles, per database (rowid -> vector): a new article is
 * compared with the articles of its time window, which were mostly stored shortly before it, so
 * their vectors are read and parsed once instead of once per later candidate. Bounded (oldest out);
 * emptied when the stories are reset. A vector never changes once its article is stored.
 */
const VEC_CACHE_SIZE = 20_000;
const vecCache = new WeakMap<Database.Database, Map<number, StoredVec>>();
function vecCacheOf(db: Database.Database): Map<number, StoredVec> {
  let m = vecCache.get(db);
  if (!m) vecCache.set(db, (m = new Map()));
  return m;
}
function cacheVec(db: Database.Database, rowid: number, v: StoredVec): void {
  const m = vecCacheOf(db);
  m.delete(rowid);
  m.set(rowid, v);
  if (m.size > VEC_CACHE_SIZE) m.delete(m.keys().next().value as number);
}

/** The decayed similarity of an article's vector and a stored one (as `similarityOf`, without building maps). */
function similarityToStored(v: ArticleVec, published: string | null, stored: StoredVec, p: LinkParams): number {
  const days = daysBetween(published, stored.published);
  if (days !== null && days > p.windowDays) return 0;
  let e = 0;
  let t = 0;
  let vocab: string | null = null;
  const { keys, ws } = stored;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const c = k.charCodeAt(0);
    if (c === 101 /* e */) {
      const x = v.ents.get(k);
      if (x) e += x * ws[i];
    } else if (c === 108 /* l: the stored vector's vocabulary */) vocab = k;
    else {
      const x = v.terms.get(k);
      if (x) t += x * ws[i];
    }
  }
  return linkScore(e, t, vocabularyKey(v.terms.keys()), vocab, days, p);
}

/** The days within which a stored article can still reach the threshold (link.ts `reachDays`). */
export function reachDays(p: LinkParams): number {
  return linkReachDays(p);
}

/** The entities a story vector counts: no outlets, mentions outside boilerplate only. */
export function storyEntities(entities: unknown, skip: [number, number][]): { id: string; mentions: number }[] {
  const out: { id: string; mentions: number }[] = [];
  for (const e of Array.isArray(entities) ? (entities as Row[]) : []) {
    if (!e || typeof e.id !== 'string' || e.kind === 'outlet') continue;
    const ms = Array.isArray(e.mentions) ? (e.mentions as Row[]) : [];
    const n = skip.length ? ms.filter((m) => !inSpans(skip, Number(m?.start))).length : ms.length;
    if (n) out.push({ id: e.id, mentions: n });
  }
  return out;
}

export interface StoryUpdate {
  story: string;
  linked: string[];
  merged: string[];
}

function earlierRow(a: { published: string | null; id: string }, b: { published: string | null; id: string }): boolean {
  const pa = a.published ?? '\uffff';
  const pb = b.published ?? '\uffff';
  return pa < pb || (pa === pb && a.id < b.id);
}

/**
 * `storyLemmas(text, lang, offset in skip)` over the words the near-duplicate fingerprint already
 * scanned (`textWords`: the same pattern over the same text), so the text is scanned once.
 */
export function lemmasOf(text: string, lang: string, skip: [number, number][]): string[] {
  const { starts, words } = textWords(text);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (skip.length && inSpans(skip, starts[i])) continue;
    const l = storyLemma(words[i], lang);
    if (l) out.push(l);
  }
  return out;
}

/**
 * The term key counts of the text's words outside `skip` (`wordTermCounts` over `textWords`): the
 * same vector as `lemmasOf` gives, each distinct word analysed once.
 */
export function termCountsOf(text: string, lang: string, skip: [number, number][]): Map<string, number> {
  const { starts, words } = textWords(text);
  return wordTermCounts(words, lang, skip.length ? (i) => inSpans(skip, starts[i]) : undefined);
}

/** Files one stored article into its story (incremental; the same groups in any order). */
export function updateStories(db: Database.Database, a: StoredArticle): StoryUpdate {
  return fileStory(db, a, true);
}

/** `updateStories`; the linked articles' ids are only looked up when `wantLinked` (the updater does not read them). */
function fileStory(db: Database.Database, a: StoredArticle, wantLinked: boolean): StoryUpdate {
  const p = linkParams();
  const json = a.json;
  const id = json.id;
  const published = typeof json.published === 'string' ? json.published : null;
  const lang = typeof json.lang === 'string' ? json.lang : 'und';
  const text = textOf(db, a);
  const skip = boilerplateSpans(text);
  const vec = articleVec({ id, lang, published, termCounts: termCountsOf(text, lang, skip), entities: storyEntities(json.entities, skip) });
  const keys = indexKeys(vec);

  // candidates: articles sharing enough index keys inside the reach of the window
  const win = windowOf(published, { ...p, windowDays: reachDays(p) });
  // the postings of the keys (one row per key an article shares), counted here: SQLite's GROUP BY
  // sorted every posting (a few hundred to thousands in a busy week) in a temporary b-tree
  const postings = (
    win.from
      ? q(
          db,
          // two searches of the key index, each on (key, published): an OR of the two kept the
          // search on key alone, reading every dated posting of a key however old (it grew with the corpus)
          `SELECT article FROM corpus_story_keys
           WHERE key IN (SELECT value FROM json_each(@keys)) AND published >= @from AND published <= @to
           UNION ALL
           SELECT article FROM corpus_story_keys WHERE key IN (SELECT value FROM json_each(@keys)) AND published = ''`,
        )
          .pluck()
          .all({ keys: JSON.stringify(keys), from: win.from, to: win.to })
      : q(db, `SELECT article FROM corpus_story_keys WHERE key IN (SELECT value FROM json_each(@keys))`)
          .pluck()
          .all({ keys: JSON.stringify(keys) })
  ) as number[];
  const shared = new Map<number, number>();
  for (const r of postings) shared.set(r, (shared.get(r) ?? 0) + 1);
  const cands: { article: number }[] = [];
  for (const [article, n] of shared) if (n >= p.minShared) cands.push({ article });
  const linkedRows: number[] = [];
  if (cands.length) {
    const cache = vecCacheOf(db);
    const missing: number[] = [];
    for (const c of cands) if (c.article !== a.rowid && !cache.has(c.article)) missing.push(c.article);
    if (missing.length)
      for (const r of q(db, `SELECT v.article, v.published, v.vec FROM corpus_story_vecs v WHERE v.article IN (SELECT value FROM json_each(?))`).all(
        JSON.stringify(missing),
      ) as Row[])
        cacheVec(db, r.article, parseVec(r.vec, r.published || null));
    for (const c of cands) {
      if (c.article === a.rowid) continue;
      const sv = cache.get(c.article);
      if (sv && similarityToStored(vec, published, sv, p) >= p.threshold) linkedRows.push(c.article);
    }
  }
  const vecJson = vecToJson(vec);
  q(db, 'INSERT OR REPLACE INTO corpus_story_vecs (article, published, vec) VALUES (?, ?, ?)').run(a.rowid, published ?? '', vecJson);
  cacheVec(db, a.rowid, storedVec(vec, published));
  if (keys.length)
    q(db, 'INSERT OR IGNORE INTO corpus_story_keys (key, published, article) SELECT value, ?, ? FROM json_each(?)').run(
      published ?? '',
      a.rowid,
      JSON.stringify(keys),
    );

  // the stories the links reach (by their internal keys)
  const keysHit = new Set<number>();
  if (linkedRows.length) {
    for (const r of q(db, 'SELECT DISTINCT story FROM corpus_story_articles WHERE article IN (SELECT value FROM json_each(?))').all(
      JSON.stringify(linkedRows),
    ) as Row[])
      keysHit.add(r.story);
    // linkedRows are distinct (one candidate row per article)
    q(db, 'UPDATE corpus_story_articles SET degree = degree + 1 WHERE article IN (SELECT value FROM json_each(?))').run(JSON.stringify(linkedRows));
  }
  const me = { id, published };
  let s: StoryRowT;
  const merged: string[] = [];
  if (!keysHit.size) {
    const sid = storyIdOf(id);
    const key = Number(
      q(db, 'INSERT INTO corpus_stories (id, first_article, first_published, last_published, n) VALUES (?, ?, ?, ?, 0)').run(sid, a.rowid, published, published)
        .lastInsertRowid,
    );
    history(db, key, published, 'open', id, null);
    s = { key, id: sid, first: me, firstRow: a.rowid, last: published, n: 0 };
  } else {
    const list = [...keysHit].map((k) => storyRow(db, k)).sort((x, y) => (earlierRow(x.first, y.first) ? -1 : 1));
    s = list.length > 1 ? mergeStories(db, list, published, id) : list[0];
    for (const other of list.slice(1)) merged.push(other.id);
  }
  q(db, 'INSERT INTO corpus_story_articles (article, story, lang, published, degree) VALUES (?, ?, ?, ?, ?)').run(
    a.rowid,
    s.key,
    lang,
    published,
    linkedRows.length,
  );
  addSummary(db, s.key, a.rowid, published);
  const insEnt = q(
    db,
    'INSERT INTO corpus_story_entities (story, entity, w) VALUES (?, ?, ?) ON CONFLICT (story, entity) DO UPDATE SET w = w + excluded.w',
  );
  for (const [k, w] of vec.ents) insEnt.run(s.key, k.slice(2), w);
  // counts, dates, and the id (which follows the earliest article)
  // the article count is kept, not counted (a count reads every article of a long story)
  let sid = s.id;
  const n = s.n + 1;
  const last = published && (!s.last || published > s.last) ? published : s.last;
  if (earlierRow(me, s.first)) {
    const newId = storyIdOf(id);
    // a rename changes the story's row alone: its articles, entities and history hold its key
    q(db, 'UPDATE corpus_stories SET id = ?, first_article = ?, first_published = ?, last_published = ?, n = ? WHERE key = ?').run(
      newId,
      a.rowid,
      published,
      last,
      n,
      s.key,
    );
    if (newId !== sid) {
      q(db, 'INSERT OR REPLACE INTO corpus_story_alias (id, story) VALUES (?, ?)').run(sid, s.key);
      history(db, s.key, published, 'renamed', id, sid);
      sid = newId;
    }
  } else q(db, 'UPDATE corpus_stories SET last_published = ?, n = ? WHERE key = ?').run(last, n, s.key);
  const linkedIds = wantLinked && linkedRows.length
    ? (q(db, 'SELECT id FROM articles WHERE rowid IN (SELECT value FROM json_each(?)) ORDER BY id').all(JSON.stringify(linkedRows)) as Row[]).map(
        (r) => r.id as string,
      )
    : [];
  return { story: sid, linked: linkedIds, merged };
}

/**
 * The story's summary rows (schema step 12: STORY_SUMMARY_MIGRATION) gain one article: its day
 * (articles per published day, with the earliest and latest `published` of the day) and its outlet.
 * List views read a story's coverage, dates and outlets from these (a few rows) instead of from
 * every article of the story.
 */
function addSummary(db: Database.Database, key: number, rowid: number, published: string | null): void {
  if (published)
    q(
      db,
      `INSERT INTO corpus_story_days (story, day, n, lo, hi) VALUES (?, substr(?, 1, 10), 1, ?, ?)
       ON CONFLICT (story, day) DO UPDATE SET n = n + 1, lo = min(lo, excluded.lo), hi = max(hi, excluded.hi)`,
    ).run(key, published, published, published);
  q(
    db,
    `INSERT INTO corpus_story_outlets (story, outlet, n) SELECT ?, outlet, 1 FROM articles WHERE rowid = ? AND outlet IS NOT NULL AND outlet <> ''
     ON CONFLICT (story, outlet) DO UPDATE SET n = n + 1`,
  ).run(key, rowid);
}

/** A merge moves the summary rows of story `from` into story `to`. */
function moveSummary(db: Database.Database, to: number, from: number): void {
  q(
    db,
    `INSERT INTO corpus_story_days (story, day, n, lo, hi) SELECT ?, day, n, lo, hi FROM corpus_story_days WHERE story = ?
     ON CONFLICT (story, day) DO UPDATE SET n = n + excluded.n, lo = min(lo, excluded.lo), hi = max(hi, excluded.hi)`,
  ).run(to, from);
  q(db, 'DELETE FROM corpus_story_days WHERE story = ?').run(from);
  q(
    db,
    `INSERT INTO corpus_story_outlets (story, outlet, n) SELECT ?, outlet, n FROM corpus_story_outlets WHERE story = ?
     ON CONFLICT (story, outlet) DO UPDATE SET n = n + excluded.n`,
  ).run(to, from);
  q(db, 'DELETE FROM corpus_story_outlets WHERE story = ?').run(from);
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
  /** its articles (kept up to date by every update and merge) */
  n: number;
}
function storyRow(db: Database.Database, key: number): StoryRowT {
  const r = q(
    db,
    `SELECT s.key, s.id, s.first_article, s.first_published, s.last_published, s.n, a.id AS first_id FROM corpus_stories s
     JOIN articles a ON a.rowid = s.first_article WHERE s.key = ?`,
  ).get(key) as Row;
  return { key: r.key, id: r.id, first: { id: r.first_id, published: r.first_published }, firstRow: r.first_article, last: r.last_published, n: r.n };
}

function history(db: Database.Database, key: number, date: string | null, kind: string, article: string, other: string | null): void {
  q(db, 'INSERT INTO corpus_story_history (story, date, kind, article, other) VALUES (?, ?, ?, ?, ?)').run(key, date, kind, article, other);
}

/**
 * Merges the stories of `list` (earliest first): the result has the public id, first article and
 * history of list[0] (its former ids and the others' become aliases, one 'merged' entry per other
 * story in list order) and keeps the internal key of the story with most articles, so only the
 * rows of the smaller stories move. Summed entity weights come out bit for bit as folding the
 * stories into list[0] one after another gives them: with two stories the one addition commutes;
 * with more, the sums are made in list order.
 */
function mergeStories(db: Database.Database, list: StoryRowT[], date: string | null, article: string): StoryRowT {
  let target = list[0];
  for (const x of list) if (x.n > target.n) target = x;
  const others = list.filter((x) => x !== target);
  if (list.length > 2) {
    // entity sums in list order (float addition is not associative)
    const keys = list.map((x) => x.key);
    const sum = new Map<string, number>();
    for (const x of list)
      for (const r of q(db, 'SELECT entity, w FROM corpus_story_entities WHERE story = ?').all(x.key) as Row[]) {
        const v = sum.get(r.entity);
        sum.set(r.entity, v === undefined ? r.w : v + r.w);
      }
    q(db, 'DELETE FROM corpus_story_entities WHERE story IN (SELECT value FROM json_each(?))').run(JSON.stringify(keys));
    const ins = q(db, 'INSERT INTO corpus_story_entities (story, entity, w) VALUES (?, ?, ?)');
    for (const [e, w] of sum) ins.run(target.key, e, w);
  }
  for (const o of others) {
    q(db, 'UPDATE corpus_story_articles SET story = ? WHERE story = ?').run(target.key, o.key);
    moveSummary(db, target.key, o.key);
    if (list.length === 2) {
      q(
        db,
        `INSERT INTO corpus_story_entities (story, entity, w) SELECT ?, entity, w FROM corpus_story_entities WHERE story = ?
         ON CONFLICT (story, entity) DO UPDATE SET w = w + excluded.w`,
      ).run(target.key, o.key);
      q(db, 'DELETE FROM corpus_story_entities WHERE story = ?').run(o.key);
    }
    q(db, 'UPDATE corpus_story_history SET story = ? WHERE story = ?').run(target.key, o.key);
    q(db, 'UPDATE corpus_story_alias SET story = ? WHERE story = ?').run(target.key, o.key);
    q(db, 'DELETE FROM corpus_stories WHERE key = ?').run(o.key);
  }
  const first = list[0];
  const last = list.map((x) => x.last).filter(Boolean).sort().pop() ?? null;
  const n = list.reduce((t, x) => t + x.n, 0);
  q(db, 'UPDATE corpus_stories SET id = ?, first_article = ?, first_published = ?, last_published = ?, n = ? WHERE key = ?').run(
    first.id,
    first.firstRow,
    first.first.published,
    last,
    n,
    target.key,
  );
  for (const o of list.slice(1)) {
    q(db, 'INSERT OR REPLACE INTO corpus_story_alias (id, story) VALUES (?, ?)').run(o.id, target.key);
    history(db, target.key, date, 'merged', article, o.id);
  }
  return { key: target.key, id: first.id, first: first.first, firstRow: first.firstRow, last, n };
}

/** Databases whose corpus fingerprint is known to be stored (src/corpus/fingerprint.ts). */
const stamped = new WeakSet<Database.Database>();

/**
 * Before an article joins the stories: an empty corpus takes this version's fingerprint (a fresh
 * database, or one whose corpus holds nothing yet); one that holds stories keeps the fingerprint it
 * has (or none: built before fingerprints were kept). Once the row is there, nothing more per article.
 */
function stampFingerprint(db: Database.Database): void {
  if (stamped.has(db)) return;
  if (q(db, "SELECT 1 FROM corpus_meta WHERE key = 'fingerprint'").get()) {
    stamped.add(db);
    return;
  }
  q(
    db,
    `INSERT INTO corpus_meta (key, value) SELECT 'fingerprint', ? WHERE NOT EXISTS (SELECT 1 FROM corpus_stories)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(corpusFingerprint());
}

/** The stored corpus fingerprint and whether any article is stored. */
export function readFingerprint(db: Database.Database): FingerprintState {
  const r = q(db, "SELECT value FROM corpus_meta WHERE key = 'fingerprint'").get() as Row | undefined;
  return { stored: (r?.value as string | undefined) ?? null, articles: !!q(db, 'SELECT 1 FROM articles LIMIT 1').get() };
}

export const storiesUpdater: CorpusUpdater = {
  name: 'stories',
  update(db, a) {
    stampFingerprint(db);
    fileStory(db, a, false);
  },
  reset(db) {
    vecCache.delete(db);
    // a rebuild recomputes the stories with this version's code and data
    q(db, "INSERT INTO corpus_meta (key, value) VALUES ('fingerprint', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(corpusFingerprint());
    stamped.add(db);
    db.exec(`DELETE FROM corpus_story_keys; DELETE FROM corpus_story_vecs; DELETE FROM corpus_story_articles;
             DELETE FROM corpus_story_entities; DELETE FROM corpus_story_alias; DELETE FROM corpus_story_history;
             DELETE FROM corpus_story_days; DELETE FROM corpus_story_outlets; DELETE FROM corpus_stories;`);
  },
};

/** The story id of each article (rowid -> story id), for the claims. */
export function storyOfArticles(db: Database.Database, rowids: number[]): Map<number, string> {
  const rows = q(
    db,
    `SELECT sa.article, s.id FROM corpus_story_articles sa JOIN corpus_stories s ON s.key = sa.story
     WHERE sa.article IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(rowids)) as Row[];
  return new Map(rows.map((r) => [r.article as number, r.id as string]));
}

/**
 * Schema step 13: facts about the corpus as a whole; key 'fingerprint': the code and data the
 * stories and claims were computed with (src/corpus/fingerprint.ts). A database that already holds
 * stories gets no row: its stories are from earlier parameters, and the read commands say to rebuild.
 */
export const CORPUS_META_MIGRATION = `
  CREATE TABLE corpus_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
`;

export const STORIES_MIGRATION = `
  CREATE TABLE corpus_dedup (
    article INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    sig     BLOB,
    copy_of INTEGER
  );
  CREATE INDEX corpus_dedup_copy_of ON corpus_dedup(copy_of);
  CREATE TABLE corpus_dedup_bands (
    band    INTEGER NOT NULL,
    article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    PRIMARY KEY (band, article)
  ) WITHOUT ROWID;
  CREATE TABLE corpus_story_vecs (
    article   INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    published TEXT NOT NULL,
    vec       TEXT NOT NULL
  );
  CREATE TABLE corpus_story_keys (
    key       TEXT NOT NULL,
    published TEXT NOT NULL,
    article   INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    PRIMARY KEY (key, published, article)
  ) WITHOUT ROWID;
  CREATE TABLE corpus_stories (
    id              TEXT PRIMARY KEY,
    first_article   INTEGER NOT NULL,
    first_published TEXT,
    last_published  TEXT,
    n               INTEGER NOT NULL
  );
  CREATE INDEX corpus_stories_last ON corpus_stories(last_published);
  CREATE TABLE corpus_story_articles (
    article   INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    story     TEXT NOT NULL,
    lang      TEXT NOT NULL,
    published TEXT,
    degree    INTEGER NOT NULL
  );
  CREATE INDEX corpus_story_articles_story ON corpus_story_articles(story, lang, degree);
  CREATE TABLE corpus_story_entities (
    story  TEXT NOT NULL,
    entity TEXT NOT NULL,
    w      REAL NOT NULL,
    PRIMARY KEY (story, entity)
  ) WITHOUT ROWID;
  CREATE TABLE corpus_story_alias (
    id    TEXT PRIMARY KEY,
    story TEXT NOT NULL
  );
  CREATE TABLE corpus_story_history (
    story   TEXT NOT NULL,
    date    TEXT,
    kind    TEXT NOT NULL,
    article TEXT NOT NULL,
    other   TEXT
  );
  CREATE INDEX corpus_story_history_story ON corpus_story_history(story);
`;

/**
 * Stories under internal integer keys (migration step 9): rows of a story (members, summed
 * entities, history, former ids) hold `corpus_stories.key`, which never changes while the story
 * lives, so a rename (a new earliest article) changes one row and a merge moves the rows of the
 * smaller stories only. The public id (`corpus_stories.id`, contract parley/story@1) is unchanged.
 * Existing rows are converted in place; history keeps its order (rowid).
 */
export const STORY_KEYS_MIGRATION = `
  CREATE TABLE corpus_stories_k (
    key             INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    first_article   INTEGER NOT NULL,
    first_published TEXT,
    last_published  TEXT,
    n               INTEGER NOT NULL
  );
  INSERT INTO corpus_stories_k (id, first_article, first_published, last_published, n)
    SELECT id, first_article, first_published, last_published, n FROM corpus_stories ORDER BY rowid;
  CREATE TABLE corpus_story_articles_k (
    article   INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    story     INTEGER NOT NULL,
    lang      TEXT NOT NULL,
    published TEXT,
    degree    INTEGER NOT NULL
  );
  INSERT INTO corpus_story_articles_k (article, story, lang, published, degree)
    SELECT sa.article, s.key, sa.lang, sa.published, sa.degree FROM corpus_story_articles sa JOIN corpus_stories_k s ON s.id = sa.story;
  CREATE TABLE corpus_story_entities_k (
    story  INTEGER NOT NULL,
    entity TEXT NOT NULL,
    w      REAL NOT NULL,
    PRIMARY KEY (story, entity)
  ) WITHOUT ROWID;
  INSERT INTO corpus_story_entities_k (story, entity, w)
    SELECT s.key, e.entity, e.w FROM corpus_story_entities e JOIN corpus_stories_k s ON s.id = e.story;
  CREATE TABLE corpus_story_alias_k (
    id    TEXT PRIMARY KEY,
    story INTEGER NOT NULL
  );
  INSERT INTO corpus_story_alias_k (id, story)
    SELECT al.id, s.key FROM corpus_story_alias al JOIN corpus_stories_k s ON s.id = al.story;
  CREATE TABLE corpus_story_history_k (
    story   INTEGER NOT NULL,
    date    TEXT,
    kind    TEXT NOT NULL,
    article TEXT NOT NULL,
    other   TEXT
  );
  INSERT INTO corpus_story_history_k (rowid, story, date, kind, article, other)
    SELECT h.rowid, s.key, h.date, h.kind, h.article, h.other FROM corpus_story_history h JOIN corpus_stories_k s ON s.id = h.story ORDER BY h.rowid;
  DROP TABLE corpus_stories;
  DROP TABLE corpus_story_articles;
  DROP TABLE corpus_story_entities;
  DROP TABLE corpus_story_alias;
  DROP TABLE corpus_story_history;
  ALTER TABLE corpus_stories_k RENAME TO corpus_stories;
  ALTER TABLE corpus_story_articles_k RENAME TO corpus_story_articles;
  ALTER TABLE corpus_story_entities_k RENAME TO corpus_story_entities;
  ALTER TABLE corpus_story_alias_k RENAME TO corpus_story_alias;
  ALTER TABLE corpus_story_history_k RENAME TO corpus_story_history;
  CREATE INDEX corpus_stories_last ON corpus_stories(last_published);
  CREATE INDEX corpus_story_articles_story ON corpus_story_articles(story, lang, degree);
  CREATE INDEX corpus_story_alias_story ON corpus_story_alias(story);
  CREATE INDEX corpus_story_history_story ON corpus_story_history(story);
`;

/**
 * Migration step 10: the near-duplicate and story rows without foreign keys to articles. Each
 * checked key cost a look-up of the article per inserted row (32 band rows, 16 key rows, ...):
 * with the checks, the near-duplicate write took 0.55 ms of an article's 1.3 ms corpus update.
 * No article is ever deleted (a rebuild empties these tables itself), so ON DELETE CASCADE had
 * nothing to do; every read joins articles anyway.
 */
export const CORPUS_NO_FK_MIGRATION = `
  CREATE TABLE corpus_dedup_n (
    article INTEGER PRIMARY KEY,
    sig     BLOB,
    copy_of INTEGER
  );
  INSERT INTO corpus_dedup_n SELECT article, sig, copy_of FROM corpus_dedup;
  CREATE TABLE corpus_dedup_bands_n (
    band    INTEGER NOT NULL,
    article INTEGER NOT NULL,
    PRIMARY KEY (band, article)
  ) WITHOUT ROWID;
  INSERT INTO corpus_dedup_bands_n SELECT band, article FROM corpus_dedup_bands ORDER BY band, article;
  CREATE TABLE corpus_story_vecs_n (
    article   INTEGER PRIMARY KEY,
    published TEXT NOT NULL,
    vec       TEXT NOT NULL
  );
  INSERT INTO corpus_story_vecs_n SELECT article, published, vec FROM corpus_story_vecs;
  CREATE TABLE corpus_story_keys_n (
    key       TEXT NOT NULL,
    published TEXT NOT NULL,
    article   INTEGER NOT NULL,
    PRIMARY KEY (key, published, article)
  ) WITHOUT ROWID;
  INSERT INTO corpus_story_keys_n SELECT key, published, article FROM corpus_story_keys ORDER BY key, published, article;
  CREATE TABLE corpus_story_articles_n (
    article   INTEGER PRIMARY KEY,
    story     INTEGER NOT NULL,
    lang      TEXT NOT NULL,
    published TEXT,
    degree    INTEGER NOT NULL
  );
  INSERT INTO corpus_story_articles_n SELECT article, story, lang, published, degree FROM corpus_story_articles;
  DROP TABLE corpus_dedup;
  DROP TABLE corpus_dedup_bands;
  DROP TABLE corpus_story_vecs;
  DROP TABLE corpus_story_keys;
  DROP TABLE corpus_story_articles;
  ALTER TABLE corpus_dedup_n RENAME TO corpus_dedup;
  ALTER TABLE corpus_dedup_bands_n RENAME TO corpus_dedup_bands;
  ALTER TABLE corpus_story_vecs_n RENAME TO corpus_story_vecs;
  ALTER TABLE corpus_story_keys_n RENAME TO corpus_story_keys;
  ALTER TABLE corpus_story_articles_n RENAME TO corpus_story_articles;
  CREATE INDEX corpus_dedup_copy_of ON corpus_dedup(copy_of);
  CREATE INDEX corpus_story_articles_story ON corpus_story_articles(story, lang, degree);
`;

/**
 * Migration step 12: summary rows per story, kept by the stories updater (`addSummary`, merges,
 * reset), and indexes on a story's rows by date, so a story's head (list views) reads a few rows
 * per story instead of every article of it (a story of 14,000 articles took 90 ms, most of it
 * joining every article for its outlets and grouping every row by day):
 *   corpus_story_days(story, day, n, lo, hi)   articles per published day (`day`: the first 10
 *                                              characters), earliest and latest `published` of the day
 *   corpus_story_outlets(story, outlet, n)     articles per outlet (non-empty outlets)
 * The index on corpus_claim_reports(article, claim) answers a story's claims from the index alone.
 */
export const STORY_SUMMARY_MIGRATION = `
  CREATE TABLE corpus_story_days (
    story INTEGER NOT NULL,
    day   TEXT NOT NULL,
    n     INTEGER NOT NULL,
    lo    TEXT NOT NULL,
    hi    TEXT NOT NULL,
    PRIMARY KEY (story, day)
  ) WITHOUT ROWID;
  INSERT INTO corpus_story_days (story, day, n, lo, hi)
    SELECT story, substr(published, 1, 10), count(*), min(published), max(published) FROM corpus_story_articles
    WHERE published IS NOT NULL AND published <> '' GROUP BY story, substr(published, 1, 10);
  CREATE TABLE corpus_story_outlets (
    story  INTEGER NOT NULL,
    outlet TEXT NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (story, outlet)
  ) WITHOUT ROWID;
  INSERT INTO corpus_story_outlets (story, outlet, n)
    SELECT sa.story, a.outlet, count(*) FROM corpus_story_articles sa JOIN articles a ON a.rowid = sa.article
    WHERE a.outlet IS NOT NULL AND a.outlet <> '' GROUP BY sa.story, a.outlet;
  CREATE INDEX corpus_story_articles_published ON corpus_story_articles(story, published);
  CREATE INDEX corpus_story_articles_lang_published ON corpus_story_articles(story, lang, published);
  CREATE INDEX corpus_claim_reports_article_claim ON corpus_claim_reports(article, claim);
`;

// ---------------------------------------------------------------- reading stories (parley/story@1)

export interface StoryJson {
  schema: 'parley/story@1';
  id: string;
  title: { ru?: string; uk?: string; en?: string };
  articles: string[];
  langs: string[];
  outlets: string[];
  from: string | null;
  to: string | null;
  entities: string[];
  claims: string[];
  /** merges and renames, oldest first (not in the contract's required fields) */
  history: { date: string | null; kind: string; article: string; other: string | null }[];
  /** the id asked for when it was a former id of this story */
  aliasOf?: string;
}

export interface StoryFilter {
  /** only stories with this entity among their articles' entities */
  entity?: string;
  /** only stories with an article in this language */
  lang?: string;
  /** date span (ISO prefixes) the story's articles overlap */
  from?: string;
  to?: string;
  /** only stories with at least this many articles */
  minArticles?: number;
  limit?: number;
  offset?: number;
}

/** A story by its public id or a former id: its internal key, its current public id, and the id asked for when that was a former one. */
function resolveStory(db: Database.Database, id: string): { key: number; id: string; aliasOf?: string } | null {
  const s = q(db, 'SELECT key FROM corpus_stories WHERE id = ?').get(id) as Row | undefined;
  if (s) return { key: s.key as number, id };
  const al = q(db, 'SELECT s.key, s.id FROM corpus_story_alias al JOIN corpus_stories s ON s.key = al.story WHERE al.id = ?').get(id) as Row | undefined;
  return al ? { key: al.key as number, id: al.id as string, aliasOf: id } : null;
}

function hasTable(db: Database.Database, name: string): boolean {
  return !!q(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
}

const headline = storyHeadline;

/** The story@1 object of a story id (a former id resolves to the story it became). */
export function readStory(db: Database.Database, id: string): StoryJson | null {
  const st = resolveStory(db, id);
  if (!st) return null;
  const { key, id: sid, aliasOf } = st;
  const arts = q(
    db,
    `SELECT a.id, a.published, a.lang, a.outlet, a.title, sa.degree, sa.article AS rowid FROM corpus_story_articles sa
     JOIN articles a ON a.rowid = sa.article WHERE sa.story = ?`,
  ).all(key) as Row[];
  if (!arts.length) return null;
  arts.sort((x, y) => earlierFirst(x, y));
  // the most central article per language: most links inside the story, then the earliest
  const title: Record<string, string> = {};
  const best = new Map<string, Row>();
  for (const r of arts) {
    const b = best.get(r.lang);
    if (!b || r.degree > b.degree) best.set(r.lang, r);
  }
  for (const [lang, r] of best) {
    if (!['ru', 'uk', 'en'].includes(lang)) continue;
    const t = q(db, 'SELECT title, text FROM articles WHERE rowid = ?').get(r.rowid) as Row;
    title[lang] = headline(t.title, t.title ? null : unpackText(t.text));
  }
  const langs = [...new Set(arts.map((r) => r.lang as string))].sort();
  const outlets = [...new Set(arts.map((r) => r.outlet as string | null).filter((x): x is string => !!x))].sort();
  const dates = arts.map((r) => r.published as string | null).filter((x): x is string => !!x).sort();
  const { entities, claims, hist } = storyExtras(db, key);
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

function earlierFirst(x: Row, y: Row): number {
  const px = x.published ?? '\uffff';
  const py = y.published ?? '\uffff';
  return px < py ? -1 : px > py ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

/** Stories, latest first (by their last publication date, then id), filtered. */
export function readStories(db: Database.Database, f: StoryFilter = {}): StoryJson[] {
  const ids = storyIdsOf(db, f);
  return ids.map((id) => readStory(db, id)).filter((s): s is StoryJson => !!s);
}

/** The article ids of a story (a former id resolves), in publication order; null when unknown. */
export function storyArticleIds(db: Database.Database, id: string): string[] | null {
  const s = readStory(db, id);
  return s ? s.articles : null;
}

/** The stories of a SQLite store, as the corpus library reads them (src/corpus/stories/index.ts). */
export class SqliteStories {
  constructor(private readonly db: Database.Database) {}
  async list(filter: StoryFilter = {}): Promise<StoryJson[]> {
    return readStories(this.db, filter);
  }
  async get(id: string): Promise<StoryJson | null> {
    return readStory(this.db, id);
  }
  async count(): Promise<number> {
    return (q(this.db, 'SELECT count(*) AS n FROM corpus_stories').get() as Row).n as number;
  }
  /** the corpus fingerprint stored (src/corpus/fingerprint.ts) */
  async fingerprint(): Promise<FingerprintState> {
    return readFingerprint(this.db);
  }
  /** article id -> its original's id, for the reprints among `ids` */
  async copyOf(ids: string[]): Promise<Map<string, string>> {
    return copyOfArticles(this.db, ids);
  }
  /** bounded reads (list views): `readStoryHeads`, `readStoryHead`, `readStoryOfArticle`, `readStoryArticlePage` */
  async heads(filter: StoryFilter & { story?: string } = {}, latest = 20): Promise<StoryHead[]> {
    return storyIdsOf(this.db, filter)
      .map((id) => readStoryHead(this.db, id, latest))
      .filter((s): s is StoryHead => !!s);
  }
  async head(id: string, latest = 20): Promise<StoryHead | null> {
    return readStoryHead(this.db, id, latest);
  }
  async storyOf(article: string): Promise<string | null> {
    return readStoryOfArticle(this.db, article);
  }
  async articlePage(id: string, offset: number, limit: number): Promise<string[] | null> {
    return readStoryArticlePage(this.db, id, offset, limit);
  }
}

// ---------------------------------------------------------------- bounded reads (list views, the API)

/** A story@1 object whose `articles` holds only its latest ids (the tail of the full list, same order), with totals. */
export interface StoryHead extends StoryJson {
  /** all its articles */
  articleCount: number;
  /** articles per published day (UTC date prefix), oldest first */
  coverage: { date: string; n: number }[];
}

/**
 * `readStory` bounded for list views: aggregates over the story's rows (index on story) instead
 * of reading every article into JS; `articles` is the latest `latest` ids in the story's order.
 * Every other field is as `readStory` gives it.
 */
export function readStoryHead(db: Database.Database, id: string, latest: number): StoryHead | null {
  const st = resolveStory(db, id);
  if (!st) return null;
  const { key, id: sid, aliasOf } = st;
  // the article count is kept on the story's row (every update and merge keeps it)
  const n = ((q(db, 'SELECT n FROM corpus_stories WHERE key = ?').get(key) as Row | undefined)?.n as number | undefined) ?? 0;
  if (!n) return null;
  // its languages: one index step per language (the index on (story, lang, degree)), not every row
  const langs = (
    q(
      db,
      `WITH RECURSIVE l(lang) AS (
         SELECT (SELECT min(lang) FROM corpus_story_articles WHERE story = @key)
         UNION ALL
         SELECT (SELECT min(lang) FROM corpus_story_articles WHERE story = @key AND lang > l.lang) FROM l WHERE l.lang IS NOT NULL)
       SELECT lang FROM l WHERE lang IS NOT NULL`,
    ).all({ key }) as Row[]
  )
    .map((r) => r.lang as string)
    .sort();
  // titles in the order readStory gives them: by each language's earliest article (undated last),
  // from the index on (story, lang, published)
  const firsts: { lang: string; key: string }[] = [];
  for (const lang of langs) {
    const dated = q(db, 'SELECT min(published) AS p FROM corpus_story_articles WHERE story = ? AND lang = ? AND published IS NOT NULL').get(key, lang) as Row;
    const r = (
      dated.p !== null
        ? q(db, `SELECT min(a.id) AS id FROM corpus_story_articles sa JOIN articles a ON a.rowid = sa.article WHERE sa.story = ? AND sa.lang = ? AND sa.published = ?`).get(
            key,
            lang,
            dated.p,
          )
        : q(db, `SELECT min(a.id) AS id FROM corpus_story_articles sa JOIN articles a ON a.rowid = sa.article WHERE sa.story = ? AND sa.lang = ? AND sa.published IS NULL`).get(
            key,
            lang,
          )
    ) as Row;
    firsts.push({ lang, key: `${dated.p ?? '\uffff'}\u0000${r.id}` });
  }
  firsts.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const title: Record<string, string> = {};
  for (const { lang } of firsts) {
    if (!['ru', 'uk', 'en'].includes(lang)) continue;
    // the most central article of the language: most links inside the story, then the earliest
    const r = q(
      db,
      `SELECT a.rowid AS rid FROM corpus_story_articles sa JOIN articles a ON a.rowid = sa.article
       WHERE sa.story = ? AND sa.lang = ? AND sa.degree = (SELECT max(degree) FROM corpus_story_articles WHERE story = ? AND lang = ?)
       ORDER BY a.published IS NULL, a.published, a.id LIMIT 1`,
    ).get(key, lang, key, lang) as Row;
    title[lang] = articleHeadline(db, r.rid as number);
  }
  // outlets and coverage from the story's summary rows (STORY_SUMMARY_MIGRATION)
  const outlets = (q(db, 'SELECT outlet FROM corpus_story_outlets WHERE story = ?').all(key) as Row[]).map((r) => r.outlet as string).sort();
  const cov = q(db, 'SELECT day AS date, n, lo, hi FROM corpus_story_days WHERE story = ? ORDER BY day').all(key) as Row[];
  // the latest ids: the cut-off date of the latest `latest` rows (undated first, then the newest
  // dates) from the index on (story, published), then only the rows from it on
  const want = Math.max(0, Math.floor(latest));
  let ids: string[] = [];
  if (want) {
    const at = Math.min(want, n) - 1;
    const undated = (q(db, 'SELECT count(*) AS u FROM corpus_story_articles WHERE story = ? AND published IS NULL').get(key) as Row).u as number;
    const latestRows = q(
      db,
      `SELECT id FROM (
         SELECT a.id, a.published FROM corpus_story_articles sa JOIN articles a ON a.rowid = sa.article WHERE sa.story = @key AND sa.published IS NULL
         UNION ALL
         SELECT a.id, a.published FROM corpus_story_articles sa JOIN articles a ON a.rowid = sa.article WHERE sa.story = @key AND @dated AND sa.published >= @cut)
       ORDER BY published IS NULL DESC, published DESC, id DESC LIMIT @want`,
    );
    let cut: string | null = null;
    if (at >= undated)
      cut = (q(db, 'SELECT published AS p FROM corpus_story_articles WHERE story = ? AND published IS NOT NULL ORDER BY published DESC LIMIT 1 OFFSET ?').get(key, at - undated) as Row).p as string;
    ids = (latestRows.all({ key, dated: cut === null ? 0 : 1, cut, want }) as Row[]).map((r) => r.id as string).reverse();
  }
  const { entities, claims, hist } = storyExtras(db, key);
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
    coverage: cov.map((r) => ({ date: r.date as string, n: r.n as number })),
  };
  if (aliasOf) out.aliasOf = aliasOf;
  return out;
}

/**
 * The headline of a stored article (`storyHeadline` of its title, else of its text), remembered per
 * database: an article is never changed once stored, and an article without a title costs
 * inflating its whole text and finding its first line (about 0.2 ms) every time a list shows its
 * story. Bounded (oldest out).
 */
const HEADLINE_CACHE_SIZE = 50_000;
const headlineCache = new WeakMap<Database.Database, Map<number, string>>();
function articleHeadline(db: Database.Database, rowid: number): string {
  let m = headlineCache.get(db);
  if (!m) headlineCache.set(db, (m = new Map()));
  let h = m.get(rowid);
  if (h === undefined) {
    const t = q(db, 'SELECT title, text FROM articles WHERE rowid = ?').get(rowid) as Row;
    h = headline(t.title, t.title ? null : unpackText(t.text));
    m.set(rowid, h);
    if (m.size > HEADLINE_CACHE_SIZE) m.delete(m.keys().next().value as number);
  }
  return h;
}

/** `readStories` bounded: the same stories in the same order, each as `readStoryHead`. */
export function readStoryHeads(db: Database.Database, f: StoryFilter = {}, latest = 20): StoryHead[] {
  const ids = storyIdsOf(db, f);
  return ids.map((id) => readStoryHead(db, id, latest)).filter((s): s is StoryHead => !!s);
}

function storyIdsOf(db: Database.Database, f: StoryFilter & { story?: string }): string[] {
  const where: string[] = [];
  const params: Row = {};
  if (f.story) {
    where.push('s.id = @story');
    params.story = f.story;
  }
  if (f.entity) {
    where.push('s.key IN (SELECT story FROM corpus_story_entities WHERE entity = @entity)');
    params.entity = f.entity;
  }
  if (f.lang) {
    where.push('EXISTS (SELECT 1 FROM corpus_story_articles sa WHERE sa.story = s.key AND sa.lang = @lang)');
    params.lang = f.lang;
  }
  if (f.from) {
    where.push("coalesce(s.last_published, '') >= @from");
    params.from = f.from;
  }
  if (f.to) {
    where.push(`substr(coalesce(s.first_published, ''), 1, ${f.to.length}) <= @to`);
    params.to = f.to;
  }
  if (f.minArticles && f.minArticles > 1) {
    where.push('s.n >= @min');
    params.min = f.minArticles;
  }
  const limit = Math.max(1, Math.min(10000, Math.floor(f.limit ?? 50)));
  const offset = Math.max(0, Math.floor(f.offset ?? 0));
  return (
    q(
      db,
      `SELECT s.id FROM corpus_stories s ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY s.last_published IS NULL, s.last_published DESC, s.id LIMIT @limit OFFSET @offset`,
    ).all({ ...params, limit, offset }) as Row[]
  ).map((r) => r.id as string);
}

/** The story an article is filed in (its current id), or null. */
export function readStoryOfArticle(db: Database.Database, article: string): string | null {
  const r = q(
    db,
    'SELECT s.id AS story FROM corpus_story_articles sa JOIN corpus_stories s ON s.key = sa.story WHERE sa.article = (SELECT rowid FROM articles WHERE id = ?)',
  ).get(article) as Row | undefined;
  return (r?.story as string | undefined) ?? null;
}

/** A page of a story's article ids in the story's order (publication order, undated last); null for an unknown story. */
export function readStoryArticlePage(db: Database.Database, id: string, offset: number, limit: number): string[] | null {
  const st = resolveStory(db, id);
  if (!st) return null;
  const key = st.key;
  return (
    q(
      db,
      `SELECT a.id FROM corpus_story_articles sa JOIN articles a ON a.rowid = sa.article WHERE sa.story = ?
       ORDER BY a.published IS NULL, a.published, a.id LIMIT ? OFFSET ?`,
    ).all(key, Math.max(0, Math.floor(limit)), Math.max(0, Math.floor(offset))) as Row[]
  ).map((r) => r.id as string);
}

/** A story's top entities, its claims and its history (the full story and the story head read them alike). */
function storyExtras(db: Database.Database, key: number): { entities: string[]; claims: string[]; hist: StoryJson['history'] } {
  const entities = (q(db, 'SELECT entity FROM corpus_story_entities WHERE story = ? ORDER BY w DESC, entity LIMIT 10').all(key) as Row[]).map(
    (r) => r.entity as string,
  );
  // from the per-story claim counts the triggers keep (schema step 16: src/store/sqlite-story-claims.ts)
  const claims = hasTable(db, 'corpus_story_claims')
    ? (q(db, 'SELECT claim FROM corpus_story_claims WHERE story = ? ORDER BY claim').pluck().all(key) as string[])
    : hasTable(db, 'corpus_claim_reports')
    ? (
        q(
          db,
          `SELECT DISTINCT cr.claim FROM corpus_claim_reports cr JOIN corpus_story_articles sa ON sa.article = cr.article
           WHERE sa.story = ? ORDER BY cr.claim`,
        ).all(key) as Row[]
      ).map((r) => r.claim as string)
    : [];
  const hist = q(db, 'SELECT date, kind, article, other FROM corpus_story_history WHERE story = ? ORDER BY rowid').all(key) as StoryJson['history'];
  return { entities, claims, hist };
}
