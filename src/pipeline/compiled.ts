/**
 * Compiled forms of shipped resources, kept between runs.
 *
 * Some resources take much longer to build in memory than to read: the NER model file holds its
 * feature names and gazetteer phrases as text (small in git, reviewable), and every process hashes
 * them into open-addressing tables (~0.15 s of a cold `parley analyze`). `compiled()` builds such
 * a resource once, stores the built object graph (V8's serialiser: typed arrays, Maps, Sets, plain
 * objects and instances of the classes the caller names) in the cache folder, and later processes
 * read it back instead of building it again.
 *
 * The cache entry is keyed by a hash of everything the result depends on: the source files' bytes
 * and the code of the modules that build and hold it (so a changed model or a changed class layout
 * never meets a stale entry). The cache is only an accelerator: a missing, unreadable, damaged or
 * unwritable cache falls back to building from the source. Classes stored this way must keep their
 * state in ordinary own properties (no `#private` fields, no closures).
 *
 * Folder: `PARLEY_CACHE_DIR`, else `.cache/` in the project root (ignored by git); `PARLEY_CACHE=off`
 * disables it. `npm run build` fills it (scripts/compile-resources.ts), so a fresh install's first
 * run is as fast as any.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { projectRoot } from './resources.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Class = abstract new (...args: any[]) => object;

export interface CompiledSpec<T> {
  /** file name stem of the cache entry (`ner-model`) */
  name: string;
  /** the bytes the result is built from (a model file's contents) */
  sources: readonly Uint8Array[];
  /** modules whose code decides the result's layout (`new URL('./hash.js', import.meta.url)`) */
  code: readonly URL[];
  /** classes whose instances the result may hold (restored with their prototypes) */
  classes: readonly Class[];
  build(): T;
}

/**
 * The modules beside `moduleUrl` named without extension (`siblings(import.meta.url, './kb',
 * './keys')`), with the caller's own extension: `.ts` under tsx, `.js` in dist/.
 */
export function siblings(moduleUrl: string, ...names: string[]): URL[] {
  const ext = moduleUrl.endsWith('.ts') ? '.ts' : '.js';
  return names.map((n) => new URL(n + ext, moduleUrl));
}

const FORMAT = 'parley-compiled@2';
const CLS = '\u0000class';
const PROPS = '\u0000props';

export function cacheDir(): string | null {
  const off = (process.env.PARLEY_CACHE ?? '').toLowerCase();
  if (off === 'off' || off === '0' || off === 'false') return null;
  return process.env.PARLEY_CACHE_DIR || join(projectRoot, '.cache');
}

function entryKey(spec: CompiledSpec<unknown>): string | null {
  const h = createHash('sha256').update(FORMAT).update(spec.name).update(process.versions.v8);
  for (const s of spec.sources) h.update(String(s.length)).update(s);
  for (const u of spec.code) {
    try {
      h.update(readFileSync(fileURLToPath(u)));
    } catch {
      return null; // the code is not where we think: do not trust a cache entry
    }
  }
  return h.digest('hex').slice(0, 24);
}

/**
 * A compiled resource packed for other threads: its typed arrays live in SharedArrayBuffers, so a
 * worker thread that receives it (`workerData`: structured cloning shares a SharedArrayBuffer, it
 * does not copy it) restores the object graph around the same memory. The NER model's feature
 * table, weights and gazetteer indexes (~20 MB) then exist once for all analysis threads.
 */
export interface SharedCompiled {
  name: string;
  key: string;
  deep: boolean;
  value: unknown;
}

/** `compiled(spec)`'s value packed with its typed arrays moved into SharedArrayBuffers (see SharedCompiled). */
export function shareCompiled<T>(spec: CompiledSpec<T>): SharedCompiled {
  const value = compiled(spec);
  const counter = { instances: 0 };
  const packed = toShared(pack(value, spec.classes, new Map(), counter), new Map());
  const rootIsInstance = value !== null && typeof value === 'object' && !isPlainValue(value);
  return { name: spec.name, key: sourceKey(spec), deep: counter.instances > (rootIsInstance ? 1 : 0), value: packed };
}

/** resources another thread shared with this one, by name (see useSharedCompiled) */
const sharedByName = new Map<string, SharedCompiled>();

