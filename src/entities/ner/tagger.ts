/**
 * Tags tokens with PER/ORG/LOC/EVT/PRO mentions using a trained `NerModel`: features per token,
 * emission scores, Viterbi per sentence, spans back to character offsets.
 */
import type { EntityType, Mention, Token } from '../../doc/model.js';
import { capFirst, contextWordFeatures, featureConfig, isQuote, setFeatureConfig, tokenFeatures, wordFeatures } from './features.js';
import { begin, feed, feedCode } from './hash.js';
import { type Gazetteer, stem } from './gazetteer.js';
import { labelSpans, type NerModel, viterbi } from './model.js';

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
 * What the tagger keeps per distinct word: the summed weights of its own features (offset 0) and
 * of what its neighbours at each context offset see of it (offset (c + 1) * L), in one array;
 * and its gazetteer look-ups (longest phrase starting with the form / with its stem).
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
}

const CAP = 1;
const QUOTE = 2;
const PUNCT = 4;

const C = 67; // 'C'
const c_ = 99; // 'c'
const BAR = 124; // '|'

/** rows of the constant features for one language */
interface Consts {
  bias: number;
  lang: number;
  first: number;
  firstC: number;
  firstc: number;
  afterC: number;
  afterc: number;
  qL: number;
  qR: number;
  qLR: number;
  nospace: number;
  apropn: number;
}

/** `/^[.!?:…—–-]$/` without a regular expression */
const isSentPunct = (s: string) => s.length === 1 && '.!?:…—–-'.includes(s);

export class Tagger {
  /** language -> word text -> entry (`cached` entries in all) */
  private cache = new Map<string, Map<string, WordEntry>>();
  private cached = 0;
  private em = new Float32Array(0);
  private consts = new Map<string, Consts>();

  constructor(readonly model: NerModel) {
    setFeatureConfig(model.header.features ?? {});
  }

  private sum(strs: readonly string[], v: Float32Array, o: number): void {
    const L = this.model.L;
    const Q = this.model.Q;
    const scale = this.model.scale;
    const f = this.model.features;
    for (const s of strs) {
      const j = f.get(s);
      if (j < 0) continue;
      const r = j * L;
      for (let l = 0; l < L; l++) v[o + l] += Math.fround(Q[r + l] * scale);
    }
  }

  private constsFor(lang: string): Consts {
    let k = this.consts.get(lang);
    if (!k) {
      const f = this.model.features;
      k = {
        bias: f.get('bias'),
        lang: f.get('L=' + lang),
        first: f.get('first'),
        firstC: f.get('first|C'),
        firstc: f.get('first|c'),
        afterC: f.get('afterpunct|C'),
        afterc: f.get('afterpunct|c'),
        qL: f.get('qL'),
        qR: f.get('qR'),
        qLR: f.get('qLR'),
        nospace: f.get('nospace'),
        apropn: f.get('apropn'),
      };
      this.consts.set(lang, k);
    }
    return k;
  }

  private word(text: string, norm: string, lang: string): WordEntry {
    let byText = this.cache.get(lang);
    if (!byText) this.cache.set(lang, (byText = new Map()));
    let e = byText.get(text);
    if (!e) {
      // ~400 bytes an entry: 150k distinct words stay well under the memory budget
      if (this.cached > 150_000) {
        for (const m of this.cache.values()) m.clear();
        this.cached = 0;
      }
      const L = this.model.L;
      const v = new Float32Array(L * (1 + CONTEXT_OFFSETS.length));
      this.sum(wordFeatures(text, norm, lang, this.model.gazetteer, this.model.kb), v, 0);
      for (let c = 0; c < CONTEXT_OFFSETS.length; c++) this.sum(contextWordFeatures(text, norm, lang, CONTEXT_OFFSETS[c]), v, (c + 1) * L);
      e = this.gazInfo(v, norm, (capFirst(text) ? CAP : 0) | (isQuote(text) ? QUOTE : 0) | (isSentPunct(text) ? PUNCT : 0));
      byText.set(text, e);
      this.cached++;
    }
    return e;
  }

  private gazInfo(v: Float32Array, norm: string, flags: number): WordEntry {
    const g = this.model.gazetteer;
    const kb = this.model.kb;
    const st = g.stemOf(norm);
    return { v, norm, stem: st, gx: g.firstLen(norm), gs: g.stemFirstLen(st), kx: kb ? kb.firstLen(norm) : 0, ks: kb ? kb.stemFirstLen(st) : 0, flags };
  }

  /** Mentions found in `toks` (character offsets into `text`). */
  tag(toks: readonly Token[], text: string, lang: string, opts: { propagate?: boolean; knownNames?: boolean } = {}): Mention[] {
    const raw = this.tagSentences(toks, text, lang);
    const ms = opts.knownNames === false ? raw : lowercaseNames(this.model, toks, text, raw);
    return opts.propagate === false ? ms : propagate(toks, text, ms);
  }

