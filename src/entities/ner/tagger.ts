/**
 * Tags tokens with PER/ORG/LOC/EVT/PRO mentions using a trained `NerModel`: features per token,
 * emission scores, Viterbi per sentence, spans back to character offsets.
 */
import type { EntityType, Mention, Token } from '../../doc/model.js';
import { capClass, capFirst, contextWordFeatures, featureConfig, isQuote, setFeatureConfig, shapeOf, tokenFeatures, wordFeatures } from './features.js';
import { begin, feed, feedCode, feedRange, restore, save } from './hash.js';
import { type Gazetteer, SPAN_TAGS, stem, TYPES } from './gazetteer.js';
import { labelSpans, type NerModel, viterbi } from './model.js';
import { readJsonResource } from '../../pipeline/resources.js';

/** emission-score margin that maps to a confidence of 0.73 (perceptron weights are unscaled) */
const MARGIN_SCALE = 20;

export const CONTEXT_OFFSETS = [-2, -1, 1, 2] as const;
const BOS = { text: '<s>', norm: '<s>' };
const EOS = { text: '</s>', norm: '</s>' };

/** Sentence ranges [lo, hi) in token indices; over-long sentences are cut at 200 tokens. */
export function sentenceRanges(toks: readonly Token[]): [number, number][] {
  const out: [number, number][] = [];
  let lo = 0;
  for (let i = 1; i <= toks.length; i++) {
    if (i === toks.length || toks[i].sent !== toks[i - 1].sent || i - lo >= 200) {
      if (i > lo) out.push([lo, i]);
      lo = i;
    }
  }
  return out;
}

/** All feature strings of each token of a sentence (used by training; the tagger caches). */
export function sentenceFeatureStrings(toks: readonly Token[], lo: number, hi: number, lang: string, gaz: Gazetteer | null, kb: Gazetteer | null): string[][] {
  const norms = toks.slice(lo, hi).map((t) => t.norm);
  const spans = gaz ? gaz.matchSpans(norms) : null;
  const full = spans ? new Array<string>(lo).concat(spans) : null;
  const kbFull = kb ? new Array<string>(lo).concat(kb.matchSpans(norms)) : null;
  const out: string[][] = [];
  for (let i = lo; i < hi; i++) {
    const t = toks[i];
    const f = wordFeatures(t.text, t.norm, lang, gaz, kb);
    for (const d of CONTEXT_OFFSETS) {
      const j = i + d;
      const w = j < lo ? BOS : j >= hi ? EOS : toks[j];
      for (const x of contextWordFeatures(w.text, w.norm, lang, d)) f.push(x);
    }
    for (const x of tokenFeatures(toks, i, lo, hi, lang, full, kbFull)) f.push(x);
    out.push(f);
  }
  return out;
}

/**
 * What the tagger keeps per distinct word (per language): in `v`, the summed weights of its own
 * features (offset 0), of what its neighbours at each context offset see of it (offset
 * (c + 1) * L), and of its morphology features for the reading it had when first seen (offset
 * MORPH * L: its own `pos=`, `case=`, `lem=`, ... features; (MORPH + 1) * L: the `-1pos=` its
 * right neighbour sees; (MORPH + 2) * L: the `+1pos=` its left neighbour sees); and its gazetteer
 * look-ups (longest phrase starting with the form / with its stem).
 */
interface WordEntry {
  v: Float32Array;
  norm: string;
  stem: string;
  /** gazetteer: longest exact phrase / stemmed phrase starting here; same for the KB */
  gx: number;
  gs: number;
  kx: number;
  ks: number;
  /** CAP | QUOTE | PUNCT of the text */
  flags: number;
  /** the morphology the morph part of `v` was computed for (`mset` false: not yet) */
  mset: boolean;
  mpos: string | undefined;
  mlemma: string | undefined;
  mtags: Token['tags'];
  malts: Token['alts'];
}

/** the cached words of one language (see CACHE_GENERATION) */
interface WordCache {
  young: Map<string, WordEntry>;
  old: Map<string, WordEntry>;
}

const BAR = 124; // '|'

const CAP = 1;
const QUOTE = 2;
const PUNCT = 4;

const PREFIX_NAMES = ['', 'p1=', 'p2=', 'p3=', 'p4='];
const SUFFIX_NAMES = ['', 's1=', 's2=', 's3=', 's4='];
/** `${d}w=` per context offset */
const CONTEXT_W = CONTEXT_OFFSETS.map((d) => `${d}w=`);

/** slot of the morphology part in a word entry's vector (after own + 4 context slots) */
const MORPH = 1 + CONTEXT_OFFSETS.length;
const SLOTS = MORPH + 3;

/**
 * Distinct words per cache generation (~0.5 kB each). Words are kept in two generations (all
 * languages together): a word is looked up in the young maps, then in the old ones (and moved to
 * the young); when the young maps hold CACHE_GENERATION words they become the old ones and the
 * previous old ones are dropped. At most 2 x CACHE_GENERATION words (~33 MB) stay, and the frequent
 * ones always survive (the 903 bench articles have 38.7k; a long run had to start over from an
 * empty cache every 64k words before).
 */
const CACHE_GENERATION = 32_000;
/** word vectors per slab (see Tagger.vector) */
const SLAB_WORDS = 1024;

/** `/^[.!?:…—–-]$/` without a regular expression */
const isSentPunct = (s: string) => s.length === 1 && '.!?:…—–-'.includes(s);

/** same UD features as far as the tagger's features go */
function sameTags(a: Token['tags'], b: Token['tags']): boolean {
  if (a === b) return true;
  const x = a ?? {};
  const y = b ?? {};
  return x.Case === y.Case && x.Animacy === y.Animacy && x.NameType === y.NameType && x.Number === y.Number;
}

/** same alternative analyses as far as the tagger's features go (`ant=`, `apropn`) */
function sameAlts(a: Token['alts'], b: Token['alts']): boolean {
  if (a === b) return true;
  const n = a ? a.length : 0;
  if (n !== (b ? b.length : 0)) return false;
  for (let k = 0; k < n; k++) {
    const p = a![k];
    const q = b![k];
    if (p.tags.NameType !== q.tags.NameType || (p.pos === 'PROPN') !== (q.pos === 'PROPN')) return false;
  }
  return true;
}

/** growable per-sentence work arrays (no allocation per sentence once grown) */
class Scratch {
  n = 0;
  entries: WordEntry[] = [];
  /** morph vectors per token (the entry's, or the token's own in `alt` when the reading differs) */
  mv: Float32Array[] = [];
  /** per token position: a vector for a reading other than its word's cached one (reused) */
  alt: Float32Array[] = [];
  norms: string[] = [];
  stems: string[] = [];
  gx = new Int32Array(0);
  gs = new Int32Array(0);
  kx = new Int32Array(0);
  ks = new Int32Array(0);
  caps = new Uint8Array(0);
  spans = new Uint8Array(0);
  kbSpans = new Uint8Array(0);
  em = new Float32Array(0);

  ensure(n: number, L: number): void {
    if (this.gx.length < n) {
      const m = Math.max(n, this.gx.length * 2, 64);
      this.gx = new Int32Array(m);
      this.gs = new Int32Array(m);
      this.kx = new Int32Array(m);
      this.ks = new Int32Array(m);
      this.caps = new Uint8Array(m);
      this.spans = new Uint8Array(m);
      this.kbSpans = new Uint8Array(m);
      this.em = new Float32Array(m * L);
    }
    // the arrays only grow (entries past n are stale and never read): setting their length per
    // sentence reallocated them
  }
}

/** an always-empty map: what the generation turn clears when it is no turn (see nextGeneration) */
const NEVER_FILLED = new Map<string, WordEntry>();

export class Tagger {
  /** language -> word text -> entry, in two generations (`young` entries in the young maps in all) */
  private cache = new Map<string, WordCache>();
  private young = 0;
  private scratch = new Scratch();
  private langConst = new Map<string, Float32Array>();
  private readonly NS = SPAN_TAGS.length;
  /**
   * Feature sums of the few-valued per-token features, all built in the constructor (null = the
   * model has no such feature): gazetteer and KB span codes, capitalisation contexts, sentence
   * position, quote marks. Built lazily before, each first use of a value ran a path `emissions`
   * had never run, and V8 threw the whole optimised function away and compiled it again.
   */
  private readonly gpCur: (Float32Array | null)[];
  private readonly gpPrev: (Float32Array | null)[];
  private readonly gpNext: (Float32Array | null)[];
  private readonly kbCur: (Float32Array | null)[];
  private readonly kbNext: (Float32Array | null)[];
  private readonly ccVec: (Float32Array | null)[];
  private readonly posVec: (Float32Array | null)[];
  private readonly qVec: (Float32Array | null)[];
  private nospace: Float32Array | null;
  private viterbiOut = new Int32Array(0);

