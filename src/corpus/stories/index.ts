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
import type { StoryFilter, StoryJson } from '../../store/sqlite-stories.js';

export type { StoryFilter, StoryJson } from '../../store/sqlite-stories.js';

/** What a store offers for stories (the SQLite store: `SqliteStories`). */
export interface StoryStore {
  list(filter?: StoryFilter): Promise<StoryJson[]>;
  get(id: string): Promise<StoryJson | null>;
  count(): Promise<number>;
  copyOf(ids: string[]): Promise<Map<string, string>>;
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
