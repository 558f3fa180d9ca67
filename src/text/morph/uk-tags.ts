/**
 * Ukrainian part of speech and UD features derived from the shape of a Hunspell entry and of each
 * of its forms (Hunspell carries no tags). Used by scripts/build-uk-lexicon.ts when the lemma
 * table is built, and by the runtime for words the table does not know.
 *
 * A form's readings are encoded as `Case=Gen,Number=Sing|Case=Acc,Number=Sing` (one reading per
 * `|`, features by `,`), an empty string when nothing can be said.
 */

const VERB_INF = /(ти|тися|тись|чи|чися)$/u;
const ADJ_LEMMA = /(ий|ій|їй)$/u;
/** possessive-type surnames: Захаров, Путін, Шевчуків */
export const SURNAME_OV = /\p{Lu}.*(ов|ев|єв|ін|ин|їн)$/u;

/** POS of a dictionary entry from its lemma shape: VERB, ADJ, NOUN, PROPN, or '' (unflagged). */
export function ukLemmaPos(lemma: string, flagged: boolean): string {
  const cap = /^\p{Lu}/u.test(lemma);
  // unflagged entries (function words, adverbs, indeclinables, and names listed form by form:
  // Путін, Путіна, Путіну...) carry no POS: the runtime decides
  if (!flagged) return '';
  if (!cap && VERB_INF.test(lemma)) return 'VERB';
  if (ADJ_LEMMA.test(lemma)) return cap ? 'PROPN' : 'ADJ';
  return cap ? 'PROPN' : 'NOUN';
}

type Reading = Record<string, string>;

function r(s: string): Reading {
  const o: Reading = {};
  for (const kv of s.split(',')) {
    if (!kv) continue;
    const [k, v] = kv.split('=');
    o[k] = v;
  }
  return o;
}

// adjective endings (hard and soft stems), longest first
const ADJ_ENDS: [RegExp, string[]][] = [
  [/(ого|ього)$/u, ['Case=Gen,Gender=Masc,Number=Sing', 'Case=Gen,Gender=Neut,Number=Sing', 'Case=Acc,Gender=Masc,Number=Sing,Animacy=Anim']],
  [/(ому|ьому)$/u, ['Case=Dat,Gender=Masc,Number=Sing', 'Case=Dat,Gender=Neut,Number=Sing', 'Case=Loc,Gender=Masc,Number=Sing', 'Case=Loc,Gender=Neut,Number=Sing']],
  [/(ими|іми)$/u, ['Case=Ins,Number=Plur']],
  [/(ої|ьої)$/u, ['Case=Gen,Gender=Fem,Number=Sing']],
  [/(ою|ьою)$/u, ['Case=Ins,Gender=Fem,Number=Sing']],
  [/(их|іх)$/u, ['Case=Gen,Number=Plur', 'Case=Loc,Number=Plur', 'Case=Acc,Number=Plur,Animacy=Anim']],
  [/(им|ім)$/u, ['Case=Ins,Gender=Masc,Number=Sing', 'Case=Ins,Gender=Neut,Number=Sing', 'Case=Dat,Number=Plur', 'Case=Loc,Gender=Masc,Number=Sing']],
  [/ий$/u, ['Case=Nom,Gender=Masc,Number=Sing', 'Case=Acc,Gender=Masc,Number=Sing,Animacy=Inan']],
  [/ій$/u, ['Case=Nom,Gender=Masc,Number=Sing', 'Case=Dat,Gender=Fem,Number=Sing', 'Case=Loc,Gender=Fem,Number=Sing']],
  [/їй$/u, ['Case=Nom,Gender=Masc,Number=Sing', 'Case=Dat,Gender=Fem,Number=Sing', 'Case=Loc,Gender=Fem,Number=Sing']],
  [/[ая]$/u, ['Case=Nom,Gender=Fem,Number=Sing']],
  [/[ую]$/u, ['Case=Acc,Gender=Fem,Number=Sing']],
  [/[еє]$/u, ['Case=Nom,Gender=Neut,Number=Sing', 'Case=Acc,Gender=Neut,Number=Sing']],
  [/[ії]$/u, ['Case=Nom,Number=Plur', 'Case=Acc,Number=Plur,Animacy=Inan']],
];

