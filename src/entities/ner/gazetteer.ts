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

/** The word without its inflectional ending (only for Cyrillic words long enough to have one). */
export function stem(norm: string): string {
  if (norm.length < 4 || !/[а-яіїєґ]$/u.test(norm)) return norm;
  const s = norm.replace(ENDING, '');
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

  addPhrase(toks: string[], type: EntityType): void {
    const key = toks.join(' ');
    if (!this.phrase.has(key)) this.phrase.set(key, type);
    const skey = toks.map(stem).join(' ');
    if (!this.stemPhrase.has(skey)) this.stemPhrase.set(skey, type);
    if (toks.length > this.maxLen) this.maxLen = Math.min(toks.length, 8);
    const bit = 1 << TYPES.indexOf(type);
    for (const t of toks) {
      if (!/[\p{L}\d]/u.test(t)) continue;
      this.token.set(t, (this.token.get(t) ?? 0) | bit);
      const s = stem(t);
      this.stems.set(s, (this.stems.get(s) ?? 0) | bit);
    }
  }

  toData(): GazetteerData {
    return { phrases: [...this.phrase.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)) };
  }

  /**
   * Longest phrase matches over a token sequence (folded forms): per token 'B-TYPE' / 'I-TYPE' or
   * ''. Exact phrases are preferred; ending-stripped phrases are marked with a `~` prefix.
   */
  matchSpans(norms: readonly string[]): string[] {
    const out = new Array<string>(norms.length).fill('');
    let i = 0;
    const n = norms.length;
    while (i < n) {
      let found = 0;
      let tag = '';
      for (let len = Math.min(this.maxLen, n - i); len >= 1 && !found; len--) {
        if (!/[\p{L}\d]/u.test(norms[i]) || !/[\p{L}\d"«»“”]/u.test(norms[i + len - 1])) continue;
        const slice = norms.slice(i, i + len);
        const t = this.phrase.get(slice.join(' '));
        if (t) {
          found = len;
          tag = t;
          break;
        }
        const ts = this.stemPhrase.get(slice.map(stem).join(' '));
        if (ts) {
          found = len;
          tag = '~' + ts;
          break;
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
