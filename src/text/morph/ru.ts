/**
 * Russian morphology over Az.js (OpenCorpora dictionaries, the pymorphy2 model): analyses mapped
 * to UD, proper-name readings for capitalised words, the learned name guesser for words the
 * dictionary does not know, and inflection (for base forms of multiword names).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { MorphAnalysis } from '../../doc/model.js';
import { readSharedFile } from '../../pipeline/shared-files.js';
import { dedupe } from './analyses.js';
import { RuCombinedParse, RuDict, RuDictParse, RuTag, type AzDawg, type AzDictData } from './ru-dict.js';
import { capitalizeLike, isCapitalized, isUpper, type NameGuesser } from './names.js';

const NOMINAL_LIKE = new Set(['NOUN', 'PROPN', 'ADJ', 'DET', 'PRON', 'NUM']);

// Az is a CommonJS module with no types
interface AzTag {
  stat: string[];
  flex: string[];
  toString(): string;
}
interface AzParse {
  word: string;
  tag: AzTag;
  score: number;
  parser: string;
  normalize(keepPos?: boolean): AzParse;
  inflect(grammemes: string[]): AzParse | false | undefined;
}
interface AzModule {
  load: (url: string, type: string, cb: (err: unknown, data?: unknown) => void) => void;
  DAWG: { fromArrayBuffer(data: ArrayBuffer, format: string): AzDawg };
  Morph: ((word: string, config?: object) => AzParse[]) & {
    init: (path: string, cb: (err: unknown) => void) => void;
    setDefaults: (config: object) => void;
    Parsers: Record<string, (word: string, config: { ignoreCase?: boolean }) => AzParse[]>;
  };
}

const require = createRequire(import.meta.url);
let az: AzModule | null = null;
let ruDict: RuDict | null = null;
/** stands in for the ext gramtab: any index reads as an empty tag string */
const EMPTY_EXT: unknown = new Proxy([], { get: (t, k) => (k === 'length' ? 0 : typeof k === 'string' && /^\d+$/.test(k) ? '' : Reflect.get(t, k)) });

/** the folder of Az.js's OpenCorpora dictionaries (npm package `az`) */
function azDicts(): string {
  return join(dirname(require.resolve('az')), '..', 'dicts');
}

/**
 * a file's bytes as an ArrayBuffer of its own (a large file's read buffer is not copied); a
 * SharedArrayBuffer when the thread that started this one shared the file (src/pipeline/shared-files.ts)
 */
function readBuffer(path: string): ArrayBuffer {
  const buf = readSharedFile(path);
  // typed as ArrayBuffer: the DAWG reader and RuDict only build DataViews and typed arrays over it,
  // which a SharedArrayBuffer serves alike
  const whole = buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength;
  return (whole ? buf.buffer : buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)) as ArrayBuffer;
}

/**
 * The OpenCorpora dictionary of Az.js, read directly (RuDict does what Az.Morph does with it, with
 * the same results): Az's own start-up (a tag object for each of its tags, frozen deeply) is not
 * needed. Only Az's DAWG reader is used.
 */
/** the dictionary files RuDict uses in place (the ones worth sharing between threads) */
export function ruDictFiles(): string[] {
  const dicts = azDicts();
  return ['words.dawg', 'p_t_given_w.intdawg', 'paradigms.array', ...[0, 1, 2].map((i) => `prediction-suffixes-${i}.dawg`)].map((f) => join(dicts, f));
}

function loadRuDict(): RuDict {
  if (ruDict) return ruDict;
  const Az = require('az') as AzModule;
  const dicts = azDicts();
  try {
    const json = <T>(name: string): T => JSON.parse(readFileSync(join(dicts, name), 'utf8')) as T;
    const dawg = (name: string, format: string): AzDawg => Az.DAWG.fromArrayBuffer(readBuffer(join(dicts, name)), format);
    ruDict = new RuDict({
      words: dawg('words.dawg', 'words'),
      probabilities: dawg('p_t_given_w.intdawg', 'int'),
      paradigms: readBuffer(join(dicts, 'paradigms.array')),
      tags: json<string[]>('gramtab-opencorpora-int.json'),
      suffixes: json<string[]>('suffixes.json'),
      grammemes: json<AzDictData['grammemes']>('grammemes.json'),
      predictionSuffixes: [0, 1, 2].map((i) => dawg(`prediction-suffixes-${i}.dawg`, 'probs')),
    });
  } catch (e) {
    throw new Error(`morph: cannot load the Az.js dictionaries from ${dicts}: ${(e as Error).message}`);
  }
  return ruDict;
}

