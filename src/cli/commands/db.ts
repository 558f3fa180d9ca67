import { existsSync } from 'node:fs';
import { SqliteStore } from '../../store/sqlite.js';
import type { Lemmatizer } from '../../store/types.js';
import { CliError } from '../exit.js';

export function openForWrite(path: string): SqliteStore {
  try {
    return new SqliteStore(path);
  } catch (e) {
    throw new CliError(`cannot open database ${path}: ${(e as Error).message}`);
  }
}

/** Opens an existing database for the query commands. */
export function openForRead(path: string, lemmatizer?: Lemmatizer): SqliteStore {
  if (path !== ':memory:' && !existsSync(path)) throw new CliError(`no database at ${path} (run \`parley ingest FILES --db ${path}\` first)`);
  try {
    return new SqliteStore(path, { lemmatizer });
  } catch (e) {
    throw new CliError(`cannot open database ${path}: ${(e as Error).message}`);
  }
}
