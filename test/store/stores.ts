/**
 * The store implementations one test suite runs against: SQLite (a file in a temporary
 * directory) and PostgreSQL (a fresh database on the test server, see test/helpers/pg.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresStore } from '../../src/store/postgres.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { Lemmatizer, Store } from '../../src/store/types.js';
import { freshPgDatabase } from '../helpers/pg.js';

export interface StoreKind {
  name: 'sqlite' | 'postgres';
  /** a new, empty database; `open` may be called again to reopen the same one */
  create(): Promise<TestLocation>;
}

export interface TestLocation {
  /** the path or URL `openStore` takes */
  location: string;
  open(opts?: { lemmatizer?: Lemmatizer }): Promise<Store>;
  done(): Promise<void>;
}

export const sqliteKind: StoreKind = {
  name: 'sqlite',
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'parley-store-'));
    const path = join(dir, 'test.db');
    return {
      location: path,
      open: async (opts = {}) => new SqliteStore(path, opts),
      done: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

export const postgresKind: StoreKind = {
  name: 'postgres',
  async create() {
    const db = await freshPgDatabase();
    return {
      location: db.url,
      open: async (opts = {}) => new PostgresStore(db.url, opts).open(),
      done: () => db.drop(),
    };
  },
};

export const STORE_KINDS: StoreKind[] = [sqliteKind, postgresKind];
