/**
 * Read-only resources shared between analysis threads (`analyze`/`ingest --jobs N`, the queue
 * worker's threads): the thread that starts the pool packs them once into SharedArrayBuffers
 * (`shareCompiled`), each worker thread gets them in its `workerData` and registers them
 * (`useSharedCompiled`) before it loads its pipeline, so the stages' `compiled()` calls return
 * objects around the same memory instead of each thread reading its own copy.
 *
 * Shared: the NER model (feature hash table, weights, gazetteer indexes: ~20 MB of typed arrays).
 * Resources made of JS objects (the KB's maps, the morphology caches) cannot be shared between
 * isolates and stay per thread.
 */
import { readFileSync } from 'node:fs';
import { shareCompiled, type SharedCompiled } from './compiled.js';

export type { SharedCompiled } from './compiled.js';

/** the resources to hand to analysis threads; an empty list when one cannot be loaded here (each thread then loads its own) */
export async function sharedResources(): Promise<SharedCompiled[]> {
  try {
    const { defaultModelPath } = await import('../entities/ner/index.js');
    const { nerModelSpec } = await import('../entities/ner/compiled-model.js');
    return [shareCompiled(nerModelSpec(readFileSync(defaultModelPath())))];
  } catch {
    return [];
  }
}
