/**
 * The morphology service (stage `morph`), offered to later stages through `ctx.get('morph')`.
 *
 * Analyses carry a UD part of speech and UD features (Case, Number, Gender, Animacy, Tense,
 * Aspect, Mood, Person, VerbForm, Voice, Degree, NameType=Giv/Sur/Pat/Geo/Org ...). Lemmas of
 * proper names are capitalised (`Макрон`, `Київ`), other lemmas are lower-case.
 */
import type { Lang, MorphAnalysis } from '../../doc/model.js';

export type { MorphAnalysis } from '../../doc/model.js';

export interface Morphology {
  /** analyses of one word form, best first (never empty for a word: falls back to the guesser) */
  analyze(word: string, lang: Lang): MorphAnalysis[];
  /**
   * The form of `word` with the requested features changed (e.g. {Case:'Nom'} keeping
   * gender/number), or null when no such form is known. `hint` picks the analysis of `word`
   * to start from (e.g. the one chosen in context); without it the best analysis is used.
   * The result keeps the capitalisation pattern of `word` (Title, UPPER, lower).
   */
  inflect(word: string, lang: Lang, want: Record<string, string>, hint?: MorphAnalysis): string | null;
}

declare module '../../pipeline/context.js' {
  interface Services {
    morph: Morphology;
  }
}
