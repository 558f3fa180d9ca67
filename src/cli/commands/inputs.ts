/**
 * The shared read loop of `analyze` and `ingest`: inputs (files, directories, globs, `-`) through
 * the ingest readers and the analysis pipeline. A rejected input or an article the pipeline fails
 * on is reported with the input's name (and line) and the batch goes on.
 */
import type { Doc } from '../../doc/model.js';
import type { Pipeline } from '../../pipeline/pipeline.js';
import { readInputs } from '../../ingest/index.js';

export interface Rejection {
  input: string;
  line?: number;
  error: string;
}

export function describe(r: Rejection): string {
  const where = `${r.input}${r.line ? `:${r.line}` : ''}`;
  // readers often name the input in their message already
  return r.error.startsWith(r.input) ? r.error : `${where}: ${r.error}`;
}

export async function loadPipeline(): Promise<Pipeline> {
  const { createPipeline } = await import('../../pipeline/index.js');
  return createPipeline();
}

/** Analysed documents of every readable article; rejections go to `onReject`. */
export async function* analyzed(
  specs: string[],
  pipeline: Pipeline,
  onReject: (r: Rejection) => void,
  opts: { maxBytes?: number } = {},
): AsyncGenerator<Doc> {
  for await (const item of readInputs(specs, { stdin: process.stdin, maxBytes: opts.maxBytes })) {
    if (!item.ok) {
      onReject({ input: item.input, line: item.line, error: item.error });
      continue;
    }
    let doc: Doc;
    try {
      doc = pipeline.analyze(item.article);
    } catch (e) {
      const where = item.article.source.item;
      onReject({ input: item.input, line: where, error: `analysis failed: ${process.env.PARLEY_DEBUG ? (e as Error).stack : (e as Error).message}` });
      continue;
    }
    yield doc;
  }
}
