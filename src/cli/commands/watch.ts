/**
 * `parley watch SOURCES... [--sources-file F]`: poll feeds and directories, ingest what is new,
 * until Ctrl-C / SIGTERM (or once, with --once). `parley sources`: each source's health.
 */
import { describeLocation } from '../../store/index.js';
import { defaultStatePath, loadState, parseSource, readSourceList, sourceHealth, Watcher, type PollReport, type SourceSpec } from '../../watch/index.js';
import { CliError, EXIT } from '../exit.js';
import { line } from '../output.js';
import { openForWrite } from './db.js';
import { lazyEngine } from './inputs.js';

export interface WatchCliOptions {
  db: string;
  sourcesFile?: string;
  /** seconds between polls of a source */
  interval?: number;
  once?: boolean;
  state?: string;
  /** seconds for one HTTP exchange */
  timeout?: number;
  maxBytes?: number;
  json?: boolean;
}

function specs(args: string[], file?: string): SourceSpec[] {
  const out: SourceSpec[] = [];
  try {
    if (file) out.push(...readSourceList(file));
    for (const a of args) out.push(parseSource(a));
  } catch (e) {
    throw new CliError((e as Error).message, EXIT.USAGE);
  }
  if (!out.length) throw new CliError('no sources: give feed URLs or directories, or --sources-file FILE', EXIT.USAGE);
  return out;
}

export async function watchCommand(args: string[], opts: WatchCliOptions): Promise<number> {
  const sources = specs(args, opts.sourcesFile);
  const store = await openForWrite(opts.db);
  const engine = lazyEngine(1);
  const statePath = opts.state ?? defaultStatePath(opts.db);
  const watcher = new Watcher({
    store,
    sources,
    statePath,
    intervalMs: (opts.interval ?? 300) * 1000,
    fetch: { timeoutMs: (opts.timeout ?? 20) * 1000 },
    maxBytes: opts.maxBytes,
    analyze: async (raw) => {
      const r = await engine.analyze(raw);
      if (!r.ok) throw new Error(r.error);
      return r.doc;
    },
    log: (l) => process.stderr.write(`parley: ${l}\n`),
  });
  let signals = 0;
  const onSignal = () => {
    if (++signals > 1) process.exit(EXIT.INTERRUPTED);
    watcher.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const totals = { polls: 0, new: 0, duplicates: 0, rejected: 0, errors: 0 };
  const onReport = (r: PollReport) => {
    totals.polls++;
    totals.new += r.new;
    totals.duplicates += r.duplicates;
    totals.rejected += r.rejected.length;
    if (r.status === 'error') totals.errors++;
    for (const e of r.rejected) process.stderr.write(`parley: rejected ${e}\n`);
    if (!opts.json && (r.new || r.status === 'error'))
      process.stderr.write(`parley: ${r.source}: ${r.status === 'error' ? r.error : `${r.new} new, ${r.duplicates} known`}\n`);
  };
  try {
    if (opts.once) for (const r of await watcher.pollDue(true)) onReport(r);
    else await watcher.run(onReport);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await engine.close();
    await store.close();
  }
  const summary = { db: describeLocation(opts.db), state: statePath, sources: sources.length, ...totals, interrupted: watcher.stopped && !opts.once };
  if (opts.json) await line(JSON.stringify(summary));
  else
    await line(
      `${summary.db}: ${totals.polls} poll${totals.polls === 1 ? '' : 's'} of ${sources.length} source${sources.length === 1 ? '' : 's'}, ${totals.new} new, ` +
        `${totals.duplicates} known, ${totals.rejected} rejected, ${totals.errors} failed poll${totals.errors === 1 ? '' : 's'}${summary.interrupted ? ' — stopped' : ''}`,
    );
  if (summary.interrupted) return EXIT.INTERRUPTED;
  return totals.errors || totals.rejected ? EXIT.SOME_REJECTED : EXIT.OK;
}

export async function sourcesCommand(opts: { db: string; state?: string; json?: boolean }): Promise<number> {
  const statePath = opts.state ?? defaultStatePath(opts.db);
  let health;
  try {
    health = sourceHealth(loadState(statePath));
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  if (opts.json) {
    for (const h of health) await line(JSON.stringify(h));
    return EXIT.OK;
  }
  if (!health.length) {
    await line(`no sources watched yet (state: ${statePath}); run \`parley watch URL|DIR ...\``);
    return EXIT.OK;
  }
  for (const h of health) {
    await line(`${h.status === 'ok' ? 'ok     ' : h.status === 'failing' ? 'FAILING' : 'new    '} ${h.source}`);
    await line(
      `        ${h.polls} polls (${h.notModified} unchanged), ${h.articlesNew} new, ${h.articlesDuplicate} known, ${h.rejected} rejected; ` +
        `last ok ${h.lastOk ?? 'never'}; next ${h.nextPoll ?? 'now'}`,
    );
    if (h.lastError) await line(`        last error${h.failures ? ` (${h.failures} in a row)` : ''}: ${h.lastError} at ${h.lastErrorAt}`);
  }
  return health.some((h) => h.status === 'failing') ? EXIT.SOME_REJECTED : EXIT.OK;
}
