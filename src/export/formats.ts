/**
 * Export formats shared by the CLI and the API: PLOVER-style event records, flat rows for CSV, and
 * GraphML of events (actors as nodes, one edge per event from its first actor to each other one).
 * Everything is streamed: producers are async iterables of strings.
 */
import { stringify } from 'csv-stringify/sync';
import type { ArticleSummary, EntitySummary, EventRecord, QuoteRecord } from '../store/types.js';

/** A PLOVER-style record (the fields of the PLOVER gold-standard records, plus Parley's own). */
export function ploverRecord(e: EventRecord): Record<string, unknown> {
  const actor = (a: { id: string; name: string | null }) => ({ actorText: a.name ?? a.id, code: a.id });
  return {
    id: `${e.article}-${e.index}`,
    date: e.when?.value ?? e.published,
    event: e.type,
    mode: e.mode,
    source: e.actors.slice(0, 1).map(actor),
    target: e.actors.slice(1).map(actor),
    actors: e.actors.map(actor),
    eventText: e.trigger?.text ?? '',
    text: e.text,
    status: e.status,
    level: e.level,
    place: e.place,
    reportedBy: e.reportedBy,
    stances: e.stances,
    language: e.lang,
    publication: e.outlet,
    article: { id: e.article, title: e.title, published: e.published, url: e.url, span: { start: e.start, end: e.end } },
  };
}

export type Exportable = 'articles' | 'events' | 'quotes' | 'entities';

/** Column names and a row maker per kind of record, for CSV. */
export const CSV_COLUMNS: { [K in Exportable]: { head: string[]; row: (r: any) => unknown[] } } = {
  articles: {
    head: ['id', 'published', 'lang', 'outlet', 'title', 'url', 'path'],
    row: (a: ArticleSummary) => [a.id, a.published, a.lang, a.outlet, a.title, a.url, a.path],
  },
  events: {
    head: ['article', 'index', 'published', 'date', 'type', 'mode', 'status', 'level', 'actors', 'actor_names', 'place', 'reported_by', 'lang', 'outlet', 'start', 'end', 'text'],
    row: (e: EventRecord) => [
      e.article,
      e.index,
      e.published,
      e.when?.value ?? null,
      e.type,
      e.mode,
      e.status,
      e.level,
      e.actors.map((a) => a.id).join('|'),
      e.actors.map((a) => a.name ?? a.id).join('|'),
      e.place,
      e.reportedBy.join('|'),
      e.lang,
      e.outlet,
      e.start,
      e.end,
      e.text,
    ],
  },
  quotes: {
    head: ['article', 'published', 'lang', 'outlet', 'speaker', 'speaker_name', 'kind', 'cue', 'via', 'start', 'end', 'text'],
    row: (q: QuoteRecord) => [q.article, q.published, q.lang, q.outlet, q.speaker, q.speakerName, q.kind, q.cue, q.via, q.start, q.end, q.text],
  },
  entities: {
    head: ['id', 'type', 'name', 'name_ru', 'name_uk', 'name_en', 'articles', 'mentions', 'roles'],
    row: (e: EntitySummary) => [e.id, e.type, e.name, e.names.ru ?? '', e.names.uk ?? '', e.names.en ?? '', e.articles, e.mentions, e.roles.join('|')],
  },
};

/** CSV lines (RFC 4180 quoting by csv-stringify; cells that start with = + - @ are prefixed with ' against formula injection). */
export async function* csvLines<T>(kind: Exportable, rows: AsyncIterable<T>): AsyncGenerator<string> {
  const { head, row } = CSV_COLUMNS[kind];
  const safe = (v: unknown) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
  yield stringify([head]);
  for await (const r of rows) yield stringify([row(r).map(safe)]);
}

export async function* jsonLines<T>(rows: AsyncIterable<T>, map: (r: T) => unknown = (r) => r): AsyncGenerator<string> {
  for await (const r of rows) yield JSON.stringify(map(r)) + '\n';
}

/** A JSON array of PLOVER records, one per line. */
export async function* ploverArray(rows: AsyncIterable<EventRecord>): AsyncGenerator<string> {
  let first = true;
  yield '[';
  for await (const e of rows) {
    yield (first ? '\n' : ',\n') + JSON.stringify(ploverRecord(e));
    first = false;
  }
  yield '\n]\n';
}

const XML_ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
/** XML-escaped text with characters XML 1.0 forbids removed. */
export function xmlText(v: unknown): string {
  return String(v ?? '')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[&<>"']/g, (c) => XML_ESC[c]);
}

/** GraphML: actors as nodes (name), one directed edge per event from its first actor to each other actor. */
export async function* graphml(rows: AsyncIterable<EventRecord>): AsyncGenerator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n';
  const keys: [string, 'node' | 'edge', string][] = [
    ['name', 'node', 'string'],
    ['type', 'edge', 'string'],
    ['mode', 'edge', 'string'],
    ['status', 'edge', 'string'],
    ['date', 'edge', 'string'],
    ['article', 'edge', 'string'],
    ['event', 'edge', 'int'],
    ['text', 'edge', 'string'],
  ];
  for (const [id, target, type] of keys) yield `  <key id="${id}" for="${target}" attr.name="${id}" attr.type="${type}"/>\n`;
  yield '  <graph id="parley" edgedefault="directed">\n';
  const seen = new Set<string>();
  let n = 0;
  for await (const e of rows) {
    for (const a of e.actors) {
      if (seen.has(a.id)) continue;
      seen.add(a.id);
      yield `    <node id="${xmlText(a.id)}"><data key="name">${xmlText(a.name ?? a.id)}</data></node>\n`;
    }
    const [src, ...targets] = e.actors;
    for (const t of targets) {
      const data = { type: e.type, mode: e.mode, status: e.status, date: e.when?.value ?? e.published, article: e.article, event: e.index, text: e.text };
      yield `    <edge id="e${n++}" source="${xmlText(src.id)}" target="${xmlText(t.id)}">${Object.entries(data)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => `<data key="${k}">${xmlText(v)}</data>`)
        .join('')}</edge>\n`;
    }
  }
  yield '  </graph>\n</graphml>\n';
}

/** All rows of a paged store query, page by page. */
export async function* allPages<T>(fetch: (offset: number, limit: number) => Promise<T[]>, pageSize = 500): AsyncGenerator<T> {
  for (let offset = 0; ; offset += pageSize) {
    const rows = await fetch(offset, pageSize);
    yield* rows;
    if (rows.length < pageSize) return;
  }
}
