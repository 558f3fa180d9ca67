export type * from './types.js';
export { SqliteStore } from './sqlite.js';
export type { SqliteStoreOptions } from './sqlite.js';
export { morphLemmatizer } from './lemmatizer.js';
export { expandQuery, termOf } from './terms.js';

import { SqliteStore, type SqliteStoreOptions } from './sqlite.js';
import type { Store } from './types.js';

/** The default database path: `$PARLEY_DB`, else `./parley.db`. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.PARLEY_DB && env.PARLEY_DB.trim() ? env.PARLEY_DB : 'parley.db';
}

/**
 * Opens a store. A path or `sqlite:PATH` gives the embedded SQLite store; `postgres://...` is
 * reserved for the PostgreSQL implementation.
 */
export function openStore(location: string, opts: SqliteStoreOptions = {}): Store & { lemmatizer?: SqliteStoreOptions['lemmatizer'] } {
  if (/^postgres(ql)?:\/\//.test(location)) throw new Error('the PostgreSQL store is not available in this version; use a SQLite file path');
  return new SqliteStore(location.replace(/^sqlite:/, ''), opts);
}
