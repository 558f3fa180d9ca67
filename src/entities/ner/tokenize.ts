/**
 * A small tokenizer used by the recogniser only when a document has no `tokens` layer (the
 * `tokens` stage not in the pipeline, or a caller tagging bare text). The real tokenizer is the
 * `tokens` stage; this one follows the same conventions: words keep inner hyphens and
 * apostrophes (`Інтерфакс-Україна`, `поток-2`, `п’ять`), quotes and other punctuation are tokens
 * of their own, a sentence ends after `.!?…` followed by space and a capital, or at a line break.
 */
import type { Token, TokenKind } from '../../doc/model.js';
import { fold } from '../../doc/normalize.js';

const TOKEN_RE =
  /(https?:\/\/[^\s«»"“”]+)|([\p{L}\p{M}\d_.+-]+@[\p{L}\d-]+\.[\p{L}\d.-]+)|(\d+(?:[.,:]\d+)*(?:-[\p{L}\d]+)*)|([\p{L}\p{M}]+(?:[’'\-‐][\p{L}\p{M}\d]+)*(?:-\d+)?)|(\S)/gu;

export function simpleTokenize(text: string): Token[] {
  const out: Token[] = [];
  let sent = 0;
  let pendingBreak = false;
  let lastEnd = 0;
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    const start = m.index;
    const s = m[0];
    const gap = text.slice(lastEnd, start);
    if (out.length && (gap.includes('\n') || (pendingBreak && /^[\p{Lu}\d«"“„(—–-]/u.test(s)))) sent++;
    pendingBreak = false;
    const kind: TokenKind = m[1] ? 'url' : m[2] ? 'email' : m[3] ? 'number' : m[4] ? 'word' : /[\p{P}]/u.test(s) ? 'punct' : 'symbol';
    out.push({ start, end: start + s.length, text: s, norm: fold(s), kind, sent, spaceBefore: start > 0 && /\s/.test(text[start - 1]) });
    if (/^[.!?…]$/.test(s)) {
      const prev = out[out.length - 2];
      // initials and short abbreviations (`В. Путин`, `т.д.`) do not end a sentence
      if (!(s === '.' && prev && prev.kind === 'word' && prev.text.length <= 2 && !/^\p{Lu}{2}$/u.test(prev.text))) pendingBreak = true;
    }
    lastEnd = start + s.length;
  }
  return out;
}
