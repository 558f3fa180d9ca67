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

/**
 * The query lemmatizer the CLI and the API give a store: only the morphology stage's resources
 * are loaded (not the whole pipeline). Undefined when the morphology cannot load (search then
 * matches surface forms only).
 */
export async function loadQueryLemmatizer(): Promise<Lemmatizer | undefined> {
  const { defaultStages, Context } = await import('../pipeline/index.js');
  const stage = (await defaultStages('morph')).find((s) => s.name === 'morph');
  const ctx = new Context();
  await stage?.load?.(ctx);
  const morph = ctx.maybe('morph');
  return morph ? morphLemmatizer(morph) : undefined;
}