/**
 * Az.js's own analyser, started synchronously (its loader is callback-based; callbacks are run after
 * init returns). Not used for analysis: tests check RuDict against it.
 */
function loadAz(): AzModule {
  if (az) return az;
  const Az = require('az') as AzModule;
  const dicts = azDicts();
  const pending: (() => void)[] = [];
  const origLoad = Az.load;
  Az.load = (url, type, cb) => {
    let data: unknown;
    // the Russian-notation copy of every tag serves only Az's debug printing
    if (/gramtab-opencorpora-ext\.json$/.test(url)) {
      pending.push(() => cb(null, EMPTY_EXT));
      return;
    }
    try {
      data = type === 'json' ? JSON.parse(readFileSync(url, 'utf8')) : readBuffer(url);
    } catch (e) {
      pending.push(() => cb(e));
      return;
    }
    pending.push(() => cb(null, data));
  };
  let error: unknown = null;
  let done = false;
  Az.Morph.init(dicts, (err) => {
    error = err;
    done = true;
  });
  while (pending.length) pending.shift()!();
  Az.load = origLoad;
  if (error || !done) throw new Error(`morph: cannot load the Az.js dictionaries from ${dicts}: ${String(error)}`);
  // the settings RuDict follows: no typo or stutter correction, case kept
  Az.Morph.setDefaults({
    ignoreCase: false,
    replacements: { е: 'ё' },
    stutter: 0,
    typos: 0,
    parsers: [
      'Dictionary?', 'AbbrName?', 'AbbrPatronymic',
      'IntNumber', 'RealNumber', 'Punctuation', 'RomanNumber?', 'Latin',
      'HyphenParticle', 'HyphenAdverb', 'HyphenWords',
      'PrefixKnown', 'PrefixUnknown?', 'SuffixKnown?', 'Abbr',
    ],
    forceParse: false,
    normalizeScore: true,
  });
  az = Az;
  return Az;
}

const CASES: Record<string, string> = {
  nomn: 'Nom', gent: 'Gen', gen1: 'Gen', gen2: 'Gen', datv: 'Dat', accs: 'Acc', acc2: 'Acc',
  ablt: 'Ins', loct: 'Loc', loc1: 'Loc', loc2: 'Loc', voct: 'Voc',
};
const UD_CASE_TO_OC: Record<string, string> = { Nom: 'nomn', Gen: 'gent', Dat: 'datv', Acc: 'accs', Ins: 'ablt', Loc: 'loct', Voc: 'voct' };
const SIMPLE: Record<string, [string, string]> = {
  sing: ['Number', 'Sing'], plur: ['Number', 'Plur'],
  masc: ['Gender', 'Masc'], femn: ['Gender', 'Fem'], neut: ['Gender', 'Neut'], 'ms-f': ['Gender', 'Com'],
  anim: ['Animacy', 'Anim'], inan: ['Animacy', 'Inan'],
  past: ['Tense', 'Past'], pres: ['Tense', 'Pres'], futr: ['Tense', 'Fut'],
  perf: ['Aspect', 'Perf'], impf: ['Aspect', 'Imp'],
  indc: ['Mood', 'Ind'], impr: ['Mood', 'Imp'],
  '1per': ['Person', '1'], '2per': ['Person', '2'], '3per': ['Person', '3'],
  actv: ['Voice', 'Act'], pssv: ['Voice', 'Pass'],
  Supr: ['Degree', 'Sup'],
  Name: ['NameType', 'Giv'], Surn: ['NameType', 'Sur'], Patr: ['NameType', 'Pat'],
  Geox: ['NameType', 'Geo'], Orgn: ['NameType', 'Org'], Trad: ['NameType', 'Com'],
  Abbr: ['Abbr', 'Yes'], Fixd: ['Fixd', 'Yes'],
};
const UD_TO_OC: Record<string, Record<string, string>> = {
  Number: { Sing: 'sing', Plur: 'plur' },
  Gender: { Masc: 'masc', Fem: 'femn', Neut: 'neut' },
  Tense: { Past: 'past', Pres: 'pres', Fut: 'futr' },
  Person: { '1': '1per', '2': '2per', '3': '3per' },
  Mood: { Ind: 'indc', Imp: 'impr' },
};
const CCONJ = new Set(['и', 'а', 'но', 'или', 'либо', 'да', 'ни', 'однако', 'зато', 'тоже', 'также']);
const AUX = new Set(['быть']);

interface UdTag {
  oc: string;
  gs: string[];
  tags: Record<string, string>;
  nameType: boolean;
}
/** UD features per Az tag object (Az shares its tag objects between words) */
const tagMemo = new WeakMap<AzTag, UdTag>();

