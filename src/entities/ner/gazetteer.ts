/**
 * Name gazetteer used as features by the recogniser: known mention phrases (folded, token by
 * token), the types of the tokens inside them, and the same for ending-stripped stems, so an
 * inflected form (`Макроном`, `Макрону`) meets the form seen in training (`Макрона`).
 */
import type { EntityType } from '../../doc/model.js';
import { fold } from '../../doc/normalize.js';

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

export class Gazetteer {
  /** folded phrase (tokens joined by ' ') -> best type */
  readonly phrase = new Map<string, EntityType>();
  /** folded token -> types it was seen inside (bit mask over TYPES) */
  readonly token = new Map<string, number>();
  readonly stems = new Map<string, number>();
  readonly stemPhrase = new Map<string, EntityType>();
  maxLen = 1;

  static fromData(d: GazetteerData): Gazetteer {
    const g = new Gazetteer();
    for (const [p, t] of d.phrases) {
      const toks = p.split(' ');
      if (toks.length && toks.length <= 8) g.add(p, toks, t as EntityType);
    }
    return g;
  }

  /** first token -> longest phrase starting with it (exact and stemmed) */
  private readonly first = new Map<string, number>();
  private readonly stemFirst = new Map<string, number>();
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

  /** `key` is `toks.join(' ')` */
  private add(key: string, toks: readonly string[], type: EntityType): void {
    const n = toks.length;
    if (this.phrase.get(key) === undefined) this.phrase.set(key, type);
    const st = new Array<string>(n);
    let skey = '';
    for (let k = 0; k < n; k++) {
      st[k] = stem(toks[k]);
      skey = k ? skey + ' ' + st[k] : st[k];
    }
    if (this.stemPhrase.get(skey) === undefined) this.stemPhrase.set(skey, type);
    if (n > this.maxLen) this.maxLen = n;
    const f = this.first.get(toks[0]);
    if (f === undefined || f < n) this.first.set(toks[0], n);
    const sf = this.stemFirst.get(st[0]);
    if (sf === undefined || sf < n) this.stemFirst.set(st[0], n);
    const bit = 1 << TYPES.indexOf(type);
    for (let k = 0; k < n; k++) {
      const t = toks[k];
      if (!hasLetterOrDigit(t)) continue;
      this.token.set(t, (this.token.get(t) ?? 0) | bit);
      this.stems.set(st[k], (this.stems.get(st[k]) ?? 0) | bit);
    }
  }

  toData(): GazetteerData {
    return { phrases: [...this.phrase.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)) };
  }

  /** Longest exact phrase starting with this folded form (0 = none). */
  firstLen(norm: string): number {
    return this.first.get(norm) ?? 0;
  }

  /** Longest ending-stripped phrase starting with this stem (0 = none). */
  stemFirstLen(st: string): number {
    return this.stemFirst.get(st) ?? 0;
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
    const pre = this.prefixes();
    out.fill(0, 0, n);
    let i = 0;
    while (i < n) {
      // the longest phrase: extend while the tokens read so far begin some phrase
      let found = 0;
      let tag: EntityType | undefined;
      let stemmed = 0;
      const maxExact = Math.min(firstLens[i], n - i);
      if (maxExact >= 1) {
        let key = norms[i];
        const t1 = this.phrase.get(key);
        if (t1) {
          found = 1;
          tag = t1;
        }
        for (let len = 2; len <= maxExact; len++) {
          key += ' ' + norms[i + len - 1];
          if (!pre.exact.has(key)) break;
          const t = this.phrase.get(key);
          if (t) {
            found = len;
            tag = t;
          }
        }
      }
      if (!found) {
        const maxStem = Math.min(stemFirstLens[i], n - i);
        if (maxStem >= 1) {
          let key = stems[i];
          const t1 = this.stemPhrase.get(key);
          if (t1) {
            found = 1;
            tag = t1;
            stemmed = 1;
          }
          for (let len = 2; len <= maxStem; len++) {
            key += ' ' + stems[i + len - 1];
            if (!pre.stem.has(key)) break;
            const t = this.stemPhrase.get(key);
            if (t) {
              found = len;
              tag = t;
              stemmed = 1;
            }
          }
        }
      }
      if (found && tag) {
        const b = spanCode(tag, stemmed === 1, false);
        out[i] = b;
        for (let k = 1; k < found; k++) out[i + k] = b + 1;
        i += found;
      } else i++;
    }
  }

  private pre: { exact: Set<string>; stem: Set<string> } | null = null;

  /** every multi-word beginning of a phrase (exact and stemmed), built on first use */
  private prefixes(): { exact: Set<string>; stem: Set<string> } {
    if (!this.pre) {
      const add = (set: Set<string>, key: string) => {
        let j = key.indexOf(' ');
        if (j < 0) return;
        for (j = key.indexOf(' ', j + 1); j >= 0; j = key.indexOf(' ', j + 1)) set.add(key.slice(0, j));
        set.add(key);
      };
      const exact = new Set<string>();
      const st = new Set<string>();
      for (const k of this.phrase.keys()) add(exact, k);
      for (const k of this.stemPhrase.keys()) add(st, k);
      this.pre = { exact, stem: st };
    }
    return this.pre;
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
