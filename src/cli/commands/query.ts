/** The commands that read the store: stats, entities, quotes, events (search: search.ts). */
import type { EventRecord } from '../../store/types.js';
import { CliError, EXIT } from '../exit.js';
import { bold, dim, line, shorten, table } from '../output.js';
import { openForRead } from './db.js';
import { checkDates } from './search.js';

export async function statsCommand(o: { db: string; json?: boolean }): Promise<number> {
  const store = await openForRead(o.db);
  try {
    const s = await store.stats();
    if (o.json) {
      await line(JSON.stringify(s));
      return EXIT.OK;
    }
    await line(bold(`${o.db}: ${s.articles} articles`));
    await line(`entities ${s.entities} (mentions ${s.mentions}), quotes ${s.quotes}, events ${s.events}, times ${s.times}, attributions ${s.attributions}`);
    await line('\n' + table(s.byLang.map((r) => [r.lang, r.n]), ['lang', 'articles']));
    await line('\n' + table(s.byOutlet.map((r) => [r.outlet ?? '(unknown)', r.n]), ['outlet', 'articles']));
    await line('\n' + table(s.byMonth.map((r) => [r.month ?? '(no date)', r.n]), ['month', 'articles']));
    return EXIT.OK;
  } finally {
    await store.close();
  }
}

export async function entitiesCommand(o: { db: string; type?: string; name?: string; limit: number; json?: boolean }): Promise<number> {
  const store = await openForRead(o.db);
  try {
    const es = await store.entities({ type: o.type, name: o.name, limit: o.limit });
    if (o.json) {
      for (const e of es) await line(JSON.stringify(e));
      return EXIT.OK;
    }
    const langs = ['ru', 'uk', 'en'];
    await line(
      table(
        es.map((e) => [e.id, e.type, e.articles, e.mentions, ...langs.map((l) => e.names[l] ?? ''), shorten(e.roles.join('; '), 40)]),
        ['id', 'type', 'articles', 'mentions', 'ru', 'uk', 'en', 'roles'],
      ),
    );
    return EXIT.OK;
  } finally {
    await store.close();
  }
}

export async function quotesCommand(o: { db: string; speaker?: string; from?: string; to?: string; lang?: string; limit: number; json?: boolean }): Promise<number> {
  checkDates(o);
  const store = await openForRead(o.db);
  try {
    const qs = await store.quotes({ speaker: o.speaker, from: o.from, to: o.to, lang: o.lang, limit: o.limit });
    if (o.json) {
      for (const q of qs) await line(JSON.stringify(q));
      return EXIT.OK;
    }
    for (const q of qs) {
      const who = q.speaker ? `${q.speakerName ?? q.speaker} ${dim(`(${q.speaker})`)}` : 'unknown speaker';
      await line(`${bold(who)} ${dim(q.kind)}: «${shorten(q.text, 300)}»`);
      await line(dim(`  ${[q.published ?? 'no date', q.outlet, q.lang].filter(Boolean).join(' · ')} · article ${q.article} chars ${q.start}-${q.end}${q.via ? ` · relayed by ${q.via}` : ''}`));
    }
    await line(dim(`${qs.length} quote${qs.length === 1 ? '' : 's'}`));
    return EXIT.OK;
  } finally {
    await store.close();
  }
}

export interface EventsOptions {
  db: string;
  type?: string;
  actor?: string;
  status?: string;
  mode?: string;
  from?: string;
  to?: string;
  lang?: string;
  limit: number;
  json?: boolean;
  format?: string;
}

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

export async function eventsCommand(o: EventsOptions): Promise<number> {
  checkDates(o);
  if (o.format && o.format !== 'plover' && o.format !== 'jsonl' && o.format !== 'text')
    throw new CliError(`--format ${o.format}: expected plover, jsonl or text`, EXIT.USAGE);
  const store = await openForRead(o.db);
  try {
    const es = await store.events({ type: o.type, actor: o.actor, status: o.status, mode: o.mode, from: o.from, to: o.to, lang: o.lang, limit: o.limit });
    if (o.format === 'plover') {
      await line(JSON.stringify(es.map(ploverRecord), null, 1));
      return EXIT.OK;
    }
    if (o.json || o.format === 'jsonl') {
      for (const e of es) await line(JSON.stringify(e));
      return EXIT.OK;
    }
    for (const e of es) {
      const actors = e.actors.map((a) => a.name ?? a.id).join(' – ') || '(no actors)';
      await line(`${bold(`${e.type}${e.mode ? `/${e.mode}` : ''}`)} ${e.status}${e.level ? ` (level: ${e.level})` : ''}: ${actors}${e.when ? ` on ${e.when.value}` : ''}`);
      await line(`  ${shorten(e.text, 200)}`);
      await line(dim(`  ${[e.published ?? 'no date', e.outlet, e.lang].filter(Boolean).join(' · ')} · ${e.article}`));
    }
    await line(dim(`${es.length} event${es.length === 1 ? '' : 's'}`));
    return EXIT.OK;
  } finally {
    await store.close();
  }
}

export async function showCommand(ids: string[], o: { db: string; pretty?: boolean }): Promise<number> {
  const store = await openForRead(o.db);
  try {
    let missing = 0;
    for (const id of ids) {
      const a = await store.getArticle(id);
      if (!a) {
        process.stderr.write(`parley: no article ${id} in ${o.db}\n`);
        missing++;
        continue;
      }
      await line(JSON.stringify(a, null, o.pretty ? 2 : undefined));
    }
    return missing === 0 ? EXIT.OK : missing < ids.length ? EXIT.SOME_REJECTED : EXIT.FATAL;
  } finally {
    await store.close();
  }
}
