/**
 * The `time` stage: temporal expressions (`doc.layers.times`) in ru, uk and en, normalised
 * against the article's `published` date. See extract.ts for the resolution rules and
 * parsers.ts for what is added to chrono-node.
 */
import type { Stage } from '../pipeline/stage.js';
import { extractTimes } from './extract.js';
import { isTimeLang, timeLexicon, TIME_LANGS } from './lexicon.js';
import { chronoFor } from './parsers.js';

const WARM = { ru: 'во вторник, 5 февраля 2026 года', uk: 'у вівторок, 5 лютого 2026 року', en: 'on Tuesday, February 5, 2026' } as const;

export { extractTimes } from './extract.js';
export { clauseAt, clauseDirection, sentenceAt, sentences, wordsIn, normWord } from './clause.js';
export type { Word, Direction } from './clause.js';

/** Load and compile every language's parsers now instead of on first use. */
export function warmTime(): void {
  for (const l of TIME_LANGS) chronoFor(l, timeLexicon(l)).parse(WARM[l], new Date(Date.UTC(2026, 1, 5)));
}

export const timeStage: Stage = {
  name: 'time',
  needs: ['tokens'],
  // chrono's locale is loaded and its patterns compiled on the first document of each language
  // (warm(): used by long-running processes that prefer to pay it up front)
  run(doc) {
    const lang = isTimeLang(doc.lang) ? doc.lang : null;
    doc.layers.times = lang ? extractTimes(doc, lang) : [];
  },
};

export default timeStage;
