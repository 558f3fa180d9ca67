/**
 * The words of an article's text, scanned once for both corpus updaters that read them in turn
 * (near-duplicate shingles, then the story lemmas): the search index's word pattern (`WORD_RE`),
 * each word with its UTF-16 offset. The last text's scan is kept (callers must not modify it).
 */
import { WORD_RE } from '../../store/terms.js';

export interface TextWords {
  /** offset of each word */
  starts: number[];
  /** the words as they appear in the text */
  words: string[];
}

let lastText: string | null = null;
let lastWords: TextWords = { starts: [], words: [] };

export function textWords(text: string): TextWords {
  if (text === lastText) return lastWords;
  const starts: number[] = [];
  const words: string[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    starts.push(m.index!);
    words.push(m[0]);
  }
  lastText = text;
  lastWords = { starts, words };
  return lastWords;
}
