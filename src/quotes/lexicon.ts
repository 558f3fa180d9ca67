/**
 * The cue lexicon of one language (`src/quotes/lexicon/<lang>.json`), compiled for matching by
 * lemma. Every entry is a dictionary form; the morphology maps inflected forms onto it. When a
 * token has no lemma (a language or word the morphology does not know), a conservative
 * stem-plus-ending match over the same lemmas stands in.
 */
import { readJsonResource } from '../pipeline/resources.js';
import { RuleSet, disabledRules, loadRules } from '../rules/match.js';

/** What a document-cue rule produces: where the passage lies relative to the cue. */
export interface DocumentCue {
  /** lead: `В заявлении X говорится, что …`; about: `Об этом говорится в заявлении X` (the sentence
   * before); as: `Как говорится в заявлении X, …`; tail: `«…», — говорится в заявлении X` */
  form: 'lead' | 'about' | 'as' | 'tail';
  /** which token of the match is the cue word when not the form's usual one (`the statement reads`: the last) */
  cue?: 'last';
  /** the match names its document by a pronoun (`В нём говорится`): the document nouns it may stand for, whose
   * sentence's subject (`Посольство опубликовало заявление`) is the owner */
  antecedents?: string[];
}

const docRules = new Map<string, RuleSet<DocumentCue>>();

/** The document-cue rules of a language (`src/quotes/rules/<lang>.json`). */
export function documentRules(lang: string): RuleSet<DocumentCue> | null {
  if (lang !== 'ru' && lang !== 'uk' && lang !== 'en') return null;
  let r = docRules.get(lang);
  if (!r) {
    r = new RuleSet(loadRules<DocumentCue>(`src/quotes/rules/${lang}.json`, 'documentCues', lang), disabledRules());
    docRules.set(lang, r);
  }
  return r;
}

export interface LexiconFile {
  lang: string;
  verbs: string[];
  quoteOnlyVerbs?: string[];
  clauseNeedsObject?: Record<string, string[]>;
  particleVerbs?: Record<string, string[]>;
  irregular?: Record<string, string>;
  reportVerbs: string[];
  quoteVerbs: string[];
  complementizers: string[];
  aboutThat: string[][];
  anaphoricObjects: string[][];
  according: string[][];
  attributionPhrases: string[][];
  as: string[];
  excludeForms: string[];
  pronouns: Record<string, string>;
  possessives: Record<string, string>;
  relatives: string[];
  roleNouns: string[];
  institutionNouns: string[];
  unnamedSources: string[];
  mediaNouns: string[];
  institutionPreps: string[];
  prepositions?: string[];
  /** `слова`, `words`: the quoted words of someone (`цитирует слова министра`, `приводит его слова`) */
  wordsNouns?: string[];
  /** roles any person of the article with a role may hold (`— подчеркнул дипломат`, `the official said`) */
  genericRoles?: string[];
  /** nouns for any body of government, whatever its name (`ведомство`, `відомство`) */
  genericBodies?: string[];
  outletVerbs?: string[];
  thatOnlyVerbs?: string[];
  notInvertedVerbs?: string[];
  /** `мы`, `нам`, `we`: a place that says `we` speaks (headline form `Польша: мы …`) */
  firstPersonPlural?: string[];
  /** time words between a cue and its clause without `that` (`said Monday the talks …`) */
  timeAdjuncts?: string[];
  /** the hearers of `tell` (`told reporters`): no clause starts with them */
  tellObjects?: string[];
  /** media nouns a body owns (`сайт`, `телеграм-канал`): a name in the genitive after one is its owner, no outlet */
  ownedMediaNouns?: string[];
  /** what others said (`reports`, `сообщения`): `denied reports that …` reports no clause of the subject's */
  hearsayNouns?: string[];
  /** `Отмечается, что …`, `Наголошується, що …`: no subject; the speaker the text is on goes on */
  impersonalVerbs?: string[];
  /** `и`, `і`, `and`: a comma and one of them may start the speaker's next predicate (`…, и отметил, что`) */
  coordinators?: string[];
  /** `там`: `Там також наголосили` — the seat named last speaks */
  thereAdverbs?: string[];
  /** page furniture: a line that opens with one of these (`Читайте также`, `ALSO READ`, `Фото:`) and the
   * headline lines listed under it say no quote of the article */
  furnitureMarkers?: string[];
  /** a headline line ending so (`… - важные новости`) is a related link */
  furnitureSuffixes?: string[];
  /** verbs of informing (`сообщил`, `повідомив`): `Об этом сообщил X` names the source of the news before it,
   * it quotes no statement */
  newsCreditVerbs?: string[];
  /** participles that name where the words come from (`X, citing Y, said`, `referring to the words of Y`):
   * such an aside before the cue is not skipped; the one it names is the source */
  sourceParticiples?: string[];
  /** in the present tense a credit line (`…, сообщает УНН`, `повідомляє Укрінформ`): with nobody to name, no quote */
  presentCreditVerbs?: string[];
  /** `приводить`, `наводити`: a cue only before `слова` (`приводит (его) слова X`); the words' owner speaks, the
   * subject relays (as `quoteVerbs`) */
  citeWordsVerbs?: string[];
}

