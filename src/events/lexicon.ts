/**
 * The event lexicon of one language (`src/events/lexicon/<lang>.json`), compiled for matching by
 * lemma (the morphology maps inflected forms onto dictionary forms; without a lemma the lower-cased
 * surface form stands in).
 */
import { readJsonResource } from '../pipeline/resources.js';
import type { DiplomaticEvent, Stance } from '../doc/model.js';
import { RuleSet, disabledRules, loadRules } from '../rules/match.js';

export type Mode = NonNullable<DiplomaticEvent['mode']>;
export type Level = NonNullable<DiplomaticEvent['level']>;

export interface TriggerDef {
  lemmas: string[];
  type: string;
  mode?: Mode;
  kind: 'noun' | 'verb' | 'any';
  /** the verb's direct object (or destination) is the host of a visit / the other party */
  object?: 'host' | 'party';
  needsDest?: boolean;
  needsObject?: string[];
  needsVerb?: string[];
  /** only with a named object: `принял в Кремле премьера Словакии` (not `принял решение`) */
  needsNamedObject?: boolean;
  /** prepositions introducing this act's target besides the lexicon's `against` ones (`удар по`, `атака на`) */
  targetPreps?: string[];
  /** a message carried: the parties are its sender and addressee (`handed over a message from Obama to Kim`) */
  fromTo?: boolean;
  /** the id of the pattern rule that found it (`triggers` in `src/events/rules/<lang>.json`) */
  rule?: string;
}

export interface MultiDef {
  seq: string[];
  type: string;
  mode?: Mode;
}

interface LexiconFile {
  lang: string;
  triggers: TriggerDef[];
  multi: MultiDef[];
  status: Record<'cancelled' | 'none' | 'negation' | 'failed' | 'notPlanned' | 'possible' | 'planned' | 'ongoing' | 'occurred', string[]>;
  levels: Record<Level, string[][]>;
  /** purpose: `прибыл для переговоров`, `for talks with`; purposeAcc: those that state a purpose only
   * with the accusative (`на переговоры`, not `на переговорах`) */
  preps: { with: string[]; between: string[]; place: string[]; dest: string[]; against: string[]; purpose?: string[]; purposeAcc?: string[] };
  conj: string[];
  roleNouns: string[];
  demonyms: Record<string, string>;
  generic: string[];
  anaphoric: string[];
  existVerbs: string[];
  negDet: string[];
  actionNouns: string[];
  notTriggers: string[][];
  plover: Record<string, string>;
  phoneCues: string[][];
  sides: string[];
  /** nouns naming one sitting of a contact (`раунд переговоров`): they do not govern it away */
  rounds?: string[];
  /** words telling another sitting of a contact (`previous`, `next`, `again`, `следующий`, `знову`): an article's
   * re-mention of the same sides' contact with one of them near it is not the same happening (rule `merge.across-status`) */
  otherOccasion?: string[];
  /** word forms of `on the sidelines of`, `на полях`, `в кулуарах`: a contact framed by a summit */
  sidelines?: string[];
  /**
   * what makes a summit the time or the topic of another act, not a contact of the clause's sides:
   * word forms before it (`ahead of`, `накануне`), after it (`after`, `после`), and lemmas of
   * verbs and nouns whose object it is (`discuss`, `обсудить`, `подготовка`)
   */
  summitFrames?: { before: string[]; after: string[]; topics: string[] };
  /** base forms of `counterpart`, `коллега`, `колега`: a person so introduced holds the other side's rank */
  counterparts?: string[];
  /** verbs whose object does what their infinitive says (`пригласил Джонсона посетить Москву`, `invited him to visit`) */
  controllers?: string[];
  /** grammatical gender and number of contact nouns (`зустріч`: Fem, Sing), over the morphology's guess, for a pronoun that refers back to one (`Вона може відбутися`, rule `when.next-anaphor`) */
  nounFeatures?: Record<string, Record<string, string>>;
  intent: string[];
  controlTypes: string[];
  endVerbs: string[];
  cooperative: string[];
  conflictual: string[];
  during?: string[];
  militaryMeans?: string[];
  /** grammar words the extractor reads (pronouns, relatives, complementizers, titles): see {@link eventGrammar} */
  grammar: Record<GrammarKey, string[]>;
}

export type GrammarKey =
  | 'fromPreps'
  | 'complementizers'
  | 'subordinators'
  | 'relatives'
  | 'firstPerson'
  | 'thirdPersonPronouns'
  | 'dativePronouns'
  | 'objectPronouns'
  | 'headTitles'
  | 'ministerTitles'
  | 'delegationNouns'
  | 'formatNouns'
  | 'possessives';

