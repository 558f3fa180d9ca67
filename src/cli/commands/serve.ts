/** `parley serve`: the HTTP API and the web UI over one store (src/api/). */
import { existsSync, readFileSync } from 'node:fs';
import { CliError, EXIT } from '../exit.js';

export interface ServeOptions {
  db: string;
  host: string;
  port: number;
  tokenFile?: string;
  rateLimit?: number;
  cors?: string;
  ui?: boolean;
}

export function readToken(o: { tokenFile?: string }, env: NodeJS.ProcessEnv = process.env): string | null {
  if (o.tokenFile) {
    let t: string;
    try {
      t = readFileSync(o.tokenFile, 'utf8').trim();
    } catch (e) {
      throw new CliError(`--token-file ${o.tokenFile}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, EXIT.USAGE);
    }
    if (t.length < 16) throw new CliError(`--token-file ${o.tokenFile}: the token must be at least 16 characters`, EXIT.USAGE);
    return t;
  }
  const t = env.PARLEY_TOKEN?.trim();
  if (t && t.length < 16) throw new CliError('PARLEY_TOKEN must be at least 16 characters', EXIT.USAGE);
  return t || null;
}

export async function serveCommand(o: ServeOptions): Promise<number> {
  const token = readToken(o);
  const isPg = /^postgres(ql)?:\/\//.test(o.db);
  if (!isPg && !token && o.db !== ':memory:' && !existsSync(o.db.replace(/^sqlite:/, '')))
    throw new CliError(`no database at ${o.db} (run \`parley ingest FILES --db ${o.db}\` first, or give a token to accept uploads into a new one)`);
  const { connectStore } = await import('../../store/index.js');
  const { loadQueryLemmatizer } = await import('../../store/lemmatizer.js');
  const lemmatizer = await loadQueryLemmatizer();
  if (!lemmatizer) process.stderr.write('parley: morphology not available; search matches surface forms only\n');
  let store;
  try {
    store = await connectStore(o.db, { lemmatizer });
  } catch (e) {
    throw new CliError(`cannot open database ${o.db}: ${(e as Error).message}`);
  }
  const { buildServer } = await import('../../api/server.js');
  const app = await buildServer({
    store,
    token,
    rateLimit: o.rateLimit === 0 ? false : o.rateLimit,
    corsOrigins: o.cors ? o.cors.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
    webDir: o.ui === false ? null : undefined,
    logger: { level: process.env.PARLEY_LOG_LEVEL || 'warn' },
    pressure: true,
  });
  let address: string;
  try {
    address = await app.listen({ host: o.host, port: o.port });
  } catch (e) {
    await app.close();
    throw new CliError(`cannot listen on ${o.host}:${o.port}: ${(e as Error).message}`);
  }
  const shown = address.replace('://127.0.0.1:', '://localhost:').replace('://[::1]:', '://localhost:');
  process.stderr.write(
    `parley: serving ${o.db} at ${shown}/ (API ${shown}/api, docs ${shown}/docs)${token ? '; writes need the token' : '; read-only (no token)'}\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      // close() ends every connection and waits for the request running now; a request stuck
      // longer than this does not hold the process
      setTimeout(() => {
        process.stderr.write('parley: requests still running after 5 s; exiting\n');
        process.exit(EXIT.OK);
      }, 5000).unref();
      app.close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return EXIT.OK;
}