export interface Lexicon {
  lang: string;
  verbs: Set<string>;
  quoteOnly: Set<string>;
  needsObject: Map<string, Set<string>>;
  particle: Map<string, Set<string>>;
  irregular: Map<string, string>;
  report: Set<string>;
  quoteVerbs: Set<string>;
  comp: Set<string>;
  aboutThat: string[][];
  anaphoric: string[][];
  according: string[][];
  attribution: string[][];
  /** positions in each phrase list by first word (see `firstWordIndex`) */
  phraseIndex: Map<string[][], Map<string, number[]>>;
  as: Set<string>;
  exclude: Set<string>;
  pronouns: Map<string, string>;
  possessives: Map<string, string>;
  relatives: Set<string>;
  roles: Set<string>;
  institutions: Set<string>;
  unnamed: Set<string>;
  media: Set<string>;
  instPreps: Set<string>;
  preps: Set<string>;
  wordsNouns: Set<string>;
  genericRoles: Set<string>;
  genericBodies: Set<string>;
  /** what only an outlet does (`передает`, `пишет`): a body as their subject is a news outlet */
  outletVerbs: Set<string>;
  /** report a clause only with an explicit complementizer (`found that`, not `shown the world`) */
  thatOnly: Set<string>;
  /** never an inverted cue after the clause (`…, Laura spoke.`) */
  notInverted: Set<string>;
  firstPersonPlural: Set<string>;
  timeAdjuncts: Set<string>;
  tellObjects: Set<string>;
  ownedMedia: Set<string>;
  hearsay: Set<string>;
  impersonal: Set<string>;
  coord: Set<string>;
  there: Set<string>;
  furnitureMarkers: string[];
  furnitureSuffixes: string[];
  presentCredit: Set<string>;
  newsCredit: Set<string>;
  sourceParticiples: Set<string>;
  /** cue verbs only before `слова`; also in verbs, quoteOnly and quoteVerbs */
  citeWords: Set<string>;
  /** the first words of the `according` and `attribution` phrases ('' when one has none) */
  phraseStarts: Set<string>;
  /** stem -> lemma for the fallback match of verbs without a lemma */
  stems: [string, string][];
  /** stems by their first three letters */
  stemIndex: Map<string, [string, string][]>;
  endings: Set<string>;
}

const ENDINGS: Record<string, string[]> = {
  ru: ['ует', 'уют', 'ет', 'ют', 'л', 'ла', 'ло', 'ли', 'ет', 'ют', 'ит', 'ят', 'ут', 'ат', 'лся', 'лась', 'лось', 'лись', 'ется', 'ются', 'ится', 'ятся', 'ал', 'ала', 'али'],
  uk: ['є', 'ють', 'в', 'ла', 'ло', 'ли', 'є', 'ють', 'ить', 'ять', 'ть', 'ує', 'ують', 'вся', 'лася', 'лися', 'ав', 'ала', 'али', 'ив', 'ила', 'или'],
  en: ['s', 'es', 'ed', 'd', 'ing'],
};

function stemsOf(lemma: string, lang: string): string[] {
  if (lang === 'en') return [lemma];
  const base = lemma.replace(/(ся|сь)$/u, '');
  const out = [base.replace(/(ть|ти|чь)$/u, '')];
  // -овать / -увати verbs change their stem in the present: цитировать -> цитирует, цитувати -> цитує
  const m = base.match(/^(.+)(ова|юва|ува)(ть|ти)$/u);
  if (m) out.push(m[1] + (m[2] === 'юва' ? 'ю' : 'у'));
  return out;
}

const cache = new Map<string, Lexicon | null>();

