/**
 * The `Morphology` service: one analyser per language, each loaded on first use (ru: Az.js,
 * uk: the Hunspell lemma table, en: wink), with a bounded cache of analyses per (lang, form).
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

const CACHE_MAX = 200_000;
const MAX_WORD = 64;

export class MorphologyService implements Morphology {
  private readonly impls = new Map<string, LangMorph>();
  private readonly caches = new Map<string, Map<string, readonly MorphAnalysis[]>>();
  /** load time per language in ms (for reports) */
  readonly loadMs: Record<string, number> = {};

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
    let cache = this.caches.get(lang);
    if (!cache) this.caches.set(lang, (cache = new Map()));
    const hit = cache.get(word);
    if (hit) return hit;
    const m = this.impl(lang);
    let out: MorphAnalysis[];
    // no word of these languages is this long (hostile or broken input: no dictionary search)
    if (!m || !word || word.length > MAX_WORD) {
      out = [{ lemma: word.toLowerCase(), pos: 'X', tags: {}, source: 'guess' }];
    } else {
      out = m.analyze(word);
      if (!out.length) out = [{ lemma: word.toLowerCase(), pos: 'X', tags: {}, source: 'guess' }];
    }
    for (const a of out) {
      Object.freeze(a.tags);
      Object.freeze(a);
    }
    Object.freeze(out);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(word, out);
    return out;
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