type Decl = 'I' | 'II' | 'III' | 'IIn' | 'Pl' | 'Ind';

function nounDecl(lemma: string): Decl {
  if (/(ість|ість)$/u.test(lemma)) return 'III';
  if (/[ая]$/u.test(lemma)) return 'I';
  if (/[оеєя]$/u.test(lemma) || /(ння|ття)$/u.test(lemma)) return 'IIn';
  if (/[иі]$/u.test(lemma)) return 'Pl';
  if (/[бвгґджзйклмнпрстфхцчшщь’]$/u.test(lemma)) return 'II';
  return 'Ind';
}

const NOUN_ENDS: Record<Decl, [RegExp, string[]][]> = {
  I: [
    [/(ами|ями)$/u, ['Case=Ins,Number=Plur']],
    [/(ою|ею|єю)$/u, ['Case=Ins,Number=Sing']],
    [/(ам|ям)$/u, ['Case=Dat,Number=Plur']],
    [/(ах|ях)$/u, ['Case=Loc,Number=Plur']],
    [/[ая]$/u, ['Case=Nom,Number=Sing']],
    [/[иії]$/u, ['Case=Gen,Number=Sing', 'Case=Dat,Number=Sing', 'Case=Loc,Number=Sing', 'Case=Nom,Number=Plur', 'Case=Acc,Number=Plur']],
    [/[ую]$/u, ['Case=Acc,Number=Sing']],
    [/[оеє]$/u, ['Case=Voc,Number=Sing']],
    [/.$/u, ['Case=Gen,Number=Plur']],
  ],
  II: [
    [/(ами|ями)$/u, ['Case=Ins,Number=Plur']],
    [/(ові|еві|єві)$/u, ['Case=Dat,Number=Sing', 'Case=Loc,Number=Sing']],
    [/(ом|ем|єм)$/u, ['Case=Ins,Number=Sing']],
    [/(ів|їв|ей)$/u, ['Case=Gen,Number=Plur']],
    [/(ам|ям)$/u, ['Case=Dat,Number=Plur']],
    [/(ах|ях)$/u, ['Case=Loc,Number=Plur']],
    [/[ая]$/u, ['Case=Gen,Number=Sing', 'Case=Acc,Number=Sing,Animacy=Anim']],
    [/[ую]$/u, ['Case=Gen,Number=Sing', 'Case=Dat,Number=Sing', 'Case=Loc,Number=Sing', 'Case=Voc,Number=Sing']],
    [/и$/u, ['Case=Nom,Number=Plur', 'Case=Acc,Number=Plur']],
    [/[ії]$/u, ['Case=Loc,Number=Sing', 'Case=Nom,Number=Plur', 'Case=Acc,Number=Plur']],
    [/[еє]$/u, ['Case=Voc,Number=Sing']],
  ],
  III: [
    [/(ями|ами)$/u, ['Case=Ins,Number=Plur']],
    [/(ям|ам)$/u, ['Case=Dat,Number=Plur']],
    [/(ях|ах)$/u, ['Case=Loc,Number=Plur']],
    [/ей$/u, ['Case=Gen,Number=Plur']],
    [/ю$/u, ['Case=Ins,Number=Sing']],
    [/[иі]$/u, ['Case=Gen,Number=Sing', 'Case=Dat,Number=Sing', 'Case=Loc,Number=Sing', 'Case=Nom,Number=Plur', 'Case=Acc,Number=Plur']],
    [/е$/u, ['Case=Voc,Number=Sing']],
  ],
  IIn: [
    [/(ами|ями)$/u, ['Case=Ins,Number=Plur']],
    [/(ом|ем|ям)$/u, ['Case=Ins,Number=Sing']],
    [/(ам|ям)$/u, ['Case=Dat,Number=Plur']],
    [/(ах|ях)$/u, ['Case=Loc,Number=Plur']],
    [/(ові|еві)$/u, ['Case=Dat,Number=Sing', 'Case=Loc,Number=Sing']],
    [/[оеє]$/u, ['Case=Nom,Number=Sing', 'Case=Acc,Number=Sing']],
    [/[ая]$/u, ['Case=Gen,Number=Sing', 'Case=Nom,Number=Plur', 'Case=Acc,Number=Plur']],
    [/[ую]$/u, ['Case=Dat,Number=Sing', 'Case=Loc,Number=Sing']],
    [/[іи]$/u, ['Case=Loc,Number=Sing']],
    [/.$/u, ['Case=Gen,Number=Plur']],
  ],
  Pl: [
    [/(ами|ями|ьми)$/u, ['Case=Ins,Number=Ptan']],
    [/(ам|ям)$/u, ['Case=Dat,Number=Ptan']],
    [/(ах|ях)$/u, ['Case=Loc,Number=Ptan']],
    [/[иі]$/u, ['Case=Nom,Number=Ptan', 'Case=Acc,Number=Ptan']],
    [/.$/u, ['Case=Gen,Number=Ptan']],
  ],
  Ind: [],
};

