/**
 * Input order for the writes of many workers: an article is written (its rows and its corpus update)
 * only after every article before it in input order that another worker holds has been written or
 * given up, so any number of workers store what one process ingesting the inputs in order stores.
 *
 * Why: the corpus update of an article (stories, claims) reads what is stored before it, and the
 * claims a report joins depend on which reports were there when it came (an incremental
 * regrouping of a neighbourhood). With two workers taking the updates in the order they reached
 * the corpus lock, 1 and 2 workers stored different claims (223 against 217 at 600 articles); and
 * of two inputs with the same text, both could be stored, each worker finding the other's not yet
 * committed. Analysis, the costly part, still runs in parallel: only the writes follow input order.
 *
 * How: jobs are taken in input order (job ids in input order, `orderedJobId`). A worker takes a
 * job and, in the same transaction, a session advisory lock on the job's turn, so another worker
 * that sees the job `active` knows its lock is held (or its holder is gone: the lock goes with its
 * connection, so a killed worker never holds the others up). Before writing, a worker waits for the
 * turn of every `active` job with a smaller id; it gives up its own turn once its article is
 * committed, or the job ended without one (already stored, failed). A job retried after its worker
 * died runs when it is taken again, as it would in a re-run of a single-process ingest.
 */
import pg from 'pg';
import type PgBoss from 'pg-boss';
import { INGEST_QUEUE, QUEUE_SCHEMA, type IngestJob } from './index.js';

/** class of the advisory locks of job turns ('turn'); the object key is the hash of the job id */
const TURN = 0x7475726e;

export class JobTurns {
  private client: pg.Client | null = null;
  /** ms spent waiting for earlier jobs' turns */
  waitedMs = 0;

  constructor(private readonly url: string) {}

  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client;
    const c = new pg.Client({ connectionString: this.url, application_name: 'parley-worker-turns' });
    // a connection lost drops its locks with it; the next call opens a new one
    c.on('error', () => {
      if (this.client === c) this.client = null;
    });
    await c.connect();
    this.client = c;
    return c;
  }

  /** Drops the connection (and with it every turn lock it held). */
  private drop(): void {
    const c = this.client;
    this.client = null;
    void c?.end().catch(() => {});
  }

  /**
   * Takes the next job and the lock on its turn in one transaction: the job is `active` for the
   * other workers only once its turn is held.
   */
  async fetch(boss: PgBoss): Promise<PgBoss.Job<IngestJob> | null> {
    const c = await this.connection();
    try {
      await c.query('BEGIN');
      const jobs = await boss.fetch<IngestJob>(INGEST_QUEUE, { batchSize: 1, db: { executeSql: (text, values) => c.query(text, values) } });
      const job = jobs[0] ?? null;
      if (job) await c.query('SELECT pg_advisory_lock($1, hashtext($2))', [TURN, job.id]);
      await c.query('COMMIT');
      return job;
    } catch (e) {
      this.drop();
      throw e;
    }
  }

  /** Waits until every job before this one that another worker holds has been written or given up. */
  async wait(jobId: string): Promise<void> {
    const t0 = performance.now();
    const c = await this.connection();
    const ahead = await c.query(`SELECT id::text AS id FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND state = 'active' AND id < $2::uuid ORDER BY id`, [
      INGEST_QUEUE,
      jobId,
    ]);
    for (const { id } of ahead.rows)
      await c.query('WITH l AS MATERIALIZED (SELECT pg_advisory_lock($1, hashtext($2))) SELECT pg_advisory_unlock($1, hashtext($2)) FROM l', [TURN, id]);
    this.waitedMs += performance.now() - t0;
  }

  /** Gives up this job's turn (its article is committed, or it ended without one). */
  async release(jobId: string): Promise<void> {
    try {
      const c = await this.connection();
      await c.query('SELECT pg_advisory_unlock($1, hashtext($2))', [TURN, jobId]);
    } catch {
      // the connection is gone, and the lock with it
      this.drop();
    }
  }

  async close(): Promise<void> {
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => {});
  }
}
