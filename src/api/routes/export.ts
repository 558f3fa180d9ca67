/** GET /api/export: streamed downloads (JSON Lines, CSV, PLOVER, GraphML). */
import { Readable } from 'node:stream';
import { allPages, csvLines, graphml, jsonLines, ploverArray, type Exportable } from '../../export/formats.js';
import type { EventRecord } from '../../store/types.js';
import { ApiError } from '../errors.js';
import { errors, ExportQuery } from '../schemas.js';
import type { App, RouteContext } from '../server.js';
import { Type } from 'typebox';

const TYPES = { jsonl: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8', plover: 'application/json; charset=utf-8', graphml: 'application/graphml+xml; charset=utf-8' };
const EXT = { jsonl: 'jsonl', csv: 'csv', plover: 'json', graphml: 'graphml' };

export function exportRoutes(ctx: RouteContext) {
  return async (app: App) => {
    const { store } = ctx;
    app.get(
      '/export',
      {
        schema: {
          tags: ['export'],
          summary: 'download a whole filtered list, streamed',
          description: 'what=articles|events|quotes|entities; format=jsonl|csv (any), plover|graphml (events only). Filters as on the list routes.',
          querystring: ExportQuery,
          produces: Object.values(TYPES).map((t) => t.split(';')[0]),
          response: { 200: Type.String({ description: 'the file' }), ...errors(400, 429) },
        },
      },
      async (req, reply) => {
        const q = req.query;
        if (q.what === 'claims') {
          const { exportCorpus } = await import('../../corpus/index.js');
          const { corpusError } = await import('./corpus.js');
          const chunks = exportCorpus(store, q.format, { actor: q.actor, status: q.status, mode: q.mode, type: q.type, story: q.story, from: q.from, to: q.to });
          // pull the first chunk here, so a bad filter is a 400/404 and not a broken download
          const it = chunks[Symbol.asyncIterator]();
          let first: IteratorResult<string>;
          try {
            first = await it.next();
          } catch (e) {
            if ((e as { kind?: string }).kind === 'empty') first = { done: true, value: undefined };
            else return corpusError(e);
          }
          async function* rest() {
            if (first.done) return;
            yield first.value;
            for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
          }
          reply
            .type(q.format === 'plover' ? TYPES.jsonl : TYPES[q.format])
            .header('content-disposition', `attachment; filename="parley-claims.${q.format === 'plover' ? 'plover.jsonl' : EXT[q.format]}"`)
            .header('cache-control', 'no-store');
          return reply.send(Readable.from(rest()) as unknown as string);
        }
        const what = q.what as Exportable;
        if ((q.format === 'plover' || q.format === 'graphml') && what !== 'events')
          throw new ApiError(400, 'bad_request', `format=${q.format} exports events only (what=events)`, [{ in: 'querystring', path: '/what' }]);
        const ef = { type: q.type, mode: q.mode, actor: q.actor, status: q.status, lang: q.lang, from: q.from, to: q.to };
        const rows: AsyncIterable<unknown> =
          what === 'events'
            ? allPages((offset, limit) => store.events({ ...ef, offset, limit }))
            : what === 'quotes'
              ? allPages((offset, limit) => store.quotes({ speaker: q.speaker, lang: q.lang, from: q.from, to: q.to, offset, limit }))
              : what === 'entities'
                ? allPages((offset, limit) => store.entities({ offset, limit }))
                : allPages((offset, limit) => store.listArticles({ lang: q.lang, outlet: q.outlet, from: q.from, to: q.to, offset, limit }));
        const lines =
          q.format === 'csv'
            ? csvLines(what, rows)
            : q.format === 'plover'
              ? ploverArray(rows as AsyncIterable<EventRecord>)
              : q.format === 'graphml'
                ? graphml(rows as AsyncIterable<EventRecord>)
                : jsonLines(rows);
        reply
          .type(TYPES[q.format])
          .header('content-disposition', `attachment; filename="parley-${what}.${EXT[q.format]}"`)
          .header('cache-control', 'no-store');
        // a stream is piped as is (the response schema only documents it)
        return reply.send(Readable.from(lines) as unknown as string);
      },
    );
  };
}
