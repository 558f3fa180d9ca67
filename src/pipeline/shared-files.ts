/**
 * Read-only data files shared between analysis threads: the thread that starts a pool reads each
 * file once into a SharedArrayBuffer (`shareFiles`), the worker threads register what they are
 * given (`useSharedFiles`) and `readSharedFile` then returns those bytes instead of reading the
 * file again into memory of their own. Used for files that are used as they are, in place (the
 * Russian dictionary's DAWGs, the Ukrainian stem table): ~15 MB each worker no longer copies.
 *
 * No other module state: importing this costs nothing (no resources are loaded here).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const shared = new Map<string, Uint8Array>();

/** the files' bytes, each in a SharedArrayBuffer of its own (a file that cannot be read is left out) */
export function shareFiles(paths: readonly string[]): [string, Uint8Array][] {
  const out: [string, Uint8Array][] = [];
  for (const p of paths) {
    try {
      const b = readFileSync(p);
      const s = new Uint8Array(new SharedArrayBuffer(b.byteLength));
      s.set(b);
      out.push([resolve(p), s]);
    } catch {
      /* the thread that uses it will read it (and report a missing file) itself */
    }
  }
  return out;
}

/** in a worker thread: the files its parent shared (see shareFiles) */
export function useSharedFiles(entries: readonly [string, Uint8Array][]): void {
  for (const [p, b] of entries) shared.set(p, b);
}

/**
 * A file's bytes: the shared copy when the parent thread shared this file, else read from disk.
 * The result is read-only by contract (it may be memory other threads use).
 */
export function readSharedFile(path: string): Buffer {
  const s = shared.get(resolve(path));
  if (s) return Buffer.from(s.buffer, s.byteOffset, s.byteLength);
  return readFileSync(path);
}