  constructor(readonly model: NerModel) {
    setFeatureConfig(model.header.features ?? {});
    const NS = this.NS;
    const T = SPAN_TAGS;
    // index 0 of gpCur, gpNext, kbNext and rows 0 of kbCur: no span (never read)
    this.gpCur = Array.from({ length: NS }, (_, s) => (s ? this.vec(['gp=' + T[s]]) : null));
    this.gpNext = Array.from({ length: NS }, (_, s) => (s ? this.vec(['gp+1=' + T[s]]) : null));
    this.kbNext = Array.from({ length: NS }, (_, s) => (s ? this.vec(['kb+1=' + T[s]]) : null));
    // [previous token's span (NS: sentence start) * NS + this token's]
    this.gpPrev = Array.from({ length: (NS + 1) * NS }, (_, i) => {
      const sp = Math.floor(i / NS);
      return this.vec(['gp-1=' + (sp < NS ? T[sp] : '^') + '|' + T[i % NS]]);
    });
    // [KB span * NS + gazetteer span]
    this.kbCur = Array.from({ length: NS * NS }, (_, i) => {
      const q = Math.floor(i / NS);
      return q ? this.vec(['kb=' + T[q], 'kb|gp=' + T[q] + '|' + T[i % NS]]) : null;
    });
    // [previous (0 none, 1 capitalised, 2 not) * 9 + this (1, 2) * 3 + next (as previous)]
    this.ccVec = Array.from({ length: 27 }, (_, i) => {
      const cp = Math.floor(i / 9);
      const c = Math.floor(i / 3) % 3;
      const cn = i % 3;
      return c ? this.vec(['cc=' + '^Cc'[cp] + (c === 1 ? 'C' : 'c') + '$Cc'[cn]]) : null;
    });
    // sentence start capitalised / not, after sentence punctuation capitalised / not
    this.posVec = [this.vec(['first', 'first|C']), this.vec(['first', 'first|c']), this.vec(['afterpunct|C']), this.vec(['afterpunct|c'])];
    // quote mark before (1), after (2), both (3)
    this.qVec = [null, this.vec(['qL']), this.vec(['qR']), this.vec(['qL', 'qR', 'qLR'])];
    this.nospace = this.vec(['nospace']);
  }

  /** add the float32 weights of row j to v[o..o+L) */
  private addRow(j: number, v: Float32Array, o: number): void {
    if (j < 0) return;
    const L = this.model.L;
    const Q = this.model.Q;
    const scale = this.model.scale;
    const r = j * L;
    for (let l = 0; l < L; l++) v[o + l] += Math.fround(Q[r + l] * scale);
  }

  private sum(strs: readonly string[], v: Float32Array, o: number): void {
    const f = this.model.features;
    for (const s of strs) this.addRow(f.get(s), v, o);
  }

  /** summed weights of some feature strings, or null when the model has none of them */
  private vec(strs: readonly string[]): Float32Array | null {
    const f = this.model.features;
    let v: Float32Array | null = null;
    for (const s of strs) {
      const j = f.get(s);
      if (j < 0) continue;
      v ??= new Float32Array(this.model.L);
      this.addRow(j, v, 0);
    }
    return v;
  }

  /** `bias` + `L=lang` */
  private constFor(lang: string): Float32Array {
    let v = this.langConst.get(lang);
    if (!v) {
      v = this.vec(['bias', 'L=' + lang]) ?? new Float32Array(this.model.L);
      this.langConst.set(lang, v);
    }
    return v;
  }

  /**
   * Word vectors are carved from slabs of SLAB_WORDS vectors: a Float32Array of its own per word
   * costs ~1.2 kB of RSS besides its 352 bytes of floats (its own ArrayBuffer and backing store);
   * 64k cached words made ~80 MB. A slab is freed when no cached word uses it any more (a word
   * moved from the old generation to the young is copied into the current slab).
   */
  private slab = new Float32Array(0);
  private slabAt = 0;

  private vector(): Float32Array {
    const n = this.model.L * SLOTS;
    if (this.slabAt + n > this.slab.length) {
      this.slab = new Float32Array(n * SLAB_WORDS);
      this.slabAt = 0;
    }
    const v = this.slab.subarray(this.slabAt, this.slabAt + n);
    this.slabAt += n;
    return v;
  }

  private wordsOf(lang: string): WordCache {
    let c = this.cache.get(lang);
    if (!c) this.cache.set(lang, (c = { young: new Map(), old: new Map() }));
    return c;
  }

  private word(text: string, norm: string, lang: string, c: WordCache = this.wordsOf(lang)): WordEntry {
    let e = c.young.get(text);
    if (e) return e;
    e = c.old.get(text);
    if (e) {
      // into the current slab: the old generation's slabs are freed with it
      const v = this.vector();
      v.set(e.v);
      e.v = v;
    } else {
      const v = this.vector();
      this.wordInto(text, norm, lang, v);
      e = this.gazInfo(v, norm, (capFirst(text) ? CAP : 0) | (isQuote(text) ? QUOTE : 0) | (isSentPunct(text) ? PUNCT : 0));
    }
    c.young.set(text, e);
    this.young++;
    return e;
  }

  /**
   * The weights of `wordFeatures(text, norm, lang, ...)` into v[0..L) and of
   * `contextWordFeatures(text, norm, lang, d)` into v[(c + 1) * L..) for each context offset, in
   * the same order, hashing each feature from its parts (no feature strings are built).
   */
  private wordInto(text: string, norm: string, lang: string, v: Float32Array): void {
    const L = this.model.L;
    const tab = this.model.features;
    // the language prefix `lang|`, hashed once
    begin();
    feed(lang);
    feedCode(BAR);
    save();
    let o = 0;
    /** feature `pre` + s[from, to), then `lang|` + the same */
    const both = (pre: string, s: string, from: number, to: number) => {
      begin();
      feed(pre);
      feedRange(s, from, to);
      this.addRow(tab.lookup(), v, o);
      restore();
      feed(pre);
      feedRange(s, from, to);
      this.addRow(tab.lookup(), v, o);
    };
    const cap = capClass(text);
    const n = norm.length;
    both('w=', norm, 0, n);
    const sh = shapeOf(text);
    both('sh=', sh, 0, sh.length);
    both('cap=', cap, 0, cap.length);
    if (text !== norm && cap !== 'lower') both('W=', text, 0, text.length);
    for (let k = 1; k <= 4 && k <= n; k++) {
      both(PREFIX_NAMES[k], norm, 0, k);
      both(SUFFIX_NAMES[k], norm, n - k, n);
    }
    if (cap === 'title' || cap === 'upper') both('cs3=', norm, Math.max(0, n - 3), n);
    if (n > 12) both('long', '', 0, 0);
    if (norm.includes('-')) both('hyph', '', 0, 0);
    if (/\d/.test(norm) && /\p{L}/u.test(norm)) both('alnum', '', 0, 0);
    if (/[a-z]/.test(norm)) both('latin', '', 0, 0);
    const gaz = this.model.gazetteer;
    const m = gaz.tokenMask(norm);
    if (m) {
      for (let t = 0; t < TYPES.length; t++) if (m & (1 << t)) both('gt=', TYPES[t], 0, TYPES[t].length);
    } else {
      const ms = gaz.stemMask(stem(norm));
      for (let t = 0; t < TYPES.length; t++) if (ms & (1 << t)) both('gs=', TYPES[t], 0, TYPES[t].length);
    }
    const kb = this.model.kb;
    if (kb) {
      const mk = kb.tokenMask(norm) || kb.stemMask(stem(norm));
      for (let t = 0; t < TYPES.length; t++) if (mk & (1 << t)) both('kt=', TYPES[t], 0, TYPES[t].length);
    }
    // what the neighbours see of this word (`contextWordFeatures`)
    for (let c = 0; c < CONTEXT_OFFSETS.length; c++) {
      const d = CONTEXT_OFFSETS[c];
      o = (c + 1) * L;
      both(CONTEXT_W[c], norm, 0, n);
      if (d === -1 || d === 1) {
        const one = (pre: string, s: string, from: number, to: number) => {
          begin();
          feed(pre);
          feedRange(s, from, to);
          this.addRow(tab.lookup(), v, o);
        };
        one(d + 'sh=', sh, 0, sh.length);
        one(d + 'c=', cap, 0, cap.length);
        one(d + 's3=', norm, Math.max(0, n - 3), n);
      }
    }
  }