function udTag(t: AzTag): UdTag {
  let m = tagMemo.get(t);
  if (m) return m;
  const gs = t.stat.concat(t.flex);
  const tags: Record<string, string> = {};
  let nameType = false;
  for (const g of gs) {
    const c = CASES[g];
    if (c) tags.Case = c;
    const s = SIMPLE[g];
    if (s) {
      tags[s[0]] = s[1];
      if (s[0] === 'NameType') nameType = true;
    }
  }
  m = { oc: gs[0], gs, tags, nameType };
  tagMemo.set(t, m);
  return m;
}

/** UD pos and features of an Az tag (memoised: Az shares its tag objects between words) */
const posMemo = new WeakMap<AzTag, { pos: string; tags: Readonly<Record<string, string>> }>();

function udOf(t: AzTag): { pos: string; tags: Readonly<Record<string, string>> } {
  // (a RuTag keeps its conversion itself)
  if (t instanceof RuTag) {
    const memo = t.memo as { pos: string; tags: Readonly<Record<string, string>> } | undefined;
    if (memo) return memo;
  }
  let m = posMemo.get(t);
  if (m) return m;
  const ut = udTag(t);
  const gs = ut.gs;
  const oc = ut.oc;
  const tags: Record<string, string> = { ...ut.tags };
  const nameType = ut.nameType;
  let pos: string;
  switch (oc) {
    case 'NOUN':
      pos = nameType ? 'PROPN' : 'NOUN';
      break;
    case 'ADJF':
      pos = gs.includes('Apro') ? 'DET' : 'ADJ';
      break;
    case 'ADJS':
      pos = 'ADJ';
      tags.Variant = 'Short';
      break;
    case 'COMP':
      pos = 'ADJ';
      tags.Degree = 'Cmp';
      break;
    case 'VERB':
      pos = 'VERB';
      tags.VerbForm = 'Fin';
      break;
    case 'INFN':
      pos = 'VERB';
      tags.VerbForm = 'Inf';
      break;
    case 'PRTF':
      pos = 'VERB';
      tags.VerbForm = 'Part';
      break;
    case 'PRTS':
      pos = 'VERB';
      tags.VerbForm = 'Part';
      tags.Variant = 'Short';
      break;
    case 'GRND':
      pos = 'VERB';
      tags.VerbForm = 'Conv';
      break;
    case 'NUMR':
    case 'NUMB':
    case 'ROMN':
      pos = 'NUM';
      break;
    case 'ADVB':
    case 'PRED':
      pos = 'ADV';
      break;
    case 'NPRO':
      pos = 'PRON';
      break;
    case 'PREP':
      pos = 'ADP';
      break;
    case 'CONJ':
      pos = 'CONJ';
      break;
    case 'PRCL':
      pos = 'PART';
      break;
    case 'INTJ':
      pos = 'INTJ';
      break;
    case 'PNCT':
      pos = 'PUNCT';
      break;
    default:
      pos = 'X';
  }
  m = { pos, tags: Object.freeze(tags) };
  if (t instanceof RuTag) t.memo = m;
  else posMemo.set(t, m);
  return m;
}

/** Map one Az parse to a UD analysis (lemma lower-case, as Az gives it). */
function toUd(p: AzParse, surface?: string): MorphAnalysis {
  const u = udOf(p.tag);
  // (normalize().word: a combined parse has no word of its own)
  let lemma: string = p instanceof RuDictParse ? p.normalWord() : p instanceof RuCombinedParse ? '' : (p.normalize()?.word ?? p.word ?? '').toString();
  let pos = u.pos;
  let tags = u.tags as Record<string, string>;
  if (pos === 'CONJ') pos = CCONJ.has(lemma) ? 'CCONJ' : 'SCONJ';
  if (pos === 'VERB' && AUX.has(lemma)) pos = 'AUX';
  // a female surname's base form is the feminine nominative (Захаровой -> Захарова)
  if (tags.NameType === 'Sur' && tags.Gender === 'Fem') {
    const f = p.inflect(['nomn', 'sing', 'femn']);
    if (f) lemma = f.word;
  }
  if (!lemma) lemma = (surface ?? '').toLowerCase();
  return {
    lemma: lemma.indexOf('ё') < 0 ? lemma : lemma.replace(/ё/g, 'е'),
    pos,
    tags,
    source: p.parser === 'Dictionary' ? 'dict' : 'guess',
    score: p.score,
  };
}

export class RuMorph {
  private readonly dict: RuDict;

  constructor(private readonly names: NameGuesser) {
    this.dict = loadRuDict();
  }

