/**
 * The store: where analysed articles are kept and queried. `SqliteStore` (the default, one file)
 * implements it; a PostgreSQL implementation will satisfy the same interface, which is why every
 * method returns a Promise even though SQLite answers synchronously.
 */
import type { Doc } from '../doc/model.js';

/** A `parley/article@1` object as written by `toArticleJson` (tokens optional). */
export type ArticleJson = Record<string, unknown> & { schema: string; id: string; text: string };

export interface PutResult {
  id: string;
  status: 'new' | 'duplicate';
}

/** Turns one query word into the base forms to look up (lower-cased, any case is fine). */
export interface Lemmatizer {
  lemmas(word: string, lang?: string): string[];
}

export interface DateRange {
  /** ISO date or prefix (`2026`, `2026-02`, `2026-02-05`), inclusive */
  from?: string;
  /** ISO date or prefix, inclusive (`2026-02` covers the whole month) */
  to?: string;
}

export interface SearchQuery extends DateRange {
  text: string;
  lang?: string;
  outlet?: string;
  /** only articles that mention this entity id */
  entity?: string;
  limit?: number;
  offset?: number;
  /** markers put around matched words in `snippet` (default « and ») */
  mark?: [string, string];
  /** snippet length in characters (about) */
  snippetChars?: number;
}

export interface SearchHit {
  id: string;
  title: string | null;
  /** the first words of the text (for articles without a title) */
  lead: string;
  published: string | null;
  lang: string;
  outlet: string | null;
  path: string | null;
  url: string | null;
  /** bm25 rank (lower is better, as SQLite gives it) */
  score: number;
  snippet: string;
  /** offsets of the matched words inside the article text */
  matches: { start: number; end: number; text: string }[];
}

export interface SearchResult {
  query: string;
  /** what each query word was expanded to */
  terms: { word: string; lemmas: string[]; forms: string[] }[];
  total: number;
  hits: SearchHit[];
}

export interface Stats {
  articles: number;
  byLang: { lang: string; n: number }[];
  byOutlet: { outlet: string | null; n: number }[];
  byMonth: { month: string | null; n: number }[];
  entities: number;
  mentions: number;
  quotes: number;
  events: number;
  times: number;
  attributions: number;
}

export interface EntityFilter {
  type?: string;
  /** rows to skip (pagination) */
  offset?: number;
  /** only these ids */
  id?: string;
  /** name substring (any language, case-insensitive) */
  name?: string;
  limit?: number;
}

export interface EntitySummary {
  id: string;
  type: string;
  /** most frequent base form over all articles */
  name: string;
  /** base form per article language (and any `names` the linker gave) */
  names: Record<string, string>;
  articles: number;
  mentions: number;
  roles: string[];
}

export interface QuoteFilter extends DateRange {
  speaker?: string;
  /** rows to skip (pagination) */
  offset?: number;
  kind?: string;
  lang?: string;
  limit?: number;
}

export interface QuoteRecord {
  article: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  lang: string;
  start: number;
  end: number;
  text: string;
  kind: string;
  speaker: string | null;
  speakerName: string | null;
  cue: string | null;
  via: string | null;
}

export interface EventFilter extends DateRange {
  type?: string;
  /** rows to skip (pagination) */
  offset?: number;
  actor?: string;
  status?: string;
  mode?: string;
  lang?: string;
  limit?: number;
}

export interface EventRecord {
  article: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  url: string | null;
  lang: string;
  index: number;
  start: number;
  end: number;
  /** the evidence text (`text.slice(start, end)`) */
  text: string;
  type: string;
  mode: string | null;
  level: string | null;
  status: string;
  actors: { id: string; name: string | null }[];
  when: { value: string; text?: string; mod?: string } | null;
  place: string | null;
  reportedBy: string[];
  stances: { by: string; stance: string }[];
  trigger: { text: string; lemma: string } | null;
}

export interface ArticleFilter extends DateRange {
  lang?: string;
  /** case-insensitive part of the outlet name */
  outlet?: string;
  /** only articles that mention this entity id */
  entity?: string;
  /** only these article ids */
  ids?: string[];
  limit?: number;
  offset?: number;
}

/** One stored article in a list (newest first): no text, no layers. */
export interface ArticleSummary {
  id: string;
  title: string | null;
  /** the first words of the text */
  lead: string;
  published: string | null;
  lang: string;
  outlet: string | null;
  url: string | null;
  path: string | null;
}

