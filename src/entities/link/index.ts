/**
 * Stage `entities`: normalises every NER mention to its base form, groups the mentions of one
 * referent inside the article (coreference of names), links each group to a knowledge-base id or a
 * transliteration-folded `new:<TYPE>:<key>` id (the same across articles and languages), and records
 * the titles the article gives a referent (`roles`). Provides the `kb` service.
 */
import type { Doc, Entity, EntityType, Mention } from '../../doc/model.js';
import type { Context } from '../../pipeline/context.js';
import type { Stage } from '../../pipeline/stage.js';
import { readJsonResource } from '../../pipeline/resources.js';
import '../kb/api.js';
import { Kb } from '../kb/kb.js';
import { normKey, translitKey } from '../kb/keys.js';
import { Lemmatizer, adaptCase, type LemmaModel } from './lemmatize.js';
import { RoleFinder } from './roles.js';
import { normalizeMention } from './normalize.js';
import { baseCandidates } from './declension.js';
import type { Morphology } from '../../text/morph/api.js';

export interface EntityLinker {
  kb: Kb;
  lemmatizer: Lemmatizer;
  roles: RoleFinder;
  /** the morphology service, when the morph stage is loaded (taken from ctx at run time) */
  morph?: Morphology;
}

declare module '../../pipeline/context.js' {
  interface Services {
    entityLinker: EntityLinker;
  }
}

const isPer = (t: EntityType) => t === 'PER';

interface Resolved {
  m: Mention;
  lemma: string;
  id?: string;
}

