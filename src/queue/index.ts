/**
 * The shared job queue on PostgreSQL (pg-boss 10, the last major that runs on Node 20): inputs are
 * read and decoded where `parley ingest --queue` runs, and enqueued as raw articles (text and
 * metadata, so a worker on another machine needs no access to the files); `parley worker`
 * processes anywhere analyse them and store them in the same database.
 *
 * Delivery is at least once: a job whose worker dies (kill -9, power loss) stays `active` until its
 * expiry (`jobTimeout`), then goes back to the queue for another worker; storing is idempotent by
 * article id (one transaction, ON CONFLICT DO NOTHING), so a job run twice stores its article once.
 * A job that fails (an analysis error) is retried `retryLimit` times, then kept as `failed` with
 * its error, for `parley queue` to show and retry.
 */
import PgBoss from 'pg-boss';
import pg from 'pg';
import type { RawArticle } from '../doc/model.js';
import { redact } from '../store/postgres.js';

export const INGEST_QUEUE = 'parley_ingest';
/** the PostgreSQL schema pg-boss keeps its tables in */
export const QUEUE_SCHEMA = 'parley_queue';

export interface IngestJob {
  raw: RawArticle;
  /** the input it came from (file, line), for messages */
  input: string;
}

export interface QueueOptions {
  /** seconds a job may run before it counts as abandoned and is retried (default 300) */
  jobTimeout?: number;
  /** retries of a failed job (default 2) */
  retryLimit?: number;
  /** seconds between two looks for abandoned jobs (default 30) */
  maintenanceInterval?: number;
  /** connections of the queue's pool (default 4) */
  poolSize?: number;
}

/** Starts pg-boss on the database (creating its schema and the ingest queue on first use). */
export async function openQueue(url: string, o: QueueOptions = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    schema: QUEUE_SCHEMA,
    application_name: 'parley-queue',
    max: o.poolSize ?? 4,
    maintenanceIntervalSeconds: o.maintenanceInterval ?? 30,
    monitorStateIntervalSeconds: 3600,
    schedule: false,
  });
  // pg-boss reports background errors as events; an unhandled 'error' event would crash the worker
  boss.on('error', (e) => process.stderr.write(`parley: queue: ${(e as Error).message}\n`));
  try {
    await boss.start();
    await boss.createQueue(INGEST_QUEUE, {
      name: INGEST_QUEUE,
      retryLimit: o.retryLimit ?? 2,
      retryDelay: 1,
      expireInSeconds: o.jobTimeout ?? 300,
    });
    await fetchIndex(url);
  } catch (e) {
    await boss.stop({ graceful: false, wait: false }).catch(() => {});
    throw new Error(`cannot open the queue on ${redact(url)}: ${(e as Error).message}`);
  }
  return boss;
}

/** key of the advisory lock under which the fetch index is created (one creator at a time) */
const INDEX_LOCK = 0x70717565;

/**
 * pg-boss 10 fetches the next job `ORDER BY priority DESC, created_on, id` among the pending jobs,
 * but its fetch index (job_i5) is on (name, start_after): every fetch read and sorted every pending
 * job, so the cost of taking a job grew with the queue (0.9 s a fetch, an external sort, with 100,000
 * jobs queued; a serial step all workers went through). This index gives that order directly, so a
 * fetch reads the first pending job (0.08 ms with 100,000 queued). On the partitioned job table, it
 * is created on every queue's partition, present and future.
 */
async function fetchIndex(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url, application_name: 'parley-queue' });
  await c.connect();
  try {
    const have = async (name: string) => (await c.query(`SELECT to_regclass('${QUEUE_SCHEMA}.${name}') AS t`)).rows[0].t;
    if ((await have('parley_job_fetch')) && (await have('parley_job_active'))) return;
    await c.query('BEGIN');
    await c.query('SELECT pg_advisory_xact_lock($1)', [INDEX_LOCK]);
    if (!(await have('parley_job_fetch'))) await c.query(`CREATE INDEX parley_job_fetch ON ${QUEUE_SCHEMA}.job (name, priority DESC, created_on, id) WHERE state < 'active'`);
    // the running jobs before a given one (a worker waits for their turns: src/queue/order.ts)
    if (!(await have('parley_job_active'))) await c.query(`CREATE INDEX parley_job_active ON ${QUEUE_SCHEMA}.job (name, id) WHERE state = 'active'`);
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    await c.end();
  }
}

let idSeq = 0;
/**
 * A job id that sorts after every id this process made before (UUID version 7 layout: milliseconds,
 * then a counter, then random bits). pg-boss takes jobs by created_on, then id, and every job of one
 * insert has the same created_on: with random ids the jobs of a batch were taken in random order;
 * with these, in input order, as a single-process ingest reads them (the first of two inputs with the
 * same text is the one stored, as there).
 */
