/**
 * Feature-string interning without strings: a feature is identified by two independent 32-bit
 * hashes of its UTF-16 code units, computed incrementally (`begin`, `feed`, `feedCode`) so the
 * tagger never concatenates the parts of a feature. The model's feature names are hashed the same
 * way once at load, straight from their UTF-8 bytes, into an open-addressing table over typed
 * arrays (no Map of 230k strings). Two different names with the same 64-bit pair are refused at
 * load; an unknown runtime feature meets a model pair by chance with probability ~ n / 2^64.
 */

let a = 0;
let b = 0;

/** Start hashing a new feature. */
export function begin(): void {
  a = 0x811c9dc5;
  b = 0x9747b28c;
}

/** Feed one UTF-16 code unit. */
export function feedCode(c: number): void {
  a = Math.imul(a ^ c, 16777619);
  b = Math.imul(b ^ c, 0x5bd1e995);
  b ^= b >>> 15;
}

/** Feed the code units of a string. */
export function feed(s: string): void {
  feedRange(s, 0, s.length);
}

/** Feed the code units [from, to) of a string. */
export function feedRange(s: string, from: number, to: number): void {
  let x = a;
  let y = b;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    x = Math.imul(x ^ c, 16777619);
    y = Math.imul(y ^ c, 0x5bd1e995);
    y ^= y >>> 15;
  }
  a = x;
  b = y;
}

let sa = 0;
let sb = 0;

/** Remember the hash state (one level). */
export function save(): void {
  sa = a;
  sb = b;
}

/** Go back to the state of the last `save()`. */
export function restore(): void {
  a = sa;
  b = sb;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/*
 * Both tables below are open-addressing arrays of [hash 1, hash 2, value + 1 (0 = empty), pad]
 * slots with linear probing; these three functions are the whole of that layout.
 */

/** slots for `capacity` keys at a load factor of at most 1/2 (a power of two) */
function slotsFor(capacity: number): number {
  let cap = 16;
  while (cap < capacity * 2) cap *= 2;
  return cap;
}

/** the first slot probed for a pair */
function home(x: number, y: number, mask: number): number {
  return fmix(x ^ Math.imul(y, 0x27d4eb2d)) & mask;
}

/** value stored for the pair hashed since `begin()`, or -1 */
function probe(t: Int32Array, mask: number): number {
  const x = a | 0;
  const y = b | 0;
  let i = home(x, y, mask);
  for (;;) {
    const s = i << 2;
    const r = t[s + 2];
    if (r === 0) return -1;
    if (t[s] === x && t[s + 1] === y) return r - 1;
    i = (i + 1) & mask;
  }
}

/** Feature name -> row, keyed by the hash pair. */
export class FeatureTable {
  /** slots of [hash 1, hash 2, row + 1 (0 = empty)], interleaved: one cache line per probe */
  private readonly t: Int32Array;
  private readonly mask: number;
  size = 0;

  constructor(capacity: number) {
    const cap = slotsFor(capacity);
    this.t = new Int32Array(cap * 4);
    this.mask = cap - 1;
  }

  /** Insert the pair with `row` (a repeated name keeps the last row, like Map.set). */
  private insert(x: number, y: number, row: number): boolean {
    const t = this.t;
    let i = home(x, y, this.mask);
    for (;;) {
      const s = i << 2;
      if (t[s + 2] === 0) {
        t[s] = x;
        t[s + 1] = y;
        t[s + 2] = row + 1;
        this.size++;
        return true;
      }
      if (t[s] === x && t[s + 1] === y) {
        t[s + 2] = row + 1;
        return false;
      }
      i = (i + 1) & this.mask;
    }
  }

  /** Row of the feature hashed since `begin()`, or -1. */
  lookup(): number {
    return probe(this.t, this.mask);
  }

  /** Row of a whole feature string, or -1. */
  get(s: string): number {
    begin();
    feed(s);
    return this.lookup();
  }

  has(s: string): boolean {
    return this.get(s) >= 0;
  }

  /**
   * Table of `\n`-separated UTF-8 names (row = position), hashed over their UTF-16 code units
   * as decoded from the bytes. Returns the table and the number of names.
   */
  static fromUtf8Lines(bytes: Uint8Array, expected?: number): { table: FeatureTable; count: number } {
    let lines = expected ?? 0;
    if (expected === undefined) {
      lines = bytes.length ? 1 : 0;
      for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) lines++;
    }
    const t = new FeatureTable(lines);
    if (!bytes.length) return { table: t, count: 0 };
    // hash every name (one sequential pass), then insert in the order of the slots they hash to
    // (a stable counting sort by table region): the table is written front to back instead of
    // at random, which is what made building it slow
    const h1 = new Int32Array(lines);
    const h2 = new Int32Array(lines);
    const starts = new Int32Array(lines + 1);
    let row = 0;
    let start = 0;
    const n = bytes.length;
    while (start <= n) {
      if (row >= lines) throw new Error(`NER model: more feature names than the ${lines} expected`);
      let end = bytes.indexOf(10, start);
      if (end < 0) end = n;
      hashUtf8(bytes, start, end);
      h1[row] = a;
      h2[row] = b;
      starts[row] = start;
      row++;
      start = end + 1;
    }
    starts[row] = n + 1;
    const shift = 10;
    const buckets = (t.mask >>> shift) + 1;
    const count = new Int32Array(buckets + 1);
    const region = new Int32Array(row);
    for (let r = 0; r < row; r++) {
      region[r] = home(h1[r], h2[r], t.mask) >>> shift;
      count[region[r] + 1]++;
    }
    for (let k = 0; k < buckets; k++) count[k + 1] += count[k];
    const order = new Int32Array(row);
    for (let r = 0; r < row; r++) order[count[region[r]]++] = r;
    let all: string[] | null = null;
    for (let k = 0; k < row; k++) {
      const r = order[k];
      if (!t.insert(h1[r], h2[r], r)) {
        // same pair as an earlier name (rows of one slot stay in file order): a repeated name is
        // fine (Map.set keeps the last row), a different one is a collision
        const name = Buffer.from(bytes.subarray(starts[r], starts[r + 1] - 1)).toString('utf8');
        all ??= Buffer.from(bytes).toString('utf8').split('\n');
        if (all.indexOf(name) === r) throw new Error(`NER model: feature hash collision on '${name}'`);
      }
    }
    return { table: t, count: row };
  }
}

