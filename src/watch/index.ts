/**
 * Continuous sources: RSS/Atom feeds (HTTP) and directories, polled on an interval; what is new is
 * read by the ingest readers, analysed and stored. New means: an item URL (or id) not taken before
 * from this source, and a text whose id or content hash the store does not hold. A failing source
 * (network error, HTTP error, malformed feed) is retried with exponential back-off and never stops
 * the others. Library code: the CLI (`parley watch`, `parley sources`) only wires it up.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { contentId } from '../doc/create.js';
import type { Doc, RawArticle } from '../doc/model.js';
import { normalizeBody } from '../doc/normalize.js';
import { printable, readBuffer, readInputs, type IngestItem } from '../ingest/index.js';
import type { Store } from '../store/types.js';
import { fetchFeed, type FetchOptions } from './fetch.js';
import { emptySource, loadState, MAX_SEEN, saveState, type SourceState, type WatchState } from './state.js';

export { fetchFeed, FETCH_DEFAULTS, type FetchOptions, type FetchResult } from './fetch.js';
export { defaultStatePath, loadState, type SourceState, type WatchState } from './state.js';

export interface SourceSpec {
  kind: 'feed' | 'dir';
  location: string;
}

/** A feed URL or a directory; anything else is an error naming it. */
export function parseSource(s: string): SourceSpec {
  const t = s.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) {
    let u: URL;
    try {
      u = new URL(t);
    } catch {
      throw new Error(`${printable(t)}: not a valid URL`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`${printable(t)}: only http:// and https:// feeds are polled`);
    return { kind: 'feed', location: u.href };
  }
  let st;
  try {
    st = statSync(t);
  } catch {
    throw new Error(`${printable(t)}: no such directory (a source is an http(s) feed URL or a directory)`);
  }
  if (!st.isDirectory()) throw new Error(`${printable(t)}: not a directory (a source is an http(s) feed URL or a directory)`);
  return { kind: 'dir', location: t };
}

/** A source list file: one source a line; blank lines and `#` comments ignored. */
export function readSourceList(path: string): SourceSpec[] {
  const out: SourceSpec[] = [];
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    try {
      out.push(parseSource(line));
    } catch (e) {
      throw new Error(`${printable(path)}:${i + 1}: ${(e as Error).message}`);
    }
  });
  return out;
}

export interface WatchOptions {
  store: Store;
  /** analyses one raw article (the pipeline, in this thread or a pool) */
  analyze: (raw: RawArticle) => Promise<Doc>;
  sources: SourceSpec[];
  statePath: string;
  /** between polls of one source (default 5 min) */
  intervalMs?: number;
  /** back-off ceiling for a failing source (default 1 h) */
  maxBackoffMs?: number;
  fetch?: FetchOptions;
  /** per article (file or JSON line), as ingest's --max-bytes */
  maxBytes?: number;
  log?: (line: string) => void;
  now?: () => number;
}

export interface PollReport {
  source: string;
  status: 'ok' | 'not-modified' | 'error' | 'skipped';
  new: number;
  duplicates: number;
  rejected: string[];
  error?: string;
}

const READABLE_EXT = new Set(['.txt', '.text', '.jsonl', '.ndjson', '.json', '.html', '.htm', '.xhtml', '.xml', '.rss', '.atom']);

export class Watcher {
  readonly state: WatchState;
  private stopping = false;
  private wake: (() => void) | null = null;
  private readonly now: () => number;

  constructor(private readonly opts: WatchOptions) {
    this.state = loadState(opts.statePath);
    this.now = opts.now ?? Date.now;
    for (const s of opts.sources) this.state.sources[keyOf(s)] ??= emptySource(s.kind, s.location);
  }

  get intervalMs(): number {
    return this.opts.intervalMs ?? 300_000;
  }

  /** Ends `run` after the article being stored. */
  stop(): void {
    this.stopping = true;
    this.wake?.();
  }

  get stopped(): boolean {
    return this.stopping;
  }

  /** Polls every source that is due (all of them with `force`), once. */
  async pollDue(force = false): Promise<PollReport[]> {
    const reports: PollReport[] = [];
    for (const spec of this.opts.sources) {
      if (this.stopping) break;
      const st = this.state.sources[keyOf(spec)];
      if (!force && st.nextPoll && Date.parse(st.nextPoll) > this.now()) continue;
      reports.push(await this.poll(spec, st));
      saveState(this.opts.statePath, this.state);
    }
    return reports;
  }