export function compileLexicon(f: LexiconFile): Lexicon {
  const lang = f.lang;
  const low = (xs: string[] | undefined) => new Set((xs ?? []).map((x) => x.toLowerCase()));
  const stems: [string, string][] = [];
  for (const v of f.verbs) {
    for (const s of stemsOf(v, lang)) if (s.length >= 3) stems.push([s, v]);
  }
  stems.sort((a, b) => b[0].length - a[0].length);
  const aboutThat = f.aboutThat ?? [];
  const anaphoric = f.anaphoricObjects ?? [];
  const according = f.according ?? [];
  const attribution = f.attributionPhrases ?? [];
  return {
    lang,
    verbs: low([...f.verbs, ...(f.citeWordsVerbs ?? [])]),
    quoteOnly: low([...(f.quoteOnlyVerbs ?? []), ...(f.citeWordsVerbs ?? [])]),
    needsObject: new Map(Object.entries(f.clauseNeedsObject ?? {}).map(([k, v]) => [k, low(v)])),
    particle: new Map(Object.entries(f.particleVerbs ?? {}).map(([k, v]) => [k, low(v)])),
    irregular: new Map(Object.entries(f.irregular ?? {})),
    report: low(f.reportVerbs),
    quoteVerbs: low([...f.quoteVerbs, ...(f.citeWordsVerbs ?? [])]),
    comp: low(f.complementizers),
    aboutThat,
    anaphoric,
    according,
    attribution,
    phraseIndex: new Map([aboutThat, anaphoric, according, attribution].map((l) => [l, firstWordIndex(l)])),
    as: low(f.as),
    exclude: low(f.excludeForms),
    pronouns: new Map(Object.entries(f.pronouns ?? {})),
    possessives: new Map(Object.entries(f.possessives ?? {})),
    relatives: low(f.relatives),
    roles: low(f.roleNouns),
    institutions: low(f.institutionNouns),
    unnamed: low(f.unnamedSources),
    media: low(f.mediaNouns),
    instPreps: low(f.institutionPreps),
    wordsNouns: low(f.wordsNouns),
    genericRoles: low(f.genericRoles),
    genericBodies: low(f.genericBodies),
    preps: low(f.prepositions),
    outletVerbs: low(f.outletVerbs),
    thatOnly: low(f.thatOnlyVerbs),
    notInverted: low(f.notInvertedVerbs),
    firstPersonPlural: low(f.firstPersonPlural),
    timeAdjuncts: low(f.timeAdjuncts),
    tellObjects: low(f.tellObjects),
    ownedMedia: low(f.ownedMediaNouns),
    hearsay: low(f.hearsayNouns),
    impersonal: low(f.impersonalVerbs),
    coord: low(f.coordinators),
    there: low(f.thereAdverbs),
    furnitureMarkers: (f.furnitureMarkers ?? []).map((x) => x.toLowerCase()),
    furnitureSuffixes: (f.furnitureSuffixes ?? []).map((x) => x.toLowerCase()),
    presentCredit: low(f.presentCreditVerbs),
    newsCredit: low(f.newsCreditVerbs),
    sourceParticiples: low(f.sourceParticiples),
    citeWords: low(f.citeWordsVerbs),
    phraseStarts: new Set([...according, ...attribution].map((ph) => ph[0] ?? '')),
    stems,
    stemIndex: stems.reduce((m, st) => {
      const k = st[0].slice(0, 3);
      m.set(k, [...(m.get(k) ?? []), st]);
      return m;
    }, new Map<string, [string, string][]>()),
    endings: new Set(ENDINGS[lang] ?? []),
  };
}

/** the positions of the phrases of a list by their first word, ascending */
function firstWordIndex(list: string[][]): Map<string, number[]> {
  const m = new Map<string, number[]>();
  list.forEach((ph, k) => {
    const key = ph[0] ?? '';
    const at = m.get(key);
    if (at) at.push(k);
    else m.set(key, [k]);
  });
  return m;
}

/** The lexicon of a language, or null when none ships (the stage then adds nothing). */
export function lexiconFor(lang: string): Lexicon | null {
  const key = lang === 'ru' || lang === 'uk' || lang === 'en' ? lang : null;
  if (!key) return null;
  if (!cache.has(key)) cache.set(key, compileLexicon(readJsonResource<LexiconFile>(`src/quotes/lexicon/${key}.json`)));
  return cache.get(key) ?? null;
}

/** Lemma of a verb form when the morphology gave none: irregular table, then stem + ending. */
export function fallbackVerbLemma(lex: Lexicon, norm: string): string | null {
  const irr = lex.irregular.get(norm);
  if (irr) return irr;
  if (lex.verbs.has(norm)) return norm;
  const bucket = lex.stemIndex.get(norm.slice(0, 3));
  if (!bucket) return null;
  for (const [stem, lemma] of bucket) {
    if (norm.length > stem.length && norm.startsWith(stem)) {
      let rest = norm.slice(stem.length);
      if (lex.lang === 'en' && lemma.endsWith('e') && rest.startsWith('d')) rest = 'ed';
      if (lex.endings.has(rest)) return lemma;
    }
  }
  return null;
}