const GENDER: Partial<Record<Decl, string>> = { I: 'Fem', II: 'Masc', III: 'Fem', IIn: 'Neut' };

const VERB_ENDS: [RegExp, string][] = [
  [/(ти|тися|тись|чи|чися)$/u, 'VerbForm=Inf'],
  [/(вши|вшись|вшися)$/u, 'VerbForm=Conv,Tense=Past'],
  [/(чи|чись|чися)$/u, 'VerbForm=Conv,Tense=Pres'],
  [/(ла|лася|лась)$/u, 'VerbForm=Fin,Mood=Ind,Tense=Past,Gender=Fem,Number=Sing'],
  [/(ло|лося|лось)$/u, 'VerbForm=Fin,Mood=Ind,Tense=Past,Gender=Neut,Number=Sing'],
  [/(ли|лися|лись)$/u, 'VerbForm=Fin,Mood=Ind,Tense=Past,Number=Plur'],
  [/(в|вся|всь|к|кся|з|зся|с|сся|р|рся)$/u, 'VerbForm=Fin,Mood=Ind,Tense=Past,Gender=Masc,Number=Sing'],
  [/(ють|уть|ять|ать|ться)$/u, 'VerbForm=Fin,Mood=Ind,Person=3,Number=Plur'],
  [/(ємо|емо|имо|їмо|ьмо)$/u, 'VerbForm=Fin,Mood=Ind,Person=1,Number=Plur'],
  [/(єте|ете|ите|їте)$/u, 'VerbForm=Fin,Mood=Ind,Person=2,Number=Plur'],
  [/(єш|еш|иш|їш|ешся|ишся)$/u, 'VerbForm=Fin,Mood=Ind,Person=2,Number=Sing'],
  [/(є|е|ить|їть|еться|иться|ється)$/u, 'VerbForm=Fin,Mood=Ind,Person=3,Number=Sing'],
  [/(іть|ймо|імо|йте|ймося|іться)$/u, 'VerbForm=Fin,Mood=Imp,Number=Plur'],
  [/(й|и|ь|йся|ись)$/u, 'VerbForm=Fin,Mood=Imp,Person=2,Number=Sing'],
  [/(ю|у|юся|уся)$/u, 'VerbForm=Fin,Mood=Ind,Person=1,Number=Sing'],
  [/(му|меш|ме|мемо|мете|муть)$/u, 'VerbForm=Fin,Mood=Ind,Tense=Fut'],
  [/(но|то)$/u, 'VerbForm=Fin,Voice=Pass,Tense=Past'],
];

