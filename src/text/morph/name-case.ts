/**
 * Which cases a guessed name form can be in, given its guessed base form (from the ending
 * change), and which cases the context asks for (the preposition before it, a given name it
 * agrees with, or no preposition: no locative). The morph stage uses both to choose between the
 * name guesser's candidates: `в Кведлинбурге` (locative: Кведлинбург) vs `Марк Рютте заявил` (nominative:
 * Рютте stays), `далеку Тасманію` (accusative feminine: Тасманія).
 */
import { ukFormTags, parseReading } from './uk-tags.js';

const ALL = ['Nom', 'Gen', 'Dat', 'Acc', 'Ins', 'Loc'];

/** ru: cases of `form` when its base form is `lemma` (both lower-case) */
function ruCases(form: string, lemma: string): string[] {
  if (form === lemma) return ALL; // unchanged: nominative, or an indeclinable name in any case
  let p = 0;
  while (p < form.length && p < lemma.length && form[p] === lemma[p]) p++;
  const lend = lemma.slice(p);
  const fend = form.slice(p);
  if (/[ая]$/.test(lemma) && lend.length === 1) {
    if (/^[ыи]$/.test(fend)) return ['Gen'];
    if (fend === 'е') return ['Dat', 'Loc'];
    if (/^[ую]$/.test(fend)) return ['Acc'];
    if (/^(ой|ей|ою|ею)$/.test(fend)) return ['Ins'];
    return [];
  }
  if (/(ий|ый|ой)$/.test(lemma) && lend.length === 2) {
    if (/^(ого|его)$/.test(fend)) return ['Gen', 'Acc'];
    if (/^(ому|ему)$/.test(fend)) return ['Dat'];
    if (/^(им|ым)$/.test(fend)) return ['Ins'];
    if (/^(ом|ем)$/.test(fend)) return ['Loc'];
    return [];
  }
  if (lend === 'ь' || lend === 'й' || lend === '') {
    if (/^[ая]$/.test(fend)) return ['Gen', 'Acc'];
    if (/^[ую]$/.test(fend)) return ['Dat'];
    if (/^(ом|ем|ём)$/.test(fend)) return ['Ins'];
    if (fend === 'е') return ['Loc'];
    if (fend === 'и') return ['Gen', 'Dat', 'Loc'];
    if (fend === 'ью') return ['Ins'];
    return [];
  }
  return [];
}

/** the gender a guessed base form implies (null: cannot tell) */
export function nameGender(lemma: string): string | null {
  const l = lemma.toLowerCase();
  if (/[ая]$/.test(l)) return 'Fem';
  if (/[бвгґджзклмнпрстфхцчшщй]$/.test(l)) return 'Masc';
  return null;
}

/** the cases a form can be in under a guessed base form */
export function nameCases(form: string, lemma: string, lang: string): string[] {
  const f = form.toLowerCase().replace(/ё/g, 'е');
  const l = lemma.toLowerCase().replace(/ё/g, 'е');
  if (lang === 'uk') {
    if (f === l) return ALL;
    const cs = new Set<string>();
    for (const r of ukFormTags('PROPN', l, f)) {
      const c = parseReading(r).Case;
      if (c) cs.add(c);
    }
    return [...cs];
  }
  return ruCases(f, l);
}

const GOV: Record<string, Record<string, string[]>> = {
  ru: {
    из: ['Gen'], от: ['Gen'], до: ['Gen'], для: ['Gen'], без: ['Gen'], у: ['Gen'], около: ['Gen'], после: ['Gen'],
    против: ['Gen'], кроме: ['Gen'], вокруг: ['Gen'], возле: ['Gen'], среди: ['Gen'], вместо: ['Gen'], 'из-за': ['Gen'],
    ради: ['Gen'], со: ['Gen', 'Ins'], с: ['Gen', 'Ins'], в: ['Loc', 'Acc'], во: ['Loc', 'Acc'], на: ['Loc', 'Acc'],
    о: ['Loc', 'Acc'], об: ['Loc'], при: ['Loc'], к: ['Dat'], ко: ['Dat'], по: ['Dat'], благодаря: ['Dat'],
    над: ['Ins'], под: ['Ins', 'Acc'], перед: ['Ins'], между: ['Ins'], за: ['Ins', 'Acc'], через: ['Acc'], про: ['Acc'],
  },
  uk: {
    з: ['Gen', 'Ins'], із: ['Gen', 'Ins'], зі: ['Gen', 'Ins'], від: ['Gen'], до: ['Gen'], для: ['Gen'], без: ['Gen'],
    біля: ['Gen'], після: ['Gen'], проти: ['Gen'], крім: ['Gen'], навколо: ['Gen'], серед: ['Gen'], замість: ['Gen'],
    щодо: ['Gen'], у: ['Loc', 'Acc', 'Gen'], в: ['Loc', 'Acc', 'Gen'], на: ['Loc', 'Acc'], о: ['Loc', 'Acc'], при: ['Loc'],
    по: ['Loc', 'Dat', 'Acc'], к: ['Dat'], завдяки: ['Dat'], над: ['Ins'], під: ['Ins', 'Acc'], перед: ['Ins'],
    між: ['Ins', 'Gen'], за: ['Ins', 'Acc'], через: ['Acc'], про: ['Acc'],
  },
};

/** cases a preposition governs (null: not a known preposition) */
export function governedCases(prep: string, lang: string): string[] | null {
  return GOV[lang]?.[prep.toLowerCase()] ?? null;
}

/** without a preposition a noun phrase is in any case but the locative */
export const NO_PREP_CASES = ['Nom', 'Gen', 'Dat', 'Acc', 'Ins'];