export interface Store {
  /** One transaction per article; an id already stored is a no-op reported as `duplicate`. */
  putArticle(article: Doc | ArticleJson): Promise<PutResult>;
  /**
   * Whether an article with this id, or with this exact text (`contentHash` = `contentId(text)`
   * of src/doc/create.ts), is stored: ingest skips such an input before analysing it.
   */
  isStored(key: { id?: string | null; contentHash?: string | null }): Promise<boolean>;
  getArticle(id: string): Promise<ArticleJson | null>;
  /** Stored articles, newest first (published DESC, then id), filtered. */
  listArticles(filter?: ArticleFilter): Promise<ArticleSummary[]>;
  search(query: SearchQuery): Promise<SearchResult>;
  stats(): Promise<Stats>;
  entities(filter?: EntityFilter): Promise<EntitySummary[]>;
  quotes(filter?: QuoteFilter): Promise<QuoteRecord[]>;
  events(filter?: EventFilter): Promise<EventRecord[]>;
  /** The published date (or null) of each of these stored articles, by id (ids not stored are left out). */
  articleDates?(ids: string[]): Promise<Map<string, string | null>>;
  /**
   * A token that changes whenever stored data may have changed (a commit from this process or any
   * other); equal tokens mean equal data. The API caches read answers under it (src/api/cache.ts).
   */
  dataVersion?(): Promise<string>;
  /** the corpus level (claims, actors; src/corpus/ calls these), where the store keeps it */
  readonly corpus?: CorpusStore;
  /** stories and near-duplicates (src/corpus/stories/ calls these), where the store keeps them */
  readonly stories?: import('../corpus/stories/index.js').StoryStore;
  close(): Promise<void>;
}

// ---------------------------------------------------------------- corpus (src/corpus/ reads these)

export interface ClaimFilter extends DateRange {
  /** only claims with one of these entity ids among the parties (an actor's aliases) */
  actors?: string[];
  /** only claims reported in one of these articles (a story's articles) */
  articles?: string[];
  status?: string;
  mode?: string;
  type?: string;
  limit?: number;
  offset?: number;
}

export interface CorpusCounts {
  articles: number;
  claims: number;
  reports: number;
  actors: number;
  entities: number;
}

export interface RebuildResult {
  articles: number;
  claims: number;
  actors: number;
  ms: number;
}

/** One article's entity row for framing: the labels (roles) and quotes the article gives it. */
export interface FramingRow {
  article: string;
  outlet: string | null;
  lang: string;
  published: string | null;
  actor: string;
  entity: string;
  name: string;
  roles: string[];
  quotes: { index: number; start: number; end: number; text: string; kind: string }[];
}

/**
 * The persistence the corpus library (src/corpus/) reads through. The SQLite store implements it
 * in src/store/sqlite-corpus.ts; the update side is the store's corpus updaters.
 */
export interface CorpusStore {
  /** recompute every corpus table from the stored articles (same ids and groups as ingesting them) */
  rebuild(): Promise<RebuildResult>;
  counts(): Promise<CorpusCounts>;
  /** claims, latest first (by the end of their date span), filtered */
  claims(filter?: ClaimFilter): AsyncIterable<import('../corpus/claims/summary.js').ClaimJson>;
  claim(id: string): Promise<import('../corpus/claims/summary.js').ClaimJson | null>;
  /** the actor an entity id belongs to, or null when the corpus has not seen it */
  actorOf(entity: string): Promise<string | null>;
  /** every entity id of an actor (empty when unknown) */
  actorEntities(actor: string): Promise<string[]>;
  /** actors whose names contain this text (any language, case-insensitive), most mentioned first */
  findActors(name: string, limit?: number): Promise<string[]>;
  /** an actor's profile; `cooccurrence: N` adds the N actors most often in the same articles */
  actor(id: string, o?: { cooccurrence?: number }): Promise<import('../corpus/actors/profile.js').ActorJson | null>;
  /** actor ids, most articles first */
  actorIds(limit?: number): AsyncIterable<string>;
  /** entity id -> actor id, for every entity of the corpus */
  actorMap(): Promise<Map<string, string>>;
  /** the most used name and type of each entity id; `latest: N`: in its latest N rows (by ingestion; ties by name, type) */
  names(ids: string[], o?: { latest?: number }): Promise<Map<string, { name: string; type: string }>>;
  framingRows(articles: string[]): Promise<FramingRow[]>;
  /** the article ids of a story (the stories updater's tables), null when unknown */
  storyArticles(story: string): Promise<string[] | null>;
}