export function orderedJobId(now = Date.now()): string {
  const seq = idSeq++ & 0xffffff;
  const rnd = Array.from({ length: 12 }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  const h = now.toString(16).padStart(12, '0').slice(-12) + '7' + (seq >> 12).toString(16).padStart(3, '0') + '8' + (seq & 0xfff).toString(16).padStart(3, '0') + rnd;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Enqueues raw articles (one job each, taken in this order). */
export async function enqueue(boss: PgBoss, jobs: IngestJob[], o: QueueOptions = {}): Promise<void> {
  if (!jobs.length) return;
  await boss.insert(
    jobs.map((data) => ({
      id: orderedJobId(),
      name: INGEST_QUEUE,
      data,
      retryLimit: o.retryLimit ?? 2,
      retryDelay: 1,
      expireInSeconds: o.jobTimeout ?? 300,
    })),
  );
}

export interface QueueCounts {
  created: number;
  retry: number;
  active: number;
  completed: number;
  failed: number;
  cancelled: number;
}

export interface FailedJob {
  id: string;
  input: string;
  error: string;
  retries: number;
  failedAt: string | null;
}

export interface QueueState {
  counts: QueueCounts;
  /** pending = created + retry */
  pending: number;
  running: { id: string; input: string; startedAt: string | null; retries: number }[];
  failed: FailedJob[];
}

/** What the queue holds: counts per state, the running jobs, the failed jobs with their errors. */
export async function queueState(url: string, limit = 50): Promise<QueueState> {
  const c = new pg.Client({ connectionString: url, application_name: 'parley-queue' });
  try {
    await c.connect();
  } catch (e) {
    throw new Error(`cannot connect to ${redact(url)}: ${(e as Error).message}`);
  }
  try {
    const counts: QueueCounts = { created: 0, retry: 0, active: 0, completed: 0, failed: 0, cancelled: 0 };
    const exists = (await c.query(`SELECT to_regclass('${QUEUE_SCHEMA}.job') AS t`)).rows[0].t;
    if (!exists) return { counts, pending: 0, running: [], failed: [] };
    for (const table of ['job', 'archive']) {
      const rows = (await c.query(`SELECT state::text AS state, count(*)::int AS n FROM ${QUEUE_SCHEMA}.${table} WHERE name = $1 GROUP BY state`, [INGEST_QUEUE])).rows;
      for (const r of rows) counts[r.state as keyof QueueCounts] += r.n;
    }
    const running = (
      await c.query(
        `SELECT id::text, data->>'input' AS input, started_on, retry_count FROM ${QUEUE_SCHEMA}.job
         WHERE name = $1 AND state = 'active' ORDER BY started_on LIMIT $2`,
        [INGEST_QUEUE, limit],
      )
    ).rows.map((r) => ({ id: r.id, input: r.input ?? '', startedAt: r.started_on ? new Date(r.started_on).toISOString() : null, retries: r.retry_count }));
    const failed = (
      await c.query(
        `SELECT id::text, data->>'input' AS input, output, retry_count, completed_on FROM ${QUEUE_SCHEMA}.job
         WHERE name = $1 AND state = 'failed' ORDER BY completed_on DESC NULLS LAST, id LIMIT $2`,
        [INGEST_QUEUE, limit],
      )
    ).rows.map((r) => ({
      id: r.id,
      input: r.input ?? '',
      error: errorText(r.output),
      retries: r.retry_count,
      failedAt: r.completed_on ? new Date(r.completed_on).toISOString() : null,
    }));
    return { counts, pending: counts.created + counts.retry, running, failed };
  } finally {
    await c.end();
  }
}

/** Puts failed jobs back in the queue (these ids, or every failed job); returns how many. */
export async function retryFailed(boss: PgBoss, url: string, ids?: string[]): Promise<number> {
  let chosen = ids;
  if (!chosen?.length) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      chosen = (await c.query(`SELECT id::text FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND state = 'failed'`, [INGEST_QUEUE])).rows.map((r) => r.id);
    } finally {
      await c.end();
    }
  }
  if (!chosen.length) return 0;
  for (const id of chosen) if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error(`not a job id: ${id}`);
  const r = await boss.retry(INGEST_QUEUE, chosen);
  return (r as unknown as { affected?: number })?.affected ?? chosen.length;
}

function errorText(output: unknown): string {
  if (!output) return '';
  if (typeof output === 'string') return output;
  const o = output as { message?: string; value?: unknown };
  if (typeof o.message === 'string') return o.message;
  return JSON.stringify(output);
}
