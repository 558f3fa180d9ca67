/**
 * What `parley watch` remembers between polls and runs, per source, in one JSON file (written
 * atomically: a temporary file renamed over the old one): HTTP validators (ETag, Last-Modified),
 * the URLs and files already taken, and the source's health (last success, last error,
 * consecutive failures, when it is polled next, article counts). `parley sources` reads it.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface SourceState {
  kind: 'feed' | 'dir';
  location: string;
  etag: string | null;
  lastModified: string | null;
  /** ISO times */
  lastPoll: string | null;
  lastOk: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** consecutive failed polls (0 when the last one succeeded) */
  failures: number;
  nextPoll: string | null;
  polls: number;
  notModified: number;
  articlesNew: number;
  articlesDuplicate: number;
  rejected: number;
  /** item URLs (or ids) already taken from a feed, newest last, at most MAX_SEEN */
  seen: string[];
  /** files already taken from a directory: path -> "mtimeMs:size" */
  files: Record<string, string>;
}

export interface WatchState {
  version: 1;
  sources: Record<string, SourceState>;
}

export const MAX_SEEN = 20_000;

export function emptySource(kind: 'feed' | 'dir', location: string): SourceState {
  return {
    kind,
    location,
    etag: null,
    lastModified: null,
    lastPoll: null,
    lastOk: null,
    lastError: null,
    lastErrorAt: null,
    failures: 0,
    nextPoll: null,
    polls: 0,
    notModified: 0,
    articlesNew: 0,
    articlesDuplicate: 0,
    rejected: 0,
    seen: [],
    files: {},
  };
}

export function loadState(path: string): WatchState {
  if (!existsSync(path)) return { version: 1, sources: {} };
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: unreadable watch state (${(e as Error).message}); move it away to start afresh`);
  }
  const s = v as WatchState;
  if (!s || typeof s !== 'object' || s.version !== 1 || typeof s.sources !== 'object') throw new Error(`${path}: not a parley watch state file`);
  for (const [k, src] of Object.entries(s.sources)) s.sources[k] = { ...emptySource(src.kind, src.location), ...src };
  return s;
}

export function saveState(path: string, state: WatchState): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, path);
}

/** The state file of a database: beside a SQLite file, else in the working directory. */
export function defaultStatePath(db: string): string {
  return /^postgres(ql)?:\/\//.test(db) ? 'parley-watch.json' : `${db.replace(/^sqlite:/, '')}.watch.json`;
}
