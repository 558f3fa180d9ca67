/**
 * Near-duplicate fingerprints: word shingles of the normalised text, a MinHash sketch of them
 * (128 seeded 32-bit hash functions, fixed so that signatures made by different processes and at
 * different times compare), and LSH band keys so that look-up is an index hit, not a scan of the
 * corpus. (bloom-filters' MinHash was tried first: its (a*x+b) mod p in doubles cost 1.4 ms for an
 * article of 200 words, a tenth of the whole analysis; this loop of integer multiplies costs ~0.1 ms.)
 *
 * Normalisation: the text's words (letters and digits, inner apostrophes and hyphens kept) folded
 * as the search index folds them (`termOf`: lower case, ё→е, punctuation inside words dropped), so
 * a reprint that changes quotes, dashes, line breaks, capitalisation or ё still matches.
 */
import { termOf, words } from '../../store/terms.js';

/** Words per shingle. */
export const SHINGLE = 5;
/** Hash functions (signature length). */
export const HASHES = 128;
/** LSH bands x rows: 32 x 4 = 128; pairs with Jaccard 0.5 meet in some band with p ≈ 0.88, at 0.7 p ≈ 0.9999. */
export const BANDS = 32;
export const ROWS = HASHES / BANDS;
/** Texts with fewer shingles than this get no fingerprint (a one-line notice is no reprint evidence). */
export const MIN_SHINGLES = 20;
/** Estimated Jaccard similarity of shingle sets from which two texts are one report. */
export const DUPLICATE_JACCARD = 0.5;

// shingle hashes are reduced below this prime (kept from the first version: signatures stay comparable)
const P = 67108859;

/** One 32-bit seed per hash function (splitmix32 from a fixed seed): the same in every process. */
const SEEDS = (() => {
  let s = 0x9e3779b9 >>> 0;
  const out = new Uint32Array(HASHES);
  for (let i = 0; i < HASHES; i++) {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    out[i] = (z ^ (z >>> 16)) >>> 0;
  }
  return out;
})();

/**
 * The MinHash signature of a set of 32-bit values: per seed, the least murmur3-finalised value ^ seed.
 * Seed by seed over the values (held in a typed array), the running least in a local: the same
 * signature as value by value over the seeds, about a third less CPU (no load and store of the
 * signature per value and seed).
 */
export function minhash(values: number[]): Uint32Array {
  const sig = new Uint32Array(HASHES);
  const n = values.length;
  const vs = new Int32Array(n);
  for (let j = 0; j < n; j++) vs[j] = values[j];
  for (let i = 0; i < HASHES; i++) {
    const seed = SEEDS[i] | 0;
    let least = 0xffffffff;
    for (let j = 0; j < n; j++) {
      let z = vs[j] ^ seed;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      z = (z ^ (z >>> 16)) >>> 0;
      if (z < least) least = z;
    }
    sig[i] = least;
  }
  return sig;
}

/** FNV-1a over a string's UTF-16 units, 32 bits. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The normalised word sequence of a text. */
export function normalisedWords(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text.normalize('NFC'))) {
    const t = termOf(w.text);
    if (t) out.push(t);
  }
  return out;
}

/** Distinct shingle hashes (in [0, P)) of a word sequence: the k word hashes combined in order. */
export function shingles(ws: string[], k = SHINGLE): number[] {
  const hw = ws.map(fnv);
  const set = new Set<number>();
  for (let i = 0; i + k <= hw.length; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + k; j++) {
      h ^= hw[j];
      h = Math.imul(h, 0x01000193);
      h ^= h >>> 15;
    }
    set.add((h >>> 0) % P);
  }
  return [...set];
}

export interface Fingerprint {
  /** the MinHash signature (HASHES values) */
  sig: Uint32Array;
  /** one key per band (band index in the high bits), for the LSH index */
  bands: number[];
  shingles: number;
}

/** The fingerprint of a text, or null when it is too short to tell a reprint. */
export function fingerprint(text: string): Fingerprint | null {
  return fingerprintOfWords(normalisedWords(text));
}

/** The fingerprint of a normalised word sequence (`normalisedWords`), or null when it is too short. */
export function fingerprintOfWords(ws: string[]): Fingerprint | null {
  const sh = shingles(ws);
  if (sh.length < MIN_SHINGLES) return null;
  const sig = minhash(sh);
  return { sig, bands: bandKeys(sig), shingles: sh.length };
}

/** LSH band keys of a signature: band index * 2^32 + a 32-bit hash of its rows (a safe integer). */
export function bandKeys(sig: Uint32Array): number[] {
  const out: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5;
    for (let r = 0; r < ROWS; r++) {
      const v = sig[b * ROWS + r];
      for (let k = 0; k < 4; k++) {
        h ^= (v >>> (k * 8)) & 0xff;
        h = Math.imul(h, 0x01000193);
      }
    }
    out.push(b * 2 ** 32 + (h >>> 0));
  }
  return out;
}

/** Estimated Jaccard similarity of two signatures (share of equal positions). */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < HASHES; i++) if (a[i] === b[i]) same++;
  return same / HASHES;
}

export function sigToBuffer(sig: Uint32Array): Buffer {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength);
}

export function sigFromBuffer(buf: Buffer | Uint8Array): Uint32Array {
  const copy = new Uint8Array(buf.byteLength);
  copy.set(buf);
  return new Uint32Array(copy.buffer);
}