  private gazInfo(v: Float32Array, norm: string, flags: number): WordEntry {
    const g = this.model.gazetteer;
    const kb = this.model.kb;
    const st = g.stemOf(norm);
    return {
      v,
      norm,
      stem: st,
      gx: g.firstLen(norm),
      gs: g.stemFirstLen(st),
      kx: kb ? kb.firstLen(norm) : 0,
      ks: kb ? kb.stemFirstLen(st) : 0,
      flags,
      mset: false,
      mpos: undefined,
      mlemma: undefined,
      mtags: undefined,
      malts: undefined,
    };
  }

  /**
   * The morphology part of token t's features into v at MORPH * L: its own features, the
   * `-1pos=` its right neighbour sees and the `+1pos=` its left neighbour sees (the same strings
   * as `tokenFeatures`).
   */
  private morphInto(t: Token, lang: string, v: Float32Array): void {
    const L = this.model.L;
    const o = MORPH * L;
    v.fill(0, o, o + 3 * L);
    const pos = t.pos;
    if (!pos) return;
    const tab = this.model.features;
    const cfg = featureConfig();
    const add = (j: number, k: number) => this.addRow(j, v, o + k * L);
    begin();
    feed('pos=');
    feed(pos);
    add(tab.lookup(), 0);
    const tags = t.tags ?? {};
    if (tags.Case) {
      begin();
      feed('case=');
      feed(tags.Case);
      add(tab.lookup(), 0);
      begin();
      feed('pos|case=');
      feed(pos);
      feed(tags.Case);
      add(tab.lookup(), 0);
    }
    if (tags.Animacy) {
      begin();
      feed('anim=');
      feed(tags.Animacy);
      add(tab.lookup(), 0);
    }
    if (tags.NameType) {
      begin();
      feed('nt=');
      feed(tags.NameType);
      add(tab.lookup(), 0);
    }
    if (tags.Number) {
      begin();
      feed('num=');
      feed(tags.Number);
      add(tab.lookup(), 0);
    }
    if (t.lemma && cfg.lemma) {
      const lem = t.lemma.toLowerCase();
      begin();
      feed('lem=');
      feed(lem);
      add(tab.lookup(), 0);
      begin();
      feed(lang);
      feed('|lem=');
      feed(lem);
      add(tab.lookup(), 0);
    }
    if (t.alts) {
      for (const a of t.alts) {
        if (a.tags.NameType) {
          begin();
          feed('ant=');
          feed(a.tags.NameType);
          add(tab.lookup(), 0);
        }
        if (a.pos === 'PROPN') add(tab.get('apropn'), 0);
      }
    }
    // what the neighbours see: `-1pos=` (for the token after this one), `+1pos=` (before)
    begin();
    feed('-1pos=');
    feed(pos);
    if (tags.Case) feed(tags.Case);
    add(tab.lookup(), 1);
    begin();
    feed('+1pos=');
    feed(pos);
    if (tags.Case) feed(tags.Case);
    add(tab.lookup(), 2);
  }

  /** the morphology vector of token t (its entry's when the reading is the cached one) */
  private morphOf(e: WordEntry, t: Token, lang: string, k = -1): Float32Array {
    if (!e.mset) {
      this.morphInto(t, lang, e.v);
      e.mset = true;
      e.mpos = t.pos;
      e.mlemma = t.lemma;
      e.mtags = t.tags;
      e.malts = t.alts;
      return e.v;
    }
    if (e.mpos === t.pos && e.mlemma === t.lemma && sameTags(e.mtags, t.tags) && sameAlts(e.malts, t.alts)) return e.v;
    // another reading of the same word in this context: computed, not cached (into the sentence
    // position's scratch vector: only its morphology part is read, within this sentence)
    let v = k >= 0 ? this.scratch.alt[k] : undefined;
    if (!v) {
      v = new Float32Array(this.model.L * SLOTS);
      if (k >= 0) this.scratch.alt[k] = v;
    }
    this.morphInto(t, lang, v);
    return v;
  }

  /**
   * The entry of token t whose word entry `e` was made for the same text with another folded form:
   * the same vectors, t's own gazetteer look-ups (a rare path, kept out of `emissions`).
   */
  private refolded(e: WordEntry, t: Token, lang: string): WordEntry {
    const f = this.gazInfo(e.v, t.norm, e.flags);
    f.mset = e.mset;
    f.mpos = e.mpos;
    f.mlemma = e.mlemma;
    f.mtags = e.mtags;
    f.malts = e.malts;
    if (!e.mset) {
      // fill the shared vector's morph part through the cached entry
      this.morphOf(e, t, lang);
      f.mset = true;
      f.mpos = e.mpos;
      f.mlemma = e.mlemma;
      f.mtags = e.mtags;
      f.malts = e.malts;
    }
    return f;
  }

  /** Mentions found in `toks` (character offsets into `text`). */
  tag(toks: readonly Token[], text: string, lang: string, opts: { propagate?: boolean; knownNames?: boolean } = {}): Mention[] {
    const raw = this.tagSentences(toks, text, lang);
    const ms = opts.knownNames === false ? raw : lowercaseNames(this.model, toks, text, raw);
    if (opts.propagate === false) return ms;
    // the rules after the model, in order: each takes the mentions and returns them
    let out = propagate(toks, text, ms);
    const { gazetteer, kb } = this.model;
    const known = (norms: string[]) => {
      const phrase = norms.join(' ');
      return kb?.typeOf(phrase) ?? gazetteer.typeOf(phrase);
    };
    out = quotedNames(toks, text, out, known);
    for (const rule of [latinNameEnds, numberedNames, legalFormNames, balanceQuotes, surnamesOfPersons, compassPlaces, compassNames, placeKindNames]) out = rule(toks, text, out);
    return dropCommonAbbreviations(toks, out);
  }

