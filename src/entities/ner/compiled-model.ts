/**
 * The NER model as loaded by the stage: decoded from `model/ner.bin.gz` once, then read back from
 * its compiled form (`src/pipeline/compiled.ts`: the hashed feature table, the weights and the
 * gazetteers' hash indexes as they are in memory), keyed by the model file's bytes and the code of
 * the classes that hold it.
 */
import { compiled, siblings, type CompiledSpec } from '../../pipeline/compiled.js';
import { Gazetteer } from './gazetteer.js';
import { FeatureTable, HashIndex } from './hash.js';
import { NerModel } from './model.js';

/**
 * The model without the phrase lists of its header (gazetteers, lower-case names: ~1.3 MB of
 * strings), which the tagger never reads once the model has built its indexes from them.
 */
function withoutPhraseLists(m: NerModel): NerModel {
  const h = m.header;
  (m as { header: NerModel['header'] }).header = {
    ...h,
    gazetteer: { phrases: [] },
    kb: h.kb ? { phrases: [] } : undefined,
    lowercase: [],
  };
  return m;
}

/** how the model is compiled (also what `analyze --jobs N` shares between its threads: src/pipeline/shared.ts) */
export function nerModelSpec(bytes: Buffer): CompiledSpec<NerModel> {
  return {
    name: 'ner-model',
    sources: [bytes],
    code: siblings(import.meta.url, './model', './hash', './gazetteer', './compiled-model'),
    classes: [NerModel, FeatureTable, Gazetteer, HashIndex],
    build: () => withoutPhraseLists(NerModel.decode(bytes)),
  };
}

export function loadNerModel(bytes: Buffer): NerModel {
  return compiled(nerModelSpec(bytes));
}
