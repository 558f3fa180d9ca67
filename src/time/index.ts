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

export const timeStage: Stage = {
  name: 'time',
  needs: ['tokens'],
  load() {
    // build each language's parser set once (chrono compiles its patterns on first use)
    for (const l of TIME_LANGS) chronoFor(l, timeLexicon(l)).parse(WARM[l], new Date(Date.UTC(2026, 1, 5)));
  },
  run(doc) {
    const lang = isTimeLang(doc.lang) ? doc.lang : null;
    doc.layers.times = lang ? extractTimes(doc, lang) : [];
  },
};

export default timeStage;
