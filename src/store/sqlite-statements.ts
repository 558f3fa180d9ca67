/** Prepared statements (or anything else built from a connection) made once per SQLite connection. */
import type Database from 'better-sqlite3';

/** `make(db)` once per connection, remembered while the connection lives */
export function perDatabase<T>(make: (db: Database.Database) => T): (db: Database.Database) => T {
  const cache = new WeakMap<Database.Database, T>();
  return (db) => {
    let v = cache.get(db);
    if (v === undefined) cache.set(db, (v = make(db)));
    return v;
  };
}
