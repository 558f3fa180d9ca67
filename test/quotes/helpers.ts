/** Shared by the quotes tests: one loaded pipeline per test file, and readable views of its output. */
import type { Doc, Quote } from '../../src/doc/model.js';
import { createPipeline } from '../../src/pipeline/index.js';
import type { Pipeline } from '../../src/pipeline/pipeline.js';

let pipe: Promise<Pipeline> | null = null;

export async function analyze(text: string, lang?: string): Promise<Doc> {
  pipe ??= createPipeline();
  const p = await pipe;
  return p.analyze({ source: { path: 'test.txt' }, published: '2026-02-10', title: null, text, lang: lang ?? null });
}

/**
 * The names of a quote's speaker: its base name, its names per language and the forms the text uses
 * (ids differ between KB builds; names are what the text says).
 */
export function speakerName(doc: Doc, q: Quote | undefined): string | null {
  if (!q || !q.speaker) return null;
  return entityName(doc, q.speaker);
}

export function entityName(doc: Doc, id: string | null | undefined): string | null {
  if (!id) return null;
  const e = (doc.layers.entities ?? []).find((x) => x.id === id);
  return e ? [e.name, ...Object.values(e.names ?? {}), ...e.mentions.map((m) => m.text)].join(' ') : id;
}

/** The quote whose text starts with `prefix`. */
export function quoteStarting(doc: Doc, prefix: string): Quote | undefined {
  return (doc.layers.quotes ?? []).find((q) => q.text.startsWith(prefix));
}

/** Every span's text equals the slice of the document it points at. */
export function spansConsistent(doc: Doc): boolean {
  for (const q of doc.layers.quotes ?? []) {
    if (doc.text.slice(q.start, q.end) !== q.text) return false;
    if (q.cue && doc.text.slice(q.cue.start, q.cue.end) !== q.cue.text) return false;
  }
  for (const a of doc.layers.attributions ?? []) if (a.end <= a.start || a.end > doc.text.length) return false;
  return true;
}
