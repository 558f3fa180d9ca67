/**
 * Averaged structured perceptron over a linear chain (emission features x labels + label
 * transitions), decoded with the same Viterbi the runtime uses. Averaging uses the usual trick:
 * keep w and u = sum of c * update; the average is w - u / c.
 */
import { viterbi } from '../../src/entities/ner/model.js';

export interface Seq {
  /** feature ids of token i: feats[offs[i] .. offs[i+1]) */
  feats: Int32Array;
  offs: Int32Array;
  gold: Int32Array;
  /** any grouping key (language) for reporting */
  lang: string;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Perceptron {
  readonly W: Float32Array;
  readonly U: Float64Array;
  readonly T: Float32Array;
  readonly TU: Float64Array;
  c = 1;
  private em = new Float32Array(0);

  constructor(
    readonly nFeat: number,
    readonly L: number,
    readonly allowed: Uint8Array,
    readonly endOk: Uint8Array,
  ) {
    this.W = new Float32Array(nFeat * L);
    this.U = new Float64Array(nFeat * L);
    this.T = new Float32Array((L + 1) * L);
    this.TU = new Float64Array((L + 1) * L);
  }

  emissions(s: Seq, W: Float32Array = this.W): Float32Array {
    const n = s.gold.length;
    const L = this.L;
    if (this.em.length < n * L) this.em = new Float32Array(n * L * 2);
    const em = this.em;
    em.fill(0, 0, n * L);
    for (let i = 0; i < n; i++) {
      const o = i * L;
      for (let k = s.offs[i]; k < s.offs[i + 1]; k++) {
        const r = s.feats[k] * L;
        for (let l = 0; l < L; l++) em[o + l] += W[r + l];
      }
    }
    return em;
  }

  predict(s: Seq, W: Float32Array = this.W, T: Float32Array = this.T): Int32Array {
    const em = this.emissions(s, W);
    return viterbi(em, s.gold.length, this.L, T, this.allowed, this.endOk);
  }

  /** One pass over the data in the given order; returns the number of token errors. */
  epoch(data: readonly Seq[], order: readonly number[]): number {
    let errors = 0;
    const L = this.L;
    for (const idx of order) {
      const s = data[idx];
      const pred = this.predict(s);
      const n = s.gold.length;
      let diff = false;
      for (let i = 0; i < n; i++) if (pred[i] !== s.gold[i]) diff = true;
      if (diff) {
        const c = this.c;
        for (let i = 0; i < n; i++) {
          const g = s.gold[i];
          const p = pred[i];
          if (g !== p) {
            errors++;
            for (let k = s.offs[i]; k < s.offs[i + 1]; k++) {
              const r = s.feats[k] * L;
              this.W[r + g] += 1;
              this.U[r + g] += c;
              this.W[r + p] -= 1;
              this.U[r + p] -= c;
            }
          }
          const gp = i === 0 ? L : s.gold[i - 1];
          const pp = i === 0 ? L : pred[i - 1];
          if (gp !== pp || g !== p) {
            this.T[gp * L + g] += 1;
            this.TU[gp * L + g] += c;
            this.T[pp * L + p] -= 1;
            this.TU[pp * L + p] -= c;
          }
        }
      }
      this.c++;
    }
    return errors;
  }

  averaged(): { W: Float32Array; T: Float32Array } {
    const W = new Float32Array(this.W.length);
    for (let i = 0; i < W.length; i++) W[i] = this.W[i] - this.U[i] / this.c;
    const T = new Float32Array(this.T.length);
    for (let i = 0; i < T.length; i++) T[i] = this.T[i] - this.TU[i] / this.c;
    return { W, T };
  }
}