  /** Polls until stopped: each source on its interval, failing ones with back-off. */
  async run(onReport?: (r: PollReport) => void): Promise<void> {
    while (!this.stopping) {
      for (const r of await this.pollDue()) onReport?.(r);
      if (this.stopping) break;
      const next = Math.min(...this.opts.sources.map((s) => Date.parse(this.state.sources[keyOf(s)].nextPoll ?? '') || this.now()));
      const wait = Math.max(200, Math.min(next - this.now(), this.intervalMs));
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  private async poll(spec: SourceSpec, st: SourceState): Promise<PollReport> {
    const report: PollReport = { source: spec.location, status: 'ok', new: 0, duplicates: 0, rejected: [] };
    st.polls++;
    st.lastPoll = new Date(this.now()).toISOString();
    try {
      if (spec.kind === 'feed') await this.pollFeed(spec, st, report);
      else await this.pollDir(spec, st, report);
    } catch (e) {
      report.status = 'error';
      report.error = (e as Error).message;
    }
    if (report.status === 'error') {
      st.failures++;
      st.lastError = report.error ?? 'error';
      st.lastErrorAt = st.lastPoll;
      // exponential back-off with jitter, capped
      const base = Math.min(this.intervalMs * 2 ** st.failures, this.opts.maxBackoffMs ?? 3_600_000);
      st.nextPoll = new Date(this.now() + base * (0.8 + 0.4 * Math.random())).toISOString();
      this.opts.log?.(`${printable(spec.location)}: ${report.error} (failure ${st.failures}; next try ${st.nextPoll})`);
    } else {
      st.failures = 0;
      st.lastOk = st.lastPoll;
      st.nextPoll = new Date(this.now() + this.intervalMs).toISOString();
    }
    st.articlesNew += report.new;
    st.articlesDuplicate += report.duplicates;
    st.rejected += report.rejected.length;
    return report;
  }

  private async pollFeed(spec: SourceSpec, st: SourceState, report: PollReport): Promise<void> {
    const res = await fetchFeed(spec.location, { ...this.opts.fetch, etag: st.etag, lastModified: st.lastModified });
    if (res.status === 'error') {
      report.status = 'error';
      report.error = res.error;
      return;
    }
    if (res.status === 'not-modified') {
      report.status = 'not-modified';
      st.notModified++;
      return;
    }
    const items = readBuffer(res.body, spec.location, { maxBytes: this.opts.maxBytes ?? Math.max(res.body.length, 10 * 1024 * 1024) });
    const okItems = items.filter((i) => i.ok);
    if (!okItems.length && items.length) {
      // nothing readable: a malformed or empty feed is a failure of the source (back-off)
      report.status = 'error';
      report.error = items.map((i) => (!i.ok ? i.error : '')).filter(Boolean)[0] ?? 'nothing readable';
      return;
    }
    st.etag = res.etag;
    st.lastModified = res.lastModified;
    const seen = new Set(st.seen);
    for (const it of items) {
      if (this.stopping) break;
      if (!it.ok) {
        report.rejected.push(it.error);
        continue;
      }
      const key = it.article.source.url ?? it.article.id ?? contentId(normalizeBody(it.article.text));
      if (seen.has(key)) {
        report.duplicates++;
        continue;
      }
      await this.take(it, report);
      seen.add(key);
      st.seen.push(key);
    }
    if (st.seen.length > MAX_SEEN) st.seen.splice(0, st.seen.length - MAX_SEEN);
  }

  private async pollDir(spec: SourceSpec, st: SourceState, report: PollReport): Promise<void> {
    let names: string[];
    try {
      names = (readdirSync(spec.location, { recursive: true }) as string[]).sort();
    } catch (e) {
      report.status = 'error';
      report.error = `cannot list the directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
      return;
    }
    for (const n of names) {
      if (this.stopping) break;
      if (n.split(/[\\/]/).some((p) => p.startsWith('.')) || !READABLE_EXT.has(extname(n).toLowerCase())) continue;
      const p = join(spec.location, n);
      let sig: string;
      try {
        const fst = statSync(p);
        if (!fst.isFile()) continue;
        sig = `${fst.mtimeMs}:${fst.size}`;
      } catch {
        continue;
      }
      if (st.files[p] === sig) continue;
      // a file still being written (modified in the last second) is taken on the next poll
      if (this.now() - Number(sig.split(':')[0]) < 1000) continue;
      for await (const it of readInputs([p], { maxBytes: this.opts.maxBytes })) {
        if (!it.ok) report.rejected.push(it.error);
        else await this.take(it, report);
      }
      st.files[p] = sig;
    }
  }

  /** One readable article: skipped when stored (id or text hash), else analysed and stored. */
  private async take(it: Extract<IngestItem, { ok: true }>, report: PollReport): Promise<void> {
    const raw = it.article;
    const hash = contentId(normalizeBody(raw.text));
    const id = raw.id && raw.id.trim() ? raw.id.trim() : hash;
    if (await this.opts.store.isStored({ id, contentHash: hash })) {
      report.duplicates++;
      return;
    }
    let doc: Doc;
    try {
      doc = await this.opts.analyze(raw);
    } catch (e) {
      report.rejected.push(`${printable(it.input)}${raw.source.item ? `:${raw.source.item}` : ''}: analysis failed: ${(e as Error).message}`);
      return;
    }
    const r = await this.opts.store.putArticle(doc);
    if (r.status === 'new') report.new++;
    else report.duplicates++;
  }
}

function keyOf(s: SourceSpec): string {
  return `${s.kind}:${s.location}`;
}

export interface SourceHealth {
  source: string;
  kind: 'feed' | 'dir';
  status: 'ok' | 'failing' | 'never polled';
  failures: number;
  lastOk: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  nextPoll: string | null;
  polls: number;
  notModified: number;
  articlesNew: number;
  articlesDuplicate: number;
  rejected: number;
}

/** Per-source health from a state file (for `parley sources` and the API). */
export function sourceHealth(state: WatchState): SourceHealth[] {
  return Object.values(state.sources).map((s) => ({
    source: s.location,
    kind: s.kind,
    status: s.polls === 0 ? 'never polled' : s.failures > 0 ? 'failing' : 'ok',
    failures: s.failures,
    lastOk: s.lastOk,
    lastError: s.lastError,
    lastErrorAt: s.lastErrorAt,
    nextPoll: s.nextPoll,
    polls: s.polls,
    notModified: s.notModified,
    articlesNew: s.articlesNew,
    articlesDuplicate: s.articlesDuplicate,
    rejected: s.rejected,
  }));
}
