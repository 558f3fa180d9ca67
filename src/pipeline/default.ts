import type { Stage } from './stage.js';

/**
 * The stages of a full analysis, in order. Each entry is the stage folder's public entry point.
 * `upTo` stops after the named stage (e.g. 'tokens' for the tokenize-only bench baseline).
 */
export async function defaultStages(upTo?: string): Promise<Stage[]> {
  const out: Stage[] = [];
  for (const [name, make] of factories) {
    out.push(await make());
    if (upTo && name === upTo) break;
  }
  return out;
}

/**
 * One stage of the default list by name, importing only its own module (a command that needs the
 * morphology alone, like search lemmatising its query, does not load the language model).
 */
export async function createStage(name: string): Promise<Stage> {
  const f = factories.find(([n]) => n === name);
  if (!f) throw new Error(`no stage named '${name}'`);
  return f[1]();
}

const factories: [string, () => Promise<Stage>][] = [
  // [stage name, loader] — added by each stage as it lands
  ['lang', async () => (await import('../text/lang/index.js')).createLangStage()],
  ['tokens', async () => (await import('../text/segment/index.js')).tokensStage],
  // (the stories updater lemmatises stored texts with the pipeline's analyser once one is loaded:
  // the words the pipeline just analysed are in its cache; src/corpus/stories/lemmas.ts)
  ['morph', async () => (await import('../corpus/stories/lemmas.js')).sharingMorphology((await import('../text/morph/index.js')).createMorphStage())],
  ['ner', async () => (await import('../entities/ner/index.js')).nerStage],
  ['entities', async () => (await import('../entities/link/index.js')).entitiesStage],
  ['quotes', async () => (await import('../quotes/index.js')).quotesStage],
  ['time', async () => (await import('../time/index.js')).timeStage],
  ['events', async () => (await import('../events/index.js')).eventsStage],
];
