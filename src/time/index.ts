/**
 * The `time` stage: temporal expressions (`doc.layers.times`) in ru, uk and en, normalised
 * against the article's `published` date. See extract.ts for the resolution rules and
 * parsers.ts for what is added to chrono-node.
 */
import type { Stage } from '../pipeline/stage.js';
import { extractTimes } from './extract.js';
import { isTimeLang } from './lexicon.js';

export { extractTimes } from './extract.js';
export { clauseAt, clauseDirection, sentenceAt, sentences, wordsIn, normWord } from './clause.js';
export type { Word, Direction } from './clause.js';

export const timeStage: Stage = {
  name: 'time',
  needs: ['tokens'],
  // chrono's locale is loaded and its patterns compiled on the first document of each language
  run(doc) {
    const lang = isTimeLang(doc.lang) ? doc.lang : null;
    doc.layers.times = lang ? extractTimes(doc, lang) : [];
  },
};

export default timeStage;
