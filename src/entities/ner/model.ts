/**
 * The mention tagger's model: label set (BIO or BILOU over PER ORG LOC EVT PRO), feature ->
 * weight-row table, transition weights, Viterbi decoding, and the compact binary file format
 * (`gzip( u32 header length | header JSON | feature strings joined by \n | Int16 weights )`).
 */
import { endianness } from 'node:os';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { FeatureConfig } from './features.js';
import { Gazetteer, type GazetteerData, stem } from './gazetteer.js';
import { FeatureTable } from './hash.js';

export type Scheme = 'BIO' | 'BILOU';

export function makeLabels(scheme: Scheme, types: readonly string[]): string[] {
  const out = ['O'];
  const pre = scheme === 'BIO' ? ['B', 'I'] : ['B', 'I', 'L', 'U'];
  for (const t of types) for (const p of pre) out.push(p + '-' + t);
  return out;
}

/** allowed[prev * n + cur] (prev = n means sentence start); endOk[l] for the last label. */
export function transitionMask(labels: readonly string[], scheme: Scheme): { allowed: Uint8Array; endOk: Uint8Array } {
  const n = labels.length;
  const allowed = new Uint8Array((n + 1) * n);
  const endOk = new Uint8Array(n);
  const pre = (l: string) => l[0];
  const typ = (l: string) => l.slice(2);
  const openAfter = (p: string) => (scheme === 'BIO' ? p === 'B' || p === 'I' : p === 'B' || p === 'I');
  for (let a = 0; a <= n; a++) {
    for (let b = 0; b < n; b++) {
      const pb = pre(labels[b]);
      const pa = a === n ? 'O' : pre(labels[a]);
      let ok: boolean;
      if (scheme === 'BIO') {
        ok = pb === 'I' ? a < n && openAfter(pa) && typ(labels[a]) === typ(labels[b]) : true;
      } else {
        const open = a < n && openAfter(pa);
        if (pb === 'I' || pb === 'L') ok = open && typ(labels[a]) === typ(labels[b]);
        else ok = !open;
      }
      allowed[a * n + b] = ok ? 1 : 0;
    }
  }
  for (let b = 0; b < n; b++) endOk[b] = scheme === 'BIO' ? 1 : pre(labels[b]) === 'B' || pre(labels[b]) === 'I' ? 0 : 1;
  return { allowed, endOk };
}

/** Viterbi work arrays, reused across calls (single-threaded) */
let vScore = new Float64Array(0);
let vNext = new Float64Array(0);
let vBack = new Int32Array(0);
/** transition scores with the disallowed ones at -1e30 (refilled per call: training changes `trans`) */
let vTrans = new Float64Array(0);

/**
 * Best label sequence. `em` holds n*L emission scores, `trans` (L+1)*L transition scores (row L
 * is the start). Returns label indices (in `out` when given; only the first n are meaningful).
 */
