/**
 * The Ukrainian stem table (`data/uk-stems.bin`, written by scripts/build-uk-lexicon.ts): every
 * stem of the lemma table with the ids of its paradigms, sorted by UTF-16 code units and searched
 * in place (binary search over the file's bytes: no decoding, no per-stem string or map entry).
 *
 * Layout (little-endian):
 *   0   'UKS1'
 *   4   u32 number of stems N
 *   8   u32 number of letters C (the stems' alphabet, ascending code units)
 *   12  u32 length of the record area
 *   16  C x u16 letters, padded to 4 bytes
 *   ..  (N + 1) x u32 record offsets into the record area
 *   ..  records: the stem, one byte per letter (letter index + 1, so byte order = code order),
 *       a 0 byte, then the paradigm ids (< 128: one byte; else two: 0x80 | high 7 bits, low 8 bits)
 */

const MAGIC = 0x31534b55; // 'UKS1'

/** encode sorted `[stem, paradigm ids]` rows */
export function encodeStems(rows: readonly [string, readonly number[]][]): Buffer {
  const letters = [...new Set(rows.flatMap(([s]) => [...s].map((c) => c.charCodeAt(0))))].sort((a, b) => a - b);
  if (letters.length > 255) throw new Error('uk stems: more than 255 letters');
  const code = new Map(letters.map((c, i) => [c, i + 1]));
  for (let i = 1; i < rows.length; i++) {
    if (!(rows[i - 1][0] < rows[i][0])) throw new Error(`uk stems: not sorted at ${rows[i][0]}`);
  }
  const parts: number[] = [];
  const offsets = new Uint32Array(rows.length + 1);
  rows.forEach(([stem, ids], i) => {
    offsets[i] = parts.length;
    for (let j = 0; j < stem.length; j++) parts.push(code.get(stem.charCodeAt(j))!);
    parts.push(0);
    for (const id of ids) {
      if (id < 0 || id >= 1 << 15) throw new Error(`uk stems: paradigm id ${id} out of range`);
      if (id < 128) parts.push(id);
      else parts.push(0x80 | (id >> 8), id & 0xff);
    }
  });
  offsets[rows.length] = parts.length;
  const letterBytes = (letters.length * 2 + 3) & ~3;
  const buf = Buffer.alloc(16 + letterBytes + offsets.byteLength + parts.length);
  buf.writeUInt32LE(MAGIC, 0);
  buf.writeUInt32LE(rows.length, 4);
  buf.writeUInt32LE(letters.length, 8);
  buf.writeUInt32LE(parts.length, 12);
  letters.forEach((c, i) => buf.writeUInt16LE(c, 16 + i * 2));
  Buffer.from(offsets.buffer).copy(buf, 16 + letterBytes);
  Buffer.from(parts).copy(buf, 16 + letterBytes + offsets.byteLength);
  return buf;
}

export class UkStems {
  private readonly offsets: Uint32Array;
  private readonly data: Uint8Array;
  /** code unit -> letter byte (0: not a letter of any stem) */
  private readonly code = new Uint8Array(65536);
  private readonly key = new Uint8Array(256);
  /** letters + 1 (byte values 0..C) */
  private readonly radix: number;
  /**
   * the records of each two-byte start (first letter byte x radix + second byte, 0 for a one-letter
   * stem) are [first[b], last[b]], found on first use (first[b] = -1: not yet; -2: none)
   */
  private readonly first: Int32Array;
  private readonly last: Int32Array;
  /** letters of the word set by `setWord` that have a letter byte (its prefixes up to that length can be stems) */
  private wordLetters = 0;

  constructor(file: Uint8Array) {
    // a copy when the file's bytes are not 4-aligned (the offsets are read in place)
    const buf = file.byteOffset % 4 === 0 ? file : new Uint8Array(file);
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    if (dv.getUint32(0, true) !== MAGIC) throw new Error('uk stems: not a UKS1 file');
    const n = dv.getUint32(4, true);
    const c = dv.getUint32(8, true);
    const len = dv.getUint32(12, true);
    for (let i = 0; i < c; i++) this.code[dv.getUint16(16 + i * 2, true)] = i + 1;
    const offAt = 16 + ((c * 2 + 3) & ~3);
    this.offsets = new Uint32Array(buf.buffer, buf.byteOffset + offAt, n + 1);
    this.data = new Uint8Array(buf.buffer, buf.byteOffset + offAt + (n + 1) * 4, len);
    this.radix = c + 1;
    this.first = new Int32Array(this.radix * this.radix).fill(-1);
    this.last = new Int32Array(this.radix * this.radix);
  }

