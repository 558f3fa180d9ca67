/**
 * A queue worker: takes ingest jobs from the shared queue, analyses each raw article and stores it.
 * `concurrency` jobs run at once (each on its own analysis thread when the engine has several);
 * the pipeline is loaded once per process by the engine the caller passes.
 *
 * An article already stored (same id or same text) is skipped before analysis. A job that throws
 * is failed by pg-boss and retried; a worker that dies leaves its jobs `active` until they expire,
 * then they are retried elsewhere; storing is idempotent by id.
 */
import type PgBoss from 'pg-boss';
import { createDoc } from '../doc/create.js';
import type { Doc, RawArticle } from '../doc/model.js';
import type { Store } from '../store/types.js';
import { textHash } from '../store/sqlite-terms.js';
import { INGEST_QUEUE, type IngestJob } from './index.js';
import { JobTurns } from './order.js';

export interface Analyzer {
  analyze(raw: RawArticle): Promise<{ ok: true; doc: Doc } | { ok: false; error: string }>;
}

export interface WorkerStats {
  jobs: number;
  stored: number;
  skipped: number;
  failed: number;
  /** wall-clock ms summed over jobs: fetching, analysing, storing, completing (where the time goes) */
  ms: { fetch: number; analyze: number; turn: number; store: number; complete: number };
  /**
   * CPU ms of this process (every thread) from the start of its first job to the end of its last:
   * its CPU per job without start-up and pipeline loading
   */
  cpuMs: number;
  /** the store's own split of its write time, where it keeps one (PostgresStore.writeTimings) */
  write?: Record<string, number>;
}

export interface WorkerOptions {
  concurrency: number;
  /** stop once the queue has had nothing pending and nothing running (anywhere) for this many seconds */
  idleExit?: number;
  /** seconds between polls of an empty queue (default 0.5) */
  pollInterval?: number;
  onJob?: (e: { input: string; status: 'new' | 'duplicate' | 'skipped' | 'failed'; id?: string; error?: string }) => void;
  /**
   * Write in input order (src/queue/order.ts): the database URL the queue is on. Each article is
   * written only after the articles before it that other workers hold, so any number of workers
   * store what a single-process ingest stores.
   */
  order?: { url: string };
}

export interface RunningWorker {
  stats: WorkerStats;
  /** resolves when the worker has stopped (idle exit or `stop`) */
  done: Promise<void>;
  /** stops taking jobs; waits for the running ones (graceful) */
  stop(): Promise<void>;
}

