/**
 * Tags tokens with PER/ORG/LOC/EVT/PRO mentions using a trained `NerModel`: features per token,
 * emission scores, Viterbi per sentence, spans back to character offsets.
 */
import type { EntityType, Mention, Token } from '../../doc/model.js';
import { contextWordFeatures, tokenFeatures, wordFeatures } from './features.js';
import type { Gazetteer } from './gazetteer.js';
import { labelSpans, type NerModel, viterbi } from './model.js';

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
export function sentenceFeatureStrings(toks: readonly Token[], lo: number, hi: number, lang: string, gaz: Gazetteer | null): string[][] {
  const spans = gaz ? gaz.matchSpans(toks.slice(lo, hi).map((t) => t.norm)) : null;
  const full = spans ? new Array<string>(lo).concat(spans) : null;
  const out: string[][] = [];
  for (let i = lo; i < hi; i++) {
    const t = toks[i];
    const f = wordFeatures(t.text, t.norm, lang, gaz);
    for (const d of CONTEXT_OFFSETS) {
      const j = i + d;
      const w = j < lo ? BOS : j >= hi ? EOS : toks[j];
      for (const x of contextWordFeatures(w.text, w.norm, lang, d)) f.push(x);
    }
    for (const x of tokenFeatures(toks, i, lo, hi, lang, full)) f.push(x);
    out.push(f);
  }
  return out;
}

interface WordEntry {
  own: Int32Array;
  ctx: Int32Array[];
}

export class Tagger {
  private cache = new Map<string, WordEntry>();
  private em = new Float32Array(0);

  constructor(readonly model: NerModel) {}

  private ids(strs: readonly string[]): Int32Array {
    const f = this.model.features;
    const tmp: number[] = [];
    for (const s of strs) {
      const j = f.get(s);
      if (j !== undefined) tmp.push(j);
    }
    return Int32Array.from(tmp);
  }

  private word(text: string, norm: string, lang: string): WordEntry {
    const key = lang + '\u0001' + text;
    let e = this.cache.get(key);
    if (!e) {
      if (this.cache.size > 200_000) this.cache.clear();
      const g = this.model.gazetteer;
      e = { own: this.ids(wordFeatures(text, norm, lang, g)), ctx: CONTEXT_OFFSETS.map((d) => this.ids(contextWordFeatures(text, norm, lang, d))) };
      this.cache.set(key, e);
    }
    return e;
  }

  /** Mentions found in `toks` (character offsets into `text`). */
  tag(toks: readonly Token[], text: string, lang: string): Mention[] {
    const model = this.model;
    const L = model.L;
    const W = model.W;
    const out: Mention[] = [];
    const gaz = model.gazetteer;
    for (const [lo, hi] of sentenceRanges(toks)) {
      const n = hi - lo;
      if (this.em.length < n * L) this.em = new Float32Array(n * L * 2);
      const em = this.em;
      em.fill(0, 0, n * L);
      const spans = gaz.matchSpans(toks.slice(lo, hi).map((t) => t.norm));
      const full = new Array<string>(lo).concat(spans);
      const entries = new Array<WordEntry>(n);
      for (let i = lo; i < hi; i++) entries[i - lo] = this.word(toks[i].text, toks[i].norm, lang);
      const bos = this.word(BOS.text, BOS.norm, lang);
      const eos = this.word(EOS.text, EOS.norm, lang);
      const add = (ids: Int32Array, o: number) => {
        for (let k = 0; k < ids.length; k++) {
          const r = ids[k] * L;
          for (let l = 0; l < L; l++) em[o + l] += W[r + l];
        }
      };
      for (let i = lo; i < hi; i++) {
        const o = (i - lo) * L;
        add(entries[i - lo].own, o);
        for (let c = 0; c < CONTEXT_OFFSETS.length; c++) {
          const j = i + CONTEXT_OFFSETS[c];
          const e = j < lo ? bos : j >= hi ? eos : entries[j - lo];
          add(e.ctx[c], o);
        }
        add(this.ids(tokenFeatures(toks, i, lo, hi, lang, full)), o);
      }
      const seq = viterbi(em, n, L, model.trans, model.allowed, model.endOk);
      for (const sp of labelSpans(model.header.labels, seq, n)) {
        const a = toks[lo + sp.s];
        const b = toks[lo + sp.e - 1];
        // confidence: mean softmax probability of the chosen label per token
        let conf = 0;
        for (let i = sp.s; i < sp.e; i++) {
          const o = i * L;
          let mx = -Infinity;
          for (let l = 0; l < L; l++) mx = Math.max(mx, em[o + l]);
          let z = 0;
          for (let l = 0; l < L; l++) z += Math.exp(em[o + l] - mx);
          conf += Math.exp(em[o + seq[i]] - mx) / z;
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
          score: Math.round((conf / (sp.e - sp.s)) * 1000) / 1000,
        });
      }
    }
    return out;
  }
}
