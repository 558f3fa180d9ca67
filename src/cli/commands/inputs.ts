/**
 * The shared read loop of `analyze` and `ingest`: inputs (files, directories, globs, `-`) through
 * the ingest readers and the analysis pipeline (in this thread, or on `jobs` worker threads with
 * the input order kept). A rejected input or an article the pipeline fails on is reported with
 * the input's name (and line) and the batch goes on.
 */
import type { Doc, RawArticle } from '../../doc/model.js';
import { printable, readInputs } from '../../ingest/index.js';
import type { PoolResult } from './pool.js';
import type { TokenDetail } from './transfer.js';

/** The languages the pipeline analyses (others are read and stored, with a warning). */
export const ANALYSED_LANGS = new Set(['ru', 'uk', 'en']);

export interface Rejection {
  input: string;
  line?: number;
  error: string;
}

export function describe(r: Rejection): string {
  const input = printable(r.input);
  const where = `${input}${r.line ? `:${r.line}` : ''}`;
  // readers often name the input in their message already
  return r.error.startsWith(input) ? r.error : `${where}: ${r.error}`;
}

/**
 * An engine loaded on the first article it is given: a re-run whose inputs are all stored already
 * never loads the pipeline.
 */
export function lazyEngine(jobs = 1, opts: EngineOptions = {}): Engine {
  let engine: Promise<Engine> | null = null;
  return {
    analyze: (raw) => (engine ??= loadEngine(jobs, opts)).then((e) => e.analyze(raw)),
    window: jobs > 1 ? jobs * 16 : 1,
    close: async () => {
      if (engine) await (await engine).close();
    },
  };
}

/** Analyses raw articles: in this thread (jobs = 1) or on a pool of worker threads. */
export interface Engine {
  analyze(raw: RawArticle): Promise<PoolResult>;
  /** articles in flight at most */
  window: number;
  close(): Promise<void>;
}

export interface EngineOptions {
  /**
   * The tokens the caller reads from the documents (worker threads send back only those;
   * src/cli/commands/transfer.ts). In this thread the documents are the pipeline's, whole.
   */
  tokens?: TokenDetail;
}

export async function loadEngine(jobs = 1, opts: EngineOptions = {}): Promise<Engine> {
  if (jobs > 1) {
    const { AnalysisPool } = await import('./pool.js');
    const pool = await AnalysisPool.start(jobs, { tokens: opts.tokens });
    return { analyze: (raw) => pool.analyze(raw), window: jobs * 16, close: () => pool.close() };
  }
  const { createPipeline } = await import('../../pipeline/index.js');
  const pipeline = await createPipeline();
  return {
    analyze: async (raw) => {
      try {
        return { ok: true, doc: pipeline.analyze(raw) };
      } catch (e) {
        const err = e as Error;
        return { ok: false, error: process.env.PARLEY_DEBUG ? String(err.stack) : err.message };
      }
    },
    window: 1,
    close: async () => {},
  };
}

/** Analysed documents of every readable article, in input order; rejections go to `onReject`. */
export async function* analyzed(
  specs: string[],
  engine: Engine,
  onReject: (r: Rejection) => void,
  opts: {
    maxBytes?: number;
    /** an input for which this answers true is not analysed (ingest: already stored) */
    skip?: (raw: RawArticle) => Promise<boolean>;
    onSkip?: (raw: RawArticle) => void;
    /** a caveat about an article that is still processed (default: printed on stderr) */
    onWarn?: (w: Rejection) => void;
  } = {},
): AsyncGenerator<Doc> {
  const warn = opts.onWarn ?? ((w: Rejection) => process.stderr.write(`parley: warning: ${describe(w)}\n`));
  const queue: { input: string; line?: number; result: Promise<PoolResult> }[] = [];
  const settle = async (): Promise<Doc | null> => {
    const head = queue.shift()!;
    const r = await head.result;
    if (r.ok) {
      if (!ANALYSED_LANGS.has(r.doc.lang))
        warn({
          input: head.input,
          line: head.line,
          error: `language '${r.doc.lang}' is outside the analysed languages (${[...ANALYSED_LANGS].join(', ')}): no entities, quotes or events are found in it`,
        });
      return r.doc;
    }
    onReject({ input: head.input, line: head.line, error: `analysis failed: ${r.error}` });
    return null;
  };
  for await (const item of readInputs(specs, { stdin: process.stdin, maxBytes: opts.maxBytes })) {
    if (!item.ok) {
      onReject({ input: item.input, line: item.line, error: item.error });
      continue;
    }
    for (const w of item.warnings ?? []) warn({ input: item.input, line: item.article.source.item, error: w });
    if (opts.skip && (await opts.skip(item.article))) {
      opts.onSkip?.(item.article);
      continue;
    }
    queue.push({ input: item.input, line: item.article.source.item, result: engine.analyze(item.article) });
    while (queue.length >= engine.window) {
      const doc = await settle();
      if (doc) yield doc;
    }
  }
  while (queue.length) {
    const doc = await settle();
    if (doc) yield doc;
  }
}
