/** JSON routes over the store: stats, articles (list, one, upload), search, entities, quotes, events. */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import { paged } from '../paging.js';
import {
  Article,
  ArticlesQuery,
  Entity,
  EntitiesQuery,
  errors,
  EventsQuery,
  Event,
  Health,
  IdParams,
  IngestQuery,
  IngestResult,
  Page,
  Quote,
  QuotesQuery,
  SearchPage,
  SearchQuery,
  Stats,
} from '../schemas.js';
import { VERSION, type App, type RouteContext } from '../server.js';
import { Type } from 'typebox';

/** A preHandler for writes: 403 on a read-only server, 401 without the right bearer token. */
export function requireToken(ctx: RouteContext) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    if (!ctx.token) throw new ApiError(403, 'read_only', 'this server is read-only: start it with PARLEY_TOKEN or --token-file to accept writes');
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    const given = Buffer.from(m?.[1] ?? '', 'utf8');
    const want = Buffer.from(ctx.token, 'utf8');
    if (!m || given.length !== want.length || !timingSafeEqual(given, want))
      throw new ApiError(401, 'unauthorized', m ? 'wrong token' : 'writes need an Authorization: Bearer TOKEN header');
  };
}

const MARKS: Record<string, [string, string]> = {
  guillemets: ['«', '»'],
  brackets: ['[[', ']]'],
  ctrl: ['\u0002', '\u0003'],
  none: ['', ''],
};

const NAME_OF_TYPE: Record<string, string> = {
  'text/plain': 'upload.txt',
  'text/html': 'upload.html',
  'application/xhtml+xml': 'upload.html',
  'application/json': 'upload.json',
  'application/x-ndjson': 'upload.jsonl',
  'application/jsonl': 'upload.jsonl',
  'application/jsonlines': 'upload.jsonl',
  'application/rss+xml': 'upload.xml',
  'application/atom+xml': 'upload.xml',
  'application/xml': 'upload.xml',
  'text/xml': 'upload.xml',
};

