/**
 * Turns annotated documents into what the tagger sees: the project's own tokens (and morphology,
 * once the `tokens`/`morph` stages are in the pipeline) plus gold spans in token indices.
 */
import type { RawArticle, Token } from '../../src/doc/model.js';
import { normalizeBody } from '../../src/doc/normalize.js';
import { simpleTokenize } from '../../src/entities/ner/tokenize.js';
import type { Pipeline } from '../../src/pipeline/index.js';
import type { GoldMention, TrainDoc } from './data.js';

export interface PreparedDoc {
  doc: TrainDoc;
  text: string;
  tokens: Token[];
  /** gold spans in token indices */
  spans: { s: number; e: number; type: string }[];
  /** gold mentions in character offsets of `text` */
  gold: GoldMention[];
  misaligned: number;
}

export function prepare(pipe: Pipeline | null, d: TrainDoc): PreparedDoc {
  let text = d.text;
  let tokens: Token[] | undefined;
  if (pipe) {
    const raw: RawArticle = { source: { path: d.id + '.txt', format: 'text' }, published: null, title: null, text: d.text, lang: d.lang };
    const doc = pipe.analyze(raw);
    text = doc.text;
    tokens = doc.layers.tokens;
  } else text = normalizeBody(d.text);
  if (!tokens) tokens = simpleTokenize(text);
  // gold offsets into the normalised text (same length in practice; relocate when it is not)
  let gold = d.mentions;
  if (text.length !== d.text.length) {
    gold = [];
    for (const m of d.mentions) {
      const surf = normalizeBody(d.text.slice(m.start, m.end));
      const guess = m.start - (d.text.length - text.length);
      let found = -1;
      for (let k = 0; k < 400 && found < 0; k++) {
        for (const s of [m.start - k, m.start + k, guess - k, guess + k]) {
          if (s >= 0 && text.startsWith(surf, s)) {
            found = s;
            break;
          }
        }
      }
      if (found >= 0) gold.push({ start: found, end: found + surf.length, type: m.type });
    }
  }
  const spans: PreparedDoc['spans'] = [];
  let misaligned = 0;
  let ti = 0;
  for (const m of gold) {
    while (ti < tokens.length && tokens[ti].end <= m.start) ti++;
    let tj = ti;
    while (tj < tokens.length && tokens[tj].start < m.end) tj++;
    if (tj <= ti) {
      misaligned++;
      continue;
    }
    if (tokens[ti].start !== m.start || tokens[tj - 1].end !== m.end) misaligned++;
    // a mention may not cross a sentence boundary of the tokenizer: keep the first sentence part
    let e = ti + 1;
    while (e < tj && tokens[e].sent === tokens[ti].sent) e++;
    if (spans.length && spans[spans.length - 1].e > ti) continue;
    spans.push({ s: ti, e, type: m.type });
  }
  return { doc: d, text, tokens, spans, gold, misaligned };
}
