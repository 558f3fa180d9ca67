/**
 * Framing rows from the two reads both stores make (the entity rows of the articles, their quotes
 * with a speaker): one row per article and entity, its quotes attached. Store-independent.
 */
import type { FramingRow } from './types.js';

type Row = Record<string, any>;

export function framingRows(ents: Row[], quotes: Row[]): FramingRow[] {
  const out: FramingRow[] = ents.map((r) => ({
    article: r.article,
    outlet: r.outlet,
    lang: r.lang,
    published: r.published,
    actor: r.actor ?? r.entity,
    entity: r.entity,
    name: r.name,
    roles: r.roles ? (JSON.parse(r.roles) as string[]) : [],
    quotes: [],
  }));
  const byKey = new Map(out.map((r) => [`${r.article}|${r.entity}`, r]));
  for (const q of quotes) {
    const row = byKey.get(`${q.article}|${q.entity}`);
    if (row) row.quotes.push({ index: q.idx, start: q.start, end: q.end, text: q.text, kind: q.kind });
  }
  return out;
}
