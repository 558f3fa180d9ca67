/**
 * `parley worker --db postgres://… [--concurrency N]`: a queue worker (any number of them, on any
 * machine that reaches the database). Loads the analysis pipeline once (N > 1: N analysis
 * threads), takes ingest jobs, stores the articles. Ctrl-C or SIGTERM: stop taking jobs, finish
 * the ones in hand, print the summary. (Not to be confused with worker.ts, an analysis thread.)
 */
import { openQueue } from '../../queue/index.js';
import { startQueueWorker } from '../../queue/worker.js';
import { describeLocation, isPostgresUrl } from '../../store/open.js';
import { CliError, EXIT } from '../exit.js';
import { line } from '../output.js';
import { openForWrite } from './db.js';
import { loadEngine } from './inputs.js';

export interface QueueWorkerOptions {
  db: string;
  concurrency: number;
  /** exit once the queue has been empty this many seconds */
  idleExit?: number;
  quiet?: boolean;
  json?: boolean;
}

export async function queueWorkerCommand(o: QueueWorkerOptions): Promise<number> {
  if (!isPostgresUrl(o.db))
    throw new CliError(`parley worker needs a PostgreSQL database (--db postgres://USER@HOST/DB or PARLEY_DB); ${o.db} is a SQLite file`, EXIT.USAGE);
  const store = await openForWrite(o.db);
  let boss;
  try {
    // look for abandoned jobs every 5 s (one worker of all does it per interval)
    boss = await openQueue(o.db, { maintenanceInterval: 5 });
  } catch (e) {
    await store.close();
    throw new CliError((e as Error).message);
  }
  // the store reads the tokens it indexes (src/store/index-terms.ts), not their tags
  const engine = await loadEngine(o.concurrency, { tokens: 'index' });
  const started = Date.now();
  const worker = await startQueueWorker(boss, store, engine, {
    concurrency: o.concurrency,
    idleExit: o.idleExit,
    // articles are written in input order, whatever the number of workers (src/queue/order.ts)
    order: { url: o.db },
    onJob: (e) => {
      if (e.status === 'failed') process.stderr.write(`parley: worker: ${e.error}\n`);
      else if (!o.quiet && !o.json) process.stderr.write(`parley: worker: ${e.input} ${e.status}${e.id ? ` ${e.id}` : ''}\n`);
    },
  });
  if (!o.quiet && !o.json)
    process.stderr.write(`parley: worker on ${describeLocation(o.db)}, ${o.concurrency} at a time${o.idleExit !== undefined ? `, exits after ${o.idleExit} s idle` : ''}\n`);
  let signalled = false;
  const onSignal = () => {
    if (signalled) process.exit(EXIT.INTERRUPTED);
    signalled = true;
    void worker.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await worker.done;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await boss.stop({ graceful: true, wait: true, timeout: 30_000 }).catch(() => {});
    await engine.close();
    await store.close();
  }
  const s = worker.stats;
  const secs = (Date.now() - started) / 1000;
  if (o.json) await line(JSON.stringify({ ...s, seconds: Number(secs.toFixed(2)), interrupted: signalled }));
  else await line(`worker: ${s.jobs} job${s.jobs === 1 ? '' : 's'}, ${s.stored} stored, ${s.skipped} already stored, ${s.failed} failed (${secs.toFixed(1)} s)${signalled ? ' — stopped' : ''}`);
  return signalled ? EXIT.INTERRUPTED : EXIT.OK;
}
