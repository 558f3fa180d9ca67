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
  /** false (`--no-cache`): no cache of read answers (src/api/cache.ts) */
  cache?: boolean;
  /** processes serving the one port (node:cluster); default 1 */
  workers?: number;
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
  const cluster = (await import('node:cluster')).default;
  if ((o.workers ?? 1) > 1 && cluster.isPrimary) return servePrimary(o, o.workers!);
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
    cache: o.cache !== false,
    logger: { level: process.env.PARLEY_LOG_LEVEL || 'warn' },
    pressure: true,
  });
  let address: string;
  try {
    // a worker of `--workers N` listens on the port its primary chose (see servePrimary)
    const port = cluster.isWorker && process.env.PARLEY_SERVE_PORT ? Number(process.env.PARLEY_SERVE_PORT) : o.port;
    address = await app.listen({ host: o.host, port });
  } catch (e) {
    await app.close();
    throw new CliError(`cannot listen on ${o.host}:${o.port}: ${(e as Error).message}`);
  }
  const shown = address.replace('://127.0.0.1:', '://localhost:').replace('://[::1]:', '://localhost:');
  // a worker of `--workers N`: the primary prints the address once
  if (cluster.isWorker) process.send?.({ parleyListening: shown, token: !!token });
  else process.stderr.write(
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
      app
        .close()
        // a worker of `--workers N`: the channel to the primary would keep the process alive
        .finally(() => cluster.isWorker && process.disconnect?.())
        .then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return EXIT.OK;
}

/**
 * `--workers N`: N processes (node:cluster) accept connections on the one port, each with its own
 * store connection, response cache, rate limiter and load shedding, so one slow request (an upload
 * analysed in its handler, a cold corpus list) holds one process and the others keep answering.
 * The primary applies the schema once, forks the workers, replaces one that dies, and on SIGTERM
 * or SIGINT stops them all (each closes as a single server does) before it exits.
 */
async function servePrimary(o: ServeOptions, n: number): Promise<number> {
  if (o.db === ':memory:') throw new CliError('--workers needs a database file or postgres://…: each worker would have its own :memory: database', EXIT.USAGE);
  const cluster = (await import('node:cluster')).default;
  const { connectStore } = await import('../../store/index.js');
  try {
    // the schema steps run here once, not in N workers at the same time
    await (await connectStore(o.db)).close();
  } catch (e) {
    throw new CliError(`cannot open database ${o.db}: ${(e as Error).message}`);
  }
  // --port 0: one free port chosen here for every worker, the replacements too. Were each worker
  // to listen on port 0, the cluster's shared socket would close when its last listening worker
  // died, and the next worker would get another port: clients would find nothing at the address.
  const port = o.port || (await freePort(o.host));
  let stopping = false;
  let listening = 0;
  let failed: number | null = null;
  const fork = () => {
    const w = cluster.fork({ PARLEY_SERVE_PORT: String(port) });
    w.on('message', (m: { parleyListening?: string; token?: boolean }) => {
      if (!m?.parleyListening) return;
      if (listening++ === 0)
        process.stderr.write(
          `parley: serving ${o.db} at ${m.parleyListening}/ (API ${m.parleyListening}/api, docs ${m.parleyListening}/docs)${m.token ? '; writes need the token' : '; read-only (no token)'}; ${n} workers\n`,
        );
    });
  };
  return new Promise<number>((resolve) => {
    const live = () => Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead());
    cluster.on('exit', (w, code, signal) => {
      if (stopping) {
        if (!live().length) resolve(failed ?? EXIT.OK);
        return;
      }
      // a worker that fails before any has listened (port in use, bad token file): stop, do not loop
      if (!listening) {
        failed = code || 1;
        stop();
        return;
      }
      process.stderr.write(`parley: worker ${w.process.pid} exited (${signal ?? code}); starting another\n`);
      fork();
    });
    const stop = () => {
      if (stopping) return;
      stopping = true;
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      const ws = live();
      if (!ws.length) return resolve(failed ?? EXIT.OK);
      for (const w of ws) w!.process.kill('SIGTERM');
      // each worker forces its own exit after 5 s; this is the last resort
      setTimeout(() => {
        for (const w of live()) w!.process.kill('SIGKILL');
      }, 7000).unref();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    for (let i = 0; i < n; i++) fork();
  });
}

/** a port free on host now (the OS picks it) */
async function freePort(host: string): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', (e) => reject(new CliError(`cannot listen on ${host}:0: ${e.message}`)));
    s.listen({ host, port: 0 }, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