/**
 * In a worker thread: the resources its parent packed with `shareCompiled`. `compiled()` then
 * returns those (restored around the shared memory) instead of reading its cache, when they were
 * built from the same sources and code.
 */
export function useSharedCompiled(entries: readonly SharedCompiled[]): void {
  for (const e of entries) sharedByName.set(e.name, e);
}

/** the key of a resource's sources and code, without a cache folder (for shared resources) */
function sourceKey(spec: CompiledSpec<unknown>): string {
  return entryKey(spec) ?? '';
}

/** the packed graph with every typed array copied into a SharedArrayBuffer of its own */
function toShared(v: unknown, memo: Map<object, unknown>): unknown {
  if (v === null || typeof v !== 'object') return v;
  const seen = memo.get(v);
  if (seen !== undefined) return seen;
  if (ArrayBuffer.isView(v)) {
    if (v instanceof DataView) return v;
    const a = v as unknown as { constructor: new (b: SharedArrayBuffer) => ArrayBufferView & { set(x: ArrayLike<number> | ArrayLike<bigint>): void }; byteLength: number };
    const out = new a.constructor(new SharedArrayBuffer(a.byteLength));
    out.set(v as unknown as ArrayLike<number>);
    memo.set(v, out);
    return out;
  }
  memo.set(v, v);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = toShared(v[i], memo);
  } else if (v instanceof Map) {
    for (const [k, x] of v) if (x !== null && typeof x === 'object') v.set(k, toShared(x, memo));
  } else if (!(v instanceof Set) && !(v instanceof RegExp) && !(v instanceof Date)) {
    const o = v as Record<string, unknown>;
    if (CLS in o) o[PROPS] = toShared(o[PROPS], memo);
    else for (const k of Object.keys(o)) o[k] = toShared(o[k], memo);
  }
  return v;
}

/** `build()`'s result, read from the cache when an entry for the same inputs exists. */
export function compiled<T>(spec: CompiledSpec<T>): T {
  const sh = sharedByName.get(spec.name);
  if (sh && sh.key === sourceKey(spec)) {
    // restored once per thread: the entry's graph is this thread's own clone
    sharedByName.delete(spec.name);
    return (sh.deep ? unpack(sh.value, spec.classes, new Map()) : unpackRoot(sh.value, spec.classes)) as T;
  }
  const dir = cacheDir();
  const key = dir ? entryKey(spec) : null;
  if (!dir || !key) return spec.build();
  // the same resource built by different copies of the code (dist/ and the sources under tsx)
  // keeps one entry per copy: they do not evict each other
  const copy = createHash('sha256').update(spec.code.map(String).join('\n')).digest('hex').slice(0, 8);
  const stem = `${spec.name}-${copy}`;
  const file = join(dir, `${stem}-${key}.v8`);
  let bytes: Buffer | null = null;
  try {
    bytes = readFileSync(file);
  } catch {
    /* not built yet */
  }
  if (bytes) {
    try {
      const entry = deserialize(bytes) as Entry;
      // an entry whose only class instance is its root (the KB: one Kb over plain maps and arrays)
      // needs no walk over its graph (~60 ms for the KB's): only the root gets its prototype back
      return (entry.deep ? unpack(entry.value, spec.classes, new Map()) : unpackRoot(entry.value, spec.classes)) as T;
    } catch {
      rmSync(file, { force: true }); // damaged: rebuild below
    }
  }
  const value = spec.build();
  try {
    const counter = { instances: 0 };
    const packed = pack(value, spec.classes, new Map(), counter);
    const rootIsInstance = value !== null && typeof value === 'object' && !isPlainValue(value);
    const entry: Entry = { deep: counter.instances > (rootIsInstance ? 1 : 0), value: packed };
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, serialize(entry));
    renameSync(tmp, file);
    // entries built from older inputs under the same name are dead: drop them
    dropOthers(dir, stem, file);
  } catch {
    /* an unwritable folder or an unserialisable value: the resource still works, uncached */
  }
  return value;
}

function dropOthers(dir: string, name: string, keep: string): void {
  try {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (p !== keep && f.startsWith(`${name}-`) && f.endsWith('.v8')) rmSync(p, { force: true });
    }
  } catch {
    /* nothing to clean */
  }
}

/** a cache entry: the packed value, and whether class instances sit below its root */
interface Entry {
  deep: boolean;
  value: unknown;
}

