/**
 * The `tokens` stage: sentences (`doc.layers.sentences`) and tokens (`doc.layers.tokens`).
 * See `tokenize.ts` for the token and sentence conventions.
 */
import type { Stage } from '../../pipeline/stage.js';
import { loadAbbrTables } from './abbr.js';
import { segmentText } from './tokenize.js';

export { tokenize, segment, segmentText } from './tokenize.js';

export const tokensStage: Stage = {
  name: 'tokens',
  load() {
    loadAbbrTables();
  },
  run(doc) {
    const { tokens, sentences } = segmentText(doc.text, { lang: doc.lang });
    doc.layers.tokens = tokens;
    doc.layers.sentences = sentences;
  },
};

export default tokensStage;
