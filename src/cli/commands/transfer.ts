/**
 * What an analysis worker thread sends back to the thread that uses its documents.
 *
 * A Doc crosses threads by structured cloning, which writes every property of every object: the
 * tokens layer (each token with its tags and alternative readings) is ~75 % of a cloned Doc
 * (~70 of ~92 KB for a news article) and its cloning ~1.3 of the ~1.7 ms CPU an article costs to
 * send and receive. So the pool's user says which tokens it needs:
 *   - 'full': every token as the pipeline made it (`analyze --tokens`, the readable summary);
 *   - 'index': what a store indexes (start, end, text, lemma, kind, pos, and each alternative
 *     reading's lemma and source: src/store/index-terms.ts), in columns (a few arrays instead of an
 *     object per token and per reading), rebuilt as plain objects on arrival (`ingest`, the queue worker);
 *   - 'none': no tokens layer (`analyze --json`: parley/article@1 holds no tokens).
 * Every other layer is sent as it is.
 */
import type { Doc, Token } from '../../doc/model.js';

export type TokenDetail = 'full' | 'index' | 'none';

/** the tokens a store indexes, in columns */
export interface IndexTokens {
  n: number;
  /** start, end of each token */
  offsets: Int32Array;
  /** text, lemma, kind, pos of each token (undefined where the token has none) */
  strs: (string | undefined)[];
  /** per token: 0 = no `alts`, else the number of its alternative readings + 1 */
  altCount: Uint16Array;
  /** lemma, source of every alternative reading, in token order */
  altStrs: string[];
}

/** the token fields a store reads (src/store/index-terms.ts TokenLike) */
export interface IndexToken {
  start: number;
  end: number;
  text: string;
  lemma?: string;
  kind: Token['kind'];
  pos?: string;
  alts?: { lemma: string; source: string }[];
}

export function packIndexTokens(tokens: readonly Token[]): IndexTokens {
  const n = tokens.length;
  const offsets = new Int32Array(n * 2);
  const strs: (string | undefined)[] = new Array(n * 4);
  const altCount = new Uint16Array(n);
  const altStrs: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    offsets[2 * i] = t.start;
    offsets[2 * i + 1] = t.end;
    strs[4 * i] = t.text;
    strs[4 * i + 1] = t.lemma;
    strs[4 * i + 2] = t.kind;
    strs[4 * i + 3] = t.pos;
    const as = t.alts;
    if (as) {
      altCount[i] = as.length + 1;
      for (let k = 0; k < as.length; k++) altStrs.push(as[k].lemma, as[k].source);
    }
  }
  return { n, offsets, strs, altCount, altStrs };
}

export function unpackIndexTokens(p: IndexTokens): IndexToken[] {
  const out: IndexToken[] = new Array(p.n);
  let a = 0;
  for (let i = 0; i < p.n; i++) {
    const t: IndexToken = {
      start: p.offsets[2 * i],
      end: p.offsets[2 * i + 1],
      text: p.strs[4 * i] as string,
      lemma: p.strs[4 * i + 1],
      kind: p.strs[4 * i + 2] as Token['kind'],
      pos: p.strs[4 * i + 3],
    };
    const m = p.altCount[i];
    if (m) {
      const alts: { lemma: string; source: string }[] = new Array(m - 1);
      for (let k = 0; k < m - 1; k++, a += 2) alts[k] = { lemma: p.altStrs[a], source: p.altStrs[a + 1] };
      t.alts = alts;
    }
    out[i] = t;
  }
  return out;
}

/** the document as the worker posts it: its tokens layer as `detail` says (see the module comment) */
export function docForTransfer(doc: Doc, detail: TokenDetail): Doc {
  if (detail === 'full' || !doc.layers.tokens) return doc;
  const { tokens, ...layers } = doc.layers;
  const out: Doc = { ...doc, layers };
  if (detail === 'index') (out.layers as Record<string, unknown>).indexTokens = packIndexTokens(tokens);
  return out;
}

/**
 * On arrival: the 'index' tokens as the tokens layer (objects with the fields a store reads; the
 * Token fields the store does not read, such as tags, are absent).
 */
export function docFromTransfer(doc: Doc): Doc {
  const L = doc.layers as Record<string, unknown>;
  const packed = L.indexTokens as IndexTokens | undefined;
  if (packed) {
    delete L.indexTokens;
    L.tokens = unpackIndexTokens(packed) as unknown as Token[];
  }
  return doc;
}