/**
 * The readings of `form` of an entry with lemma `lemma` and POS `pos`; `adjectival` when the
 * entry declines like an adjective whatever its lemma (Біле, Білого, Білому: a place name).
 */
export function ukFormTags(pos: string, lemma: string, form: string, adjectival = false): string[] {
  if (pos === 'ADJ' || ((pos === 'PROPN' || pos === 'NOUN') && (ADJ_LEMMA.test(lemma) || adjectival))) {
    // a noun declining like an adjective keeps the gender of its lemma (Біле: neuter)
    const g = pos === 'ADJ' ? null : /[еє]$/u.test(lemma) ? 'Neut' : /[ая]$/u.test(lemma) ? 'Fem' : null;
    for (const [re, rs] of ADJ_ENDS) {
      if (!re.test(form)) continue;
      return g ? rs.filter((x) => !/Gender=/.test(x) || x.includes(`Gender=${g}`)) : rs;
    }
    return [];
  }
  if (pos === 'PROPN' && SURNAME_OV.test(lemma) && form !== lemma && form.startsWith(lemma)) {
    // possessive-type surnames (Захаров, Путін) decline as nouns in the masculine and as
    // adjectives in the feminine: Захарова, Захарової, Захаровій, Захарову, Захаровою
    const x = form.slice(lemma.length);
    const fem: Record<string, string[]> = {
      а: ['Case=Gen,Number=Sing,Gender=Masc', 'Case=Acc,Number=Sing,Gender=Masc', 'Case=Nom,Number=Sing,Gender=Fem'],
      ої: ['Case=Gen,Number=Sing,Gender=Fem'],
      ій: ['Case=Dat,Number=Sing,Gender=Fem', 'Case=Loc,Number=Sing,Gender=Fem'],
      у: ['Case=Dat,Number=Sing,Gender=Masc', 'Case=Loc,Number=Sing,Gender=Masc', 'Case=Acc,Number=Sing,Gender=Fem'],
      ою: ['Case=Ins,Number=Sing,Gender=Fem'],
      им: ['Case=Ins,Number=Sing,Gender=Masc'],
      ові: ['Case=Dat,Number=Sing,Gender=Masc', 'Case=Loc,Number=Sing,Gender=Masc'],
      і: ['Case=Loc,Number=Sing,Gender=Masc', 'Case=Nom,Number=Plur'],
      и: ['Case=Nom,Number=Plur'],
      их: ['Case=Gen,Number=Plur', 'Case=Loc,Number=Plur', 'Case=Acc,Number=Plur'],
      ими: ['Case=Ins,Number=Plur'],
      ом: ['Case=Ins,Number=Sing,Gender=Masc'],
      е: ['Case=Voc,Number=Sing,Gender=Masc'],
    };
    if (fem[x]) return fem[x];
  }
  if (pos === 'NOUN' || pos === 'PROPN') {
    const d = nounDecl(lemma);
    const g = GENDER[d];
    if (form === lemma) {
      if (d === 'Pl') return ['Case=Nom,Number=Ptan'];
      return [`Case=Nom,Number=Sing${g ? `,Gender=${g}` : ''}`];
    }
    for (const [re, rs] of NOUN_ENDS[d]) {
      if (re.test(form)) return g ? rs.map((x) => `${x},Gender=${g}`) : rs;
    }
    return [];
  }
  if (pos === 'VERB') {
    for (const [re, t] of VERB_ENDS) if (re.test(form)) return [t];
    return [];
  }
  return [];
}

const readingMemo = new Map<string, Readonly<Reading>>();

/** Parse an encoded reading (shared, frozen: do not edit). */
export function parseReading(s: string): Reading {
  let o = readingMemo.get(s);
  if (!o) readingMemo.set(s, (o = Object.freeze(r(s))));
  return o as Reading;
}
