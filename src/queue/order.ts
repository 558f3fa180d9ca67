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
 * How: jobs are taken in input order (job ids in input order, `orderedJobId`), one taker at a time.
 * A worker takes a job and, in the same transaction, a session advisory lock on the job's turn, so
 * another worker that sees the job `active` knows its lock is held (or its holder is gone: the lock
 * goes with its connection, so a killed worker never holds the others up); the same transaction
 * lists the `active` jobs with a smaller id. Before writing, the worker waits for their turns; it
 * gives up its own turn once its article is committed, or the job ended without one (already
 * stored, failed). With one worker the list is empty and nothing is waited for. A job retried after its worker
 * died runs when it is taken again, as it would in a re-run of a single-process ingest.
 */
import pg from 'pg';
import type PgBoss from 'pg-boss';
import { INGEST_QUEUE, QUEUE_SCHEMA, type IngestJob } from './index.js';

/** class of the advisory locks of job turns ('turn'); the object key is the hash of the job id */
const TURN = 0x7475726e;
/** key of the transaction lock under which jobs are taken, one taker at a time */
const FETCH = TURN + 1;

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
   * other workers only once its turn is held. The same transaction lists the jobs before it that
   * other workers hold (`ahead`): jobs are taken in id order, so an earlier job that becomes active
   * later is only a retry, which a single-process ingest would not have run before this one either.
   */
  async fetch(boss: PgBoss): Promise<PgBoss.Job<IngestJob> | null> {
    const c = await this.connection();
    try {
      // one taker at a time: a job taken before this one is committed `active`, its turn held,
      // when this transaction lists the jobs ahead (no earlier job still being taken is missed)
      await c.query(`BEGIN; SELECT pg_advisory_xact_lock(${FETCH}, 0)`);
      const jobs = await boss.fetch<IngestJob>(INGEST_QUEUE, { batchSize: 1, db: { executeSql: (text, values) => c.query(text, values) } });
      const job = jobs[0] ?? null;
      if (!job) {
        await c.query('COMMIT');
        return null;
      }
      if (!/^[0-9a-f-]{36}$/i.test(job.id)) throw new Error(`not a job id: ${job.id}`);
      // the lock, the jobs ahead and the commit in one round trip
      const r = (await c.query(
        `SELECT pg_advisory_lock(${TURN}, hashtext('${job.id}')), array(SELECT id::text FROM ${QUEUE_SCHEMA}.job
           WHERE name = '${INGEST_QUEUE}' AND state = 'active' AND id < '${job.id}'::uuid ORDER BY id) AS ahead; COMMIT`,
      )) as unknown as pg.QueryResult[];
      this.ahead.set(job.id, r[0].rows[0].ahead as string[]);
      return job;
    } catch (e) {
      this.drop();
      throw e;
    }
  }

  /** the jobs before each job in hand that other workers held when it was taken */
  private readonly ahead = new Map<string, string[]>();

  /** Waits until every job before this one that another worker holds has been written or given up. */
  async wait(jobId: string): Promise<void> {
    const ahead = this.ahead.get(jobId) ?? [];
    if (!ahead.length) return;
    const t0 = performance.now();
    const c = await this.connection();
    for (const id of ahead)
      await c.query('WITH l AS MATERIALIZED (SELECT pg_advisory_lock($1, hashtext($2))) SELECT pg_advisory_unlock($1, hashtext($2)) FROM l', [TURN, id]);
    this.waitedMs += performance.now() - t0;
  }

  /** Gives up this job's turn (its article is committed, or it ended without one). */
  async release(jobId: string): Promise<void> {
    this.ahead.delete(jobId);
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
