/**
 * A worker thread of `analyze`/`ingest --jobs N`: loads the pipeline once, then analyses the raw
 * articles it is sent. Stages are pure functions of (doc, ctx); the only thing workers share is the
 * read-only memory of the resources the pool packed for them (src/pipeline/shared.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RawArticle } from '../../doc/model.js';
import { createPipeline } from '../../pipeline/index.js';
import { useSharedResources, type SharedResources } from '../../pipeline/shared.js';
import { docForTransfer, type TokenDetail } from './transfer.js';

export type WorkerRequest = { seq: number; raw: RawArticle };
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'fatal'; error: string }
  | { seq: number; ok: true; doc: import('../../doc/model.js').Doc }
  | { seq: number; ok: false; error: string };

const port = parentPort!;
const data = workerData as { shared?: SharedResources | null; tokens?: TokenDetail } | null;
// resources the pool shares between its threads (SharedArrayBuffer-backed): compiled() and
// readSharedFile() return them instead of loading copies of their own
useSharedResources(data?.shared);
// the tokens the pool's user reads (src/cli/commands/transfer.ts): the rest is not cloned back
const tokens: TokenDetail = data?.tokens ?? 'full';
createPipeline().then(
  (pipeline) => {
    port.on('message', (m: WorkerRequest) => {
      try {
        port.postMessage({ seq: m.seq, ok: true, doc: docForTransfer(pipeline.analyze(m.raw), tokens) } satisfies WorkerReply);
      } catch (e) {
        const err = e as Error;
        port.postMessage({ seq: m.seq, ok: false, error: process.env.PARLEY_DEBUG ? String(err.stack) : err.message } satisfies WorkerReply);
      }
    });
    port.postMessage({ type: 'ready' } satisfies WorkerReply);
  },
  (e) => port.postMessage({ type: 'fatal', error: String((e as Error)?.stack ?? e) } satisfies WorkerReply),
);