/** an object `pack` stores as it is (not a class instance to restore) */
function isPlainValue(v: object): boolean {
  return ArrayBuffer.isView(v) || v instanceof RegExp || v instanceof Date || Array.isArray(v) || v instanceof Map || v instanceof Set || isPlain(v);
}

function isPlain(v: object): boolean {
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

/**
 * The value with class instances replaced by tagged plain objects; throws on what cannot be
 * stored. An object reached twice is packed once (V8's serialiser then keeps the sharing).
 */
function pack(v: unknown, classes: readonly Class[], memo: Map<object, unknown>, counter: { instances: number }): unknown {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'function' || typeof v === 'symbol') throw new Error('compiled: functions and symbols cannot be stored');
    return v;
  }
  const seen = memo.get(v);
  if (seen !== undefined) {
    // a second reference to a class instance (the root's included) needs the deep unpack
    if (!isPlainValue(v)) counter.instances++;
    return seen;
  }
  if (ArrayBuffer.isView(v)) {
    // a view over part of a larger buffer would store the whole buffer
    const b = v as unknown as { buffer: ArrayBufferLike; byteOffset: number; byteLength: number; slice(): unknown };
    const out = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? v : b.slice();
    memo.set(v, out);
    return out;
  }
  if (v instanceof RegExp || v instanceof Date) return v;
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    memo.set(v, out);
    for (let i = 0; i < v.length; i++) out[i] = pack(v[i], classes, memo, counter);
    return out;
  }
  if (v instanceof Map) {
    const m = new Map();
    memo.set(v, m);
    for (const [k, x] of v) m.set(pack(k, classes, memo, counter), pack(x, classes, memo, counter));
    return m;
  }
  if (v instanceof Set) {
    const s = new Set();
    memo.set(v, s);
    for (const x of v) s.add(pack(x, classes, memo, counter));
    return s;
  }
  const props: Record<string, unknown> = {};
  let out: unknown = props;
  if (!isPlain(v)) {
    const i = classes.findIndex((c) => Object.getPrototypeOf(v) === c.prototype);
    if (i < 0) throw new Error(`compiled: instances of ${v.constructor?.name ?? 'an unnamed class'} are not registered`);
    out = { [CLS]: i, [PROPS]: props };
    counter.instances++;
  }
  memo.set(v, out);
  for (const k of Object.keys(v)) props[k] = pack((v as Record<string, unknown>)[k], classes, memo, counter);
  return out;
}

/** a packed value whose only class instance (if any) is the value itself */
function unpackRoot(v: unknown, classes: readonly Class[]): unknown {
  if (v === null || typeof v !== 'object' || !(CLS in v)) return v;
  const o = v as Record<string, unknown>;
  const c = classes[o[CLS] as number];
  if (!c) throw new Error('compiled: unknown class index');
  return Object.assign(Object.create(c.prototype) as object, o[PROPS] as object);
}

/** the packed graph with class instances restored (in place; shared objects stay shared) */
function unpack(v: unknown, classes: readonly Class[], memo: Map<object, unknown>): unknown {
  if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v) || v instanceof RegExp || v instanceof Date) return v;
  const seen = memo.get(v);
  if (seen !== undefined) return seen;
  if (Array.isArray(v)) {
    memo.set(v, v);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x !== null && typeof x === 'object') v[i] = unpack(x, classes, memo);
    }
    return v;
  }
  if (v instanceof Map) {
    memo.set(v, v);
    for (const [k, x] of v) if (x !== null && typeof x === 'object') v.set(k, unpack(x, classes, memo));
    return v;
  }
  if (v instanceof Set) {
    memo.set(v, v);
    const items = [...v];
    if (items.some((x) => x !== null && typeof x === 'object')) {
      v.clear();
      for (const x of items) v.add(unpack(x, classes, memo));
    }
    return v;
  }
  const o = v as Record<string, unknown>;
  if (CLS in o) {
    const c = classes[o[CLS] as number];
    if (!c) throw new Error('compiled: unknown class index');
    const inst = Object.create(c.prototype) as Record<string, unknown>;
    memo.set(v, inst);
    const props = o[PROPS] as Record<string, unknown>;
    for (const k of Object.keys(props)) inst[k] = unpack(props[k], classes, memo);
    return inst;
  }
  memo.set(v, v);
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (x !== null && typeof x === 'object') o[k] = unpack(x, classes, memo);
  }
  return o;
}
