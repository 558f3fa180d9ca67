/**
 * The query side of morphological search: the same morphology that lemmatised the articles
 * (stage `morph`) turns each query word into its possible base forms. A word whose language is
 * unclear from its letters is tried in every candidate language; dictionary analyses win over
 * guesses, so a Russian word is not also looked up under a Ukrainian guess (and vice versa).
 */
import type { Morphology } from '../text/morph/api.js';
import type { Lemmatizer } from './types.js';

export function morphLemmatizer(morph: Morphology): Lemmatizer {
  return {
    lemmas(word: string, lang?: string): string[] {
      const langs = lang ? [lang] : ['ru', 'uk'];
      const per = langs.map((l) => {
        try {
          return morph.analyze(word, l);
        } catch {
          return [];
        }
      });
      const dict = per.flat().filter((a) => a.source === 'dict' || a.source === 'name');
      const chosen = dict.length ? dict : per.flatMap((as) => as.slice(0, 2));
      return [...new Set(chosen.map((a) => a.lemma))];
    },
  };
}
