/**
 * The corpus updaters of the SQLite store, in the order they run. `SqliteStore.putArticle` calls
 * `update` of each, in its order, inside the article's transaction once the article's own rows are
 * written (a duplicate article runs none); `rebuildCorpus` calls `reset` of each in reverse order,
 * then replays `update` over every stored article in the order they were stored (rowid), in one
 * transaction, so a rebuild gives exactly the ids and groups the incremental path gave.
 *
 * Each updater keeps its logic in src/corpus/ as functions over plain data and only its SQL here,
 * so the PostgreSQL store mirrors it with SQL alone. Order: dedup -> stories -> claims -> actors -> actor-summary.
 */
import type Database from 'better-sqlite3';
import { actorSummaryUpdater } from './sqlite-actor-summary.js';
import { actorsUpdater, claimsUpdater } from './sqlite-corpus.js';
import { dedupUpdater, storiesUpdater } from './sqlite-stories.js';
import type { ArticleJson } from './types.js';

/** A stored article as the updaters see it: its rowid and its `parley/article@1` JSON (with text, without tokens). */
export interface StoredArticle {
  rowid: number;
  json: ArticleJson;
}

export interface CorpusUpdater {
  /** 'dedup' | 'stories' | 'claims' | 'actors' */
  name: string;
  /** runs inside the article's transaction (synchronous: better-sqlite3) */
  update(db: Database.Database, a: StoredArticle): void;
  /** deletes every row this updater owns */
  reset(db: Database.Database): void;
}

export const CORPUS_UPDATERS: CorpusUpdater[] = [
  dedupUpdater,
  storiesUpdater,
  claimsUpdater,
  actorsUpdater,
  // after the actors: each actor's article and quote totals (schema step 14)
  actorSummaryUpdater,
];
