export type * from './types.js';
export { SqliteStore } from './sqlite.js';
export type { SqliteStoreOptions } from './sqlite.js';
export { PostgresStore } from './postgres.js';
export type { PostgresStoreOptions } from './postgres.js';
export { morphLemmatizer } from './lemmatizer.js';
export { expandQuery, termOf } from './terms.js';

import { SqliteStore, type SqliteStoreOptions } from './sqlite.js';
import { PostgresStore, redact } from './postgres.js';
import type { Store } from './types.js';

/** The default database path: `$PARLEY_DB`, else `./parley.db`. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.PARLEY_DB && env.PARLEY_DB.trim() ? env.PARLEY_DB : 'parley.db';
}

/** Whether a database location names a PostgreSQL database (`postgres://…` or `postgresql://…`). */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location.trim());
}

/** A location for messages (a PostgreSQL URL without its password). */
export function describeLocation(location: string): string {
  return isPostgresUrl(location) ? redact(location) : location;
}

/**
 * Opens a store. A path or `sqlite:PATH` gives the embedded SQLite store; `postgres://…` (or
 * `postgresql://…`) the PostgreSQL store, whose schema is applied in the background (every call
 * waits for it; `connectStore` waits up front).
 */
export function openStore(location: string, opts: SqliteStoreOptions & { poolSize?: number } = {}): Store & { lemmatizer?: SqliteStoreOptions['lemmatizer'] } {
  if (isPostgresUrl(location)) return new PostgresStore(location.trim(), opts);
  return new SqliteStore(location.replace(/^sqlite:/, ''), opts);
}

/** `openStore`, resolved once the database is reachable and its schema in place (fails fast with the reason). */
export async function connectStore(location: string, opts: SqliteStoreOptions & { poolSize?: number } = {}): Promise<Store & { lemmatizer?: SqliteStoreOptions['lemmatizer'] }> {
  const store = openStore(location, opts);
  if (store instanceof PostgresStore) {
    try {
      await store.open();
    } catch (e) {
      await store.close().catch(() => {});
      throw e;
    }
  }
  return store;
}
