/**
 * Name gazetteer used as features by the recogniser: known mention phrases (folded, token by
 * token), the types of the tokens inside them, and the same for ending-stripped stems, so an
 * inflected form (`Макроном`, `Макрону`) meets the form seen in training (`Макрона`).
 */
import type { EntityType } from '../../doc/model.js';
import { fold } from '../../doc/normalize.js';
import { begin, feed, feedCode, HashIndex } from './hash.js';

export const TYPES: readonly EntityType[] = ['PER', 'ORG', 'LOC', 'EVT', 'PRO'];

const ENDING =
  /(ами|ями|ого|его|ому|ему|ими|ыми|ою|ею|ові|еві|ів|їв|ой|ей|ий|ій|ый|ом|ем|ам|ям|ах|ях|ов|ев|ую|юю|ая|яя|ые|ие|ых|их|ым|им|а|я|у|ю|е|є|і|ї|и|ы|о|ь|й)$/u;

const LETTER_OR_DIGIT = /[\p{L}\d]/u;

/** `LETTER_OR_DIGIT.test(t)`, without the regular expression for ASCII and Cyrillic text */
function hasLetterOrDigit(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x80) {
      if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
    } else if ((c >= 0x400 && c <= 0x481) || (c >= 0x48a && c <= 0x4ff)) return true;
    else return LETTER_OR_DIGIT.test(t);
  }
  return false;
}

/** the alternatives of ENDING */
const ENDINGS = new Set(ENDING.source.slice(1, ENDING.source.indexOf(')')).split('|'));

/** The word without its inflectional ending (only for Cyrillic words long enough to have one). */
export function stem(norm: string): string {
  if (norm.length < 4 || !/[а-яіїєґ]$/u.test(norm)) return norm;
  // the leftmost match of ENDING is the longest listed ending (all are 1-3 letters): look the
  // suffixes up instead of running the regular expression
  const n = norm.length;
  let cut = 0;
  for (let k = 3; k >= 1; k--) {
    if (ENDINGS.has(norm.slice(n - k))) {
      cut = k;
      break;
    }
  }
  const s = cut ? norm.slice(0, n - cut) : norm;
  return s.length >= 3 ? s : norm;
}

/**
 * Gazetteer span tags by code: 0 = '' (no match), then for each type `B-T`, `I-T`, and for
 * ending-stripped matches `B-~T`, `I-~T`.
 */
export const SPAN_TAGS: readonly string[] = [''].concat(
  ...[false, true].map((st) => TYPES.flatMap((t) => ['B-' + (st ? '~' : '') + t, 'I-' + (st ? '~' : '') + t])),
);

/** code of a span tag in SPAN_TAGS */
export function spanCode(type: EntityType, stemmed: boolean, inside: boolean): number {
  const k = TYPES.indexOf(type);
  if (k < 0) throw new Error(`gazetteer: unknown type '${type}'`);
  return 1 + ((stemmed ? TYPES.length : 0) + k) * 2 + (inside ? 1 : 0);
}

/** counts per type, indexed like TYPES */
type Counts = number[];

export interface GazetteerData {
  /** `phrase\tTYPE` lines: folded token forms joined by a space */
  phrases: [string, string][];
}

/** key spaces of the hashed index (fed as a first code unit before the key) */
const NS_PHRASE = 1;
const NS_STEM_PHRASE = 2;
const NS_TOKEN = 3;
const NS_STEM = 4;
const NS_FIRST = 5;
const NS_STEM_FIRST = 6;
/** bit of a phrase value: the key is a beginning (of 2+ words) of some phrase */
const PREFIX = 8;

/** begin() a key of space `ns` */
function key(ns: number, s: string): void {
  begin();
  feedCode(ns);
  feed(s);
}

/**
 * Phrases, their ending-stripped forms, per-word type masks and the longest phrase starting with
 * a word, all in one hashed index over typed arrays (no Map of strings: loads fast, small).
 */
export class Gazetteer {
  /**
   * folded phrase (tokens joined by ' ') -> best type; kept only by gazetteers built with
   * `addPhrase` (training), not by those read with `fromData`
   */
  readonly phrase = new Map<string, EntityType>();
  private readonly index: HashIndex;
  private readonly keepPhrases: boolean;
  maxLen = 1;

