/**
 * The queue commands: `parley ingest --queue FILES --db postgres://…` (read and decode here,
 * enqueue the raw articles for workers anywhere) and `parley queue` (pending, running and failed
 * jobs with their errors; `--retry` puts failed jobs back).
 */
import { readInputs } from '../../ingest/index.js';
import { enqueue, openQueue, queueState, retryFailed, type IngestJob } from '../../queue/index.js';
import { describeLocation, isPostgresUrl } from '../../store/open.js';
import { CliError, EXIT } from '../exit.js';
import { dim, line, table } from '../output.js';
import { describe, type Rejection } from './inputs.js';

function needPostgres(db: string, what: string): void {
  if (!isPostgresUrl(db))
    throw new CliError(`${what} needs a PostgreSQL database (--db postgres://USER@HOST/DB or PARLEY_DB); ${db} is a SQLite file`, EXIT.USAGE);
}

export interface EnqueueOptions {
  db: string;
  /** seconds a job may run before it counts as abandoned (its worker died) and goes to another worker */
  jobTimeout?: number;
  maxBytes?: number;
  json?: boolean;
}

/** `parley ingest --queue`: every readable article becomes one job. */
export async function enqueueCommand(files: string[], o: EnqueueOptions): Promise<number> {
  needPostgres(o.db, 'ingest --queue');
  let boss;
  try {
    boss = await openQueue(o.db, { jobTimeout: o.jobTimeout });
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const rejected: Rejection[] = [];
  let queued = 0;
  let batch: IngestJob[] = [];
  const started = Date.now();
  try {
    for await (const item of readInputs(files, { stdin: process.stdin, maxBytes: o.maxBytes })) {
      if (!item.ok) {
        const r = { input: item.input, line: item.line, error: item.error };
        rejected.push(r);
        if (!o.json) process.stderr.write(`parley: rejected ${describe(r)}\n`);
        continue;
      }
      const src = item.article.source;
      batch.push({ raw: item.article, input: `${item.input}${src.item ? `:${src.item}` : ''}` });
      if (batch.length >= 200) {
        await enqueue(boss, batch, { jobTimeout: o.jobTimeout });
        queued += batch.length;
        batch = [];
      }
    }
    await enqueue(boss, batch, { jobTimeout: o.jobTimeout });
    queued += batch.length;
  } finally {
    await boss.stop({ graceful: false, wait: true, timeout: 5000 }).catch(() => {});
  }
  const secs = (Date.now() - started) / 1000;
  if (o.json) {
    await line(JSON.stringify({ db: describeLocation(o.db), queued, rejected: rejected.map((r) => ({ input: r.input, line: r.line ?? null, error: describe(r) })), seconds: Number(secs.toFixed(2)) }));
  } else {
    await line(`${describeLocation(o.db)}: ${queued} article${queued === 1 ? '' : 's'} queued, ${rejected.length} rejected (${secs.toFixed(1)} s); run \`parley worker --db …\` to analyse them`);
  }
  if (queued === 0) return EXIT.FATAL;
  return rejected.length ? EXIT.SOME_REJECTED : EXIT.OK;
}

export interface QueueOptions {
  db: string;
  retry?: string[] | boolean;
  limit: number;
  json?: boolean;
}

/** `parley queue`: what is pending, running, failed (with errors); `--retry [ID...]` requeues failed jobs. */
export async function queueCommand(o: QueueOptions): Promise<number> {
  needPostgres(o.db, 'parley queue');
  if (o.retry) {
    let boss;
    try {
      boss = await openQueue(o.db);
    } catch (e) {
      throw new CliError((e as Error).message);
    }
    try {
      const ids = Array.isArray(o.retry) ? o.retry : undefined;
      const n = await retryFailed(boss, o.db, ids).catch((e) => {
        throw new CliError((e as Error).message, /not a job id/.test((e as Error).message) ? EXIT.USAGE : EXIT.FATAL);
      });
      if (o.json) await line(JSON.stringify({ retried: n }));
      else await line(`${n} failed job${n === 1 ? '' : 's'} back in the queue`);
    } finally {
      await boss.stop({ graceful: false, wait: true, timeout: 5000 }).catch(() => {});
    }
    return EXIT.OK;
  }
  let s;
  try {
    s = await queueState(o.db, o.limit);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  if (o.json) {
    await line(JSON.stringify(s));
    return EXIT.OK;
  }
  const c = s.counts;
  await line(`${describeLocation(o.db)}: ${s.pending} pending, ${c.active} running, ${c.failed} failed, ${c.completed} done${c.cancelled ? `, ${c.cancelled} cancelled` : ''}`);
  if (s.running.length) {
    await line('\nrunning:');
    await line(table(s.running.map((r) => [r.id, r.input, r.startedAt ?? '', r.retries]), ['job', 'input', 'started', 'retries']));
  }
  if (s.failed.length) {
    await line('\nfailed (retry with `parley queue --retry [JOB...]`):');
    for (const f of s.failed) {
      await line(`  ${f.id}  ${f.input}  ${dim(f.failedAt ?? '')}  (${f.retries} retr${f.retries === 1 ? 'y' : 'ies'})`);
      await line(`    ${f.error}`);
    }
  }
  return EXIT.OK;
}
