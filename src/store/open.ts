/**
 * Opening a store by location for commands that start often (`parley search`, `show`, `stats`...):
 * the same choice as `connectStore` in ./index.ts (SQLite for a path or `sqlite:PATH`, PostgreSQL
 * for `postgres://…`), but the PostgreSQL store and its driver (`pg`, ~0.1 s to load) are imported
 * only when a PostgreSQL URL is given, so a SQLite command does not pay for them.
 */
import type { SqliteStoreOptions } from './sqlite.js';
import type { Store } from './types.js';

/** Whether a database location names a PostgreSQL database (`postgres://…` or `postgresql://…`). */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location.trim());
}

/** A location for messages (a PostgreSQL URL without its password). */
export function describeLocation(location: string): string {
  return isPostgresUrl(location) ? location.replace(/(\/\/[^:/@]*:)[^@/]*@/, '$1***@') : location;
}

/** `connectStore` of ./index.ts, loading only the store implementation the location needs. */
export async function connectStore(location: string, opts: SqliteStoreOptions & { poolSize?: number } = {}): Promise<Store> {
  if (isPostgresUrl(location)) return (await import('./index.js')).connectStore(location, opts);
  const { SqliteStore } = await import('./sqlite.js');
  return new SqliteStore(location.replace(/^sqlite:/, ''), opts);
}

/** What `parley search` needs of a store. */
export type SearchStore = Pick<Store, 'search' | 'close'>;

/**
 * A store for search alone (`parley search`): for SQLite, the database opened by the search code
 * only (src/store/sqlite-search.ts: no corpus code, no migrations loaded), or the full store when
 * the database's schema is too old for it (which then migrates it); PostgreSQL as `connectStore`.
 * The same hits as `connectStore(...).search`.
 */
export async function connectSearchStore(location: string, opts: SqliteStoreOptions & { poolSize?: number } = {}): Promise<SearchStore> {
  const path = location.replace(/^sqlite:/, '');
  if (!isPostgresUrl(location) && path !== ':memory:') {
    const { SqliteSearchStore } = await import('./sqlite-search.js');
    const s = SqliteSearchStore.open(path, { lemmatizer: opts.lemmatizer });
    if (s) return s;
  }
  return connectStore(location, opts);
}
