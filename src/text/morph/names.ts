/**
 * The proper-name guesser for words no dictionary knows (foreign names above all): a suffix model
 * learned by scripts/build-name-rules.ts. Each rule says: a word ending in `key` turns into its
 * base form by cutting `cut` letters and adding `add`; rules keep their training counts and the
 * longest key with enough support wins (`Санчесу` -> `Санчес`, `Мерцем` -> `Мерц`,
 * `Зеленського` -> `Зеленський`, `Рютте` stays).
 */
import { readFileSync } from 'node:fs';
import { resourcePath } from '../../pipeline/resources.js';

/** rules for one language: ending -> list of [cut, add, count], best first */
export interface NameRules {
  maxKey: number;
  rules: Record<string, [number, string, number][]>;
}

export function isCapitalized(w: string): boolean {
  return /^\p{Lu}/u.test(w);
}

export function isUpper(w: string): boolean {
  return w.length > 1 && w === w.toUpperCase() && w !== w.toLowerCase();
}

/**
 * `lemma` with the capitalisation pattern of `surface`: the letters it shares with the surface keep
 * the surface's case (МакКейна -> МакКейн), a Title-case surface gives a Title-case lemma, an
 * acronym in capitals (НАТО, ЄС) stays in capitals.
 */
export function capitalizeLike(lemma: string, surface: string): string {
  if (isUpper(surface)) {
    return surface.length <= 5 ? lemma.toUpperCase() : titleCase(lemma);
  }
  if (!isCapitalized(surface)) return lemma;
  let out = '';
  let i = 0;
  for (; i < lemma.length && i < surface.length; i++) {
    if (lemma[i].toLowerCase() !== surface[i].toLowerCase()) break;
    out += surface[i];
  }
  out += lemma.slice(i).toLowerCase();
  return out.charAt(0).toUpperCase() + out.slice(1);
}

export function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[-\s’'])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase());
}

export class NameGuesser {
  constructor(private readonly model: NameRules) {}

  static load(lang: string): NameGuesser {
    const file = resourcePath(`src/text/morph/data/name-rules.${lang}.json`);
    return new NameGuesser(JSON.parse(readFileSync(file, 'utf8')) as NameRules);
  }

  /** candidate base forms of a name, best first, with their support */
  candidates(word: string, minCount = 2): { lemma: string; count: number; share: number }[] {
    const lower = word.toLowerCase();
    for (let k = Math.min(this.model.maxKey, lower.length - 1); k >= 1; k--) {
      const list = this.model.rules[lower.slice(-k)];
      if (!list) continue;
      let total = 0;
      for (const r of list) total += r[2];
      if (total < minCount) continue;
      const out: { lemma: string; count: number; share: number }[] = [];
      for (const [cut, add, count] of list) {
        if (cut > lower.length - 1) continue;
        const base = word.slice(0, word.length - cut) + add;
        out.push({ lemma: capitalizeLike(base, word), count, share: count / total });
      }
      if (out.length) return out;
    }
    return [{ lemma: capitalizeLike(word, word), count: 0, share: 1 }];
  }

  /** the best base form of a name */
  lemma(word: string): string {
    return this.candidates(word)[0].lemma;
  }
}
