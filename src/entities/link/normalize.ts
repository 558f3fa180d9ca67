/**
 * Base form of a mention with the morphology's help (the learned suffix rules of `lemmatize.ts`
 * cover what the dictionaries do not know):
 *  - persons: every word to the nominative keeping its gender (`Эммануэлем Макроном` ->
 *    `Эммануэль Макрон`, `Захаровой` -> `Захарова`);
 *  - other names: the head noun (first noun of the phrase) to the nominative, the adjectives before
 *    it agreeing with it (`Елисейским дворцом` -> `Елисейский дворец`, `Балтийского моря` ->
 *    `Балтийское море`), the words after it kept (`Совета безопасности РФ` -> `Совет безопасности РФ`);
 *  - a head that can already be read as nominative is left as written (`Голубой поток`, `страны Балтии`);
 *  - acronyms, Latin and foreign indeclinable words stay (`НАТО`, `Рютте`, `Nord Stream`).
 */
import type { EntityType, MorphAnalysis } from '../../doc/model.js';
import type { Morphology } from '../../text/morph/api.js';
import { Lemmatizer, applyRule, contexts, frozen, hyphenFixed, joinWords, splitWords } from './lemmatize.js';
import { baseCandidates, baseFromParadigm } from './declension.js';

const QUOTE_SPLIT = /^(["«»“”„'’]*)(.*?)(["«»“”„'’]*)$/su;

function known(a: MorphAnalysis): boolean {
  return a.source === 'dict';
}
const nounish = (a: MorphAnalysis) => a.pos === 'NOUN' || a.pos === 'PROPN';

/** The analysis' lemma with the word's capitalisation (a noun's lemma is its nominative singular). */
function lemmaOf(word: string, a: MorphAnalysis): string {
  const l = a.lemma;
  if (word === word.toUpperCase() && word.length > 1) return l.toUpperCase();
  if (/^\p{Lu}/u.test(word)) return l.charAt(0).toUpperCase() + l.slice(1);
  return l.charAt(0).toLowerCase() + l.slice(1);
}

/** Gender of a known first name (from the knowledge base), for choosing a person name's reading. */
export type FirstNames = (word: string, lang: string) => 'm' | 'f' | undefined;

export function normalizeMention(lz: Lemmatizer, text: string, lang: string, type: EntityType, morph?: Morphology, firstNames?: FirstNames): string {
  const phr = lz.phrase(text, lang);
  if (phr !== undefined) return phr;
  if (!morph || (lang !== 'ru' && lang !== 'uk')) return lz.lemma(text, lang, type);
  const { words, seps } = splitWords(text);
  const ctxs = contexts(words);
  const parts = words.map((w) => {
    const m = QUOTE_SPLIT.exec(w)!;
    return { q1: m[1], core: m[2], q2: m[3] };
  });
  const out = parts.map((p) => p.core);
  const fallback = (i: number): string => {
    const p = parts[i];
    if (!p.core || frozen(p.core)) return p.core;
    const r = lz.wordRule(lang, type, ctxs[i], p.core);
    return r ? applyRule(p.core, r) : p.core;
  };
  const fixed = hyphenFixed(words, seps, type);
  const analyses = parts.map((p, i) => (p.core && !frozen(p.core) && !fixed[i] ? morph.analyze(p.core, lang) : []));

  if (type === 'PER') {
    // one reading for the whole name: nominative or oblique, masculine or feminine, chosen by the
    // words' analyses (dictionary readings weigh 2, name-model and paradigm readings 1)
    // name particles do not decline: `аль-Файеда` -> `аль-Файед`, `фон дер Ляйен`
    const PARTICLE = /^(аль|ал|эль|ель|ибн|бен|бін|бин|фон|ван|дер|де|ди|да|дос|дель|ла|ле|аш|ас|ад|ат|ан|эд|ед)$/iu;
    const real = parts.map((p) => !!p.core && !frozen(p.core) && !PARTICLE.test(p.core));
    const p0 = (i: number) => parts[i].core;
    const paradigm = parts.map((p, i) => {
      const r: Record<'m' | 'f', string | null> = { m: null, f: null };
      if (!real[i]) return r;
      for (const g of ['m', 'f'] as const)
        r[g] = baseFromParadigm(p.core, lang, g, baseCandidates(p.core), i === parts.length - 1 && parts.length > 1, firstNames && i === 0 ? (c) => firstNames(c, lang) === g : undefined);
      return r;
    });
    const score = (obl: boolean, g: 'm' | 'f', dictOnly = false): number => {
      let sc = 0;
      for (let i = 0; i < parts.length; i++) {
        if (!real[i]) continue;
        let best = 0;
        for (const a of analyses[i]) {
          if (!nounish(a) || !a.tags.Case || a.tags.Number === 'Plur') continue;
          const ag = a.tags.Gender === 'Fem' ? 'f' : a.tags.Gender === 'Masc' ? 'm' : null;
          if ((a.tags.Case !== 'Nom') !== obl || (ag && ag !== g)) continue;
          if (!dictOnly || known(a)) best = Math.max(best, known(a) ? 2 : 1);
        }
        if (obl && paradigm[i][g] && !dictOnly) best = Math.max(best, 1);
        // a first name the KB knows, as written or as the base of this form, is strong evidence
        if (firstNames && i === 0 && parts.length > 1) {
          const base = obl ? paradigm[i][g] : p0(i);
          if (base && firstNames(base, lang) === g) best = Math.max(best, 3);
        }
        sc += best;
      }
      return sc;
    };
    const opts = [
      { obl: false, g: 'm' as const },
      { obl: false, g: 'f' as const },
      { obl: true, g: 'm' as const },
      { obl: true, g: 'f' as const },
    ].map((o) => ({ ...o, s: score(o.obl, o.g), d: score(o.obl, o.g, true) }));
    let top = Math.max(...opts.map((o) => o.s));
    let best = opts.filter((o) => o.s === top);
    if (best.length > 1) {
      const td = Math.max(...best.map((o) => o.d));
      best = best.filter((o) => o.d === td);
      // still undecided between a nominative and an oblique reading: the learned rules decide
      if (best.some((o) => o.obl) && best.some((o) => !o.obl)) top = 0;
    }
    const pick = best[0];
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (!real[i]) continue;
      const exact = lz.exactRule(lang, type, ctxs[i], p.core);
      if (exact !== null) {
        out[i] = applyRule(p.core, exact);
        continue;
      }
      if (top === 0) {
        out[i] = fallback(i);
        continue;
      }
      if (!pick.obl) continue;
      const gName = pick.g === 'f' ? 'Fem' : 'Masc';
      const A = analyses[i].filter((a) => nounish(a) && a.tags.Case && a.tags.Case !== 'Nom' && (!a.tags.Gender || a.tags.Gender === gName));
      const Ak = A.filter(known);
      const a0 = Ak[0] ?? A[0];
      if (a0 && (Ak.length || !paradigm[i][pick.g])) {
        out[i] = morph.inflect(p.core, lang, { Case: 'Nom' }, a0) ?? lemmaOf(p.core, a0);
      } else if (paradigm[i][pick.g]) out[i] = paradigm[i][pick.g]!;
      else out[i] = fallback(i);
    }
  } else {
    // the head: first word the dictionary knows as a noun (not read first as an adjective)
    let head = -1;
    for (let i = 0; i < parts.length; i++) {
      const A = analyses[i];
      if (!parts[i].core) continue;
      if (fixed[i]) continue;
      if (frozen(parts[i].core)) {
        // an acronym or Latin word heads the phrase: `МИД Польши`, `ООН`; nothing inflects after it
        if (/\p{L}/u.test(parts[i].core)) return lz.phrase(text, lang) ?? text;
        continue;
      }
      if (!A.length) break;
      const nextNoun = i + 1 < parts.length && analyses[i + 1].some((a) => known(a) && nounish(a));
      const adjReading = A.some((a) => known(a) && a.pos === 'ADJ');
      if (known(A[0]) && nounish(A[0]) && !(adjReading && nextNoun)) {
        head = i;
        break;
      }
      if (!A.some((a) => known(a) && a.pos === 'ADJ')) break;
    }
    if (head < 0) {
      // a multiword name the dictionary knows no word of is foreign: it stays (`Блю Стрим Пайплайн`)
      const real = parts.filter((p) => p.core && !frozen(p.core));
      if (real.length > 1 && analyses.every((A) => !A.some(known))) return text;
      return lz.lemma(text, lang, type);
    }
    let H = analyses[head].filter((a) => known(a) && nounish(a));
    // the head's reading that the adjectives before it agree with (`Энергетической хартии`: Gen Sing)
    const adjs = analyses.slice(0, head).map((A) => A.filter((a) => known(a) && a.pos === 'ADJ')).filter((A) => A.length);
    if (adjs.length) {
      const agreeing = H.filter((h) =>
        adjs.every((A) => A.some((a) => a.tags.Case === h.tags.Case && a.tags.Number === h.tags.Number && (h.tags.Number === 'Plur' || !a.tags.Gender || a.tags.Gender === h.tags.Gender))),
      );
      if (agreeing.length) H = agreeing;
    } else if (H.length > 1 && H[0].pos === 'PROPN' && H[0].tags.Case !== 'Nom') {
      // a proper name alone: its first (singular) reading beats a plural nominative
      H = H.filter((h) => h.tags.Number === H[0].tags.Number);
    } else if (H.some((h) => h.tags.Number === 'Sing') && H.some((h) => h.tags.Number === 'Plur')) {
      // an institution is one: `Комісії`, `судом ЄС` read as singular
      H = H.filter((h) => h.tags.Number === 'Sing');
    }
    let hint = H[0];
    const exact = lz.exactRule(lang, type, ctxs[head], parts[head].core);
    const headNom = H.some((a) => a.tags.Case === 'Nom');
    if (exact !== null) out[head] = applyRule(parts[head].core, exact);
    else if (!headNom) out[head] = morph.inflect(parts[head].core, lang, { Case: 'Nom' }, hint) ?? lemmaOf(parts[head].core, hint);
    if (out[head] === parts[head].core) hint = H.find((a) => a.tags.Case === 'Nom') ?? hint;
    else hint = H.find((a) => a.tags.Case !== 'Nom' && a.lemma.toLowerCase() === out[head].toLowerCase()) ?? H.find((a) => a.tags.Case !== 'Nom') ?? hint;
    const changed = out[head] !== parts[head].core;
    for (let i = 0; i < head; i++) {
      const p = parts[i];
      if (!p.core || frozen(p.core) || fixed[i]) continue;
      const adj = analyses[i].filter((a) => known(a) && a.pos === 'ADJ');
      if (!adj.length) {
        out[i] = fallback(i);
        continue;
      }
      if (!changed && adj.some((a) => a.tags.Case === 'Nom' && (!hint.tags.Gender || !a.tags.Gender || a.tags.Gender === hint.tags.Gender))) continue;
      const want: Record<string, string> = { Case: 'Nom' };
      if (hint.tags.Number) want.Number = hint.tags.Number;
      if (hint.tags.Gender && hint.tags.Number !== 'Plur') want.Gender = hint.tags.Gender;
      const a0 = adj.find((a) => !hint.tags.Gender || a.tags.Gender === hint.tags.Gender) ?? adj[0];
      out[i] = morph.inflect(p.core, lang, want, a0) ?? fallback(i);
    }
  }
  return joinWords(
    out.map((w, i) => parts[i].q1 + w + parts[i].q2),
    seps,
  );
}
