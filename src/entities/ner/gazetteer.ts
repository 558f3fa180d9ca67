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
    for (const [p, t] of d.phrases) g.addPhrase(p.split(' '), t as EntityType);
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
    const key = toks.join(' ');
    if (!this.phrase.has(key)) this.phrase.set(key, type);
    const st = toks.map((t) => this.stemOf(t));
    const skey = st.join(' ');
    if (!this.stemPhrase.has(skey)) this.stemPhrase.set(skey, type);
    if (toks.length > this.maxLen) this.maxLen = toks.length;
    this.first.set(toks[0], Math.max(this.first.get(toks[0]) ?? 0, toks.length));
    this.stemFirst.set(st[0], Math.max(this.stemFirst.get(st[0]) ?? 0, toks.length));
    const bit = 1 << TYPES.indexOf(type);
    for (let k = 0; k < toks.length; k++) {
      const t = toks[k];
      if (!/[\p{L}\d]/u.test(t)) continue;
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
    const out = new Array<string>(n).fill('');
    let i = 0;
    while (i < n) {
      let found = 0;
      let tag = '';
      const maxExact = Math.min(firstLens[i], n - i);
      for (let len = maxExact; len >= 1; len--) {
        const t = this.phrase.get(len === 1 ? norms[i] : norms.slice(i, i + len).join(' '));
        if (t) {
          found = len;
          tag = t;
          break;
        }
      }
      if (!found) {
        const maxStem = Math.min(stemFirstLens[i], n - i);
        for (let len = maxStem; len >= 1; len--) {
          let key = stems[i];
          for (let k = 1; k < len; k++) key += ' ' + stems[i + k];
          const t = this.stemPhrase.get(key);
          if (t) {
            found = len;
            tag = '~' + t;
            break;
          }
        }
      }
      if (found) {
        out[i] = 'B-' + tag;
        for (let k = 1; k < found; k++) out[i + k] = 'I-' + tag;
        i += found;
      } else i++;
    }
    return out;
  }

  /**
   * Longest phrase matches over a token sequence (folded forms): per token 'B-TYPE' / 'I-TYPE' or
   * ''. Exact phrases are preferred; ending-stripped phrases are marked with a `~` prefix.
   */
  matchSpans(norms: readonly string[]): string[] {
    const n = norms.length;
    const out = new Array<string>(n).fill('');
    let i = 0;
    while (i < n) {
      let found = 0;
      let tag = '';
      const maxExact = Math.min(this.first.get(norms[i]) ?? 0, n - i);
      for (let len = maxExact; len >= 1; len--) {
        const t = this.phrase.get(len === 1 ? norms[i] : norms.slice(i, i + len).join(' '));
        if (t) {
          found = len;
          tag = t;
          break;
        }
      }
      if (!found) {
        const s0 = this.stemOf(norms[i]);
        const maxStem = Math.min(this.stemFirst.get(s0) ?? 0, n - i);
        for (let len = maxStem; len >= 1; len--) {
          let key = s0;
          for (let k = 1; k < len; k++) key += ' ' + this.stemOf(norms[i + k]);
          const t = this.stemPhrase.get(key);
          if (t) {
            found = len;
            tag = '~' + t;
            break;
          }
        }
      }
      if (found) {
        out[i] = 'B-' + tag;
        for (let k = 1; k < found; k++) out[i + k] = 'I-' + tag;
        i += found;
      } else i++;
    }
    return out;
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
