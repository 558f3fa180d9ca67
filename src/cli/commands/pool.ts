/**
 * Parallel analysis on worker threads: the main thread reads the inputs and keeps the order,
 * `jobs` workers each hold a loaded pipeline; the NER model's tables and the morphology's
 * dictionary files are put once into SharedArrayBuffers here and shared by every worker
 * (src/pipeline/shared.ts). Results come back in input order, with at most
 * `jobs * 16` articles in flight (bounded memory on huge batches).
 */
import { Worker } from 'node:worker_threads';
import type { Doc, RawArticle } from '../../doc/model.js';
import { docFromTransfer, type TokenDetail } from './transfer.js';
import type { WorkerReply } from './worker.js';

export type PoolResult = { ok: true; doc: Doc } | { ok: false; error: string };

/**
 * The worker's entry: the compiled `worker.js`, or under tsx (development, tests) a small ESM
 * bootstrap that registers tsx in the worker thread before importing `worker.ts`.
 */
function workerUrl(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./worker.js', import.meta.url);
  const api = import.meta.resolve('tsx/esm/api');
  const target = new URL('./worker.ts', import.meta.url).href;
  const code = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(target)});`;
  return new URL('data:text/javascript,' + encodeURIComponent(code));
}

export class AnalysisPool {
  private readonly workers: Worker[] = [];
  private readonly idleLoad: number[] = [];
  private readonly pending = new Map<number, (r: PoolResult) => void>();
  private seq = 0;
  private failure: Error | null = null;

  private constructor(readonly jobs: number) {}

  /**
   * `tokens`: the tokens the caller reads from the documents (src/cli/commands/transfer.ts):
   * 'full' (default) every token as the pipeline made it, 'index' the fields a store indexes,
   * 'none' no tokens layer. Less to clone back: less CPU on both sides and a smaller heap here.
   */
  static async start(jobs: number, opts: { tokens?: TokenDetail } = {}): Promise<AnalysisPool> {
    const pool = new AnalysisPool(jobs);
    const url = workerUrl();
    // the read-only resources the threads can share (NER model tables, dictionary files), packed once here
    const { sharedResources } = await import('../../pipeline/shared.js');
    const shared = jobs > 1 ? await sharedResources() : null;
    await Promise.all(
      Array.from({ length: jobs }, (_, i) => {
        const w = new Worker(url, { workerData: { shared, tokens: opts.tokens ?? 'full' } });
        pool.workers.push(w);
        pool.idleLoad.push(0);
        return new Promise<void>((resolve, reject) => {
          w.on('message', (m: WorkerReply) => {
            if ('type' in m) {
              if (m.type === 'ready') resolve();
              else reject(new Error(`analysis worker failed to start: ${m.error}`));
              return;
            }
            pool.idleLoad[i]--;
            const done = pool.pending.get(m.seq);
            pool.pending.delete(m.seq);
            done?.(m.ok ? { ok: true, doc: docFromTransfer(m.doc) } : { ok: false, error: m.error });
          });
          w.on('error', (e) => {
            pool.failure = e;
            reject(e);
            for (const [, done] of pool.pending) done({ ok: false, error: `analysis worker crashed: ${e.message}` });
            pool.pending.clear();
          });
        });
      }),
    );
    return pool;
  }

  analyze(raw: RawArticle): Promise<PoolResult> {
    if (this.failure) return Promise.resolve({ ok: false, error: `analysis worker crashed: ${this.failure.message}` });
    const seq = this.seq++;
    // the least loaded worker
    let best = 0;
    for (let i = 1; i < this.workers.length; i++) if (this.idleLoad[i] < this.idleLoad[best]) best = i;
    this.idleLoad[best]++;
    return new Promise((resolve) => {
      this.pending.set(seq, resolve);
      this.workers[best].postMessage({ seq, raw });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
