/**
 * Stories: articles on one developing matter, across languages and outlets (`parley/story@1`,
 * ../shared/spec/CORPUS.md). The store keeps them up to date as articles arrive (its stories
 * updater: src/store/sqlite-stories.ts over link.ts and features.ts here); the CLI and the API call
 * `listStories` and `getStory`, which read through the store's `stories` and never know which
 * database is behind it.
 *
 * Errors meant for the user are `StoryError`s: kind 'usage' (a malformed filter: CLI exit 2,
 * HTTP 400), 'not_found' (an unknown story id: exit 3, 404), 'empty' (no story: the store keeps
 * none, or nothing is stored: exit 3, 404).
 */
import type { Store } from '../../store/types.js';
import type { StoryFilter, StoryHead, StoryJson } from '../../store/sqlite-stories.js';
import { staleCorpusMessage, type FingerprintState } from '../fingerprint.js';

export type { StoryFilter, StoryHead, StoryJson } from '../../store/sqlite-stories.js';

/** What a store offers for stories (the SQLite store: `SqliteStories`). */
export interface StoryStore {
  list(filter?: StoryFilter): Promise<StoryJson[]>;
  get(id: string): Promise<StoryJson | null>;
  count(): Promise<number>;
  copyOf(ids: string[]): Promise<Map<string, string>>;
  /** bounded reads for list views (both stores have them): stories whose `articles` holds only the latest ids */
  heads?(filter: StoryFilter & { story?: string }, latest: number): Promise<StoryHead[]>;
  head?(id: string, latest: number): Promise<StoryHead | null>;
  storyOf?(article: string): Promise<string | null>;
  articlePage?(id: string, offset: number, limit: number): Promise<string[] | null>;
  /** the fingerprint of the code and data the stored corpus was computed with (src/corpus/fingerprint.ts) */
  fingerprint?(): Promise<FingerprintState>;
}

export class StoryError extends Error {
  constructor(
    message: string,
    readonly kind: 'usage' | 'not_found' | 'empty',
  ) {
    super(message);
  }
}

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const LANGS = new Set(['ru', 'uk', 'en']);

export function storiesOf(store: Store): StoryStore {
  const s = (store as Store & { stories?: StoryStore }).stories;
  if (!s) throw new StoryError('this store keeps no stories', 'usage');
  return s;
}

/**
 * A warning when the store's stories and claims were computed with other parameters, word tables
 * or rules than this version's (they stay as they were until `parley corpus rebuild`); null when
 * they are up to date, the store is empty, or the store keeps no fingerprint.
 */
export async function staleCorpusWarning(store: Store): Promise<string | null> {
  const s = (store as Store & { stories?: StoryStore }).stories;
  if (!s?.fingerprint) return null;
  return staleCorpusMessage(await s.fingerprint());
}

/** Checks a filter from the user: a clear message naming the bad field. */
export function checkStoryFilter(f: StoryFilter): StoryFilter {
  for (const k of ['from', 'to'] as const) {
    const v = f[k];
    if (v !== undefined && (typeof v !== 'string' || !DATE.test(v)))
      throw new StoryError(`--${k}: not a date: '${String(v)}' (use YYYY, YYYY-MM or YYYY-MM-DD)`, 'usage');
  }
  if (f.lang !== undefined && !LANGS.has(f.lang)) throw new StoryError(`--lang: '${f.lang}' is not one of ru, uk, en`, 'usage');
  for (const k of ['limit', 'offset', 'minArticles'] as const) {
    const v = f[k];
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw new StoryError(`--${k}: not a whole number: '${String(v)}'`, 'usage');
  }
  if (f.entity !== undefined && (typeof f.entity !== 'string' || !f.entity.trim())) throw new StoryError('--entity: empty entity id', 'usage');
  return f;
}

/** Stories, latest first. Fails with 'empty' when the store holds no story at all. */
export async function listStories(store: Store, filter: StoryFilter = {}): Promise<StoryJson[]> {
  const s = storiesOf(store);
  checkStoryFilter(filter);
  if (!(await s.count())) throw new StoryError('no stories: no article is stored yet (run `parley ingest FILES` first)', 'empty');
  return s.list(filter);
}

/** One story by id (a former id of a merged or renamed story gives the story it became). */
export async function getStory(store: Store, id: string): Promise<StoryJson> {
  if (typeof id !== 'string' || !id.trim()) throw new StoryError('no story id given', 'usage');
  const s = storiesOf(store);
  const story = await s.get(id.trim());
  if (!story) {
    if (!(await s.count())) throw new StoryError('no stories: no article is stored yet (run `parley ingest FILES` first)', 'empty');
    throw new StoryError(`no story with id '${id}' (see \`parley stories\`)`, 'not_found');
  }
  return story;
}

/** The latest article ids a bounded story carries (`listStoryHeads`, `getStoryHead`). */
export const LATEST_ARTICLES = 20;

function head(st: StoryJson, latest: number): StoryHead {
  return { ...st, articles: st.articles.slice(-latest), articleCount: st.articles.length, coverage: [] };
}

/**
 * Stories as `listStories` gives them (same stories, same order), bounded for list views: each
 * one's `articles` is its latest `latest` ids (the tail of the full list), with `articleCount`
 * and `coverage` (articles per published day). `article` keeps the story of that article only.
 */
export async function listStoryHeads(store: Store, filter: StoryFilter & { article?: string } = {}, latest = LATEST_ARTICLES): Promise<StoryHead[]> {
  const s = storiesOf(store);
  const { article, ...f } = filter;
  checkStoryFilter(f);
  if (!(await s.count())) throw new StoryError('no stories: no article is stored yet (run `parley ingest FILES` first)', 'empty');
  if (s.heads && (!article || s.storyOf)) {
    let story: string | undefined;
    if (article) {
      const sid = await s.storyOf!(article);
      if (!sid) return [];
      story = sid;
    }
    return s.heads({ ...f, ...(story ? { story } : {}) }, latest);
  }
  let rows = await s.list(article ? { ...f, offset: 0, limit: 10000 } : f);
  if (article) rows = rows.filter((st) => st.articles.includes(article)).slice(f.offset ?? 0, (f.offset ?? 0) + (f.limit ?? 50));
  return rows.map((st) => head(st, latest));
}

/** One story as `getStory` gives it, bounded as `listStoryHeads`. */
export async function getStoryHead(store: Store, id: string, latest = LATEST_ARTICLES): Promise<StoryHead> {
  const s = storiesOf(store);
  if (s.head && typeof id === 'string' && id.trim()) {
    const h = await s.head(id.trim(), latest);
    if (h) return h;
  }
  return head(await getStory(store, id), latest);
}

/** A page of a story's article ids in the story's order (`getStory(...).articles.slice(offset, offset + limit)`). */
export async function storyArticles(store: Store, id: string, offset: number, limit: number): Promise<string[]> {
  const s = storiesOf(store);
  if (s.articlePage && typeof id === 'string' && id.trim()) {
    const page = await s.articlePage(id.trim(), offset, limit);
    if (page) return page;
  }
  return (await getStory(store, id)).articles.slice(offset, offset + limit);
}
