import { createHash } from 'node:crypto';
import type { Doc, RawArticle } from './model.js';
import { normalizeBody } from './normalize.js';

/** Stable id of an article without one: a hash of its normalised text. */
export function contentId(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}

/** A fresh document from a reader's raw article: normalised body, id, empty layers. */
export function createDoc(raw: RawArticle): Doc {
  const text = normalizeBody(raw.text);
  return {
    id: raw.id && raw.id.trim() ? raw.id.trim() : contentId(text),
    source: { ...raw.source },
    published: raw.published ?? null,
    lang: raw.lang ?? 'und',
    title: raw.title ? normalizeBody(raw.title).trim() : null,
    text,
    layers: {},
    meta: {},
  };
}