  /** the parses of a word as Az.Morph gives them */
  private parses(word: string): AzParse[] {
    return this.dict.morph(word) as AzParse[];
  }

  /** Az.js's own parses (its analyser started on first use), to check RuDict against */
  azParses(word: string): AzParse[] {
    return loadAz().Morph(word);
  }

  /** true when the dictionary knows the word (the name guesser is not asked) */
  known(word: string): boolean {
    return this.parses(word).some((p) => p.parser === 'Dictionary');
  }

  analyze(word: string): MorphAnalysis[] {
    // (in parts, each a method of its own: V8 recompiles a function whole when a rare path of it
    // first runs)
    if (isUpper(word) && word.length <= 5 && /^[А-ЯЁ]+$/.test(word)) return this.acronym(word);
    const cap = isCapitalized(word);
    const parses = this.parses(word);
    const known = parses.filter((p) => p.parser === 'Dictionary');
    const out = known.length ? this.knownReadings(word, known, cap) : this.guessedReadings(word, parses, cap);
    for (const a of out) {
      if (a.pos === 'PROPN' || (cap && a.source !== 'dict' && a.pos === 'NOUN')) a.lemma = capitalizeLike(a.lemma, word);
    }
    return dedupe(out);
  }

  /** an acronym (НАТО, ГРУ, ЕС): its own dictionary entry, else itself */
  private acronym(word: string): MorphAnalysis[] {
    // (only dictionary parses count here: the guessers are not run for a word the dictionary
    // does not know)
    const known = (this.dict.parse(word) ?? []) as AzParse[];
    const abbr = known.map((p) => toUd(p, word)).filter((a) => a.tags.Abbr);
    const self: MorphAnalysis = { lemma: word, pos: 'PROPN', tags: { Abbr: 'Yes' }, source: 'rule' };
    const out = abbr.length ? abbr : [self, ...known.map((p) => toUd(p, word))];
    for (const a of out) if (a.pos === 'PROPN') a.lemma = a.lemma.toUpperCase();
    return dedupe(out);
  }

  /** the readings of a word the dictionary knows */
  private knownReadings(word: string, known: AzParse[], cap: boolean): MorphAnalysis[] {
    let out = known.map((p) => toUd(p, word));
    // a full participle also reads as an adjective (соединенных -> соединенный), the way a
    // name's adjective is used: Соединенные Штаты, Объединенные Арабские Эмираты
    const asAdj: MorphAnalysis[] = [];
    for (let j = 0; j < known.length; j++) {
      const a = out[j];
      if (a.pos !== 'VERB' || a.tags.VerbForm !== 'Part' || a.tags.Variant === 'Short' || !a.tags.Case) continue;
      const base = known[j].inflect(['PRTF', 'nomn', 'sing', 'masc'] .concat(a.tags.Voice === 'Pass' ? ['pssv'] : ['actv']));
      if (!base) continue;
      const tags: Record<string, string> = {};
      for (const k of ['Case', 'Number', 'Gender', 'Animacy']) if (a.tags[k]) tags[k] = a.tags[k];
      asAdj.push({ lemma: base.word.replace(/ё/g, 'е'), pos: 'ADJ', tags, source: 'dict', score: a.score });
    }
    if (asAdj.length) out = out.concat(asAdj);
    // Az matches a capitalised word against lower-case entries too; keep the name readings
    // first for a capitalised word (its context decides later)
    if (cap) out = [...out.filter((a) => a.pos === 'PROPN'), ...out.filter((a) => a.pos !== 'PROPN')];
    // a capitalised word the dictionary knows only as a verb, adverb... (Туск): name readings
    // at the end, for the stage to take inside a sentence
    if (cap && !out.some((a) => NOMINAL_LIKE.has(a.pos))) out = out.concat(this.nameFirst(word, []).filter((a) => a.source === 'name'));
    return out;
  }

  /** the readings of a word the dictionary does not know: Az's guesses, a name's first when capitalised */
  private guessedReadings(word: string, parses: AzParse[], cap: boolean): MorphAnalysis[] {
    const guessed = parses.map((p) => toUd(p, word));
    if (cap || guessed.length === 0 || /^[\p{L}-]+$/u.test(word) === false) return this.nameFirst(word, guessed);
    return guessed;
  }