  /**
   * Emission scores of the tokens [lo, hi) of one sentence into the scratch `em` (n * L): the sum
   * of the weights of the features `sentenceFeatureStrings` lists for each token.
   */
  private emissions(toks: readonly Token[], lo: number, hi: number, lang: string): Float32Array {
    const model = this.model;
    const L = model.L;
    const gaz = model.gazetteer;
    const kb = model.kb;
    const n = hi - lo;
    const S = this.scratch;
    S.ensure(n, L);
    const { entries, mv, norms, stems, gx, gs, kx, ks, caps, spans, kbSpans, em } = S;
    const cfg = featureConfig();
    const useMorph = cfg.morph;
    const words = this.wordsOf(lang);
    for (let k = 0; k < n; k++) {
      const t = toks[lo + k];
      let e = words.young.get(t.text) ?? this.word(t.text, t.norm, lang, words);
      // the weights are keyed by the text; the gazetteer look-ups by the folded form
      if (e.norm !== t.norm) e = this.refolded(e, t, lang);
      entries[k] = e;
      mv[k] = useMorph && t.pos ? this.morphOf(e, t, lang, k) : e.v;
      norms[k] = t.norm;
      stems[k] = e.stem;
      gx[k] = e.gx;
      gs[k] = e.gs;
      kx[k] = e.kx;
      ks[k] = e.ks;
      caps[k] = e.flags;
    }
    gaz.matchCodesWith(norms, stems, gx, gs, n, spans);
    if (kb) kb.matchCodesWith(norms, stems, kx, ks, n, kbSpans);
    const bos = this.word(BOS.text, BOS.norm, lang).v;
    const eos = this.word(EOS.text, EOS.norm, lang).v;
    const base = this.constFor(lang);
    const Q = model.Q;
    const scale = model.scale;
    const tab = model.features;
    const NS = this.NS;
    const M = MORPH * L;
    for (let k = 0; k < n; k++) {
      const i = lo + k;
      const o = k * L;
      const own = entries[k].v;
      const m2 = k < 2 ? bos : entries[k - 2].v;
      const m1 = k < 1 ? bos : entries[k - 1].v;
      const p1 = k + 1 >= n ? eos : entries[k + 1].v;
      const p2 = k + 2 >= n ? eos : entries[k + 2].v;
      for (let l = 0; l < L; l++) em[o + l] = own[l] + m2[L + l] + m1[2 * L + l] + p1[3 * L + l] + p2[4 * L + l] + base[l];
      const t = toks[i];
      const cap = (caps[k] & CAP) !== 0;
      const hasPrev = k > 0;
      const hasNext = k + 1 < n;
      // position: sentence start, or after sentence punctuation
      let pv = -1;
      if (!hasPrev) pv = cap ? 0 : 1;
      else if (caps[k - 1] & PUNCT) pv = cap ? 2 : 3;
      if (pv >= 0) {
        const v = this.posVec[pv];
        if (v) for (let l = 0; l < L; l++) em[o + l] += v[l];
      }
      const pq = hasPrev && (caps[k - 1] & QUOTE) !== 0;
      const nq = hasNext && (caps[k + 1] & QUOTE) !== 0;
      if (pq || nq) {
        const qi = (pq ? 1 : 0) | (nq ? 2 : 0);
        const v = this.qVec[qi];
        if (v) for (let l = 0; l < L; l++) em[o + l] += v[l];
      }
      if (cfg.bigrams) {
        begin();
        feed('bg=');
        feed(hasPrev ? toks[i - 1].norm : '<s>');
        feedCode(BAR);
        feed(t.norm);
        let j = tab.lookup();
        if (j >= 0) for (let l = 0, r = j * L; l < L; l++) em[o + l] += Math.fround(Q[r + l] * scale);
        if (hasNext) {
          begin();
          feed('bg+=');
          feed(t.norm);
          feedCode(BAR);
          feed(toks[i + 1].norm);
          j = tab.lookup();
          if (j >= 0) for (let l = 0, r = j * L; l < L; l++) em[o + l] += Math.fround(Q[r + l] * scale);
        }
      }
      if (!t.spaceBefore && hasPrev && this.nospace) {
        const v = this.nospace;
        for (let l = 0; l < L; l++) em[o + l] += v[l];
      }
      {
        const cp = hasPrev ? (caps[k - 1] & CAP ? 1 : 2) : 0;
        const cn = hasNext ? (caps[k + 1] & CAP ? 1 : 2) : 0;
        const ci = cp * 9 + (cap ? 1 : 2) * 3 + cn;
        const v = this.ccVec[ci];
        if (v) for (let l = 0; l < L; l++) em[o + l] += v[l];
      }
      if (useMorph && t.pos) {
        const v = mv[k];
        for (let l = 0; l < L; l++) em[o + l] += v[M + l];
        if (hasPrev && toks[i - 1].pos) {
          const u = mv[k - 1];
          for (let l = 0; l < L; l++) em[o + l] += u[M + L + l];
        }
        if (hasNext && toks[i + 1].pos) {
          const u = mv[k + 1];
          for (let l = 0; l < L; l++) em[o + l] += u[M + 2 * L + l];
        }
      }
      // gazetteer spans: `gp=`, `gp-1=`, `gp+1=`, then the KB's
      const s = spans[k];
      if (s) {
        const v = this.gpCur[s];
        if (v) for (let l = 0; l < L; l++) em[o + l] += v[l];
      }
      {
        const sp = hasPrev ? spans[k - 1] : NS;
        const gi = sp * NS + s;
        const v = this.gpPrev[gi];
        if (v) for (let l = 0; l < L; l++) em[o + l] += v[l];
      }
      if (hasNext && spans[k + 1]) {
        const sn = spans[k + 1];
        const v = this.gpNext[sn];
        if (v) for (let l = 0; l < L; l++) em[o + l] += v[l];
      }
      if (kb) {
        const q = kbSpans[k];
        if (q) {
          const ki = q * NS + s;
          const v = this.kbCur[ki];
          if (v) for (let l = 0; l < L; l++) em[o + l] += v[l];
        }
        if (hasNext && kbSpans[k + 1]) {
          const qn = kbSpans[k + 1];
          const v = this.kbNext[qn];
          if (v) for (let l = 0; l < L; l++) em[o + l] += v[l];
        }
      }
    }
    return em;
  }

  /** Emission scores of each sentence of `toks` (for tests and diagnostics): [lo, hi, n * L scores] */
  sentenceEmissions(toks: readonly Token[], lang: string): { lo: number; hi: number; em: Float32Array }[] {
    const L = this.model.L;
    return sentenceRanges(toks).map(([lo, hi]) => ({ lo, hi, em: this.emissions(toks, lo, hi, lang).slice(0, (hi - lo) * L) }));
  }

  /**
   * A new generation of the word cache once the young one is full, checked once per document (in
   * `word`, the path first taken after ~32k distinct words had no type feedback: the optimised
   * `word` and `emissions` were thrown away and compiled again). The young maps may pass
   * CACHE_GENERATION by one document's new words. Every load, store and call here runs for every
   * document, turn or not (the old map is cleared and becomes the young one only on a turn): a
   * branch taken once per 32k words would have no type feedback when it is first taken, and
   * tagSentences, which inlines this, would be thrown away and compiled again.
   */
  private nextGeneration(): void {
    const turn = this.young >= CACHE_GENERATION;
    for (const g of this.cache.values()) {
      const young = g.young;
      const old = g.old;
      (turn ? old : NEVER_FILLED).clear();
      g.old = turn ? young : old;
      g.young = turn ? old : young;
    }
    const n = this.young;
    this.young = turn ? 0 : n;
  }

  private tagSentences(toks: readonly Token[], text: string, lang: string): Mention[] {
    this.nextGeneration();
    const model = this.model;
    const L = model.L;
    const out: Mention[] = [];
    for (const [lo, hi] of sentenceRanges(toks)) {
      const n = hi - lo;
      const em = this.emissions(toks, lo, hi, lang);
      if (this.viterbiOut.length < n) this.viterbiOut = new Int32Array(Math.max(n, 2 * this.viterbiOut.length));
      const seq = viterbi(em, n, L, model.trans, model.allowed, model.endOk, this.viterbiOut);
      for (const sp of labelSpans(model.header.labels, seq, n)) {
        const a = toks[lo + sp.s];
        const b = toks[lo + sp.e - 1];
        // confidence: mean over the tokens of a logistic of the margin between the chosen label's
        // emission score and the best other label's
        let conf = 0;
        for (let i = sp.s; i < sp.e; i++) {
          const o = i * L;
          let other = -Infinity;
          for (let l = 0; l < L; l++) if (l !== seq[i] && em[o + l] > other) other = em[o + l];
          conf += 1 / (1 + Math.exp(-(em[o + seq[i]] - other) / MARGIN_SCALE));
        }
        const mt = text.slice(a.start, b.end);
        out.push({
          start: a.start,
          end: b.end,
          text: mt,
          lemma: mt,
          type: sp.type as EntityType,
          tokenStart: lo + sp.s,
          tokenEnd: lo + sp.e,
          score: Math.min(1, Math.max(0.001, Math.round((conf / (sp.e - sp.s)) * 1000) / 1000)),
        });
      }
    }
    return out;
  }
}

/** 1 for each token a mention covers (the rules below extend mentions only over free tokens) */
function takenBy(ms: readonly Mention[], n: number): Uint8Array {
  const taken = new Uint8Array(n);
  for (const m of ms) for (let i = m.tokenStart ?? 0; i < (m.tokenEnd ?? 0); i++) taken[i] = 1;
  return taken;
}

const isUpper = (s: string) => s !== s.toLowerCase();

/**
 * One sense per document: a name the tagger recognised somewhere (capitalised, confident) is a
 * mention wherever else the same token sequence occurs in the document with the same
 * capitalisation, unless it overlaps a mention already found there.
 */