export async function startQueueWorker(boss: PgBoss, store: Store, engine: Analyzer, o: WorkerOptions): Promise<RunningWorker> {
  const stats: WorkerStats = { jobs: 0, stored: 0, skipped: 0, failed: 0, ms: { fetch: 0, analyze: 0, turn: 0, store: 0, complete: 0 }, cpuMs: 0 };
  let cpu0: NodeJS.CpuUsage | null = null;
  const cpuNow = () => {
    const u = process.cpuUsage(cpu0 ?? undefined);
    return (u.user + u.system) / 1000;
  };
  const write = (store as Store & { writeTimings?: Record<string, number> }).writeTimings;
  if (write) stats.write = write;
  let running = 0;
  let lastBusy = Date.now();
  const isStored = (store as Store & { isStored?: (k: { id?: string | null; contentHash?: string | null }) => Promise<boolean> }).isStored?.bind(store);

  const handle = async (job: PgBoss.Job<IngestJob>, turns: JobTurns | null) => {
    const { raw, input } = (job.data ?? {}) as Partial<IngestJob>;
    stats.jobs++;
    try {
      if (!raw || typeof raw !== 'object' || typeof raw.text !== 'string' || !raw.source || typeof raw.source !== 'object')
        throw new Error(`job ${job.id}: malformed (no raw article with a text)`);
      // resume cheaply: an article whose id or text is stored already is not analysed again
      if (isStored) {
        const doc = createDoc(raw);
        if (await isStored({ id: doc.id, contentHash: textHash(doc.text) })) {
          stats.skipped++;
          o.onJob?.({ input: String(input), status: 'skipped', id: doc.id });
          return { status: 'skipped', id: doc.id };
        }
      }
      const t0 = performance.now();
      const r = await engine.analyze(raw);
      const t1 = performance.now();
      stats.ms.analyze += t1 - t0;
      if (!r.ok) throw new Error(`${input}: analysis failed: ${r.error}`);
      if (turns) {
        // the articles before this one are written first; one of them may have had the same text
        await turns.wait(job.id);
        stats.ms.turn += performance.now() - t1;
        if (isStored && (await isStored({ id: r.doc.id, contentHash: textHash(r.doc.text) }))) {
          stats.skipped++;
          o.onJob?.({ input: String(input), status: 'skipped', id: r.doc.id });
          return { status: 'skipped', id: r.doc.id };
        }
      }
      const t2 = performance.now();
      const put = await store.putArticle(r.doc);
      stats.ms.store += performance.now() - t2;
      if (put.status === 'new') stats.stored++;
      else stats.skipped++;
      o.onJob?.({ input: String(input), status: put.status, id: put.id });
      return put;
    } catch (e) {
      stats.failed++;
      o.onJob?.({ input: String(input ?? job.id), status: 'failed', error: (e as Error).message });
      throw e;
    }
  };

  // own fetch loops rather than boss.work(): work() waits out the polling interval after every
  // job, which caps a loop at two jobs a second when jobs are short
  let stopping: Promise<void> | null = null;
  let stopRequested = false;
  const pollMs = (o.pollInterval ?? 0.5) * 1000;
  /** completions in flight (not waited for between jobs; waited for before the worker stops) */
  const finishing = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    finishing.add(p);
    void p.finally(() => finishing.delete(p));
  };
  const fetchOne = async (turns: JobTurns | null): Promise<PgBoss.Job<IngestJob> | null> => {
    try {
      const t0 = performance.now();
      const job = turns ? await turns.fetch(boss) : (((await boss.fetch<IngestJob>(INGEST_QUEUE, { batchSize: 1 })) ?? [])[0] ?? null);
      stats.ms.fetch += performance.now() - t0;
      return job;
    } catch (e) {
      // the database went away for a moment: wait and keep going
      process.stderr.write(`parley: worker: fetching a job: ${(e as Error).message}\n`);
      return null;
    }
  };
  // (a job is not fetched ahead while another is analysed: its timeout would run while it waits)
  const loop = async () => {
    // one connection per loop holds the turn of the job in hand
    const turns = o.order ? new JobTurns(o.order.url) : null;
    try {
      await loopWith(turns);
    } finally {
      await turns?.close();
    }
  };
  const loopWith = async (turns: JobTurns | null) => {
    while (!stopRequested) {
      const job = await fetchOne(turns);
      if (!job) {
        await new Promise((r) => setTimeout(r, pollMs));
        continue;
      }
      cpu0 ??= process.cpuUsage();
      running++;
      try {
        const out = await handle(job, turns);
        await turns?.release(job.id);
        // the completion is not waited for before the next job: a completion that is lost (the
        // worker dies first) leaves the job active until it expires; run again, it finds its
        // article stored and is skipped
        const t0 = performance.now();
        track(
          boss.complete(INGEST_QUEUE, job.id, out as object).then(
            () => void (stats.ms.complete += performance.now() - t0),
            (e) => process.stderr.write(`parley: worker: completing job ${job.id}: ${(e as Error).message}\n`),
          ),
        );
      } catch (e) {
        await turns?.release(job.id);
        track(boss.fail(INGEST_QUEUE, job.id, e as object).catch(() => {}));
      } finally {
        running--;
        lastBusy = Date.now();
        stats.cpuMs = Math.round(cpuNow());
      }
    }
  };
  const loops = Array.from({ length: Math.max(1, o.concurrency) }, () => loop());

  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  const stop = () =>
    (stopping ??= (async () => {
      stopRequested = true;
      // the jobs in hand finish, and their completions reach the queue
      await Promise.all(loops);
      while (finishing.size) await Promise.all([...finishing]);
      resolveDone();
    })());

  let timer: NodeJS.Timeout | null = null;
  if (o.idleExit !== undefined) {
    const idleMs = o.idleExit * 1000;
    timer = setInterval(async () => {
      if (stopping || running > 0 || Date.now() - lastBusy < idleMs) return;
      try {
        // pending or running anywhere (an abandoned job counts until it expires and is retried)
        const pending = await boss.getQueueSize(INGEST_QUEUE, { before: 'completed' });
        if (pending === 0 && running === 0) void stop();
        else lastBusy = Date.now();
      } catch {
        // the database went away for a moment: keep going
      }
    }, Math.min(1000, Math.max(100, idleMs / 4)));
    timer.unref();
  }
  void done.then(() => timer && clearInterval(timer));
  return { stats, done, stop };
}