  /** For a word the dictionary does not know: the learned name reading first, Az's guesses after. */
  private nameFirst(word: string, guessed: MorphAnalysis[]): MorphAnalysis[] {
    if (/[a-z]/i.test(word) && !/[а-яё]/i.test(word)) {
      return [{ lemma: word, pos: 'X', tags: { Foreign: 'Yes' }, source: 'rule' }];
    }
    // the learned name rules propose, Az's suffix guesser (learned from OpenCorpora) votes
    const nominal = guessed.filter((g) => g.pos === 'NOUN' || g.pos === 'PROPN');
    const votes = new Map<string, { lemma: string; s: number }>();
    for (const c of this.names.candidates(word)) {
      const k = c.lemma.toLowerCase().replace(/ё/g, 'е');
      const v = votes.get(k);
      if (v) v.s += c.share;
      else votes.set(k, { lemma: c.lemma, s: c.share });
    }
    for (const g of nominal) {
      const k = g.lemma.replace(/ё/g, 'е');
      const add = 0.5 * (g.score ?? 0) + (g.tags.NameType ? 0.1 : 0);
      const v = votes.get(k);
      if (v) v.s += add;
      else votes.set(k, { lemma: capitalizeLike(g.lemma, word), s: add });
    }
    // every candidate is a name reading with its vote as the score (the stage re-ranks them by
    // the case the context asks for)
    const names: MorphAnalysis[] = [];
    const used = new Set<MorphAnalysis>();
    for (const v of [...votes.values()].sort((a, b) => b.s - a.s)) {
      if (names.length && v.s < 0.05) break;
      const key = v.lemma.toLowerCase().replace(/ё/g, 'е');
      const match = nominal.find((g) => g.lemma === key && !used.has(g));
      if (match) used.add(match);
      names.push({ lemma: v.lemma, pos: 'PROPN', tags: match ? { ...match.tags } : {}, source: 'name', score: Math.round(v.s * 1000) / 1000 });
    }
    return [...names, ...guessed.filter((g) => !used.has(g))];
  }

  /** The form of `word` with the features in `want` changed (other features kept from the analysis). */
  inflect(word: string, want: Record<string, string>, hint?: MorphAnalysis): string | null {
    const parses = this.parses(word);
    const h = hint ?? this.analyze(word)[0];
    let p: AzParse | undefined = parses[0];
    if (h) {
      const hl = h.lemma.toLowerCase().replace(/ё/g, 'е');
      p =
        parses.find((q) => {
          const u = toUd(q);
          return u.lemma.toLowerCase() === hl && u.pos === h.pos && sameTags(u.tags, h.tags);
        }) ?? parses.find((q) => toUd(q).lemma.toLowerCase() === hl);
      if (!p && h.source === 'dict') p = parses[0];
    }
    if (!p) {
      // a guessed name or an acronym: its base form is the nominative singular
      if (h && (want.Case ?? 'Nom') === 'Nom' && (want.Number ?? 'Sing') !== 'Plur') return capitalizeLike(h.lemma, word);
      return null;
    }
    const cur = toUd(p);
    const gs: string[] = [];
    const c = want.Case ?? cur.tags.Case;
    if (c && UD_CASE_TO_OC[c]) gs.push(UD_CASE_TO_OC[c]);
    if (cur.tags.VerbForm === 'Part') {
      // a participle stays a participle of the same voice (соединенных -> соединенные)
      gs.push(cur.tags.Variant === 'Short' ? 'PRTS' : 'PRTF');
      if (cur.tags.Voice) gs.push(cur.tags.Voice === 'Pass' ? 'pssv' : 'actv');
    }
    for (const k of ['Number', 'Gender', 'Tense', 'Person', 'Mood']) {
      const v = want[k] ?? (k === 'Gender' && (want.Number ?? cur.tags.Number) === 'Plur' ? undefined : cur.tags[k]);
      const g = v ? UD_TO_OC[k]?.[v] : undefined;
      if (g) gs.push(g);
    }
    // Az's inflection can leave the paradigm (соединенных -> соединившие): the form must
    // analyse back to the same base form, else the next reading with that base form is tried
    const lemma = cur.lemma;
    const tries = [p, ...parses.filter((q) => q !== p && toUd(q).lemma === lemma)];
    for (const q of tries) {
      const f = q.inflect(gs) || (gs.length > 1 ? q.inflect(gs.slice(0, 1)) : false);
      if (!f) continue;
      if (!this.parses(capitalizeLike(f.word, word)).some((r) => toUd(r).lemma === lemma)) continue;
      return capitalizeLike(f.word.replace(/ё/g, /ё/.test(word) ? 'ё' : 'е'), word);
    }
    return null;
  }
}

function sameTags(a: Record<string, string>, b: Record<string, string>): boolean {
  for (const k of ['Case', 'Number', 'Gender']) if (a[k] !== b[k]) return false;
  return true;
}

