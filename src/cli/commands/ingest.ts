import { EXIT } from '../exit.js';
import { isTTY, line } from '../output.js';
import { analyzed, describe, loadEngine, type Rejection } from './inputs.js';
import { describeLocation } from '../../store/index.js';
import { openForWrite } from './db.js';

export interface IngestOptions {
  db: string;
  maxBytes?: number;
  /** worker threads for the analysis (1: in this thread) */
  jobs?: number;
  progress?: boolean;
  /** print the summary as one JSON object */
  json?: boolean;
}

/** `parley ingest FILES... [--db PATH]`: analyse and store; a summary of what was read. */
export async function ingestCommand(files: string[], opts: IngestOptions): Promise<number> {
  const store = await openForWrite(opts.db); // fail fast, before the pipeline loads
  const engine = await loadEngine(opts.jobs ?? 1);
  const tty = opts.progress !== false && isTTY(process.stderr);
  const rejected: Rejection[] = [];
  const failed: Rejection[] = [];
  let read = 0;
  let fresh = 0;
  let dup = 0;
  let bar: import('cli-progress').SingleBar | null = null;
  if (tty) {
    const { SingleBar } = (await import('cli-progress')).default;
    bar = new SingleBar(
      { format: 'ingesting {value} articles | {rate}/s | new {fresh} dup {dup} rejected {rej} | {input}', hideCursor: true, clearOnComplete: true, fps: 10 },
    );
    bar.start(0, 0, { rate: 0, fresh: 0, dup: 0, rej: 0, input: '' });
  }
  // Ctrl-C: stop after the article being stored (everything stored so far stays); twice: quit now
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(EXIT.INTERRUPTED);
    interrupted = true;
  };
  process.on('SIGINT', onSigint);
  const started = Date.now();
  const onReject = (r: Rejection) => {
    rejected.push(r);
    if (!bar) process.stderr.write(`parley: rejected ${describe(r)}\n`);
  };
  try {
    for await (const doc of analyzed(files, engine, onReject, { maxBytes: opts.maxBytes })) {
      // let the event loop run (signals, progress redraws): readers and analysis may not yield
      if (read % 4 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      if (interrupted) break;
      read++;
      try {
        const r = await store.putArticle(doc);
        if (r.status === 'new') fresh++;
        else dup++;
      } catch (e) {
        const f = { input: doc.source.path ?? doc.id, line: doc.source.item, error: `not stored: ${(e as Error).message}` };
        failed.push(f);
        if (!bar) process.stderr.write(`parley: ${describe(f)}\n`);
      }
      if (bar) {
        const secs = (Date.now() - started) / 1000;
        bar.setTotal(read);
        bar.update(read, { rate: secs > 0 ? Math.round(read / secs) : 0, fresh, dup, rej: rejected.length + failed.length, input: doc.source.path ?? '' });
      }
    }
  } finally {
    bar?.stop();
    process.off('SIGINT', onSigint);
    await engine.close();
    await store.close();
  }
  const secs = (Date.now() - started) / 1000;
  if (bar) for (const r of [...rejected, ...failed]) process.stderr.write(`parley: rejected ${describe(r)}\n`);
  if (opts.json) {
    const all = [...rejected, ...failed].map((r) => ({ input: r.input, line: r.line ?? null, error: describe(r) }));
    await line(JSON.stringify({ db: describeLocation(opts.db), read, new: fresh, duplicates: dup, rejected: all, seconds: Number(secs.toFixed(2)), interrupted }));
  } else await line(
    `${describeLocation(opts.db)}: ${read} article${read === 1 ? '' : 's'} read, ${fresh} new, ${dup} duplicate${dup === 1 ? '' : 's'}, ` +
      `${rejected.length + failed.length} rejected (${secs.toFixed(1)} s)${interrupted ? ' — interrupted' : ''}`,
  );
  if (!opts.json && rejected.length + failed.length) {
    await line('rejected:');
    for (const r of [...rejected, ...failed]) await line(`  ${describe(r)}`);
  }
  if (interrupted) return EXIT.INTERRUPTED;
  if (read === 0 || fresh + dup === 0) return EXIT.FATAL;
  return rejected.length + failed.length ? EXIT.SOME_REJECTED : EXIT.OK;
}