export function propagate(toks: readonly Token[], text: string, ms: Mention[]): Mention[] {
  const known = new Map<string, { type: Mention['type']; n: number; len: number }>();
  const votes = new Map<string, Map<string, number>>();
  /** the first token texts of the names voted on (a name found again starts with one of them) */
  const firsts = new Set<string>();
  for (const m of ms) {
    if (m.tokenStart === undefined || m.tokenEnd === undefined || (m.score ?? 0) < 0.6) continue;
    const first = toks[m.tokenStart];
    if (!isUpper(first.text[0] ?? '') || first.kind !== 'word') continue;
    const key = toks
      .slice(m.tokenStart, m.tokenEnd)
      .map((t) => t.text)
      .join(' ');
    firsts.add(first.text);
    const v = votes.get(key) ?? new Map<string, number>();
    v.set(m.type, (v.get(m.type) ?? 0) + 1);
    votes.set(key, v);
  }
  for (const [key, v] of votes) {
    const best = [...v.entries()].sort((a, b) => b[1] - a[1])[0];
    if (best[1] * 2 > [...v.values()].reduce((a, b) => a + b, 0)) known.set(key, { type: best[0] as Mention['type'], n: best[1], len: key.split(' ').length });
  }
  if (!known.size) return ms;
  // the same name typed differently in one document: the clear majority wins
  for (const m of ms) {
    if (m.tokenStart === undefined || m.tokenEnd === undefined) continue;
    const key = toks
      .slice(m.tokenStart, m.tokenEnd)
      .map((t) => t.text)
      .join(' ');
    const k = known.get(key);
    if (k && k.type !== m.type && k.n >= 2) {
      const total = [...(votes.get(key)?.values() ?? [])].reduce((a, b) => a + b, 0);
      if (k.n * 3 >= total * 2) m.type = k.type;
    }
  }
  const taken = takenBy(ms, toks.length);
  const maxLen = Math.max(...[...known.values()].map((k) => k.len));
  const added: Mention[] = [];
  for (let i = 0; i < toks.length; i++) {
    if (taken[i] || !firsts.has(toks[i].text) || !isUpper(toks[i].text[0] ?? '')) continue;
    for (let len = Math.min(maxLen, toks.length - i); len >= 1; len--) {
      let key = toks[i].text;
      let free = true;
      for (let k = 1; k < len; k++) {
        key += ' ' + toks[i + k].text;
        if (taken[i + k] || toks[i + k].sent !== toks[i].sent) free = false;
      }
      const hit = free ? known.get(key) : undefined;
      if (!hit) continue;
      const a = toks[i];
      const b = toks[i + len - 1];
      const mt = text.slice(a.start, b.end);
      added.push({ start: a.start, end: b.end, text: mt, lemma: mt, type: hit.type, tokenStart: i, tokenEnd: i + len, score: 0.5 });
      for (let k = 0; k < len; k++) taken[i + k] = 1;
      i += len - 1;
      break;
    }
  }
  if (!added.length) return ms;
  return [...ms, ...added].sort((x, y) => x.start - y.start);
}

const metonymyFirst = new WeakMap<NerModel, Map<string, number>>();
/** first (stemmed) word of the model's metonymy names -> the longest such name's length in words */
function metonymyFirsts(model: NerModel): Map<string, number> {
  let m = metonymyFirst.get(model);
  if (!m) {
    m = new Map();
    for (const k of model.metonymy) {
      const ws = k.split(' ');
      m.set(ws[0], Math.max(m.get(ws[0]) ?? 0, ws.length));
    }
    metonymyFirst.set(model, m);
  }
  return m;
}

/**
 * KB names that the training text never uses as ordinary words are mentions wherever the tagger
 * missed them: written in lower case on purpose (`росія`, `рф`, `путін` in Ukrainian outlets) or
 * in an unusual position (`Кремль и ...` opening a sentence). A place reading of such a name that
 * the KB knows as an institution (`Кремлі`) becomes ORG, the SlavicNER convention.
 */
export function lowercaseNames(model: NerModel, toks: readonly Token[], text: string, ms: Mention[]): Mention[] {
  if (!model.lowercase.size && !model.metonymy.size) return ms;
  const taken = takenBy(ms, toks.length);
  const added: Mention[] = [];
  // (three parts, each a function of its own: a rare path first taken in one recompiles only that part)
  metonymyPlaces(model, toks, ms);
  if (model.metonymy.size) metonymyNames(model, toks, text, taken, added);
  lowercaseKnown(model, toks, text, taken, added);
  return added.length ? [...ms, ...added].sort((x, y) => x.start - y.start) : ms;
}

/** lowercaseNames, part 1: an institution named by its seat that the tagger read as a place */
function metonymyPlaces(model: NerModel, toks: readonly Token[], ms: Mention[]): void {
  for (const m of ms) {
    if (m.type !== 'LOC' || m.tokenStart === undefined || m.tokenEnd === undefined) continue;
    const key = toks
      .slice(m.tokenStart, m.tokenEnd)
      .map((t) => stem(t.norm))
      .join(' ');
    if (model.metonymy.has(key)) m.type = 'ORG';
  }
}

/**
 * lowercaseNames, part 2: an institution named by its seat that the tagger left out altogether —
 * `Кремль заявил, что …` opening a text, `Елисейский дворец позднее сообщил`: written with its
 * capital, any case form, it names the institution (these few names are never ordinary words)
 */
function metonymyNames(model: NerModel, toks: readonly Token[], text: string, taken: Uint8Array, added: Mention[]): void {
  const firsts = metonymyFirsts(model);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (taken[i] || t.kind !== 'word' || !/^\p{Lu}/u.test(t.text)) continue;
    const first = stem(t.norm);
    // (no name of the list starts with this word: no key to build)
    const maxLen = firsts.get(first);
    if (!maxLen) continue;
    for (let len = Math.min(maxLen, toks.length - i); len >= 1; len--) {
      let ok = true;
      let key = first;
      for (let k = 1; k < len && ok; k++) {
        const u = toks[i + k];
        if (taken[i + k] || u.sent !== t.sent || u.kind !== 'word') ok = false;
        else key += ' ' + stem(u.norm);
      }
      if (!ok || !model.metonymy.has(key)) continue;
      const b = toks[i + len - 1];
      const mt = text.slice(t.start, b.end);
      added.push({ start: t.start, end: b.end, text: mt, lemma: mt, type: 'ORG', tokenStart: i, tokenEnd: i + len, score: 0.5 });
      for (let k = i; k < i + len; k++) taken[k] = 1;
      i += len - 1;
      break;
    }
  }
}

/** lowercaseNames, part 3: KB names written in lower case (see lowercaseNames) */
function lowercaseKnown(model: NerModel, toks: readonly Token[], text: string, taken: Uint8Array, added: Mention[]): void {
  const stemAt = (i: number) => toks[i].norm;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    // only words written in lower case: capitalised ones are the statistical tagger's call (reading
    // every capitalised known name as a mention cost 1.4 points of ru F1 on the dev topic)
    if (taken[i] || t.kind !== 'word') continue;
    const max = model.lowercaseFirst.get(stemAt(i));
    if (!max || t.text !== t.text.toLowerCase()) continue;
    for (let len = Math.min(max, toks.length - i); len >= 1; len--) {
      let key = stemAt(i);
      let ok = true;
      for (let k = 1; k < len && ok; k++) {
        const u = toks[i + k];
        if (taken[i + k] || u.sent !== t.sent || u.text !== u.text.toLowerCase()) ok = false;
        key += ' ' + stemAt(i + k);
      }
      const type = ok ? model.lowercase.get(key) : undefined;
      if (!type) continue;
      const b = toks[i + len - 1];
      const mt = text.slice(t.start, b.end);
      added.push({ start: t.start, end: b.end, text: mt, lemma: mt, type: type as Mention['type'], tokenStart: i, tokenEnd: i + len, score: 0.5 });
      i += len - 1;
      break;
    }
  }
}

let legalForms: { forms: Set<string>; prefixes: Set<string> } | null = null;
/** legal-form designators of company names (`Компани`, `Б.В.`, `GmbH`, lower-cased) and the abbreviations written before them (`ПАО`, `ПАТ`) */
function legalFormSet(): { forms: Set<string>; prefixes: Set<string> } {
  if (!legalForms) {
    const lex = readJsonResource<{ forms: string[]; prefixes: string[] }>('src/entities/ner/lexicon/legal-forms.json');
    legalForms = { forms: new Set(lex.forms), prefixes: new Set(lex.prefixes) };
  }
  return legalForms;
}

/**
 * A name holding or followed by a company's legal form (`Блю Стрим Пайплайн Компани Б.В.`,
 * `Уолт Дисней Компани`, `Shell Exploration B.V.`) is an organisation: the mention takes the
 * designators after it and the capitalised words right before it that the tagger left out (not
 * the first word of a sentence), and becomes ORG. Transliterated company names are otherwise
 * read as people (unknown capitalised words in a row).
 */