export function apiRoutes(ctx: RouteContext) {
  return async (app: App) => {
    const { store } = ctx;

    app.get('/health', { schema: { tags: ['meta'], summary: 'server status', response: { 200: Health } } }, async () => ({
      ok: true,
      version: VERSION,
      writable: !!ctx.token,
    }));

    app.get('/stats', { schema: { tags: ['meta'], summary: 'articles per language, outlet and month; layer counts', response: { 200: Stats, ...errors(429) } } }, async () =>
      store.stats(),
    );

    app.get(
      '/articles',
      { schema: { tags: ['articles'], summary: 'stored articles, newest first', querystring: ArticlesQuery, response: { 200: Page.articles, ...errors(400, 429) } } },
      async (req) => {
        const q = req.query;
        return paged(q, (offset, limit) => store.listArticles({ lang: q.lang, outlet: q.outlet, from: q.from, to: q.to, entity: q.entity, offset, limit }));
      },
    );

    app.get(
      '/articles/:id',
      {
        schema: {
          tags: ['articles'],
          summary: 'one stored article (parley/article@1): the text and every layer with its spans',
          params: IdParams,
          response: { 200: Article, ...errors(400, 404, 429) },
        },
      },
      async (req) => {
        const a = await store.getArticle(req.params.id);
        if (!a) throw new ApiError(404, 'not_found', `no article ${JSON.stringify(req.params.id)}`);
        return a;
      },
    );

    app.post(
      '/articles',
      {
        preHandler: requireToken(ctx),
        config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          tags: ['articles'],
          summary: 'analyse and store articles (plain text, JSON Lines, a JSON array, HTML, RSS or Atom)',
          description:
            'The body is one input, read as `parley ingest` reads a file (its format is detected from the content; `name` is a hint and names the input in messages). Each readable article is analysed and stored; an id already stored counts as a duplicate. Rejected items are listed with their reason. 422 when nothing in the body is readable.',
          security: [{ bearer: [] }],
          querystring: IngestQuery,
          consumes: Object.keys(NAME_OF_TYPE),
          response: { 200: IngestResult, 422: IngestResult, ...errors(400, 401, 403, 413, 415, 429) },
        },
      },
      async (req, reply) => {
        const body = req.body;
        if (!Buffer.isBuffer(body) || body.length === 0) throw new ApiError(400, 'bad_request', 'empty body: send the article(s) as the request body');
        const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
        const name = req.query.name ?? NAME_OF_TYPE[type] ?? 'upload';
        const report = await ctx.ingester.ingest(body, name);
        if (report.read === 0) reply.code(422);
        return report;
      },
    );

    app.get(
      '/search',
      {
        schema: {
          tags: ['search'],
          summary: 'articles with every query word in any inflected form, ranked (BM25), with snippets',
          querystring: SearchQuery,
          response: { 200: SearchPage, ...errors(400, 429) },
        },
      },
      async (req) => {
        const q = req.query;
        let total = 0;
        let head: { query: string; terms: { word: string; lemmas: string[]; forms: string[] }[] } = { query: q.q, terms: [] };
        const page = await paged(q, async (offset, limit) => {
          const r = await store.search({
            text: q.q,
            lang: q.lang,
            outlet: q.outlet,
            from: q.from,
            to: q.to,
            entity: q.entity,
            offset,
            limit,
            mark: MARKS[q.marks ?? 'guillemets'],
          });
          total = r.total;
          head = { query: r.query, terms: r.terms };
          return r.hits;
        });
        return { ...head, total, ...page };
      },
    );

    app.get(
      '/entities',
      {
        schema: {
          tags: ['entities'],
          summary: 'entities with article and mention counts, names per language and roles (most mentioned first)',
          querystring: EntitiesQuery,
          response: { 200: Page.entities, ...errors(400, 429) },
        },
      },
      async (req) => {
        const q = req.query;
        return paged(q, (offset, limit) => store.entities({ type: q.type, name: q.name, offset, limit }));
      },
    );

    app.get(
      '/entities/:id',
      {
        schema: {
          tags: ['entities'],
          summary: 'one entity with its latest quotes and events',
          params: IdParams,
          response: { 200: Type.Object({ entity: Entity, quotes: Type.Array(Quote), events: Type.Array(Event) }), ...errors(400, 404, 429) },
        },
      },
      async (req) => {
        const [entity] = await store.entities({ id: req.params.id, limit: 1 });
        if (!entity) throw new ApiError(404, 'not_found', `no entity ${JSON.stringify(req.params.id)}`);
        const [quotes, events] = await Promise.all([store.quotes({ speaker: entity.id, limit: 20 }), store.events({ actor: entity.id, limit: 20 })]);
        return { entity, quotes, events };
      },
    );

    app.get(
      '/quotes',
      { schema: { tags: ['quotes'], summary: 'quotes with speaker, article, outlet and date (newest first)', querystring: QuotesQuery, response: { 200: Page.quotes, ...errors(400, 429) } } },
      async (req) => {
        const q = req.query;
        return paged(q, (offset, limit) => store.quotes({ speaker: q.speaker, kind: q.kind, lang: q.lang, from: q.from, to: q.to, offset, limit }));
      },
    );

    app.get(
      '/events',
      {
        schema: {
          tags: ['events'],
          summary: 'diplomatic events (PLOVER types) with actors, status, date and evidence, newest first',
          querystring: EventsQuery,
          response: { 200: Page.events, ...errors(400, 429) },
        },
      },
      async (req) => {
        const q = req.query;
        return paged(q, (offset, limit) =>
          store.events({ type: q.type, mode: q.mode, actor: q.actor, status: q.status, lang: q.lang, from: q.from, to: q.to, offset, limit }),
        );
      },
    );
  };
}