let grammar: Record<GrammarKey, Set<string>> | null = null;

/**
 * The lexicons' grammar words (`grammar` in `src/events/lexicon/<lang>.json`), each list unioned over
 * the event languages: the extractor tests a word against them whatever the article's language, as the
 * words of one language are not words of another. A new language adds its words in its own file.
 */
export function eventGrammar(): Record<GrammarKey, Set<string>> {
  if (grammar) return grammar;
  const g = {} as Record<GrammarKey, Set<string>>;
  for (const lang of EVENT_LANGS) {
    const f = readJsonResource<LexiconFile>(`src/events/lexicon/${lang}.json`);
    for (const [k, v] of Object.entries(f.grammar ?? {}) as [GrammarKey | 'about', string[] | string][]) {
      if (k === 'about' || !Array.isArray(v)) continue;
      const set = g[k] ?? (g[k] = new Set<string>());
      for (const w of v) set.add(w);
    }
  }
  return (grammar = g);
}

/** What a stance rule produces. */
/**
 * What a role noun with a name in the genitive after it means: `person` — the name is the one the
 * role serves (`спецпосланник Трампа`: someone else acts); `country` — the name is the country whose
 * office it is (`Президент Росії`: its holder acts).
 */
export interface RoleProduce {
  /** `demonym`: a side noun after a country adjective stands for that country (`российские чиновники`) */
  owner: 'person' | 'country' | 'demonym';
}

/** an event trigger found by a pattern: its type (and mode), at the pattern's first word */
export interface TriggerProduce {
  type: string;
  mode?: Mode;
  /** `from-to`: the parties are the message's sender and addressee, not the one carrying it */
  parties?: 'from-to';
}

/** `report-anaphor`: a sentence reporting the one before (`Об этом сообщил`); `earlier`: an event told as before the news; `rescheduled`: a put-off contact given a new date (`перенесено, але відбудеться`, the date follows the match); `plan-before`: a plan told as reported before the contact it plans (`initially reported`, `до звонка`); `next-anaphor`: the next sentence's subject is the contact just told and gives its date (`Она может состояться 23 октября`) */
export interface WhenProduce {
  kind: 'report-anaphor' | 'earlier' | 'rescheduled' | 'plan-before' | 'next-anaphor';
  /** `next-anaphor`: the features the contact's noun must share with the pronoun (`Она` -> a feminine singular `встреча`) */
  agree?: Record<string, string>;
}

export interface StanceProduce {
  stance: Stance;
  /** `speaker`: the cue's subject is the report, not who holds the stance (`... is a fiction`): the quote's speaker does;
   * `parties`: the parties of the contact hold it (`ни одна из сторон не подтвердила`, `neither side has confirmed`) */
  holder?: 'speaker' | 'parties';
  /** the contact the denied report told of, stated before the cue in its sentence, did not take place (status `none`) */
  negates?: boolean;
}