export function viterbi(em: Float32Array, n: number, L: number, trans: Float32Array, allowed: Uint8Array, endOk: Uint8Array, out?: Int32Array): Int32Array {
  const res = out ?? new Int32Array(n);
  if (n === 0) return res;
  const NEG = -1e30;
  // a disallowed transition scores -1e30: never above an allowed path (scores stay far smaller),
  // so the max below picks the same label as skipping disallowed ones
  const nT = (L + 1) * L;
  if (vTrans.length < nT) vTrans = new Float64Array(nT);
  const T = vTrans;
  for (let k = 0; k < nT; k++) T[k] = allowed[k] ? trans[k] : NEG;
  if (vScore.length < L) {
    vScore = new Float64Array(L);
    vNext = new Float64Array(L);
  }
  if (vBack.length < n * L) vBack = new Int32Array(Math.max(n * L, 2 * vBack.length));
  let score = vScore;
  let nextScore = vNext;
  const back = vBack;
  for (let b = 0; b < L; b++) score[b] = allowed[L * L + b] ? trans[L * L + b] + em[b] : NEG;
  for (let i = 1; i < n; i++) {
    const eo = i * L;
    for (let b = 0; b < L; b++) {
      let best = NEG;
      let arg = 0;
      for (let a = 0, r = b; a < L; a++, r += L) {
        const s = score[a] + T[r];
        if (s > best) {
          best = s;
          arg = a;
        }
      }
      nextScore[b] = best + em[eo + b];
      back[eo + b] = arg;
    }
    const tmp = score;
    score = nextScore;
    nextScore = tmp;
  }
  let best = NEG;
  let arg = 0;
  for (let b = 0; b < L; b++) {
    if (!endOk[b]) continue;
    if (score[b] > best) {
      best = score[b];
      arg = b;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    res[i] = arg;
    arg = back[i * L + arg];
  }
  return res;
}

/** Spans [start, end) in token indices with their type, from a label sequence. */
export function labelSpans(labels: readonly string[], seq: ArrayLike<number>, n: number): { s: number; e: number; type: string }[] {
  const out: { s: number; e: number; type: string }[] = [];
  let cur: { s: number; e: number; type: string } | null = null;
  for (let i = 0; i < n; i++) {
    const l = labels[seq[i]];
    const p = l[0];
    const t = l.slice(2);
    if (p === 'O') {
      if (cur) out.push(cur);
      cur = null;
    } else if (p === 'B' || p === 'U' || !cur || cur.type !== t) {
      if (cur) out.push(cur);
      cur = { s: i, e: i + 1, type: t };
      if (p === 'U') {
        out.push(cur);
        cur = null;
      }
    } else {
      cur.e = i + 1;
      if (p === 'L') {
        out.push(cur);
        cur = null;
      }
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** Token-level labels for gold spans. */
export function spansToLabels(scheme: Scheme, labels: readonly string[], n: number, spans: readonly { s: number; e: number; type: string }[]): Int32Array {
  const idx = new Map(labels.map((l, i) => [l, i]));
  const out = new Int32Array(n);
  for (const sp of spans) {
    for (let i = sp.s; i < sp.e; i++) {
      let p: string;
      if (scheme === 'BIO') p = i === sp.s ? 'B' : 'I';
      else if (sp.e - sp.s === 1) p = 'U';
      else p = i === sp.s ? 'B' : i === sp.e - 1 ? 'L' : 'I';
      out[i] = idx.get(p + '-' + sp.type) ?? 0;
    }
  }
  return out;
}

export interface ModelHeader {
  format: 'parley-ner@1';
  featureVersion: number;
  features?: Partial<FeatureConfig>;
  scheme: Scheme;
  labels: string[];
  /** weight = int16 * scale */
  scale: number;
  trans: number[];
  gazetteer: GazetteerData;
  /** names of a knowledge base independent of the training annotations (curated people, bodies, countries) */
  kb?: GazetteerData;
  /**
   * KB names (folded token sequences) that the training text never uses as ordinary words: they
   * are mentions wherever they occur, also in lower case (`росія`, `путін`, `рф`)
   */
  lowercase?: [string, string][];
  /** forms of institutions named by their seat (`кремль`, `белый дом`): ORG, never LOC */
  metonymy?: string[];
  meta: Record<string, unknown>;
}

/** A folded phrase with every word ending-stripped. */
export function stemKey(phrase: string): string {
  return phrase
    .split(' ')
    .map((w) => stem(w))
    .join(' ');
}

export class NerModel {
  readonly L: number;
  readonly allowed: Uint8Array;
  readonly endOk: Uint8Array;
  readonly trans: Float32Array;
  readonly kb: Gazetteer | null;
  /** lower-case-safe KB names: folded phrase -> type, and the longest phrase length */
  readonly lowercase: Map<string, string>;
  /** first (stemmed) word of those names -> longest name length */
  readonly lowercaseFirst: Map<string, number>;
  readonly metonymy: Set<string>;
  /** words in the longest metonymy name */
  readonly metonymyMaxLen: number;

  constructor(
    readonly header: ModelHeader,
    /** feature string (hashed) -> row index */
    readonly features: FeatureTable,
    /** rows * L quantised weights: a weight is Math.fround(Q[i] * scale) */
    readonly Q: Int16Array,
    readonly scale: number,
    readonly gazetteer: Gazetteer,
  ) {
    this.L = header.labels.length;
    const m = transitionMask(header.labels, header.scheme);
    this.allowed = m.allowed;
    this.endOk = m.endOk;
    this.trans = Float32Array.from(header.trans);
    this.kb = header.kb ? Gazetteer.fromData(header.kb) : null;
    // exact forms (ending-stripped matching read `том`, `украинской` as names); metonymy forms
    // are keyed by ending-stripped words, so every case form matches (`кремлі` ~ `кремль`)
    this.lowercase = new Map(header.lowercase ?? []);
    this.metonymy = new Set((header.metonymy ?? []).map(stemKey));
    this.metonymyMaxLen = Math.max(0, ...[...this.metonymy].map((k) => k.split(' ').length));
    this.lowercaseFirst = new Map();
    for (const k of this.lowercase.keys()) {
      const ws = k.split(' ');
      this.lowercaseFirst.set(ws[0], Math.max(this.lowercaseFirst.get(ws[0]) ?? 0, ws.length));
    }
  }

  static decode(buf: Buffer): NerModel {
    const raw = gunzipSync(buf);
    const hlen = raw.readUInt32LE(0);
    const header = JSON.parse(raw.subarray(4, 4 + hlen).toString('utf8')) as ModelHeader;
    if (header.format !== 'parley-ner@1') throw new Error(`unknown NER model format '${String(header.format)}'`);
    const flen = raw.readUInt32LE(4 + hlen);
    // feature names are hashed straight from their bytes (no 230k strings, no Map)
    const L = header.labels.length;
    const off = 8 + hlen + flen;
    // the int16 rows that follow the names tell how many names there are (sizes the table)
    const rows = Math.floor((raw.length - off) / (2 * L));
    const { table: features, count } = FeatureTable.fromUtf8Lines(raw.subarray(8 + hlen, 8 + hlen + flen), rows);
    const n = count * L;
    if (count !== rows || raw.length !== off + 2 * n) throw new Error(`NER model file is damaged: ${count} feature names, ${rows} weight rows`);
    // int16 weights, kept as they are (half the memory of float32, no conversion pass)
    const Q = new Int16Array(n);
    if (endianness() === 'LE') Buffer.from(Q.buffer).set(raw.subarray(off, off + 2 * n));
    else for (let i = 0; i < n; i++) Q[i] = raw.readInt16LE(off + 2 * i);
    return new NerModel(header, features, Q, header.scale, Gazetteer.fromData(header.gazetteer));
  }

  /**
   * Serialise with weights quantised to int16; features whose quantised weights are all below
   * `minQ` in absolute value (at least 1: all 0) are dropped.
   */
  static encode(header: Omit<ModelHeader, 'scale'>, names: readonly string[], W: Float32Array, minQ = 1): Buffer {
    const L = header.labels.length;
    let max = 0;
    for (let i = 0; i < W.length; i++) max = Math.max(max, Math.abs(W[i]));
    const scale = max > 0 ? max / 32767 : 1;
    const keep: number[] = [];
    for (let j = 0; j < names.length; j++) {
      let nz = false;
      for (let l = 0; l < L; l++) if (Math.abs(Math.round(W[j * L + l] / scale)) >= Math.max(1, minQ)) nz = true;
      if (nz) keep.push(j);
    }
    const h = Buffer.from(JSON.stringify({ ...header, scale }), 'utf8');
    const f = Buffer.from(keep.map((j) => names[j]).join('\n'), 'utf8');
    const w = Buffer.alloc(keep.length * L * 2);
    let o = 0;
    for (const j of keep) for (let l = 0; l < L; l++, o += 2) w.writeInt16LE(Math.round(W[j * L + l] / scale), o);
    const len = Buffer.alloc(4);
    len.writeUInt32LE(h.length, 0);
    const flen = Buffer.alloc(4);
    flen.writeUInt32LE(f.length, 0);
    return gzipSync(Buffer.concat([len, h, flen, f, w]), { level: 9 });
  }
}
