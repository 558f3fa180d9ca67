/**
 * The `Morphology` service: one analyser per language, each loaded on first use (ru: Az.js,
 * uk: the Hunspell lemma table, en: wink), with a bounded (two-generation) cache of analyses per (lang, form).
 * Cached analyses are frozen: callers read them, never edit them.
 */
import type { Lang, MorphAnalysis } from '../../doc/model.js';
import type { Morphology } from './api.js';
import { EnMorph } from './en.js';
import { NameGuesser } from './names.js';
import { RuMorph } from './ru.js';
import { UkMorph } from './uk.js';

interface LangMorph {
  analyze(word: string): MorphAnalysis[];
  inflect(word: string, want: Record<string, string>, hint?: MorphAnalysis): string | null;
}

/**
 * Analyses are cached in two generations per language: a form is looked up in the young map, then
 * in the old one (and moved to the young); when the young map holds GENERATION forms it becomes the
 * old one and the previous old one is dropped. At most 2 x GENERATION forms per language stay in
 * memory (about 650 bytes each with their analyses), and the frequent forms always survive.
 * A generation holds the vocabulary of about a thousand news articles of one language (the 450
 * Russian articles of the bench use 25k forms): a smaller one drops and re-analyses forms of the
 * working set over and over.
 */
const GENERATION = 32_000;

/**
 * The analyses after the first (a token's `alts`), kept on a cached analyses array itself (a hidden,
 * non-enumerable property): the stage reads them for every token without a side-table look-up.
 */
export const ALTS: unique symbol = Symbol('morph.alts');
const NO_ALTS: readonly MorphAnalysis[] = Object.freeze([]);

/**
 * A frozen copy of an analysis made by one of two object literals (with and without a score), so
 * that every cached analysis has one of two layouts and the stage's reads of them stay fast
 * (analysers build them in many places, some by spreading). Same fields, same order.
 */
export function frozenAnalysis(a: MorphAnalysis): MorphAnalysis {
  Object.freeze(a.tags);
  return Object.freeze(
    a.score === undefined
      ? { lemma: a.lemma, pos: a.pos, tags: a.tags, source: a.source }
      : { lemma: a.lemma, pos: a.pos, tags: a.tags, source: a.source, score: a.score },
  );
}

/** freeze an analyses array with its tail attached (see ALTS) */
export function freezeAnalyses(as: MorphAnalysis[]): readonly MorphAnalysis[] {
  Object.defineProperty(as, ALTS, { value: as.length < 2 ? NO_ALTS : Object.freeze(as.slice(1)) });
  return Object.freeze(as);
}
const MAX_WORD = 64;

interface Cache {
  young: Map<string, readonly MorphAnalysis[]>;
  old: Map<string, readonly MorphAnalysis[]>;
}

export class MorphologyService implements Morphology {
  private readonly impls = new Map<string, LangMorph>();
  private readonly caches = new Map<string, Cache>();
  /** the cache of the language asked last (documents come one language at a time) */
  private lastLang = '';
  private lastCache: Cache | null = null;
  /** load time per language in ms (for reports) */
  readonly loadMs: Record<string, number> = {};
  /** forms per cache generation (at most twice as many per language stay cached) */
  readonly generation: number;

  constructor(opts: { generation?: number } = {}) {
    this.generation = Math.max(1, opts.generation ?? GENERATION);
  }

  /** the analyser of a language (ru, uk, en; other languages: null) */
  private impl(lang: Lang): LangMorph | null {
    let m = this.impls.get(lang);
    if (m) return m;
    const t0 = performance.now();
    if (lang === 'ru') m = new RuMorph(NameGuesser.load('ru'));
    else if (lang === 'uk') m = new UkMorph(NameGuesser.load('uk'));
    else if (lang === 'en') m = new EnMorph();
    else return null;
    this.loadMs[lang] = Math.round(performance.now() - t0);
    this.impls.set(lang, m);
    return m;
  }

  analyze(word: string, lang: Lang): MorphAnalysis[] {
    return this.analyzeCached(word, lang) as MorphAnalysis[];
  }

  /** analyses of a word, shared and frozen (the stage's fast path) */
  analyzeCached(word: string, lang: Lang): readonly MorphAnalysis[] {
    let cache = this.lastCache;
    if (lang !== this.lastLang || !cache) {
      cache = this.caches.get(lang) ?? null;
      if (!cache) this.caches.set(lang, (cache = { young: new Map(), old: new Map() }));
      this.lastLang = lang;
      this.lastCache = cache;
    }
    let hit = cache.young.get(word);
    if (hit) return hit;
    hit = cache.old.get(word);
    if (hit) {
      this.remember(cache, word, hit);
      return hit;
    }
    const m = this.impl(lang);
    let out: MorphAnalysis[];
    // no word of these languages is this long (hostile or broken input: no dictionary search)
    if (!m || !word || word.length > MAX_WORD) {
      out = [{ lemma: word.toLowerCase(), pos: 'X', tags: {}, source: 'guess' }];
    } else {
      out = m.analyze(word);
      if (!out.length) out = [{ lemma: word.toLowerCase(), pos: 'X', tags: {}, source: 'guess' }];
    }
    // (a fresh array filled by push: the analysers return arrays of several element kinds — a
    // literal, a filter's, a map's holey one — and each froze to a layout of its own, so the stage's
    // reads of `as[0]`, `as.findIndex` deoptimised on the first word of a kind not met before)
    const packed: MorphAnalysis[] = [];
    for (let i = 0; i < out.length; i++) packed.push(frozenAnalysis(out[i]));
    freezeAnalyses(packed);
    this.remember(cache, word, packed);
    return packed;
  }

  /** forget every cached analysis (the analysers stay loaded) */
  clearCache(): void {
    this.caches.clear();
    this.lastLang = '';
    this.lastCache = null;
  }

  private remember(cache: Cache, word: string, as: readonly MorphAnalysis[]): void {
    if (cache.young.size >= this.generation) {
      cache.old = cache.young;
      cache.young = new Map();
    }
    cache.young.set(word, as);
  }

  inflect(word: string, lang: Lang, want: Record<string, string>, hint?: MorphAnalysis): string | null {
    const m = this.impl(lang);
    if (!m || !word || word.length > MAX_WORD) return null;
    try {
      return m.inflect(word, want, hint);
    } catch {
      return null;
    }
  }
}
