export { Context } from './context.js';
export type { Services } from './context.js';
export type { Stage } from './stage.js';
export { Pipeline } from './pipeline.js';
export { createStage, defaultStages } from './default.js';
export { projectRoot, resourcePath, readJsonResource } from './resources.js';

import { Pipeline } from './pipeline.js';
import { defaultStages } from './default.js';

/** A loaded pipeline with every stage (or up to `upTo`). */
export async function createPipeline(opts: { upTo?: string } = {}): Promise<Pipeline> {
  return new Pipeline(await defaultStages(opts.upTo)).load();
}
