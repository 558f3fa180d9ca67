import { EXIT } from '../exit.js';
import { isTTY, line } from '../output.js';
import { analyzed, describe, lazyEngine, type Rejection } from './inputs.js';
import { describeLocation } from '../../store/open.js';
import { openForWrite } from './db.js';
import { contentId } from '../../doc/create.js';
import { normalizeBody } from '../../doc/normalize.js';
import type { RawArticle } from '../../doc/model.js';
import type { Store } from '../../store/types.js';

/**
 * Whether a raw article is stored already, by its id (the reader's, else the hash of its text,
 * as createDoc gives it) or by the hash of its text: a re-run skips it before analysis.
 */
export async function alreadyStored(store: Store, raw: RawArticle): Promise<boolean> {
  const hash = contentId(normalizeBody(raw.text));
  const id = raw.id && raw.id.trim() ? raw.id.trim() : hash;
  return store.isStored({ id, contentHash: hash });
}

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
  // the pipeline loads on the first input that is not stored yet
  // the store reads the tokens it indexes (src/store/index-terms.ts), not their tags
  const engine = lazyEngine(opts.jobs ?? 1, { tokens: 'index' });
  const tty = opts.progress !== false && isTTY(process.stderr);
  const rejected: Rejection[] = [];
  const failed: Rejection[] = [];
  const warnings: Rejection[] = [];
  let read = 0;
  let fresh = 0;
  let dup = 0;
  let skipped = 0;
  let bar: import('cli-progress').SingleBar | null = null;
  if (tty) {
    const { SingleBar } = (await import('cli-progress')).default;
    bar = new SingleBar(
      { format: 'ingesting {value} articles | {rate}/s | new {fresh} dup {dup} rejected {rej} | {input}', hideCursor: true, clearOnComplete: true, fps: 10 },
    );
    bar.start(0, 0, { rate: 0, fresh: 0, dup: 0, rej: 0, input: '' });
  }
  // Ctrl-C or SIGTERM: stop after the article being stored (everything stored so far stays) and
  // print the summary; a second signal quits at once
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(EXIT.INTERRUPTED);
    interrupted = true;
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  const started = Date.now();
  const onReject = (r: Rejection) => {
    rejected.push(r);
    if (!bar) process.stderr.write(`parley: rejected ${describe(r)}\n`);
  };
  try {
    let checks = 0;
    const skip = async (raw: RawArticle) => {
      // let signals in while known inputs are skipped (no analysis yields to the event loop then)
      if (++checks % 16 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      if (interrupted) throw new Interrupted();
      return alreadyStored(store, raw);
    };
    const onSkip = (raw: RawArticle) => {
      read++;
      dup++;
      skipped++;
      if (skipped % 64 === 0) bar?.update(read, { fresh, dup, rej: rejected.length + failed.length, input: raw.source.path ?? '' });
    };
    const onWarn = (w: Rejection) => {
      warnings.push(w);
      if (!bar) process.stderr.write(`parley: warning: ${describe(w)}\n`);
    };
    for await (const doc of analyzed(files, engine, onReject, { maxBytes: opts.maxBytes, skip, onSkip, onWarn })) {
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
  } catch (e) {
    if (!(e instanceof Interrupted)) throw e;
  } finally {
    bar?.stop();
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
    await engine.close();
    await store.close();
  }
  const secs = (Date.now() - started) / 1000;
  if (bar) {
    for (const w of warnings) process.stderr.write(`parley: warning: ${describe(w)}\n`);
    for (const r of [...rejected, ...failed]) process.stderr.write(`parley: rejected ${describe(r)}\n`);
  }
  if (opts.json) {
    const all = [...rejected, ...failed].map((r) => ({ input: r.input, line: r.line ?? null, error: describe(r) }));
    await line(JSON.stringify({ db: describeLocation(opts.db), read, new: fresh, duplicates: dup, skippedBeforeAnalysis: skipped, rejected: all, warnings: warnings.map((w) => describe(w)), seconds: Number(secs.toFixed(2)), interrupted }));
  } else await line(
    `${describeLocation(opts.db)}: ${read} article${read === 1 ? '' : 's'} read, ${fresh} new, ${dup} duplicate${dup === 1 ? '' : 's'}, ` +
      `${rejected.length + failed.length} rejected (${secs.toFixed(1)} s)${skipped ? `; ${skipped} already stored, not re-analysed` : ''}${interrupted ? ' — interrupted' : ''}`,
  );
  if (!opts.json && rejected.length + failed.length) {
    await line('rejected:');
    for (const r of [...rejected, ...failed]) await line(`  ${describe(r)}`);
  }
  if (interrupted) return EXIT.INTERRUPTED;
  if (read === 0 || fresh + dup === 0) return EXIT.FATAL;
  return rejected.length + failed.length ? EXIT.SOME_REJECTED : EXIT.OK;
}

class Interrupted extends Error {}
