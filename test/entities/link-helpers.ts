/**
 * Test helpers for the `entities` stage: the real pipeline up to the morphology, then the mentions
 * given by their surface strings (in order of occurrence) and types, then the entities stage — so the
 * tests pin normalisation, coreference, linking and roles independently of the NER model's choices.
 */
import type { Doc, EntityType, Mention } from '../../src/doc/model.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import { defaultStages } from '../../src/pipeline/default.js';
import { entitiesStage, linkDoc } from '../../src/entities/link/index.js';

let pre: Pipeline | null = null;

export async function prePipeline(): Promise<Pipeline> {
  if (!pre) {
    const stages = (await defaultStages()).filter((s) => ['lang', 'tokens', 'morph'].includes(s.name));
    pre = await new Pipeline(stages).load();
    await entitiesStage.load!(pre.ctx);
  }
  return pre;
}

/** Analyse `text` in `lang` with the given mentions (surface, type), found left to right. */
export async function link(text: string, lang: string, mentions: [string, EntityType][]): Promise<Doc> {
  const p = await prePipeline();
  const doc = p.analyze({ source: {}, published: '2026-02-05', title: null, text, lang });
  doc.lang = lang;
  const ms: Mention[] = [];
  let from = 0;
  for (const [surface, type] of mentions) {
    const start = doc.text.indexOf(surface, from);
    if (start < 0) throw new Error(`mention not in text: ${surface}`);
    ms.push({ start, end: start + surface.length, text: surface, type, lemma: surface });
    from = start + surface.length;
  }
  doc.layers.mentions = ms;
  const L = p.ctx.get('entityLinker');
  doc.layers.entities = linkDoc(doc, { ...L, morph: p.ctx.maybe('morph') });
  return doc;
}

/** base form of the mention written `surface` */
export function lemmaOf(doc: Doc, surface: string): string | undefined {
  for (const e of doc.layers.entities ?? []) for (const m of e.mentions) if (m.text === surface) return m.lemma;
  return undefined;
}

/** entity id of the mention written `surface` */
export function idOf(doc: Doc, surface: string): string | undefined {
  for (const e of doc.layers.entities ?? []) for (const m of e.mentions) if (m.text === surface) return e.id;
  return undefined;
}

export function entityOf(doc: Doc, surface: string) {
  return (doc.layers.entities ?? []).find((e) => e.mentions.some((m) => m.text === surface));
}