export function legalFormNames(toks: readonly Token[], text: string, ms: Mention[]): Mention[] {
  if (!ms.length) return ms;
  const { forms, prefixes } = legalFormSet();
  const isForm = (i: number) => i < toks.length && toks[i].kind === 'word' && capFirst(toks[i].text) && forms.has(toks[i].norm);
  const taken = takenBy(ms, toks.length);
  for (const m of ms) {
    if (m.tokenStart === undefined || m.tokenEnd === undefined) continue;
    let e = m.tokenEnd;
    while (isForm(e) && !taken[e] && toks[e].sent === toks[m.tokenStart].sent) e++;
    let has = e > m.tokenEnd;
    for (let i = m.tokenStart + 1; i < m.tokenEnd && !has; i++) if (isForm(i)) has = true;
    if (!has) continue;
    let s = m.tokenStart;
    while (s > 0 && !taken[s - 1] && toks[s - 1].kind === 'word' && capFirst(toks[s - 1].text) && toks[s - 2]?.sent === toks[s - 1].sent) s--;
    for (let i = s; i < e; i++) taken[i] = 1;
    if (s !== m.tokenStart || e !== m.tokenEnd) {
      m.tokenStart = s;
      m.tokenEnd = e;
      m.start = toks[s].start;
      m.end = toks[e - 1].end;
      m.text = m.lemma = text.slice(m.start, m.end);
    }
    m.type = 'ORG';
  }
  // a legal-form abbreviation read as a name of its own before the company's name (`НАК` in
  // `НАК «Нафтогаз України»`, `ПАТ` in `ПАТ Газпром`) is part of that name's mention (as the
  // SlavicNER train topics mostly annotate it: `ООО "ФОКУС МЕДИА"`, `АО "Сбербанк-АСТ"`), or no
  // mention when the name after it was not recognised
  const bare = (m: Mention) => {
    if (m.tokenStart === undefined || m.tokenEnd !== m.tokenStart + 1 || !prefixes.has(toks[m.tokenStart].text)) return false;
    let j = m.tokenEnd;
    while (j < toks.length && isQuote(toks[j].text)) j++;
    return j < toks.length && toks[j].sent === toks[m.tokenStart].sent && toks[j].kind === 'word' && capFirst(toks[j].text);
  };
  if (!ms.some(bare)) return ms;
  const out: Mention[] = [];
  for (let k = 0; k < ms.length; k++) {
    const m = ms[k];
    if (!bare(m)) {
      out.push(m);
      continue;
    }
    let j = m.tokenEnd!;
    while (j < toks.length && isQuote(toks[j].text)) j++;
    const nx = ms[k + 1];
    if (nx && nx.tokenStart === j) {
      nx.tokenStart = m.tokenStart;
      nx.start = m.start;
      nx.text = nx.lemma = text.slice(nx.start, nx.end);
      nx.type = 'ORG';
    }
  }
  return out;
}

/**
 * One person per surname in a document: a single capitalised word that is the surname of a person
 * named in full elsewhere in the document (`Хайко Маас` … `Маас`, `Мааса`; compared by its
 * ending-stripped form) is that person — when the tagger read it as a place or an organisation, or
 * left it out (`Барньє зазначив` after `Мішель Барньє`). Unknown foreign surnames otherwise look
 * like places or are missed on their own.
 */
export function surnamesOfPersons(toks: readonly Token[], text: string, ms: Mention[]): Mention[] {
  const surnames = new Set<string>();
  for (const m of ms) {
    if (m.type !== 'PER' || m.tokenStart === undefined || m.tokenEnd === undefined || m.tokenEnd - m.tokenStart < 2) continue;
    // a name as written: capitalised words of one script, no digits (not `Лоукостер Ryanair`,
    // `SU2416 Шереметьево`, which a tagger may read as a person)
    let ok = true;
    let latin = false;
    let cyr = false;
    for (let i = m.tokenStart; i < m.tokenEnd && ok; i++) {
      const w = toks[i].text;
      if (toks[i].kind !== 'word') continue;
      if (!capFirst(w) || /\d/.test(w)) ok = false;
      if (/[A-Za-z]/.test(w)) latin = true;
      if (/[\u0400-\u04ff]/.test(w)) cyr = true;
    }
    if (latin && cyr) ok = false;
    const last = toks[m.tokenEnd - 1];
    // not the adjective of a title-like name (`Папа Римский`)
    if (ok && last.kind === 'word' && last.norm.length >= 3 && last.pos !== 'ADJ') surnames.add(stem(last.norm));
  }
  if (!surnames.size) return ms;
  // a surname that also names a place or body in its own right within the document, in full
  // (several words), stays what the tagger said: only one-word readings are retyped
  for (const m of ms) {
    if ((m.type !== 'LOC' && m.type !== 'ORG') || m.tokenStart === undefined || m.tokenEnd !== m.tokenStart + 1) continue;
    const t = toks[m.tokenStart];
    if (t.kind === 'word' && capFirst(t.text) && t.text !== t.text.toUpperCase() && surnames.has(stem(t.norm))) m.type = 'PER';
  }
  const taken = takenBy(ms, toks.length);
  let added: Mention[] | null = null;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (taken[i] || t.kind !== 'word' || !capFirst(t.text) || t.text === t.text.toUpperCase() || !surnames.has(stem(t.norm))) continue;
    (added ??= []).push({ start: t.start, end: t.end, text: t.text, lemma: t.text, type: 'PER', tokenStart: i, tokenEnd: i + 1, score: 0.5 });
  }
  return added ? [...ms, ...added].sort((a, b) => a.start - b.start) : ms;
}

/**
 * Quotes come in pairs inside a mention: a title whose closing quote the tagger left out takes it
 * (`РИА «Новости` -> `РИА «Новости»`), a mention that took one quote of a pair at its edge leaves it
 * (`… Компані Б.В.»` -> `… Компані Б.В.`).
 */
export function balanceQuotes(toks: readonly Token[], text: string, ms: Mention[]): Mention[] {
  for (const m of ms) {
    if (m.tokenStart === undefined || m.tokenEnd === undefined) continue;
    let s = m.tokenStart;
    let e = m.tokenEnd;
    let q = 0;
    for (let i = s; i < e; i++) if (isQuote(toks[i].text)) q++;
    if (!(q & 1)) continue;
    const edgeFirst = isQuote(toks[s].text);
    const edgeLast = isQuote(toks[e - 1].text);
    if (edgeLast && e - s > 1) e--;
    else if (edgeFirst && e - s > 1) s++;
    else if (e < toks.length && isQuote(toks[e].text) && toks[e].sent === toks[e - 1].sent && !ms.some((o) => o !== m && o.tokenStart === e)) e++;
    else continue;
    m.tokenStart = s;
    m.tokenEnd = e;
    m.start = toks[s].start;
    m.end = toks[e - 1].end;
    m.text = m.lemma = text.slice(m.start, m.end);
  }
  return ms;
}

/** a compass or centre adjective itself (not `Южнокорейского`) */
const COMPASS_WORD = /^(?:северн|южн|восточн|западн|центральн|північн|південн|східн|західн)[а-яіїє]{1,3}$/;

/**
 * A capitalised compass adjective read as a place on its own before a lower-case noun it agrees with
 * is the first word of a longer name, which takes that noun (`Северный поток`, `Західний берег`,
 * `Северный полюс`): no place is called `Северный` alone. Coordinated adjectives keep their elided
 * noun (`Центральной и Восточной Европы`).
 */
export function compassNames(toks: readonly Token[], text: string, ms: Mention[]): Mention[] {
  if (!ms.length) return ms;
  const taken = takenBy(ms, toks.length);
  for (const m of ms) {
    if (m.type !== 'LOC' || m.tokenStart === undefined || m.tokenEnd !== m.tokenStart + 1) continue;
    // (no read past the last token: an out-of-bounds read deoptimised compassNames)
    if (m.tokenEnd >= toks.length) continue;
    const a = toks[m.tokenStart];
    const n = toks[m.tokenEnd];
    if (!n || taken[m.tokenEnd] || n.sent !== a.sent || !n.spaceBefore || n.kind !== 'word' || !capFirst(a.text) || !COMPASS_WORD.test(a.norm) || a.pos !== 'ADJ') continue;
    if (capFirst(n.text) || n.pos !== 'NOUN' || !a.tags?.Case || a.tags.Case !== n.tags?.Case) continue;
    m.tokenEnd++;
    m.end = n.end;
    m.text = m.lemma = text.slice(m.start, m.end);
    taken[m.tokenStart + 1] = 1;
  }
  return ms;
}

const ROMAN = /^[IVXLCDM]+$/;

/**
 * A name in Latin letters ends where a lower-case Cyrillic word follows its Latin word (`Nord Stream
 * маршрут`, `SEC по надзору`; not `Facebook Российский фонд`): the tagger reads on across unknown
 * words, but no name written in Latin letters continues in lower-case Cyrillic. Roman numerals are
 * no Latin name (`XII з’їзду`); a one-letter remainder is no mention.
 */