  private tagSentences(toks: readonly Token[], text: string, lang: string): Mention[] {
    const model = this.model;
    const L = model.L;
    const out: Mention[] = [];
    const gaz = model.gazetteer;
    const kb = model.kb;
    const K = this.constsFor(lang);
    const bos = this.word(BOS.text, BOS.norm, lang).v;
    const eos = this.word(EOS.text, EOS.norm, lang).v;
    for (const [lo, hi] of sentenceRanges(toks)) {
      const n = hi - lo;
      if (this.em.length < n * L) this.em = new Float32Array(n * L * 2);
      const em = this.em;
      em.fill(0, 0, n * L);
      const entries = new Array<WordEntry>(n);
      const norms = new Array<string>(n);
      const stems = new Array<string>(n);
      const gx = new Int32Array(n);
      const gs = new Int32Array(n);
      const kx = new Int32Array(n);
      const ks = new Int32Array(n);
      const caps = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const t = toks[lo + i];
        let e = this.word(t.text, t.norm, lang);
        // the weights are keyed by the text; the gazetteer look-ups by the folded form
        if (e.norm !== t.norm) e = this.gazInfo(e.v, t.norm, e.flags);
        entries[i] = e;
        norms[i] = t.norm;
        stems[i] = e.stem;
        gx[i] = e.gx;
        gs[i] = e.gs;
        kx[i] = e.kx;
        ks[i] = e.ks;
        caps[i] = e.flags;
      }
      const spans = gaz.matchSpansWith(norms, stems, gx, gs);
      const kbSpans = kb ? kb.matchSpansWith(norms, stems, kx, ks) : null;
      for (let i = lo; i < hi; i++) {
        const o = (i - lo) * L;
        // own weights, then what the words at -2, -1, +1, +2 contribute, added in that order with
        // float32 rounding after each addition (as a Float32Array accumulator does)
        const own = entries[i - lo].v;
        const m2 = i - 2 < lo ? bos : entries[i - 2 - lo].v;
        const m1 = i - 1 < lo ? bos : entries[i - 1 - lo].v;
        const p1 = i + 1 >= hi ? eos : entries[i + 1 - lo].v;
        const p2 = i + 2 >= hi ? eos : entries[i + 2 - lo].v;
        for (let l = 0; l < L; l++) {
          let x = Math.fround(own[l] + m2[L + l]);
          x = Math.fround(x + m1[2 * L + l]);
          x = Math.fround(x + p1[3 * L + l]);
          em[o + l] = x + p2[4 * L + l];
        }
        this.tokenEmission(toks, i, lo, hi, lang, spans, kbSpans, caps, K, em, o);
      }
      const seq = viterbi(em, n, L, model.trans, model.allowed, model.endOk);
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

  /**
   * Adds the weights of `tokenFeatures(toks, i, ...)` to em[o..o+L), in the same order, hashing
   * each feature from its parts instead of building its string. `spans`, `kbSpans` and `caps`
   * are indexed from the sentence start `lo`.
   */
  private tokenEmission(
    toks: readonly Token[],
    i: number,
    lo: number,
    hi: number,
    lang: string,
    spans: readonly string[],
    kbSpans: readonly string[] | null,
    caps: Uint8Array,
    K: Consts,
    em: Float32Array,
    o: number,
  ): void {
    const L = this.model.L;
    const Q = this.model.Q;
    const scale = this.model.scale;
    const tab = this.model.features;
    // the float32 weight the model stood for, exactly
    const add = (j: number) => {
      if (j < 0) return;
      const r = j * L;
      for (let l = 0; l < L; l++) em[o + l] += Math.fround(Q[r + l] * scale);
    };
    const cfg = featureConfig();
    add(K.bias);
    add(K.lang);
    const t = toks[i];
    const prev = i > lo ? toks[i - 1] : null;
    const next = i + 1 < hi ? toks[i + 1] : null;
    const cap = (caps[i - lo] & CAP) !== 0;
    if (i === lo) {
      add(K.first);
      add(cap ? K.firstC : K.firstc);
    } else if (prev && caps[i - 1 - lo] & PUNCT) add(cap ? K.afterC : K.afterc);
    const pq = prev !== null && (caps[i - 1 - lo] & QUOTE) !== 0;
    const nq = next !== null && (caps[i + 1 - lo] & QUOTE) !== 0;
    if (pq) add(K.qL);
    if (nq) add(K.qR);
    if (pq && nq) add(K.qLR);
    if (cfg.bigrams) {
      begin();
      feed('bg=');
      feed(prev ? prev.norm : '<s>');
      feedCode(BAR);
      feed(t.norm);
      add(tab.lookup());
      if (next) {
        begin();
        feed('bg+=');
        feed(t.norm);
        feedCode(BAR);
        feed(next.norm);
        add(tab.lookup());
      }
    }
    if (!t.spaceBefore && prev) add(K.nospace);
    begin();
    feed('cc=');
    feedCode(prev ? (caps[i - 1 - lo] & CAP ? C : c_) : 94);
    feedCode(cap ? C : c_);
    feedCode(next ? (caps[i + 1 - lo] & CAP ? C : c_) : 36);
    add(tab.lookup());
    if (t.pos && cfg.morph) {
      const pos = t.pos;
      begin();
      feed('pos=');
      feed(pos);
      add(tab.lookup());
      const tags = t.tags ?? {};
      if (tags.Case) {
        begin();
        feed('case=');
        feed(tags.Case);
        add(tab.lookup());
        begin();
        feed('pos|case=');
        feed(pos);
        feed(tags.Case);
        add(tab.lookup());
      }
      if (tags.Animacy) {
        begin();
        feed('anim=');
        feed(tags.Animacy);
        add(tab.lookup());
      }
      if (tags.NameType) {
        begin();
        feed('nt=');
        feed(tags.NameType);
        add(tab.lookup());
      }
      if (tags.Number) {
        begin();
        feed('num=');
        feed(tags.Number);
        add(tab.lookup());
      }
      if (t.lemma && cfg.lemma) {
        const lem = t.lemma.toLowerCase();
        begin();
        feed('lem=');
        feed(lem);
        add(tab.lookup());
        begin();
        feed(lang);
        feed('|lem=');
        feed(lem);
        add(tab.lookup());
      }
      if (t.alts) {
        for (const a of t.alts) {
          if (a.tags.NameType) {
            begin();
            feed('ant=');
            feed(a.tags.NameType);
            add(tab.lookup());
          }
          if (a.pos === 'PROPN') add(K.apropn);
        }
      }
      if (prev?.pos) {
        begin();
        feed('-1pos=');
        feed(prev.pos);
        if (prev.tags?.Case) feed(prev.tags.Case);
        add(tab.lookup());
      }
      if (next?.pos) {
        begin();
        feed('+1pos=');
        feed(next.pos);
        if (next.tags?.Case) feed(next.tags.Case);
        add(tab.lookup());
      }
    }
    const k = i - lo;
    const s = spans[k];
    if (s) {
      begin();
      feed('gp=');
      feed(s);
      add(tab.lookup());
    }
    begin();
    feed('gp-1=');
    feed(i > lo ? spans[k - 1] : '^');
    feedCode(BAR);
    feed(s);
    add(tab.lookup());
    if (i + 1 < hi && spans[k + 1]) {
      begin();
      feed('gp+1=');
      feed(spans[k + 1]);
      add(tab.lookup());
    }
    if (kbSpans) {
      const ks = kbSpans[k];
      if (ks) {
        begin();
        feed('kb=');
        feed(ks);
        add(tab.lookup());
        begin();
        feed('kb|gp=');
        feed(ks);
        feedCode(BAR);
        feed(s);
        add(tab.lookup());
      }
      if (i + 1 < hi && kbSpans[k + 1]) {
        begin();
        feed('kb+1=');
        feed(kbSpans[k + 1]);
        add(tab.lookup());
      }
    }
  }
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
  for (const m of ms) {
    if (m.tokenStart === undefined || m.tokenEnd === undefined || (m.score ?? 0) < 0.6) continue;
    const first = toks[m.tokenStart];
    if (!isUpper(first.text[0] ?? '') || first.kind !== 'word') continue;
    const key = toks
      .slice(m.tokenStart, m.tokenEnd)
      .map((t) => t.text)
      .join(' ');
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
  const taken = new Uint8Array(toks.length);
  for (const m of ms) for (let i = m.tokenStart ?? 0; i < (m.tokenEnd ?? 0); i++) taken[i] = 1;
  const maxLen = Math.max(...[...known.values()].map((k) => k.len));
  const added: Mention[] = [];
  for (let i = 0; i < toks.length; i++) {
    if (taken[i] || !isUpper(toks[i].text[0] ?? '')) continue;
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

/**
 * KB names that the training text never uses as ordinary words are mentions wherever the tagger
 * missed them: written in lower case on purpose (`росія`, `рф`, `путін` in Ukrainian outlets) or
 * in an unusual position (`Кремль и ...` opening a sentence). A place reading of such a name that
 * the KB knows as an institution (`Кремлі`) becomes ORG, the SlavicNER convention.
 */
export function lowercaseNames(model: NerModel, toks: readonly Token[], text: string, ms: Mention[]): Mention[] {
  if (!model.lowercase.size && !model.metonymy.size) return ms;
  const taken = new Uint8Array(toks.length);
  for (const m of ms) for (let i = m.tokenStart ?? 0; i < (m.tokenEnd ?? 0); i++) taken[i] = 1;
  const added: Mention[] = [];
  // an institution named by its seat that the tagger read as a place
  for (const m of ms) {
    if (m.type !== 'LOC' || m.tokenStart === undefined || m.tokenEnd === undefined) continue;
    const key = toks
      .slice(m.tokenStart, m.tokenEnd)
      .map((t) => stem(t.norm))
      .join(' ');
    if (model.metonymy.has(key)) m.type = 'ORG';
  }
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
  return added.length ? [...ms, ...added].sort((x, y) => x.start - y.start) : ms;
}
