/**
 * POST /api/articles: one uploaded body through the same readers (`readBuffer`) and pipeline as
 * `parley ingest`, stored with the same `putArticle`. The pipeline loads once per process, on the
 * first write; uploads are analysed one at a time (the analysis is CPU-bound and synchronous).
 */
import type { Pipeline } from '../pipeline/pipeline.js';
import type { Store } from '../store/types.js';

export interface IngestReport {
  read: number;
  new: number;
  duplicates: number;
  rejected: { input: string; line: number | null; error: string }[];
  items: { id: string; status: 'new' | 'duplicate'; title: string | null; lang: string }[];
}

export class Ingester {
  private pipeline: Promise<Pipeline> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly maxBytes: number,
  ) {}

  private load(): Promise<Pipeline> {
    if (!this.pipeline) {
      this.pipeline = import('../pipeline/index.js').then((m) => m.createPipeline());
      this.pipeline.catch(() => (this.pipeline = null)); // a failed load is retried on the next write
    }
    return this.pipeline;
  }

  /** Reads, analyses and stores one upload; per-item results as `parley ingest --json` gives them. */
  ingest(body: Buffer, name: string): Promise<IngestReport> {
    const run = this.queue.then(() => this.run(body, name));
    this.queue = run.catch(() => {});
    return run;
  }

  private async run(body: Buffer, name: string): Promise<IngestReport> {
    const { readBuffer } = await import('../ingest/index.js');
    const report: IngestReport = { read: 0, new: 0, duplicates: 0, rejected: [], items: [] };
    const items = readBuffer(body, name, { maxBytes: this.maxBytes });
    const readable = items.filter((i) => i.ok);
    const pipeline = readable.length ? await this.load() : null;
    for (const it of items) {
      if (!it.ok) {
        report.rejected.push({ input: it.input, line: it.line ?? null, error: it.error });
        continue;
      }
      let doc;
      try {
        doc = pipeline!.analyze(it.article);
      } catch (e) {
        report.rejected.push({ input: it.input, line: it.article.source.item ?? null, error: `analysis failed: ${(e as Error).message}` });
        continue;
      }
      report.read++;
      try {
        const r = await this.store.putArticle(doc);
        if (r.status === 'new') report.new++;
        else report.duplicates++;
        report.items.push({ id: r.id, status: r.status, title: doc.title ?? null, lang: doc.lang });
      } catch (e) {
        report.rejected.push({ input: it.input, line: it.article.source.item ?? null, error: `not stored: ${(e as Error).message}` });
      }
      // let other requests run between articles of a large upload
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return report;
  }
}
