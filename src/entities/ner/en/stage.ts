/**
 * Glue for the `ner` stage: the English recogniser for a pipeline context. It uses the `kb`
 * service when the pipeline has one (the `entities` stage provides it in its load()), else loads
 * the shipped knowledge base itself once, and the `morph` service when present.
 */
import type { Doc, Mention } from '../../../doc/model.js';
import type { Context } from '../../../pipeline/context.js';
import '../../kb/api.js';
import '../../../text/morph/api.js';
import { Kb } from '../../kb/kb.js';
import { EnglishNer, type EnKb } from './index.js';

let ownKb: Kb | null = null;
const byKb = new WeakMap<object, EnglishNer>();

/** The English recogniser bound to the context's services (made once per knowledge base). */
export function englishNer(ctx?: Context): EnglishNer {
  let kb: EnKb | undefined = ctx?.maybe('kb') as EnKb | undefined;
  if (!kb) kb = ownKb ??= Kb.load();
  let r = byKb.get(kb);
  if (!r) {
    r = EnglishNer.load(kb, ctx?.maybe('morph'));
    byKb.set(kb, r);
  }
  return r;
}

/** English mentions of a document (its tokens layer, morph readings when present). */
export function recognizeEnglish(doc: Pick<Doc, 'text' | 'layers'>, ctx?: Context): Mention[] {
  return englishNer(ctx).recognize(doc);
}
