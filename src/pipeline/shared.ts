/**
 * Read-only resources shared between analysis threads (`analyze`/`ingest --jobs N`): the thread
 * that starts the pool packs them once into SharedArrayBuffers, each worker thread gets them in its
 * `workerData` and registers them (`useSharedResources`) before it loads its pipeline, so the
 * stages use the same memory instead of each thread reading its own copy:
 *   - the NER model (`compiled()`: feature hash table, weights, gazetteer indexes, ~11.5 MB of typed arrays);
 *   - data files used in place (`readSharedFile`): the Russian dictionary's DAWGs and paradigms
 *     (~10.4 MB) and the Ukrainian stem table (~4.4 MB).
 * Resources made of JS objects (the KB's maps, the morphology caches) cannot be shared between
 * isolates and stay per thread.
 */
import { readFileSync } from 'node:fs';
import { shareCompiled, useSharedCompiled, type SharedCompiled } from './compiled.js';
import { resourcePath } from './resources.js';
import { shareFiles, useSharedFiles } from './shared-files.js';

export interface SharedResources {
  compiled: SharedCompiled[];
  files: [string, Uint8Array][];
}

/** the resources to hand to analysis threads; what cannot be loaded here is left out (each thread then loads its own) */
export async function sharedResources(): Promise<SharedResources> {
  const out: SharedResources = { compiled: [], files: [] };
  try {
    const { defaultModelPath } = await import('../entities/ner/index.js');
    const { nerModelSpec } = await import('../entities/ner/compiled-model.js');
    out.compiled.push(shareCompiled(nerModelSpec(readFileSync(defaultModelPath()))));
  } catch {
    /* each thread loads the model itself */
  }
  const files: string[] = [];
  try {
    const { ruDictFiles } = await import('../text/morph/ru.js');
    files.push(...ruDictFiles());
  } catch {
    /* no Russian dictionary package: the morph stage reports it */
  }
  const { UK_STEMS_FILE } = await import('../text/morph/uk.js');
  files.push(resourcePath(UK_STEMS_FILE));
  out.files = shareFiles(files);
  return out;
}

/** in a worker thread, before its pipeline loads: the resources its parent shared */
export function useSharedResources(r: SharedResources | null | undefined): void {
  if (!r) return;
  useSharedCompiled(r.compiled ?? []);
  useSharedFiles(r.files ?? []);
}