export interface EventLexicon {
  lang: string;
  /** lemma -> trigger definitions (noun and verb readings may differ) */
  single: Map<string, TriggerDef[]>;
  multi: MultiDef[];
  status: Record<keyof LexiconFile['status'], Set<string>>;
  /** multiword status cues as lemma sequences */
  statusSeq: Record<keyof LexiconFile['status'], string[][]>;
  levels: [Level, string[]][];
  /** stance cues (`src/events/rules/<lang>.json`, `stances`): named rules over tokens */
  stanceRules: RuleSet<StanceProduce>;
  /** role nouns whose genitive name is an owner, not the one acting (`roles`: `спецпосланник Трампа`, `Президент Росії`) */
  roleRules: RuleSet<RoleProduce>;
  /** triggers that need a pattern over several words (`triggers`: `дал Путину 50 дней`) */
  triggerRules: RuleSet<TriggerProduce>;
  /** cues for dating an event from its report (`when`: `Об этом сообщил ...`, `ранее`) */
  whenRules: RuleSet<WhenProduce>;
  withPreps: Set<string>;
  betweenPreps: Set<string>;
  placePreps: Set<string>;
  destPreps: Set<string>;
  againstPreps: Set<string>;
  purposePreps: Set<string>;
  purposeAccPreps: Set<string>;
  sidelines: Set<string>;
  summitBefore: Set<string>;
  summitAfter: Set<string>;
  summitTopics: Set<string>;
  counterparts: Set<string>;
  controllers: Set<string>;
  nounFeatures: Map<string, Record<string, string>>;
  conj: Set<string>;
  roleNouns: Set<string>;
  demonyms: Map<string, string>;
  /** evaluative predicates: `диалог ... важен` speaks of contacts in general, not of one */
  generic: Set<string>;
  /** `эта встреча`, `цієї розмови`: a re-mention of an event already reported */
  anaphoric: Set<string>;
  existVerbs: Set<string>;
  negDet: Set<string>;
  /** nouns of action whose complement a contact may be (`возобновление контактов`) */
  actionNouns: Set<string>;
  /** idioms whose trigger word states no event (`в консультации с`): lemma sequences */
  notTriggers: string[][];
  /** `Стороны обсудили ...`: the parties of the contact just reported */
  sides: Set<string>;
  rounds: Set<string>;
  otherOccasion: Set<string>;
  /** `по телефону`: a contact said to be by phone is a call */
  phoneCues: string[][];
  /** Parley type -> PLOVER category where they differ (ACCUSE is PLOVER DISAPPROVE) */
  plover: Map<string, string>;
  /** words of intent or future: an act announced is AGREE (cooperative) or THREATEN (hostile) */
  intent: Set<string>;
  /** types whose verbs govern a `to`-complement (`refused to lift`) */
  controlTypes: Set<string>;
  /** verbs ending a contact: `cancelled a visit` reduces relations (SANCTION) */
  endVerbs: Set<string>;
  cooperative: Set<string>;
  conflictual: Set<string>;
  /** every lemma that can start a trigger (single or first of a sequence), for a quick pre-check */
  firstWords: Set<string>;
  /** lemma sequences by their first lemma */
  multiByFirst: Map<string, MultiDef[]>;
  /** `notTriggers` by their first lemma */
  notTriggersByFirst: Map<string, string[][]>;
  /** every lemma that can start a stance rule */
  stanceFirst: Set<string>;
  /** `во время`, `під час`, `after`: a contact these govern is the frame of another act, and took place */
  during: string[][];
  /** PLOVER: violence by armies and their weapons (`artillery`, `войска`) is FIGHT, not ASSAULT */
  militaryMeans: Set<string>;
  /** multiword military means as lemma sequences */
  militaryMeansSeq: string[][];
  /** one look-up per word: which of the lists above it may start (WORD_* bits) */
  wordFlags: Map<string, number>;
}

/** `wordFlags` bits */
export const WORD_TRIGGER = 1;
export const WORD_NOT_TRIGGER = 2;
export const WORD_STANCE = 4;
/** the word only starts multi-word triggers (`говорить` of `говорить по телефону`): a common word that
 * alone says nothing, so the quick scan for a trigger checks the whole sequence */
export const WORD_MULTI_ONLY = 8;

const cache = new Map<string, EventLexicon>();

export const EVENT_LANGS = ['ru', 'uk', 'en'] as const;