  constructor(keepPhrases = true, capacity = 1024) {
    this.keepPhrases = keepPhrases;
    this.index = new HashIndex(capacity);
  }

  static fromData(d: GazetteerData): Gazetteer {
    // 3-6 keys a phrase (phrase, stemmed phrase, beginnings, first words, word masks)
    const g = new Gazetteer(false, Math.ceil(d.phrases.length * 5.5));
    for (const [p, t] of d.phrases) {
      const toks = p.split(' ');
      if (toks.length && toks.length <= 8) g.add(p, toks, t as EntityType);
    }
    return g;
  }

  private readonly stemCache = new Map<string, string>();

  stemOf(norm: string): string {
    let s = this.stemCache.get(norm);
    if (s === undefined) {
      if (this.stemCache.size > 100_000) this.stemCache.clear();
      s = stem(norm);
      this.stemCache.set(norm, s);
    }
    return s;
  }

  addPhrase(toks: string[], type: EntityType): void {
    if (!toks.length || toks.length > 8) return;
    this.add(toks.join(' '), toks, type);
  }

  /** `phrase` is `toks.join(' ')` */
  private add(phrase: string, toks: readonly string[], type: EntityType): void {
    const n = toks.length;
    const ti = TYPES.indexOf(type) + 1;
    if (this.keepPhrases && this.phrase.get(phrase) === undefined) this.phrase.set(phrase, type);
    const ix = this.index;
    // the phrase (first type wins) and, for 2+ words, each of its beginnings of 2+ words
    const st = new Array<string>(n);
    for (let k = 0; k < n; k++) st[k] = stem(toks[k]);
    for (let pass = 0; pass < 2; pass++) {
      const ws = pass ? st : toks;
      begin();
      feedCode(pass ? NS_STEM_PHRASE : NS_PHRASE);
      for (let k = 0; k < n; k++) {
        if (k) feedCode(32);
        feed(ws[k]);
        if (k >= 1 && k < n - 1) {
          const s = ix.slot();
          const old = ix.value(s);
          ix.setValue(s, old < 0 ? PREFIX : old | PREFIX);
        }
      }
      const s = ix.slot();
      let v = ix.value(s);
      if (v < 0) v = 0;
      if (n >= 2) v |= PREFIX;
      if ((v & 7) === 0) v |= ti;
      ix.setValue(s, v);
    }
    if (n > this.maxLen) this.maxLen = n;
    for (let pass = 0; pass < 2; pass++) {
      key(pass ? NS_STEM_FIRST : NS_FIRST, pass ? st[0] : toks[0]);
      const s = ix.slot();
      if (ix.value(s) < n) ix.setValue(s, n);
    }
    const bit = 1 << (ti - 1);
    for (let k = 0; k < n; k++) {
      const t = toks[k];
      if (!hasLetterOrDigit(t)) continue;
      for (let pass = 0; pass < 2; pass++) {
        key(pass ? NS_STEM : NS_TOKEN, pass ? st[k] : t);
        const s = ix.slot();
        const old = ix.value(s);
        ix.setValue(s, old < 0 ? bit : old | bit);
      }
    }
  }

