/**
 * How the CLI opens its database: through `connectStore` (src/store/open.ts), which picks SQLite for a
 * path and PostgreSQL for a `postgres://` URL. Nothing here knows which store it gets.
 */
import { existsSync } from 'node:fs';
import { connectStore, describeLocation, isPostgresUrl } from '../../store/open.js';
import type { Lemmatizer, Store } from '../../store/types.js';
import { CliError } from '../exit.js';

export async function openForWrite(location: string, lemmatizer?: Lemmatizer): Promise<Store> {
  try {
    return await connectStore(location, { lemmatizer });
  } catch (e) {
    throw new CliError(`cannot open database ${describeLocation(location)}: ${(e as Error).message}`);
  }
}

/** Opens an existing database for the query commands. */
export async function openForRead(location: string, lemmatizer?: Lemmatizer): Promise<Store> {
  const path = location.replace(/^sqlite:/, '');
  if (!isPostgresUrl(location) && path !== ':memory:' && !existsSync(path))
    throw new CliError(`no database at ${location} (run \`parley ingest FILES --db ${location}\` first)`);
  try {
    return await connectStore(location, { lemmatizer });
  } catch (e) {
    throw new CliError(`cannot open database ${describeLocation(location)}: ${(e as Error).message}`);
  }
}