/** Base form and KB id of one mention. */
export function resolveMention(L: EntityLinker, text: string, type: EntityType, lang: string): { lemma: string; id?: string } {
  const kb = L.kb;
  const compatible = (id: string) => {
    const e = kb.byId(id);
    return !!e && isPer(e.type) === isPer(type);
  };
  // 1. the KB knows this exact form (any case form, any capitalisation)
  // (loops over the KB's own arrays, no filtered copies: a filter's array is of another kind when
  // inlined, and reading it deoptimised resolveMention again and again over the bench's new articles)
  const h = kb.lookup(text, lang).find((x) => compatible(x.id));
  if (h) {
    // a lone surname the corpus-derived part of the KB knows for someone obscure (NEREL's `Си`) is the
    // curated office holder of that surname when there is exactly one (`Си` = Си Цзиньпин)
    if (isPer(type) && !/\s/.test(text.trim()) && kb.byId(h.id)?.src !== 'curated') {
      let n = 0;
      let cur: string | undefined;
      for (const id of kb.bySurname(h.lemma, lang)) {
        if (kb.byId(id)?.src !== 'curated') continue;
        if (n++ === 0) cur = id;
      }
      if (n === 1 && cur !== h.id) return { lemma: requote(text, adaptCase(text, h.lemma)), id: cur };
    }
    // a base form as written (`МОСКВА`, `«Газпром»`, `росія`) stays as written
    if (h.by === 'name') return { lemma: text, id: h.id };
    // the entity named exactly by this base form wins over one that merely lists the form
    let named: string | undefined;
    let namesH = false;
    for (const x of kb.lookup(h.lemma, lang)) {
      if (x.by !== 'name' || !compatible(x.id)) continue;
      named ??= x.id;
      if (x.id === h.id) namesH = true;
    }
    return { lemma: requote(text, adaptCase(text, h.lemma)), id: named !== undefined && !namesH ? named : h.id };
  }
  // 2. the lemmatiser (with the morphology), then the KB on the base form
  // a person or place written in lower case (`путіна`, `хілларі клінтон`) is analysed as a name
  const lowerName = (type === 'PER' || type === 'LOC') && text === text.toLowerCase() && text !== text.toUpperCase();
  const asName = lowerName ? text.replace(/(^|[\s-])(\p{Ll})/gu, (_m, a: string, b: string) => a + b.toUpperCase()) : text;
  let lemma0 = normalizeMention(L.lemmatizer, asName, lang, type, L.morph, (w, l) => kb.firstNameGender(w, l));
  if (type === 'PER') lemma0 = keepForeignSurname(asName, agreeSurname(asName, lemma0, (w) => nominative(L, w, lang)), lang);
  const lemma = lowerName ? lemma0.toLowerCase() : lemma0;
  // (find, not filter()…length: the filter's array is of another kind when inlined, and its
  // length deoptimised resolveMention)
  const byLemma = kb.lookup(lemma, lang).find((h) => compatible(h.id));
  if (byLemma) return { lemma, id: byLemma.id };
  // 3. a person named by the surname alone
  if (isPer(type) && !/\s/.test(lemma.trim())) {
    const ids = kb.bySurname(lemma, lang);
    if (ids.length === 1) return { lemma, id: ids[0] };
  }
  // 4. the KB validates a base form the lemmatiser missed (`Путіним` -> `Путін`, `Мінська` -> `Мінськ`)
  const words = text.trim().split(/\s+/);
  const last = words[words.length - 1];
  if (words.length <= 3 && /^[\p{L}'’-]+$/u.test(last)) {
    for (const cand of baseCandidates(last)) {
      const phrase = [...lemma.trim().split(/\s+/).slice(0, -1), cand].join(' ');
      if (isPer(type)) {
        // (counted, not filter().map()…length: the surname list and the mapped array are arrays of two
        // kinds, and the length read deoptimised resolveMention on the first article that met the other)
        let n = 0;
        let only: string | undefined;
        if (words.length === 1) {
          const ids = kb.bySurname(cand, lang);
          n = ids.length;
          only = ids[0];
        } else {
          for (const h of kb.lookup(phrase, lang)) {
            if (h.by !== 'name' || !compatible(h.id)) continue;
            if (n++ === 0) only = h.id;
          }
        }
        if (n === 1) return { lemma: adaptCase(text, phrase), id: only };
      } else if (words.length === 1) {
        const hit = kb.lookup(cand, lang).find((h) => h.by === 'name' && compatible(h.id));
        if (hit) return { lemma: adaptCase(text, cand), id: hit.id };
      }
    }
  }
  // 5. an organisation written with its legal form or its country (`НАК «Нафтогаз України»`, `ПАО Газпром`)
  if (!isPer(type)) {
    const core = stripOrgWrapping(lemma, true);
    if (core && core !== lemma) {
      const hit = kb.lookup(core, lang).find((h) => compatible(h.id));
      if (hit) return { lemma, id: hit.id };
    }
  }
  // 6. a KB name in another spelling: ґ/г, і/и, є/е, ї, soft signs, apostrophes, doubled letters, Latin
  // vs Cyrillic (`Ґазпрому` -> `Ґазпром` = `Газпром`; `Naftogaz` = `Нафтогаз`), or a person's name
  // with a middle initial (`Donald J. Trump`)
  const variants = [lemma];
  if (isPer(type)) {
    const w = lemma.trim().split(/\s+/);
    const nw = w.filter((x, i) => i === 0 || i === w.length - 1 || !/^\p{Lu}\.$/u.test(x));
    if (nw.length > 1 && nw.length < w.length) variants.push(nw.join(' '));
  } else {
    const core = stripOrgWrapping(lemma, true);
    if (core && core !== lemma) variants.push(core);
  }
  for (const v of variants) {
    const e = kb.lookupFolded(v);
    if (e && compatible(e.id)) return { lemma, id: e.id };
  }
  return { lemma, id: undefined };
}

/**
 * The surname of a full name ending in a vowel after a consonant (`Асії Бібі`, `Хадима Ризви`) read as
 * an oblique case of a noun in -а/-я (`Біба`, `Ризвя`): surnames declining so are rare in both languages
 * (ru: a consonant and -я; uk: -і of the dative of -а/-я), indeclinable foreign ones common — the
 * written form stays.
 */
const UK_CONS_I = /[бвгґджзклмнпрстфхцчшщ]і$/u;
const RU_CONS_I = /[бвгджзклмнпрстфхцчшщ]и$/u;

function keepForeignSurname(text: string, lemma: string, lang: string): string {
  const tw = text.trim().split(/\s+/);
  const lw = lemma.trim().split(/\s+/);
  // the surname of a full name only: a first name alone declines so (`Іллі` -> `Ілля`, `Миколі` -> `Микола`)
  if (tw.length !== lw.length || tw.length < 2 || tw.length > 3) return lemma;
  const w = tw[tw.length - 1];
  const l = lw[lw.length - 1];
  if (!/^\p{Lu}\p{Ll}{2,}$/u.test(w) || w === l || w.slice(0, -1) !== l.slice(0, -1)) return lemma;
  const hit = lang === 'uk' ? UK_CONS_I.test(w) && /[ая]$/u.test(l) : lang === 'ru' && RU_CONS_I.test(w) && /я$/u.test(l);
  if (!hit) return lemma;
  lw[lw.length - 1] = w;
  return lw.join(' ');
}

/** case endings a man's first name and a consonant-final foreign surname share (ru, uk) */
const SHARED_ENDINGS = ['ові', 'ом', 'ем', 'а', 'у', 'е', 'і'];

/**
 * A surname left in the case its first name was taken out of: `Доминика Рааба` -> `Доминик Рааб`,
 * `Домініком Раабом` -> `Домінік Рааб` (the first name lost an ending the unchanged surname also
 * carries, after a consonant).
 */
function agreeSurname(text: string, lemma: string, nom: (w: string) => boolean): string {
  const tw = text.trim().split(/\s+/);
  const lw = lemma.trim().split(/\s+/);
  if (tw.length !== 2 || lw.length !== 2) return lemma;
  const [f, s] = tw;
  const [F, S] = lw;
  if (!/^\p{Lu}\p{Ll}+$/u.test(s) || !/^\p{Lu}\p{Ll}+$/u.test(f)) return lemma;
  // a surname the lemmatiser "declined back" while its first name stands in the nominative (`Азія Бібі`
  // -> not `Азія Біба`): the first name is unchanged and of a declining kind (ends in а/я/й or a consonant)
  if (s !== S && f === F && /[аяйбвгґджзклмнпрстфхцчшщ]$/u.test(f) && nom(f)) return `${F} ${s}`;
  // a woman's first name in the accusative or instrumental (`Асію`, `Асією`) beside a surname ending in
  // another vowel (`Бібі`): the surname does not decline
  if (s !== S && f !== F && /[ая]$/u.test(F) && /(у|ю|ою|ею|ой|ей)$/u.test(f) && /[аеиіоуыэюяєї]$/u.test(s) && !/[уюйь]$/u.test(s)) return `${F} ${s}`;
  // a man's first name in the instrumental (`Джоном`, `Хаканом`, `Сергієм`) beside a surname ending in
  // a vowel: a declining surname's instrumental ends in -ом/-ем/-им/-ою, so this one does not decline
  // (`Джоном Гілі` -> `Джон Гілі`, not `Гіль`)
  if (s !== S && f !== F && /(ом|ем|єм|ём)$/u.test(f) && /[бвгґджзклмнпрстфхцчшщй]$/u.test(F) && /[еиіоэы]$/u.test(s)) return `${F} ${s}`;
  if (f === F || s !== S || !f.startsWith(F)) return lemma;
  const end = f.slice(F.length);
  if (!SHARED_ENDINGS.includes(end) || !s.endsWith(end)) return lemma;
  const base = s.slice(0, s.length - end.length);
  if (base.length < 3 || !/[бвгґджзклмнпрстфхцчшщ]$/u.test(base)) return lemma;
  return `${F} ${base}`;
}

const ORG_FORMS = /^(ПАО|ОАО|ЗАО|АО|ООО|НАК|ПАТ|ВАТ|ТОВ|АТ|ПрАТ|ГК|госкорпорация|держкорпорація|компания|компанія|концерн|корпорация|корпорація|группа|група|холдинг|агентство|агентства|издание|видання|телеканал|газета|газети|газеты|журнал|радиостанция|радіостанція|информагентство|інформагентство)\s+/iu;

/** `Національна акціонерна компанія`, `Российская государственная корпорация`: adjectives before a kind word */
const ORG_KIND_PHRASE = /^(?:\p{L}+(?:ая|ое|ий|ый|ой|ая|на|не|ний|ська|ське|ський|цька|ський)\s+){1,3}(компания|компанія|корпорация|корпорація|госкорпорация|держкорпорація|концерн|холдинг|агентство|агентства|группа|група)\s+(?=\S)/iu;
/** a country's adjective before a name (`Російський Газпром`, `российский «Газпром»`) */
const NATIONAL_ADJ = /^(российск|російськ|украинск|українськ|американск|американськ|британск|британськ|немецк|німецьк|французск|французьк|китайск|китайськ|польск|польськ|турецк|турецьк)\p{L}*\s+(?=\S)/iu;

/** The name inside an organisation phrase: legal form / kind word and a trailing country dropped. */
function stripOrgWrapping(lemma: string, national = false): string {
  let s = lemma.replace(/[«»"“”„]/g, '').trim();
  s = s.replace(ORG_KIND_PHRASE, '');
  // for a KB look-up only (as a `new:` key it would fold `Украинская правда` into `Правда`)
  if (national) s = s.replace(NATIONAL_ADJ, '');
  for (let i = 0; i < 2; i++) s = s.replace(ORG_FORMS, '');
  s = s.replace(/\s+(России|РФ|Украины|України|Росії|США|Германии|Німеччини|Франции|Франції)$/u, '');
  return s.trim();
}

/** Keep the surface's enclosing quote marks on a KB base form (`«Газпрома»` -> `«Газпром»`). */
function requote(surface: string, lemma: string): string {
  const m = /^(["«“„]+)(.*?)(["»”“]+)$/su.exec(surface);
  if (!m || /^["«“„]/.test(lemma)) return lemma;
  return m[1] + lemma + m[3];
}

/** The surname of a person's base form: the last word, initials dropped (`С.Міксер` -> `Міксер`). */
function surnameOf(lemma: string): string {
  const w = lemma.trim().split(/\s+/);
  const last = w[w.length - 1] ?? '';
  // initials, and the Arabic article of a surname (`аль-Бусаиди` is `Бусаиди` on second mention)
  return last.replace(/^(\p{Lu}\.\s*)+/u, '').replace(/^(аль|ал|эль|ель|al|el)[-‐]/iu, '');
}

const LEGAL_SUFFIX = /\s+(AG|SE|SA|S\.A\.|B\.?V\.?|N\.V\.|Ltd\.?|GmbH|Inc\.?|PLC|LLC|Corp\.?|Co\.|АГ|АГ|СЕ|Б\.?В\.?|Лтд)$/iu;

/**
 * The name a non-person entity's `new:` key is made from: a Latin-script spelling when the article
 * gives one (`«Північний потік-2» (Nord Stream 2)`: the language-neutral form), else the fullest.
 */
function keySource(lemmas: string[], fullest: string): string {
  const latin = lemmas.filter((l) => /[A-Za-z]/.test(l) && !/[\u0400-\u04FF]/.test(l));
  if (!latin.length || latin.length === lemmas.length) return fullest;
  return latin.reduce((a, b) => (b.length > a.length ? b : a), latin[0]);
}

/**
 * A given name: the KB's people bear it, or the Russian morphology tags it `NameType=Giv` (its name
 * lists cover Ukrainian spellings too: `Олександр`, `Імран`; the Ukrainian one tags no given names).
 */
function isFirstName(L: EntityLinker, word: string, lang: string): boolean {
  const k = `${L.morph ? 'm' : 'p'}|${lang}|${word}`;
  let v = FIRST_NAMES.get(k);
  if (v === undefined) {
    if (FIRST_NAMES.size > 20000) FIRST_NAMES.clear();
    v = !!L.kb.firstNameGender(word, lang) || !!L.morph?.analyze(word, 'ru').some((a) => a.tags?.NameType === 'Giv');
    FIRST_NAMES.set(k, v);
  }
  return v;
}
/** The morphology reads the word as a nominative (`Азія`, `Раніл`; not `Сергея`); false without it. */
function nominative(L: EntityLinker, word: string, lang: string): boolean {
  const k = `${lang}|${word}`;
  let v = NOMINATIVE.get(k);
  if (v === undefined) {
    if (NOMINATIVE.size > 20000) NOMINATIVE.clear();
    v = !!L.morph?.analyze(word, lang as 'ru' | 'uk').some((a) => a.tags?.Case === 'Nom');
    if (L.morph) NOMINATIVE.set(k, v);
  }
  return v;
}
const NOMINATIVE = new Map<string, boolean>();

/** isFirstName memo (a pure function of the word and the loaded KB and morphology) */
const FIRST_NAMES = new Map<string, boolean>();

/**
 * A generic institution named without its country (`Верховный суд`, `Вищий суд`, `Министерство
 * обороны`: an organisation of several words, all but the first in lower case) is the institution of
 * the country the article is about: `Верховный суд` in an article on Pakistan = `Верховный суд
 * Пакистана`, and no longer one id for every country's supreme court.
 */
/** head nouns of a state's institutions (ru, uk): courts, ministries, prosecutors, government, police, central banks, services */
const STATE_HEAD = /^(суд|министерств|міністерств|прокуратур|генпрокуратур|правительств|уряд|парламент|полици|поліці|банк|служб|сенат|арми|армі|таможн|митниц)/u;
const INTERNATIONAL = /^(международн|міжнародн|европейск|європейськ|всемирн|світов|глобальн|межгосударствен|міждержавн)/u;
/** the suffix of an adjective made from a place name (`Стокгольм-ський`, `Женев-ский`) */
const PLACE_ADJ = /(?:ьск|ск|цьк|цк|ськ)(?:ий|ій|ый|ой|ая|яя|а|е|ое|ее|ые|ие|і)$/u;

function institutionOf(name: string, type: EntityType, country: string | undefined, kb: Kb, lang: string): string {
  if (type !== 'ORG' || !country) return name;
  const w = name.trim().split(/\s+/);
  if (w.length < 2 || !/^\p{Lu}\p{Ll}+$/u.test(w[0]) || !w.slice(1).every((x) => /^\p{Ll}+$/u.test(x))) return name;
  // named by its place already: a country's or a KB place's adjective (`Российская академия`,
  // `Стокгольмський арбітраж`)
  if (NATIONAL_ADJ.test(name)) return name;
  // a state's own institution (a court, a ministry, the police…), not an international body
  const low = w.map((x) => x.toLowerCase());
  if (!low.some((x) => STATE_HEAD.test(x)) || low.some((x) => INTERNATIONAL.test(x))) return name;
  const place = PLACE_ADJ.exec(w[0]);
  if (place) {
    const base = w[0].slice(0, place.index);
    if (base.length >= 3 && (kb.lookup(base, lang).some((h) => kb.byId(h.id)?.type === 'LOC') || kb.lookupFolded(base)?.type === 'LOC')) return name;
  }
  const c = kb.nameOf(country, lang);
  return c ? `${name} ${c}` : name;
}

/**
 * The `new:` key of a name other than a person's: a multiword name by its cross-lingual key (word
 * stems, Ukrainian words the KB's learned table knows in Russian: `Консервативна партія` =
 * `Консервативная партия`, `Північна Македонія` = `Северная Македония`), one word by its
 * transliteration-folded form.
 */
function nameKey(kb: Kb, name: string): string {
  return /[\s-]/.test(name.trim()) && translitKey(name).includes('-') ? kb.crossKey(name) : translitKey(name);
}

/** resolution memo per knowledge base (with / without the morphology): text, type, language -> result */
const MEMOS = new WeakMap<Kb, { morph: Map<string, { lemma: string; id?: string }>; plain: Map<string, { lemma: string; id?: string }> }>();

/** The mentions in text order (a longer one first at a shared start), each resolved (memoised). */
function resolveAll(doc: Doc, L: EntityLinker): Resolved[] {
  const lang = doc.lang;
  const mentions = [...(doc.layers.mentions ?? [])].sort((a, b) => a.start - b.start || b.end - a.end);
  // resolution is a pure function of (text, type, language) and the loaded resources: memoised
  let memo = MEMOS.get(L.kb);
  if (!memo) MEMOS.set(L.kb, (memo = { morph: new Map(), plain: new Map() }));
  const cache = L.morph ? memo.morph : memo.plain;
  if (cache.size > 100000) cache.clear();
  const res: Resolved[] = mentions.map((m) => {
    const ck = `${lang}|${m.type}|${m.text}`;
    let r = cache.get(ck);
    if (!r) cache.set(ck, (r = resolveMention(L, m.text, m.type, lang)));
    return { m: { ...m, lemma: r.lemma }, lemma: r.lemma, id: r.id };
  });
  return res;
}

function keepBaseSurnames(res: Resolved[], L: EntityLinker, lang: string): void {
  // a surname the article writes as a base form beside a first name in the nominative (`Азія Бібі`) is
  // that base form wherever the article writes it (`Азії Бібі` is not `Азія Біба`)
  const baseSurnames = new Set<string>();
  for (const r of res) {
    // (a mention written as its base form: nothing to split otherwise)
    if (r.id || r.m.text !== r.lemma || !isPer(r.m.type)) continue;
    const tw = r.m.text.trim().split(/\s+/);
    if (tw.length === 2 && /[аяйбвгґджзклмнпрстфхцчшщ]$/u.test(tw[0]) && nominative(L, tw[0], lang)) baseSurnames.add(tw[1]);
  }
  if (baseSurnames.size) {
    // not a surname that is another base surname of the article with an ending (`Сергей Елкина`, a slip,
    // beside `Сергей Елкин`)
    for (const r of res) {
      if (!isPer(r.m.type)) continue;
      const l = r.lemma.trim().split(/\s+/).pop() ?? '';
      for (const w of baseSurnames) if (w !== l && l.length >= 3 && w.startsWith(l) && w.length - l.length <= 2) baseSurnames.delete(w);
    }
  }
  if (baseSurnames.size) {
    for (const r of res) {
      if (r.id || !isPer(r.m.type)) continue;
      const tw = r.m.text.trim().split(/\s+/);
      const lw = r.lemma.trim().split(/\s+/);
      const w = tw[tw.length - 1];
      if (tw.length !== lw.length || !baseSurnames.has(w) || lw[lw.length - 1] === w) continue;
      lw[lw.length - 1] = w;
      r.lemma = lw.join(' ');
      r.m = { ...r.m, lemma: r.lemma };
    }
  }
}

function unlinkFirstNames(res: Resolved[], L: EntityLinker, lang: string): void {
  // a single word the KB knows only as some person's surname (`Томас`, `Клаус`) is the first name of a
  // full name the article gives (`Томас Вендлер … Томас наголосив`), not that KB person
  const linkedWord = res.filter((r) => r.id && isPer(r.m.type) && !/\s/.test(r.lemma.trim()));
  if (linkedWord.length) {
    /** first word of a full name -> that word; surnames of full names */
    const firsts = new Map<string, string>();
    const surnames = new Set<string>();
    for (const r of res) {
      if (!isPer(r.m.type)) continue;
      const w = r.lemma.trim().split(/\s+/);
      if (w.length < 2) continue;
      firsts.set(translitKey(w[0]), w[0]);
      surnames.add(translitKey(surnameOf(r.lemma)));
    }
    for (const r of linkedWord) {
      const k = translitKey(r.lemma);
      const f = firsts.get(k);
      if (f === undefined || surnames.has(k) || !isFirstName(L, f, lang)) continue;
      const e = L.kb.byId(r.id!);
      const kbFirst = e && Object.values(e.names).some((n) => n && translitKey(n.trim().split(/\s+/)[0]) === k);
      if (!kbFirst) r.id = undefined;
    }
  }
}

function lendPersonIds(res: Resolved[]): void {
  // persons: a surname (or full name) already linked in this article lends its id to the others
  // (by the base form, else by the written form: an indeclinable `По словам Арагчи` the lemmatiser read
  // as a genitive of `Арагча` is still the `Аббас Арагчи` named before)
  const surnameId = new Map<string, string>();
  /** written surname -> the id and the base form of the surname it was written in */
  const writtenId = new Map<string, { id: string; surname: string }>();
  for (const r of res) {
    if (!r.id || !isPer(r.m.type)) continue;
    surnameId.set(translitKey(surnameOf(r.lemma)), r.id);
    const wk = translitKey(surnameOf(r.m.text));
    if (!writtenId.has(wk)) writtenId.set(wk, { id: r.id, surname: surnameOf(r.lemma) });
  }
  for (const r of res) {
    if (r.id || !isPer(r.m.type)) continue;
    const id = surnameId.get(translitKey(surnameOf(r.lemma)));
    if (id) {
      r.id = id;
      continue;
    }
    const w = writtenId.get(translitKey(surnameOf(r.m.text)));
    if (w && r.lemma.trim().split(/\s+/).length === 1) {
      // the same written form: the same base form too
      r.id = w.id;
      r.lemma = w.surname;
      r.m = { ...r.m, lemma: w.surname };
    }
  }
}

/** one referent of the article: its KB id when linked, its mentions */
interface Group {
  key: string;
  id?: string;
  items: Resolved[];
  first?: string;
}

/** Mentions into referents: by KB id, persons by surname (and first name), others by base form. */
function groupMentions(res: Resolved[]): Group[] {
  // group
  const groups: Group[] = [];
  const byKey = new Map<string, Group>();
  const perBySurname = new Map<string, Group[]>();
  for (const r of res) {
    let g: Group | undefined;
    if (r.id) {
      g = byKey.get(`kb:${r.id}`);
      if (!g) {
        g = { key: `kb:${r.id}`, id: r.id, items: [], first: undefined };
        byKey.set(g.key, g);
        groups.push(g);
      }
    } else if (isPer(r.m.type)) {
      const words = r.lemma.trim().split(/\s+/);
      let sk = translitKey(surnameOf(r.lemma));
      const first = words.length > 1 ? translitKey(words[0]) : undefined;
      // an inflected surname the lemmatiser missed still joins its person (`putin` ~ `putinim`)
      if (!perBySurname.has(sk)) {
        for (const k of perBySurname.keys()) {
          const [a, b] = k.length < sk.length ? [k, sk] : [sk, k];
          if (a.length >= 4 && b.startsWith(a) && b.length - a.length <= 3) {
            sk = k;
            break;
          }
        }
      }
      // the written surname of a person named before, when the base forms differ (`Арагчи` read as `Арагча`)
      if (!perBySurname.has(sk) && words.length === 1) {
        const wk = translitKey(surnameOf(r.m.text));
        for (const [k, gs] of perBySurname) {
          const it = gs.flatMap((x) => x.items).find((x) => translitKey(surnameOf(x.m.text)) === wk);
          if (!it) continue;
          sk = k;
          r.lemma = surnameOf(it.lemma);
          r.m = { ...r.m, lemma: r.lemma };
          break;
        }
      }
      const cands = perBySurname.get(sk) ?? [];
      g = cands.find((c) => !first || !c.first || c.first === first);
      // a first name alone (`Эммануэль`) joins the one person of the article with that first name
      if (!g && words.length === 1) {
        const byFirst = groups.filter((x) => x.items.some((it) => isPer(it.m.type) && it.lemma.trim().split(/\s+/).length > 1 && translitKey(it.lemma.trim().split(/\s+/)[0]) === sk));
        if (byFirst.length === 1) g = byFirst[0];
      }
      if (!g) {
        g = { key: `per:${sk}:${first ?? ''}`, id: undefined, items: [], first };
        groups.push(g);
        cands.push(g);
        perBySurname.set(sk, cands);
      } else if (first && !g.first) g.first = first;
    } else {
      const k = `x:${translitKey(r.lemma)}`;
      g = byKey.get(k);
      // a short name of an organisation named in full earlier (`МИД России` ... `МИД`)
      if (!g) {
        const low = normKey(r.lemma) + ' ';
        g = groups.find((x) => x.items.some((it) => !isPer(it.m.type) && it.lemma.length > low.length && normKey(it.lemma).startsWith(low)));
      }
      if (!g) {
        g = { key: k, id: undefined, items: [], first: undefined };
        byKey.set(k, g);
        groups.push(g);
      }
    }
    g.items.push(r);
  }
  return groups;
}

function joinLoneFirstNames(groups: Group[]): void {
  // a first name alone written before the full name (`Сама Асия не поверила … Асия Биби стала`) joins the
  // one person of the article with that first name, unless someone bears it as a surname
  const lone = groups.filter((g) => !g.id && g.items.length && g.items.every((r) => isPer(r.m.type) && !/\s/.test(r.lemma.trim())));
  if (lone.length) {
    /** first name -> the groups of full names with it; surnames of full names */
    const owners = new Map<string, Group[]>();
    const borne = new Set<string>();
    for (const x of groups) {
      if (!x.items.some((r) => /\s/.test(r.lemma.trim()))) continue;
      if (x.first) owners.set(x.first, [...(owners.get(x.first) ?? []), x]);
      for (const r of x.items) if (isPer(r.m.type) && /\s/.test(r.lemma.trim())) borne.add(translitKey(surnameOf(r.lemma)));
    }
    for (const g of lone) {
      const sk = translitKey(surnameOf(g.items[0].lemma));
      if (!g.items.every((r) => translitKey(surnameOf(r.lemma)) === sk)) continue;
      const o = owners.get(sk);
      if (!o || o.length !== 1 || borne.has(sk)) continue;
      o[0].items.push(...g.items);
      g.items = [];
    }
  }
}

function joinBracketed(doc: Doc, res: Resolved[], groups: Group[]): void {
  // `Национальная акционерная компания (НАК)`: a name and its abbreviation in brackets are one referent
  const groupOf = new Map<Resolved, Group>();
  for (const g of groups) for (const it of g.items) groupOf.set(it, g);
  for (let i = 0; i + 1 < res.length; i++) {
    const a = res[i];
    const b = res[i + 1];
    const bracketed = /^\s*\(\s*$/.test(doc.text.slice(a.m.end, b.m.start)) && /^\s*\)/.test(doc.text.slice(b.m.end, b.m.end + 3));
    // `НАК «Нафтогаз України»`, `ПАО "Газпром"`: a legal-form acronym before a quoted name
    const gap = doc.text.slice(a.m.end, b.m.start);
    const acronym = /^\s{1,2}["«„“]?$/.test(gap) && /^\p{Lu}{2,5}$/u.test(a.m.text);
    const legal = acronym && /^\s*["«„“]/.test(doc.text.slice(a.m.end, b.m.start + 1));
    // `НАК Нафтогаз України`: without quote marks only an acronym the KB does not know (not `ЄС Україна`)
    const legalBare = acronym && !legal && !a.id && !!b.id && a.m.type === 'ORG';
    if (!bracketed && !legal && !legalBare) continue;
    if (a.m.type !== b.m.type) continue;
    const ga = groupOf.get(a)!;
    const gb = groupOf.get(b)!;
    if (ga === gb || (ga.id && gb.id && ga.id !== gb.id)) continue;
    if (!ga.id && gb.id) ga.id = gb.id;
    for (const it of gb.items) {
      ga.items.push(it);
      groupOf.set(it, ga);
    }
    gb.items = [];
  }
}

function articleCountry(groups: Group[], L: EntityLinker): string | undefined {
  // the country the article is about: the KB country named most often, ahead of any other (twice at least)
  let country: string | undefined;
  {
    let best = 0;
    let second = 0;
    for (const g of groups) {
      if (!g.id || !g.items.length || L.kb.byId(g.id)?.src !== 'countries') continue;
      const n = g.items.length;
      if (n > best) {
        second = best;
        best = n;
        country = g.id;
      } else if (n > second) second = n;
    }
    if (best < 2 || best === second) country = undefined;
  }
  return country;
}

/** The entity of one group: its type, fullest base form, and KB or `new:` id. */
function buildEntity(g: Group, L: EntityLinker, lang: string, country: string | undefined): Entity {
  const tc = new Map<EntityType, number>();
  for (const r of g.items) tc.set(r.m.type, (tc.get(r.m.type) ?? 0) + 1);
  let type = [...tc].sort((a, b) => b[1] - a[1])[0][0];
  // a KB entity has its own type (`Газпром` is an organisation even where the recogniser said LOC);
  // outlets stay PRO where the text treats them as titles
  if (g.id) {
    const ke = L.kb.byId(g.id)!;
    // countries are places; a curated entity keeps its type unless the text uses an institution as
    // a place (`в Кремле`: the recogniser's LOC stands) or an outlet as a title (PRO)
    if (ke.src === 'countries') type = 'LOC';
    else if (ke.src === 'curated' && !(ke.type === 'ORG' && (type === 'PRO' || type === 'LOC'))) type = ke.type;
  }
  // the fullest base form written in the article
  const lemmas: string[] = [];
  for (const r of g.items) lemmas.push(r.lemma);
  // (the most words; among as many, a capitalised one) — word counts and capitals computed once
  let fi = 0;
  let fw = lemmas[0].split(/\s+/).length;
  let fc = /^\p{Lu}/u.test(lemmas[0]);
  for (let i = 1; i < lemmas.length; i++) {
    if (lemmas[i] === lemmas[fi]) continue;
    const w = lemmas[i].split(/\s+/).length;
    const c = /^\p{Lu}/u.test(lemmas[i]);
    if (w > fw || (w === fw && c && !fc)) {
      fi = i;
      fw = w;
      fc = c;
    }
  }
  const fullest = lemmas[fi];
  let id: string;
  let name = fullest;
  const ent: Entity = { id: '', type, name, mentions: g.items.map((r) => r.m) };
  if (g.id) {
    id = g.id;
    const e = L.kb.byId(id)!;
    // the KB's name in the article's language, else the article's own base form (an English article
    // naming a person the KB knows only in Russian says `Hillary Clinton`, not `Хиллари Клинтон`)
    const own = lang === 'ru' || lang === 'uk' || lang === 'en' ? e.names[lang as 'ru' | 'uk' | 'en'] : undefined;
    name = own ?? (fullest || L.kb.nameOf(id, lang) || id);
    ent.names = { ...e.names };
    if (!own && fullest && (lang === 'ru' || lang === 'uk' || lang === 'en')) ent.names[lang as 'ru' | 'uk' | 'en'] = fullest;
    if (e.gender) ent.gender = e.gender;
    if (e.affiliations?.length) ent.affiliations = [...e.affiliations];
    else if (e.type === 'LOC') ent.affiliations = [e.id];
    if (e.kind === 'outlet') ent.kind = 'outlet';
  } else {
    // persons by surname (the shortest spelling among the group's: inflected ones add endings), taken
    // from the full names when the article gives one: a first name alone that joined its person
    // (`Асия Биби` … `Асия`, `Угур Шахін` … `Угур`) is no surname
    // (loops filling fresh arrays, not map/filter chains: an inlined map's array is of another kind
    // than the builtin's, and the chained call deoptimised buildEntity on the next article)
    const firsts = new Set<string>();
    const surs: string[] = [];
    for (const r of g.items) {
      const w = r.lemma.trim().split(/\s+/);
      if (w.length > 1) firsts.add(translitKey(w[0]));
      surs.push(translitKey(surnameOf(r.lemma)));
    }
    const sur: string[] = [];
    const anySur: string[] = [];
    for (const k of surs) {
      if (!k) continue;
      anySur.push(k);
      if (!firsts.has(k)) sur.push(k);
    }
    const key = isPer(type)
      ? (sur.length ? sur : anySur).sort((a, b) => a.length - b.length)[0] ?? ''
      : nameKey(L.kb, institutionOf(stripOrgWrapping(keySource(lemmas, fullest)).replace(LEGAL_SUFFIX, '') || fullest, type, country, L.kb, lang));
    id = `new:${type}:${key || normKey(fullest)}`;
    if (lang === 'ru' || lang === 'uk' || lang === 'en') ent.names = { [lang]: fullest };
  }
  ent.id = id;
  ent.name = name;
  return ent;
}

/**
 * The article's entities. Each phase is its own function: V8 re-optimises a deoptimised function
 * whole, and linkDoc as one function of every phase took ~200 ms to compile, several times a pass.
 */
export function linkDoc(doc: Doc, L: EntityLinker): Entity[] {
  const lang = doc.lang;
  const res = resolveAll(doc, L);
  keepBaseSurnames(res, L, lang);
  unlinkFirstNames(res, L, lang);
  lendPersonIds(res);
  const groups = groupMentions(res);
  joinLoneFirstNames(groups);
  joinBracketed(doc, res, groups);
  for (const g of groups) g.items.sort((x, y) => x.m.start - y.m.start);
  const country = articleCountry(groups, L);
  const out: Entity[] = [];
  for (const g of groups) if (g.items.length) out.push(buildEntity(g, L, lang, country));
  L.roles.attach(doc, out);
  return out;
}

export const entitiesStage: Stage = {
  name: 'entities',
  needs: ['ner'],
  load(ctx: Context) {
    if (ctx.has('entityLinker')) return;
    const kb = Kb.load();
    const lemmatizer = new Lemmatizer(readJsonResource<LemmaModel>('src/entities/link/data/lemma-model.json'));
    const roles = new RoleFinder();
    ctx.provide('kb', kb);
    ctx.provide('entityLinker', { kb, lemmatizer, roles });
  },
  run(doc: Doc, ctx: Context) {
    const L = ctx.get('entityLinker');
    doc.layers.entities = linkDoc(doc, L.morph || !ctx.has('morph') ? L : { ...L, morph: ctx.get('morph') });
  },
};

export default entitiesStage;
