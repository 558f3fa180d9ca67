/**
 * The `tokens` stage: sentences (`doc.layers.sentences`) and tokens (`doc.layers.tokens`).
 * See `tokenize.ts` for the token and sentence conventions.
 */
import type { Stage } from '../../pipeline/stage.js';
import { loadAbbrTables } from './abbr.js';
import { segmentText } from './tokenize.js';
import { warmTokenizer } from './warm.js';

export { tokenize, segment, segmentText } from './tokenize.js';

let runs = 0;

export const tokensStage: Stage = {
  name: 'tokens',
  load() {
    loadAbbrTables();
  },
  run(doc) {
    // the rare branches taken once before V8 optimises (see warm.ts); at the second document, so
    // that a process analysing one article (a cold `parley analyze`) does not pay for it
    if (++runs === 2) warmTokenizer();
    const { tokens, sentences } = segmentText(doc.text, { lang: doc.lang });
    doc.layers.tokens = tokens;
    doc.layers.sentences = sentences;
  },
};

export default tokensStage;