  toData(): GazetteerData {
    if (!this.keepPhrases) throw new Error('gazetteer: toData() of a gazetteer read from a model file');
    return { phrases: [...this.phrase.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)) };
  }

  /** Types a folded word was seen inside (bit mask over TYPES; 0 = none). */
  tokenMask(norm: string): number {
    key(NS_TOKEN, norm);
    return Math.max(0, this.index.get());
  }

  /** Types an ending-stripped word was seen inside (bit mask over TYPES; 0 = none). */
  stemMask(st: string): number {
    key(NS_STEM, st);
    return Math.max(0, this.index.get());
  }

  /** Type of a folded phrase (tokens joined by ' '), if it is one. */
  typeOf(phrase: string): EntityType | undefined {
    key(NS_PHRASE, phrase);
    const v = this.index.get();
    return v > 0 && v & 7 ? TYPES[(v & 7) - 1] : undefined;
  }

  /** Longest exact phrase starting with this folded form (0 = none). */
  firstLen(norm: string): number {
    key(NS_FIRST, norm);
    return Math.max(0, this.index.get());
  }

  /** Longest ending-stripped phrase starting with this stem (0 = none). */
  stemFirstLen(st: string): number {
    key(NS_STEM_FIRST, st);
    return Math.max(0, this.index.get());
  }

  /** bytes of the index */
  get bytes(): number {
    return this.index.bytes;
  }

  /**
   * `matchSpans` with the per-word look-ups done by the caller (cached per word): `stems[i]` is
   * `stemOf(norms[i])`, `firstLens[i]` is `firstLen(norms[i])`, `stemFirstLens[i]` is
   * `stemFirstLen(stems[i])`. Same result as `matchSpans(norms)`.
   */
  matchSpansWith(norms: readonly string[], stems: readonly string[], firstLens: ArrayLike<number>, stemFirstLens: ArrayLike<number>): string[] {
    const n = norms.length;
    const codes = new Uint8Array(n);
    this.matchCodesWith(norms, stems, firstLens, stemFirstLens, n, codes);
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) out[i] = SPAN_TAGS[codes[i]];
    return out;
  }

  /**
   * The matching algorithm of `matchSpansWith` over the first `n` entries, writing span codes
   * (indices into `SPAN_TAGS`, 0 = no match) to `out` instead of strings.
   */
  matchCodesWith(norms: readonly string[], stems: readonly string[], firstLens: ArrayLike<number>, stemFirstLens: ArrayLike<number>, n: number, out: Uint8Array): void {
    const ix = this.index;
    out.fill(0, 0, n);
    let i = 0;
    while (i < n) {
      // the longest phrase: extend while the tokens read so far begin some phrase (the key is
      // hashed word by word, never built)
      let found = 0;
      let tag = 0;
      let stemmed = 0;
      const maxExact = Math.min(firstLens[i], n - i);
      if (maxExact >= 1) {
        begin();
        feedCode(NS_PHRASE);
        feed(norms[i]);
        const v = ix.get();
        if (v > 0 && v & 7) {
          found = 1;
          tag = v & 7;
        }
        for (let len = 2; len <= maxExact; len++) {
          feedCode(32);
          feed(norms[i + len - 1]);
          const w = ix.get();
          if (w < 0 || !(w & PREFIX)) break;
          if (w & 7) {
            found = len;
            tag = w & 7;
          }
        }
      }
      if (!found) {
        const maxStem = Math.min(stemFirstLens[i], n - i);
        if (maxStem >= 1) {
          begin();
          feedCode(NS_STEM_PHRASE);
          feed(stems[i]);
          const v = ix.get();
          if (v > 0 && v & 7) {
            found = 1;
            tag = v & 7;
            stemmed = 1;
          }
          for (let len = 2; len <= maxStem; len++) {
            feedCode(32);
            feed(stems[i + len - 1]);
            const w = ix.get();
            if (w < 0 || !(w & PREFIX)) break;
            if (w & 7) {
              found = len;
              tag = w & 7;
              stemmed = 1;
            }
          }
        }
      }
      if (found) {
        const b = 1 + ((stemmed ? TYPES.length : 0) + tag - 1) * 2;
        out[i] = b;
        for (let k = 1; k < found; k++) out[i + k] = b + 1;
        i += found;
      } else i++;
    }
  }

  /**
   * Longest phrase matches over a token sequence (folded forms): per token 'B-TYPE' / 'I-TYPE' or
   * ''. Exact phrases are preferred; ending-stripped phrases are marked with a `~` prefix.
   */
  matchSpans(norms: readonly string[]): string[] {
    const n = norms.length;
    const stems = new Array<string>(n);
    const firstLens = new Int32Array(n);
    const stemFirstLens = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      stems[i] = this.stemOf(norms[i]);
      firstLens[i] = this.firstLen(norms[i]);
      stemFirstLens[i] = this.stemFirstLen(stems[i]);
    }
    return this.matchSpansWith(norms, stems, firstLens, stemFirstLens);
  }


}

/** Fold a surface form the way tokens are folded. */
export const foldForm = fold;

/** Bit mask to the list of types. */
export function maskTypes(mask: number): EntityType[] {
  const out: EntityType[] = [];
  for (let k = 0; k < TYPES.length; k++) if (mask & (1 << k)) out.push(TYPES[k]);
  return out;
}

export type { Counts };