export function eventLexicon(lang: string): EventLexicon | null {
  if (!(EVENT_LANGS as readonly string[]).includes(lang)) return null;
  let lx = cache.get(lang);
  if (lx) return lx;
  const f = readJsonResource<LexiconFile>(`src/events/lexicon/${lang}.json`);
  const single = new Map<string, TriggerDef[]>();
  for (const t of f.triggers) {
    for (const l of t.lemmas) {
      const k = norm(l);
      const list = single.get(k) ?? [];
      list.push(t);
      single.set(k, list);
    }
  }
  const status = {} as EventLexicon['status'];
  const statusSeq = {} as EventLexicon['statusSeq'];
  for (const [k, v] of Object.entries(f.status) as [keyof LexiconFile['status'], string[]][]) {
    status[k] = new Set(v.filter((x) => !x.includes(' ')).map(norm));
    statusSeq[k] = v.filter((x) => x.includes(' ')).map((x) => x.split(' ').map(norm));
  }
  lx = {
    lang,
    single,
    multi: f.multi.map((m) => ({ ...m, seq: m.seq.map(norm) })),
    status,
    statusSeq,
    levels: (Object.entries(f.levels) as [Level, string[][]][]).flatMap(([lvl, seqs]) => seqs.map((s) => [lvl, s.map(norm)] as [Level, string[]])),
    stanceRules: new RuleSet(loadRules<StanceProduce>(`src/events/rules/${lang}.json`, 'stances', lang), disabledRules()),
    roleRules: new RuleSet(loadRules<RoleProduce>(`src/events/rules/${lang}.json`, 'roles', lang), disabledRules()),
    triggerRules: new RuleSet(loadRules<TriggerProduce>(`src/events/rules/${lang}.json`, 'triggers', lang), disabledRules()),
    whenRules: new RuleSet(loadRules<WhenProduce>(`src/events/rules/${lang}.json`, 'when', lang), disabledRules()),
    withPreps: new Set(f.preps.with.map(norm)),
    betweenPreps: new Set(f.preps.between.map(norm)),
    placePreps: new Set(f.preps.place.map(norm)),
    destPreps: new Set(f.preps.dest.map(norm)),
    againstPreps: new Set(f.preps.against.map(norm)),
    purposePreps: new Set((f.preps.purpose ?? []).map(norm)),
    purposeAccPreps: new Set((f.preps.purposeAcc ?? []).map(norm)),
    sidelines: new Set((f.sidelines ?? []).map(norm)),
    summitBefore: new Set((f.summitFrames?.before ?? []).map(norm)),
    summitAfter: new Set((f.summitFrames?.after ?? []).map(norm)),
    summitTopics: new Set((f.summitFrames?.topics ?? []).map(norm)),
    counterparts: new Set((f.counterparts ?? []).map(norm)),
    controllers: new Set((f.controllers ?? []).map(norm)),
    nounFeatures: new Map(Object.entries(f.nounFeatures ?? {}).map(([k, v]) => [norm(k), v])),
    conj: new Set(f.conj.map(norm)),
    roleNouns: new Set(f.roleNouns.map(norm)),
    demonyms: new Map(Object.entries(f.demonyms).map(([k, v]) => [norm(k), v])),
    generic: new Set(f.generic.map(norm)),
    anaphoric: new Set(f.anaphoric.map(norm)),
    existVerbs: new Set(f.existVerbs.map(norm)),
    negDet: new Set(f.negDet.map(norm)),
    actionNouns: new Set(f.actionNouns.map(norm)),
    notTriggers: f.notTriggers.map((x) => x.map(norm)),
    plover: new Map(Object.entries(f.plover ?? {})),
    phoneCues: (f.phoneCues ?? []).map((x) => x.map(norm)),
    sides: new Set((f.sides ?? []).map(norm)),
    rounds: new Set((f.rounds ?? []).map(norm)),
    otherOccasion: new Set((f.otherOccasion ?? []).map(norm)),
    intent: new Set((f.intent ?? []).map(norm)),
    controlTypes: new Set(f.controlTypes ?? []),
    endVerbs: new Set((f.endVerbs ?? []).map(norm)),
    cooperative: new Set(f.cooperative ?? []),
    conflictual: new Set(f.conflictual ?? []),
    firstWords: new Set([...single.keys(), ...f.multi.map((m) => norm(m.seq[0]))]),
    multiByFirst: new Map(),
    notTriggersByFirst: new Map(),
    stanceFirst: new Set(),
    wordFlags: new Map(),
    during: (f.during ?? []).map((x) => x.split(' ').map(norm)),
    militaryMeans: new Set((f.militaryMeans ?? []).filter((x) => !x.includes(' ')).map(norm)),
    militaryMeansSeq: (f.militaryMeans ?? []).filter((x) => x.includes(' ')).map((x) => x.split(' ').map(norm)),
  };
  for (const seq of lx.notTriggers) {
    const list = lx.notTriggersByFirst.get(seq[0]) ?? [];
    list.push(seq);
    lx.notTriggersByFirst.set(seq[0], list);
  }
  // (every stance rule starts on a fixed word; one that did not would be tried on every word)
  for (const w of lx.stanceRules.firstWords() ?? []) lx.stanceFirst.add(w);
  for (const m of lx.multi) {
    const list = lx.multiByFirst.get(m.seq[0]) ?? [];
    list.push(m);
    lx.multiByFirst.set(m.seq[0], list);
  }
  const flag = (w: string, bit: number) => lx!.wordFlags.set(w, (lx!.wordFlags.get(w) ?? 0) | bit);
  for (const w of lx.firstWords) flag(w, WORD_TRIGGER);
  // (pattern triggers start on a fixed word too: `дал`, `дав`, `gave`)
  const ruleFirst = lx.triggerRules.firstWords() ?? new Set<string>();
  for (const w of ruleFirst) flag(w, WORD_TRIGGER);
  for (const w of lx.multiByFirst.keys()) if (!lx.single.has(w) && !ruleFirst.has(w)) flag(w, WORD_MULTI_ONLY);
  for (const w of lx.notTriggersByFirst.keys()) flag(w, WORD_NOT_TRIGGER);
  for (const w of lx.stanceFirst) flag(w, WORD_STANCE);
  cache.set(lang, lx);
  return lx;
}

const ODD = /[ёЁ’ʼ`]/;

export function norm(s: string): string {
  const low = s.toLowerCase();
  return ODD.test(low) ? low.replace(/ё/g, 'е').replace(/[’ʼ`]/g, "'") : low;
}
