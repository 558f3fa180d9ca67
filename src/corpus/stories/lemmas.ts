/**
 * The lemma terms a story vector counts, taken from the article's text alone: every word of the
 * text (the search index's word pattern, `words()`), outside boilerplate, turned into the best
 * lemma the morphology stage's analyser gives it out of context (`analyzeCached(word, lang)[0]`).
 *
 * Why not the lemmas the pipeline chose in context (the tokens layer, kept by the search index
 * when the article arrives as a Doc)? An analysed article stored as parley/article@1 JSON
 * (`parley import`, `POST /articles`) carries no tokens, and its search terms are surface forms:
 * the same article then got another vector and could join another story. Here the terms are a
 * pure function of (text, lang), so an article joins the same story however it arrived, and
 * `parley corpus rebuild` needs nothing but the stored text. On the dev half of eval/news the
 * out-of-context lemmas group the stories as well as the in-context ones (see the README's table).
 *
 * The analyser is loaded on first use (per language, as the morph stage does); each distinct
 * (language, word) is analysed once and memoised (bounded).
 */
import { MorphologyService } from '../../text/morph/morphology.js';
import type { Lang } from '../../doc/model.js';
import type { Context } from '../../pipeline/context.js';
import type { Stage } from '../../pipeline/stage.js';
import { termOf, WORD_RE } from '../../store/terms.js';

let morph: MorphologyService | null = null;

/** Use this analyser (the pipeline's, when one is loaded in the process) instead of a new one. */
export function setStoryMorphology(m: MorphologyService): void {
  if (m !== morph) {
    morph = m;
    memo.clear();
    generation++;
  }
}

let generation = 0;
/** Changes whenever the lemmas memoised so far are dropped (another analyser): memos built on `storyLemma` follow it. */
export function storyLemmaGeneration(): number {
  return generation;
}

const MEMO_SIZE = 200_000;
const memo = new Map<string, Map<string, string>>();
const OTHER_APOS = /['ʼ`‘]/u;
const OTHER_APOS_G = /['ʼ`‘]/gu;
const LANGS = new Set(['ru', 'uk', 'en']);
const EN_POSSESSIVE = /^\p{L}[\p{L}\p{N}\-]*\p{L}’s$/iu;
const FUNCTION_POS = new Set(['CCONJ', 'SCONJ', 'ADP', 'PART', 'PRON', 'DET', 'ADV', 'AUX']);

/** The lemma term of one word of a text in `lang` (the folded word when the language has no analyser). */
export function storyLemma(word: string, lang: string): string {
  let m = memo.get(lang);
  if (!m) memo.set(lang, (m = new Map()));
  let l = m.get(word);
  if (l === undefined) {
    if (m.size >= MEMO_SIZE) m.clear();
    l = termOf(word);
    if (LANGS.has(lang) && /^\p{L}/u.test(word)) {
      morph ??= new MorphologyService();
      // (the dictionaries write the apostrophe as U+2019)
      let w = OTHER_APOS.test(word) ? word.replace(OTHER_APOS_G, '\u2019') : word;
      // an English possessive is its noun (`Russia’s`, `Zuppi’s`: the tokenizer splits `’s` off in
      // the pipeline; the word pattern here keeps it): out of context the analyser knows no `russia’s`
      if (lang === 'en' && EN_POSSESSIVE.test(w)) {
        w = w.slice(0, -2);
        l = termOf(w);
      }
      let best = morph.analyzeCached(w, lang as Lang)[0];
      // a capitalised word whose lower-case form is a function word in the dictionary is that word
      // at a sentence start (uk `Але` is `але`, not the name Аля; `Тому` is `тому`, not Том): out of
      // context, a rare name lemma would weigh as a rare content term
      const lower = w.toLowerCase();
      if (lower !== w) {
        const fn = morph.analyzeCached(lower, lang as Lang)[0];
        if (fn && fn.source === 'dict' && FUNCTION_POS.has(fn.pos)) best = fn;
      }
      const t = best ? termOf(best.lemma) : '';
      if (t) l = t;
    }
    m.set(word, l);
  }
  return l;
}

/** Lemma terms of the text's words, in order, skipping words that start inside `skip` spans. */
export function storyLemmas(text: string, lang: string, skip: (offset: number) => boolean = () => false): string[] {
  const out: string[] = [];
  for (const x of text.matchAll(WORD_RE)) {
    if (skip(x.index!)) continue;
    const l = storyLemma(x[0], lang);
    if (l) out.push(l);
  }
  return out;
}

/**
 * The morph stage, handing the analyser it loads to the story lemmas too (src/pipeline/default.ts):
 * one analyser and one cache per process instead of two. The lemmas do not change (the analyser is
 * the same code on the same data); only the work already done is shared.
 */
export function sharingMorphology(stage: Stage): Stage {
  return {
    ...stage,
    load(ctx: Context) {
      const share = () => {
        const m = ctx.maybe('morph');
        if (m instanceof MorphologyService) setStoryMorphology(m);
      };
      const r = stage.load?.(ctx);
      return r instanceof Promise ? r.then(share) : share();
    },
  };
}