export function latinNameEnds(toks: readonly Token[], text: string, ms: Mention[]): Mention[] {
  let drop = false;
  for (const m of ms) {
    if (m.tokenStart === undefined || m.tokenEnd === undefined) continue;
    let latin = false;
    for (let i = m.tokenStart; i < m.tokenEnd; i++) {
      const t = toks[i];
      if (t.kind !== 'word') continue;
      if (latin && /^[\u0430-\u045F\u0491]/.test(t.text)) {
        let e = i;
        while (e > m.tokenStart && toks[e - 1].kind === 'punct') e--;
        m.tokenEnd = e;
        m.end = toks[e - 1].end;
        m.text = m.lemma = text.slice(m.start, m.end);
        if (m.text.length < 2) drop = true;
        break;
      }
      latin = /[A-Za-z]/.test(t.text) && !/[\u0400-\u04FF]/.test(t.text) && !ROMAN.test(t.text);
    }
  }
  return drop ? ms.filter((m) => m.text.length >= 2) : ms;
}

let descriptors: Map<string, EntityType> | null = null;
/** kind noun (base form) -> the type of the quoted name it introduces (`lexicon/descriptors.json`) */
function descriptorTypes(): Map<string, EntityType> {
  if (!descriptors) {
    const lex = readJsonResource<Record<string, string[] | string>>('src/entities/ner/lexicon/descriptors.json');
    descriptors = new Map();
    for (const [type, words] of Object.entries(lex)) if (Array.isArray(words)) for (const w of words) descriptors.set(w, type as EntityType);
  }
  return descriptors;
}

const OPEN_QUOTES = new Set(['«', '„', '“', '"']);
const CLOSE_QUOTES: Record<string, string[]> = { '«': ['»'], '„': ['“', '”'], '“': ['”'], '"': ['"'] };

/** the letter and digit runs of a name, words cut to four letters (short ones lose their last): `«Северного потока — 2»` = `Северный поток-2`, `Силе` = `Сила` */
function nameKey(toks: readonly Token[], s: number, e: number): string {
  const runs: string[] = [];
  for (let i = s; i < e; i++) runs.push(...tokenRuns(toks[i]));
  return runs.join('|');
}

/** the norms of tokens s..e in a fresh array filled by push (a map's array is of another kind when inlined, and `known`'s join deoptimised) */
function normsOf(toks: readonly Token[], s: number, e: number): string[] {
  const out: string[] = [];
  for (let i = s; i < e; i++) out.push(toks[i].norm);
  return out;
}

const RUN = /[\p{L}]+|\d+/gu;

/**
 * the runs `nameKey` takes from one token (none from punctuation). (A loop over the match: `(match ??
 * []).map(…)` called map on two kinds of array, and the first token without a run deoptimised the
 * callers, quotedNames among them.)
 */
function tokenRuns(t: Token): string[] {
  const runs: string[] = [];
  if (t.kind === 'punct') return runs;
  const m = t.norm.match(RUN);
  if (m !== null) for (const r of m) runs.push(/\d/.test(r) || r.length < 3 ? r : r.slice(0, Math.min(4, r.length - 1)));
  return runs;
}

/**
 * A name in quote marks right after a kind noun (`газопровод «Турецкий поток»`, `вакцина «Спутник
 * V»`, `операция «Буря в пустыне»`, `партия «Слуга народа»`) is a mention of the type the kind gives
 * (`lexicon/descriptors.json`), unless `known` (the gazetteers) has the name as something other than
 * a place (`вакцина «Пфайзер»` names the maker): a product or event with its quote marks, an
 * organisation without them (as SlavicNER mostly marks them). It replaces what the tagger found
 * inside it, and the same name elsewhere in the document, in any case form (`«Турецкого потока»`),
 * is the same mention: in quote marks always, unquoted where the tagger found nothing. A mention
 * that holds the whole quoted name already (`ПАО «Газпром»`) stays.
 */
export function quotedNames(toks: readonly Token[], text: string, ms: Mention[], known?: (norms: string[]) => EntityType | undefined): Mention[] {
  const kinds = descriptorTypes();
  /** name key -> type, and the new mentions as token ranges */
  const named = new Map<string, EntityType>();
  const found: { s: number; e: number; type: EntityType }[] = [];
  const add = (s: number, e: number, kind: EntityType, always: boolean): EntityType => {
    const quoted = s > 0 && e < toks.length && OPEN_QUOTES.has(toks[s - 1].text) && CLOSE_QUOTES[toks[s - 1].text].includes(toks[e].text);
    const over = ms.filter((m) => (m.tokenStart ?? 0) < e && s < (m.tokenEnd ?? 0));
    // unquoted elsewhere, the name only fills a gap the tagger left (`клуб «Тамбов»` does not make
    // every `Тамбов` of the article a club)
    if (!always && !quoted && over.length) return kind;
    if (!always && over.some((m) => m.type !== 'LOC' && m.type !== kind && (m.tokenStart ?? 0) <= s && (m.tokenEnd ?? 0) >= e)) return kind;
    // a name known as something other than a place keeps that type (`вакцина «Пфайзер»`: the maker)
    const k = always && known ? known(normsOf(toks, s, e)) : undefined;
    const type = k && k !== 'LOC' ? k : kind;
    // quote marks on either side go with a product or an event
    const [a, b] = quoted && type !== 'ORG' ? [s - 1, e + 1] : [s, e];
    if (!found.some((f) => f.s < b && a < f.e)) found.push({ s: a, e: b, type });
    return type;
  };
  for (let i = 0; i + 3 < toks.length; i++) {
    // (quote first: the rarest test)
    if (!OPEN_QUOTES.has(toks[i + 1].text)) continue;
    const d = toks[i];
    const type = d.kind === 'word' && d.lemma ? kinds.get(d.lemma) ?? kinds.get(d.lemma.toLowerCase()) : undefined;
    if (!type || toks[i + 1].sent !== d.sent) continue;
    const first = toks[i + 2];
    if (first.kind !== 'number' && !(first.kind === 'word' && capFirst(first.text))) continue;
    const closers = CLOSE_QUOTES[toks[i + 1].text];
    let j = i + 2;
    while (j < toks.length && j < i + 12 && toks[j].sent === d.sent && !closers.includes(toks[j].text) && !OPEN_QUOTES.has(toks[j].text)) j++;
    if (j >= toks.length || !closers.includes(toks[j].text) || j === i + 2) continue;
    const key = nameKey(toks, i + 2, j);
    if (!key) continue;
    if (named.has(key)) continue;
    named.set(key, add(i + 2, j, type, true));
  }
  if (!found.length) return ms;
  // the same name elsewhere in the document (keys built word by word from a start whose first run
  // begins some name)
  const firsts = new Set([...named.keys()].map((k) => k.split('|')[0]));
  for (let i = 0; i < toks.length; i++) {
    if (toks[i].kind !== 'word' || !capFirst(toks[i].text)) continue;
    const head = tokenRuns(toks[i]);
    if (!firsts.has(head[0])) continue;
    // the longest match (`Северный поток — 2` over `Северный поток`)
    let best = 0;
    let bestType: EntityType | undefined;
    const runs: string[] = [];
    for (let len = 1; len <= 10 && i + len <= toks.length; len++) {
      const t = toks[i + len - 1];
      if (t.sent !== toks[i].sent || (t.kind === 'punct' && !DASHES.has(t.text))) break;
      if (t.kind === 'punct') continue;
      runs.push(...(len === 1 ? head : tokenRuns(t)));
      const type = named.get(runs.join('|'));
      if (type) {
        best = len;
        bestType = type;
      }
    }
    if (bestType) {
      add(i, i + best, bestType, false);
      i += best - 1;
    }
  }
  const out: Mention[] = [];
  for (const m of ms) {
    const s = m.tokenStart ?? -1;
    const e = m.tokenEnd ?? -1;
    // a mention holding a whole new one stays, and the new one goes
    for (let k = found.length - 1; k >= 0; k--) if (s <= found[k].s && e >= found[k].e && e - s > found[k].e - found[k].s) found.splice(k, 1);
    if (!found.some((f) => f.s < e && s < f.e)) out.push(m);
  }
  for (const f of found) {
    const start = toks[f.s].start;
    const end = toks[f.e - 1].end;
    const t = text.slice(start, end);
    out.push({ start, end, text: t, lemma: t, type: f.type, tokenStart: f.s, tokenEnd: f.e, score: 0.9 });
  }
  return out.sort((a, b) => a.start - b.start);
}