/** begin() and feed the UTF-16 code units of the UTF-8 bytes [start, end). */
function hashUtf8(bytes: Uint8Array, start: number, end: number): void {
  let x = 0x811c9dc5;
  let y = 0x9747b28c;
  let i = start;
  while (i < end) {
    const c0 = bytes[i];
    let cp: number;
    if (c0 < 0x80) {
      cp = c0;
      i += 1;
    } else if (c0 < 0xe0) {
      cp = ((c0 & 0x1f) << 6) | (bytes[i + 1] & 0x3f);
      i += 2;
    } else if (c0 < 0xf0) {
      cp = ((c0 & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
      i += 3;
    } else {
      cp = ((c0 & 0x07) << 18) | ((bytes[i + 1] & 0x3f) << 12) | ((bytes[i + 2] & 0x3f) << 6) | (bytes[i + 3] & 0x3f);
      i += 4;
      const u = cp - 0x10000;
      const hi = 0xd800 + (u >> 10);
      x = Math.imul(x ^ hi, 16777619);
      y = Math.imul(y ^ hi, 0x5bd1e995);
      y ^= y >>> 15;
      cp = 0xdc00 + (u & 0x3ff);
    }
    x = Math.imul(x ^ cp, 16777619);
    y = Math.imul(y ^ cp, 0x5bd1e995);
    y ^= y >>> 15;
  }
  a = x;
  b = y;
}

/**
 * A growable map from hashed keys (the pair hashed since `begin()`) to small non-negative integers,
 * over one Int32Array of [hash 1, hash 2, value + 1] slots (0 = empty): no strings are kept. A
 * key that is not in the map meets a stored pair by chance with probability ~ n / 2^64.
 */
export class HashIndex {
  private t: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    const cap = slotsFor(capacity);
    this.t = new Int32Array(cap * 4);
    this.mask = cap - 1;
  }

  /** value of the key hashed since `begin()`, or -1 */
  get(): number {
    return probe(this.t, this.mask);
  }

  /**
   * Slot of the key hashed since `begin()`, inserted (value -1) when missing; read and write its
   * value with `value(slot)` / `setValue(slot, v)` (no other insertion in between).
   */
  slot(): number {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    const x = a | 0;
    const y = b | 0;
    const t = this.t;
    let i = home(x, y, this.mask);
    for (;;) {
      const s = i << 2;
      if (t[s + 2] === 0) {
        t[s] = x;
        t[s + 1] = y;
        t[s + 2] = -1;
        this.size++;
        return s;
      }
      if (t[s] === x && t[s + 1] === y) return s;
      i = (i + 1) & this.mask;
    }
  }

  /** value at a slot (-1: just inserted) */
  value(s: number): number {
    const r = this.t[s + 2];
    return r < 0 ? -1 : r - 1;
  }

  setValue(s: number, v: number): void {
    this.t[s + 2] = v + 1;
  }

  /** set the value of the key hashed since `begin()` to f(old value or -1) */
  update(f: (old: number) => number): void {
    const s = this.slot();
    this.setValue(s, f(this.value(s)));
  }

  private grow(): void {
    const old = this.t;
    const cap = (this.mask + 1) * 2;
    this.t = new Int32Array(cap * 4);
    this.mask = cap - 1;
    const t = this.t;
    for (let s = 0; s < old.length; s += 4) {
      if (old[s + 2] === 0) continue;
      const x = old[s];
      const y = old[s + 1];
      let i = home(x, y, this.mask);
      while (t[(i << 2) + 2] !== 0) i = (i + 1) & this.mask;
      const d = i << 2;
      t[d] = x;
      t[d + 1] = y;
      t[d + 2] = old[s + 2];
    }
  }

  /** bytes held */
  get bytes(): number {
    return this.t.byteLength;
  }
}