  /** the two-byte start of record i (the second byte 0 for a one-letter stem) */
  private startOf(i: number): number {
    const p = this.offsets[i];
    return this.data[p] * this.radix + this.data[p + 1];
  }

  /** find the records of two-byte start b (records sorted by bytes are sorted by it) */
  private bucket(b: number): void {
    const n = this.offsets.length - 1;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.startOf(mid) < b) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= n || this.startOf(lo) !== b) {
      this.first[b] = -2;
      return;
    }
    const from = lo;
    hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.startOf(mid) <= b) lo = mid + 1;
      else hi = mid;
    }
    this.first[b] = from;
    this.last[b] = lo - 1;
  }

  /** set the word whose prefixes `prefixIds` looks up */
  setWord(word: string): void {
    const n = Math.min(word.length, 255);
    const key = this.key;
    let j = 0;
    for (; j < n; j++) {
      const b = this.code[word.charCodeAt(j)];
      if (b === 0) break;
      key[j] = b;
    }
    this.wordLetters = j;
  }

  /** paradigm ids of the first `m` letters of the word set by `setWord`, or undefined */
  prefixIds(m: number): number[] | undefined {
    if (m > this.wordLetters || m < 1) return undefined;
    return this.search(m);
  }

  /** paradigm ids of a stem, or undefined when the table does not hold it */
  ids(stem: string): number[] | undefined {
    const n = stem.length;
    if (n > 255) return undefined;
    const key = this.key;
    for (let j = 0; j < n; j++) {
      const b = this.code[stem.charCodeAt(j)];
      if (b === 0) return undefined;
      key[j] = b;
    }
    this.wordLetters = 0;
    return n ? this.search(n) : this.searchFrom(0, 0, this.offsets.length - 2, 0);
  }

  /** the record of key[0..n) (n >= 1): a binary search among the records of its two-byte start */
  private search(n: number): number[] | undefined {
    const key = this.key;
    const b = key[0] * this.radix + (n > 1 ? key[1] : 0);
    if (this.first[b] === -1) this.bucket(b);
    const lo = this.first[b];
    if (lo < 0) return undefined;
    return this.searchFrom(n, lo, this.last[b], n > 1 ? 2 : 1);
  }

  /** binary search for key[0..n) in records lo..hi, whose first `skip` bytes are the key's */
  private searchFrom(n: number, lo: number, hi: number, skip: number): number[] | undefined {
    const key = this.key;
    const data = this.data;
    const offsets = this.offsets;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      let p = offsets[mid] + skip;
      let c = 0;
      let j = skip;
      for (; j < n; j++, p++) {
        const d = data[p];
        if (d !== key[j]) {
          c = d - key[j]; // a stem that ends here (0) sorts before any longer one
          break;
        }
      }
      if (c === 0 && data[p] !== 0) c = 1; // the line's stem is longer
      if (c === 0) {
        const ids: number[] = [];
        const end = offsets[mid + 1];
        for (p++; p < end; p++) {
          const b = data[p];
          if (b < 128) ids.push(b);
          else ids.push(((b & 0x7f) << 8) | data[++p]);
        }
        return ids;
      }
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** every `[stem, paradigm ids]` row in order (for build scripts) */
  *rows(): Generator<[string, number[]]> {
    const letters: number[] = [];
    for (let c = 0; c < 65536; c++) if (this.code[c]) letters[this.code[c]] = c;
    const data = this.data;
    for (let i = 0; i + 1 < this.offsets.length; i++) {
      let p = this.offsets[i];
      let stem = '';
      for (; data[p] !== 0; p++) stem += String.fromCharCode(letters[data[p]]);
      const ids: number[] = [];
      const end = this.offsets[i + 1];
      for (p++; p < end; p++) {
        const b = data[p];
        if (b < 128) ids.push(b);
        else ids.push(((b & 0x7f) << 8) | data[++p]);
      }
      yield [stem, ids];
    }
  }
}