let placeKinds: Set<string> | null = null;

/**
 * A one-word name right after a kind noun of places (`lexicon/place-kinds.json`: `кантону Цуг`,
 * `острова Борнхольм`, `міста Лубмін`, `штат Огайо`) is a place, however the tagger read it (unknown
 * foreign names come out as people), or a new place mention where it found nothing. Not when a
 * capitalised word follows (`мэр города Сергей Собянин`: the name of a person after a title), not a
 * name the dictionary has as a first name or surname (`мэр города Лужков`), not an abbreviation, and
 * not a mention of several words.
 */
export function placeKindNames(toks: readonly Token[], text: string, ms: Mention[]): Mention[] {
  placeKinds ??= new Set(readJsonResource<{ words: string[] }>('src/entities/ner/lexicon/place-kinds.json').words);
  const at = new Map<number, Mention>();
  for (const m of ms) if (m.tokenStart !== undefined) at.set(m.tokenStart, m);
  const taken = takenBy(ms, toks.length);
  let added: Mention[] | null = null;
  for (let i = 0; i + 1 < toks.length; i++) {
    const k = toks[i];
    const n = toks[i + 1];
    // (the capitalised next word first: the rarest test)
    if (n.kind !== 'word' || !capFirst(n.text) || k.kind !== 'word' || capFirst(k.text) || !k.lemma || !placeKinds.has(k.lemma) || taken[i]) continue;
    // not an abbreviation (`області ВГО`), not a name the morphology knows as a person's (`мэр города Лужков`)
    if (n.sent !== k.sent || /\d/.test(n.text) || n.text === n.text.toUpperCase()) continue;
    if (n.alts?.some((a) => a.source === 'dict' && a.tags?.NameType)) continue;
    const after = toks[i + 2];
    if (after && after.sent === n.sent && after.kind === 'word' && capFirst(after.text)) continue;
    const m = at.get(i + 1);
    if (m) {
      if (m.tokenEnd === i + 2 && m.type !== 'LOC') m.type = 'LOC';
    } else if (!taken[i + 1]) {
      (added ??= []).push({ start: n.start, end: n.end, text: n.text, lemma: n.text, type: 'LOC', tokenStart: i + 1, tokenEnd: i + 2, score: 0.6 });
    }
  }
  return added ? [...ms, ...added].sort((a, b) => a.start - b.start) : ms;
}

let commonAbbrevs: Set<string> | null = null;

/**
 * An upper-case abbreviation of a common noun (`СПГ`, `ГТС`, `ЗМІ`, `ВВП`) read as a one-word name
 * is no mention (list: `lexicon/common-abbreviations.json`).
 */
export function dropCommonAbbreviations(toks: readonly Token[], ms: Mention[]): Mention[] {
  commonAbbrevs ??= new Set(readJsonResource<{ words: string[] }>('src/entities/ner/lexicon/common-abbreviations.json').words);
  const common = (m: Mention) => m.tokenStart !== undefined && m.tokenEnd === m.tokenStart + 1 && commonAbbrevs!.has(toks[m.tokenStart].text);
  return ms.some(common) ? ms.filter((m) => !common(m)) : ms;
}

/** capitalised compass and centre adjectives (stems), ru and uk: `Северная`, `Південної`, `Центральной` */
const COMPASS = /^(?:северн|южн|восточн|западн|центральн|северо-|юго-|північн|південн|східн|західн|центральн|північно-|південно-)/;

/**
 * A capitalised compass adjective right before a place the tagger found without it is part of the
 * place's name (`Північної Ірландії`, `Южный Судан`, `Центральной Азии`).
 */
export function compassPlaces(toks: readonly Token[], text: string, ms: Mention[]): Mention[] {
  const taken = takenBy(ms, toks.length);
  for (const m of ms) {
    if (m.type !== 'LOC' || m.tokenStart === undefined || m.tokenStart === 0) continue;
    const p = toks[m.tokenStart - 1];
    if (taken[m.tokenStart - 1] || p.kind !== 'word' || p.sent !== toks[m.tokenStart].sent || !capFirst(p.text) || !COMPASS.test(p.norm)) continue;
    if (p.pos && p.pos !== 'ADJ' && p.pos !== 'PROPN') continue;
    m.tokenStart--;
    m.start = p.start;
    m.text = m.lemma = text.slice(m.start, m.end);
    taken[m.tokenStart] = 1;
  }
  return ms;
}

const DASHES = new Set(['-', '‐', '‑', '–', '—', '―']);
/** parts of speech of a lower-case word that may follow a name ending in a number (not a counted noun, `самых`, `2 млрд`) */
const AFTER_NUMBERED = new Set(['VERB', 'AUX', 'ADV', 'ADP', 'CCONJ', 'SCONJ', 'PART', 'PRON']);

/**
 * A number right after an organisation, product or event is part of its name when nothing around it
 * makes it a count, a date, a time or a list item: `Nord Stream 2`, `Boeing 737`, `Channel 4`,
 * `«Северный поток — 2»`, `СП–2`, `Олимпиада 2014` (an event takes a year too). After a Latin word
 * the number may follow a space; after a Cyrillic one it is joined by a dash (`СП–2`, `поток - 2`
 * inside quote marks only: `CSSD - 56` and `Комісії 4.` are a score and a list). It is not taken
 * on another line, when it goes on as a decimal, date, time, range or ordinal (`58,8`, `04.11.2018`,
 * `14:19`, `13-я`, `5%`, `25 и 26 июля`, `105 из 230`, `8 (495)`), when a noun, adjective or number
 * word follows (`ЄС 27 країн`, `Ryanair 28 сентября`, `Forbes 200 самых`), when a capitalised word
 * other than a legal form follows, or when the tagger took the next token into a mention.
 */
export function numberedNames(toks: readonly Token[], text: string, ms: Mention[]): Mention[] {
  if (!ms.length) return ms;
  const taken = takenBy(ms, toks.length);
  const { forms } = legalFormSet();
  for (const m of ms) {
    if (m.tokenStart === undefined || m.tokenEnd === undefined || m.type === 'PER' || m.type === 'LOC') continue;
    const last = toks[m.tokenEnd - 1];
    if (last.kind !== 'word' || !capFirst(last.text)) continue;
    const latin = /[A-Za-z]$/.test(last.text);
    const sent = last.sent;
    let j = m.tokenEnd;
    const dash = j < toks.length && toks[j].kind === 'punct' && DASHES.has(toks[j].text) && toks[j].sent === sent;
    if (dash) j++;
    const n = toks[j];
    if (!n || n.kind !== 'number' || n.sent !== sent || taken[j] || !/^\d+$/.test(n.text)) continue;
    if (n.text.length > (m.type === 'EVT' ? 4 : 3) || text.slice(last.end, n.start).includes('\n')) continue;
    if (dash) {
      const spaced = toks[m.tokenEnd].spaceBefore || n.spaceBefore;
      if (spaced && !(m.tokenStart > 0 && isQuote(toks[m.tokenStart - 1].text) && toks[j + 1] && isQuote(toks[j + 1].text) && !toks[j + 1].spaceBefore)) continue;
    } else if (!latin || !n.spaceBefore) continue;
    const a = toks[j + 1];
    if (a && a.sent === sent) {
      if (taken[j + 1] || a.kind === 'number' || a.text === '%' || a.text === '(') continue;
      // goes on: `58,8`, `04.11`, `14:19`, `13-я`, `2/3`
      if (!a.spaceBefore && a.kind !== 'punct') continue;
      const b = toks[j + 2];
      if (!a.spaceBefore && /^[.,:\-–/]$/.test(a.text) && b && !b.spaceBefore && b.sent === sent) continue;
      // one of several numbers: `Ryanair 25 и 26 июля`, `105 из 230`, `5 або 6`
      if (b && b.sent === sent && b.kind === 'number' && (a.kind !== 'word' || a.pos === 'CCONJ' || a.pos === 'ADP')) continue;
      if (a.kind === 'word' && (capFirst(a.text) ? !forms.has(a.norm) : !AFTER_NUMBERED.has(a.pos ?? ''))) continue;
    }
    m.tokenEnd = j + 1;
    m.end = n.end;
    m.text = m.lemma = text.slice(m.start, m.end);
    for (let i = m.tokenStart; i <= j; i++) taken[i] = 1;
  }
  return ms;
}
