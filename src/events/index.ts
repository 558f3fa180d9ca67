/**
 * The `events` stage: diplomatic events (`doc.layers.events`) typed with PLOVER, with parties,
 * level, status, date, place, who reports them and who confirmed or denied them. See extract.ts.
 */
import type { Stage } from '../pipeline/stage.js';
import { extractEvents } from './extract.js';
import { EVENT_LANGS, eventLexicon } from './lexicon.js';

export { extractEvents } from './extract.js';
export { eventLexicon } from './lexicon.js';
export { classifyEventType } from './classify.js';

export const eventsStage: Stage = {
  name: 'events',
  needs: ['tokens', 'time'],
  load() {
    for (const l of EVENT_LANGS) eventLexicon(l);
  },
  run(doc, ctx) {
    doc.layers.events = extractEvents(doc, ctx);
  },
};

export default eventsStage;
