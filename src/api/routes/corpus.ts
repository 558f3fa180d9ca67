/**
 * Corpus routes: stories, claims, actors, the contact network, framing. They call the corpus
 * library (src/corpus/) the CLI's `parley claims|claim|actors|actor|network|framing|stories`
 * commands call; its errors (CorpusError / StoryError: usage, not_found, empty) become 400 / 404.
 */
import { Type } from 'typebox';
import { ApiError } from '../errors.js';
import { decodeCursor, encodeCursor } from '../paging.js';
import { CorpusObject, Cursor, DateParam, errors, EventMode, EventStatus, EventType, Id, IdParams, LangParam, Limit, LIMIT_DEFAULT, Page, ArticleSummary } from '../schemas.js';
import type { App, RouteContext } from '../server.js';
import type { Static } from 'typebox';
import { fold } from '../../doc/normalize.js';
import { LATEST_ARTICLES, type StoryHead } from '../../corpus/stories/index.js';
import { ACTOR_ROWS } from '../../corpus/actors/profile.js';

/** the latest articles one story (`/api/stories/:id`) carries */
const STORY_ARTICLES = 50;

const claimFilters = {
  actor: Type.Optional(Type.String({ minLength: 1, maxLength: 300, description: 'entity id, actor id or a name (any language)' })),
  status: Type.Optional(EventStatus),
  mode: Type.Optional(EventMode),
  story: Type.Optional(Id),
  from: Type.Optional(DateParam),
  to: Type.Optional(DateParam),
};
export const ClaimsQuery = Type.Object(
  {
    ...claimFilters,
    type: Type.Optional(EventType),
    article: Type.Optional(Id),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export const NetworkQuery = Type.Object(claimFilters, { additionalProperties: false });
export const StoriesQuery = Type.Object(
  {
    entity: Type.Optional(Id),
    outlet: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'only stories with an article from this outlet (case-insensitive part of its name)' })),
    article: Type.Optional(Id),
    lang: Type.Optional(LangParam),
    from: Type.Optional(DateParam),
    to: Type.Optional(DateParam),
    minArticles: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export const StoryArticlesQuery = Type.Object({ limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) }, { additionalProperties: false });
export const ActorsQuery = Type.Object({ limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) }, { additionalProperties: false });
export const FramingQuery = Type.Object({ story: Id }, { additionalProperties: false });
export const ClaimsFeedQuery = Type.Object({ ...claimFilters, type: Type.Optional(EventType) }, { additionalProperties: false });

const Names = Type.Record(Type.String(), Type.Object({ name: Type.String(), type: Type.String() }), { description: 'display names of the entity / actor ids the object mentions' });

/** Library errors (CorpusError, StoryError) to HTTP: usage 400, not_found and empty 404. */
export function corpusError(e: unknown): never {
  const kind = (e as { kind?: unknown })?.kind;
  if (e instanceof Error && kind === 'usage' && /keeps no/.test(e.message)) throw new ApiError(501, 'not_implemented', `${e.message}: this database does not keep the corpus yet`);
  if (e instanceof Error && (kind === 'usage' || kind === 'not_found' || kind === 'empty'))
    throw new ApiError(kind === 'usage' ? 400 : 404, kind === 'usage' ? 'bad_request' : 'not_found', e.message.replace(/`parley [^`]*`/g, (m) => m));
  throw e;
}

async function collect<T>(it: AsyncIterable<T>, skip: number, take: number): Promise<T[]> {
  const out: T[] = [];
  let i = 0;
  for await (const x of it) {
    if (i++ < skip) continue;
    out.push(x);
    if (out.length >= take) break;
  }
  return out;
}

function page<T>(rows: T[], offset: number, limit: number): { items: T[]; next: string | null } {
  const more = rows.length > limit;
  return { items: more ? rows.slice(0, limit) : rows, next: more ? encodeCursor(offset + limit) : null };
}

export function corpusRoutes(ctx: RouteContext) {
  return async (app: App) => {
    const { store } = ctx;
    const lib = () => import('../../corpus/index.js');
    const stories = () => import('../../corpus/stories/index.js');
    const namesOf = async (ids: string[]) => {
      const c = store.corpus;
      if (!c || !ids.length) return {};
      return Object.fromEntries(await c.names([...new Set(ids)]));
    };

    app.get(
      '/stories',
      {
        schema: {
          tags: ['corpus'],
          summary: 'stories (parley/story@1), latest first, bounded: `articles` holds the latest 20 article ids, `articleCount` all of them, `coverage` articles per published day',
          description:
            '`article=ID` gives the story of that article; `outlet` keeps stories with an article from that outlet. A story\'s `articles` here are its latest ' +
            `${LATEST_ARTICLES} ids in the story's order (publication order); page through all of them with \`/api/stories/{id}/articles\`, or export the story.`,
          querystring: StoriesQuery,
          response: { 200: Page.corpus, ...errors(400, 429) },
        },
      },
      async (req) => {
        const { limit = LIMIT_DEFAULT, cursor, outlet, article, ...f } = req.query;
        const offset = decodeCursor(cursor);
        const { listStoryHeads } = await stories();
        try {
          let rows: StoryHead[];
          if (outlet) {
            // the story library does not filter by outlet: walk the (bounded) stories page by page
            const want = fold(outlet);
            const found: StoryHead[] = [];
            for (let off = 0; found.length < offset + limit + 1; off += 500) {
              const chunk = await listStoryHeads(store, { ...f, article, offset: off, limit: 500 }, LATEST_ARTICLES);
              found.push(...chunk.filter((st) => st.outlets.some((o) => fold(o).includes(want))));
              if (chunk.length < 500) break;
            }
            rows = found.slice(offset, offset + limit + 1);
          } else rows = await listStoryHeads(store, { ...f, article, offset, limit: limit + 1 }, LATEST_ARTICLES);
          return page(rows, offset, limit);
        } catch (e) {
          if ((e as { kind?: string }).kind === 'empty') return { items: [], next: null };
          return corpusError(e);
        }
      },
    );

    app.get(
      '/stories/:id',
      {
        schema: {
          tags: ['corpus'],
          summary: `one story (bounded: its latest ${STORY_ARTICLES} articles, \`articleCount\` all) with those articles' summaries and its claims`,
          description: "`articles` and `articleList` are the story's latest articles in the story's order; `/api/stories/{id}/articles` pages through all of them.",
          params: IdParams,
          response: {
            200: Type.Object(
              { id: Type.String(), articleCount: Type.Integer(), articleList: Type.Array(ArticleSummary), claimList: Type.Array(CorpusObject), names: Names },
              { additionalProperties: true },
            ),
            ...errors(400, 404, 429),
          },
        },
      },
      async (req) => {
        try {
          const s = await (await stories()).getStoryHead(store, req.params.id, STORY_ARTICLES);
          const articleList = await store.listArticles({ ids: s.articles, limit: s.articles.length || 1 });
          const { listClaims } = await lib();
          const claimList = await collect(listClaims(store, { story: s.id }), 0, 1000);
          const names = await namesOf([...s.entities, ...claimList.flatMap((c) => c.actors)]);
          return { ...s, articleList, claimList, names };
        } catch (e) {
          return corpusError(e);
        }
      },
    );

    app.get(
      '/stories/:id/articles',
      {
        schema: {
          tags: ['corpus'],
          summary: "a story's articles (summaries), in the story's order (publication order, undated last), paged",
          params: IdParams,
          querystring: StoryArticlesQuery,
          response: { 200: Page.articles, ...errors(400, 404, 429) },
        },
      },
      async (req) => {
        const limit = req.query.limit ?? LIMIT_DEFAULT;
        const offset = decodeCursor(req.query.cursor);
        try {
          const ids = await (await stories()).storyArticles(store, req.params.id, offset, limit + 1);
          const found = new Map((ids.length ? await store.listArticles({ ids, limit: ids.length }) : []).map((a) => [a.id, a]));
          return page(ids.map((id) => found.get(id)).filter((a) => !!a), offset, limit);
        } catch (e) {
          return corpusError(e);
        }
      },
    );

    app.get(
      '/claims',
      {
        schema: {
          tags: ['corpus'],
          summary: 'claims (parley/claim@1): real-world happenings merged from every report, latest first',
          description: '`article=ID` gives the claims that article\'s events are in (other filters then do not apply).',
          querystring: ClaimsQuery,
          response: { 200: Page.corpus, ...errors(400, 404, 429) },
        },
      },
      async (req) => {
        const { limit = LIMIT_DEFAULT, cursor, article, ...q } = req.query;
        const offset = decodeCursor(cursor);
        const { listClaims, claimsOfArticle } = await lib();
        try {
          if (article) {
            const all = await claimsOfArticle(store, article);
            return page(all.slice(offset, offset + limit + 1), offset, limit);
          }
          const rows = await collect(listClaims(store, { ...q, offset, limit: limit + 1 }), 0, limit + 1);
          return page(rows, offset, limit);
        } catch (e) {
          if ((e as { kind?: string }).kind === 'empty') return { items: [], next: null };
          return corpusError(e);
        }
      },
    );

    app.get(
      '/claims/:id',
      {
        schema: {
          tags: ['corpus'],
          summary: 'one claim: every report in order with its evidence, the status history, stances; names of its actors',
          params: IdParams,
          response: { 200: Type.Object({ id: Type.String(), names: Names }, { additionalProperties: true }), ...errors(400, 404, 429) },
        },
      },
      async (req) => {
        try {
          const c = await (await lib()).getClaim(store, req.params.id);
          const ids = [...c.actors, ...c.reports.flatMap((r) => r.reportedBy ?? []), ...c.stances.map((s) => s.by), ...(c.place ? [c.place] : [])];
          return { ...c, names: await namesOf(ids) };
        } catch (e) {
          return corpusError(e);
        }
      },
    );

    app.get(
      '/actors',
      { schema: { tags: ['corpus'], summary: 'actors (parley/actor@1), most articles first (profiles bounded as in /actors/{id}, without cooccurs)', querystring: ActorsQuery, response: { 200: Page.corpus, ...errors(400, 429) } } },
      async (req) => {
        const limit = req.query.limit ?? LIMIT_DEFAULT;
        const offset = decodeCursor(req.query.cursor);
        try {
          const rows = await collect((await lib()).listActors(store, { limit: limit + 1, offset }), 0, limit + 1);
          return page(rows, offset, limit);
        } catch (e) {
          return corpusError(e);
        }
      },
    );

    app.get(
      '/actors/:id',
      {
        schema: {
          tags: ['corpus'],
          summary:
            "an actor's profile (parley/actor@1) by entity id, actor id or name, bounded: `articles`, `type` and `quotes` over all its rows; `names` and `roles` from its latest 200 rows, `cooccurs` over its latest 500 articles; `contactNames`: the names of its contacts (each from its latest 200 rows)",
          params: IdParams,
          response: { 200: Type.Object({ id: Type.String(), contactNames: Names }, { additionalProperties: true }), ...errors(400, 404, 429) },
        },
      },
      async (req) => {
        try {
          const a = await (await lib()).getActor(store, req.params.id);
          const contacts = (a as { contacts?: { actor: string }[] }).contacts ?? [];
          // display names from each contact's latest rows (an actor's contacts are often the corpus's largest)
          const ids = [...new Set(contacts.map((c) => c.actor))];
          const names = ids.length && store.corpus ? Object.fromEntries(await store.corpus.names(ids, { latest: ACTOR_ROWS })) : {};
          return { ...a, contactNames: names };
        } catch (e) {
          return corpusError(e);
        }
      },
    );

    app.get(
      '/network',
      {
        schema: {
          tags: ['corpus'],
          summary: 'the contact network: actors as nodes, CONSULT claims as edges (modes, statuses, first/last date, claim ids)',
          querystring: NetworkQuery,
          response: {
            200: Type.Object({ nodes: Type.Array(Type.Object({ id: Type.String() }, { additionalProperties: true })), edges: Type.Array(Type.Object({ source: Type.String(), target: Type.String() }, { additionalProperties: true })) }, { additionalProperties: true }),
            ...errors(400, 404, 429),
          },
        },
      },
      async (req) => {
        try {
          return await (await lib()).contactNetwork(store, req.query);
        } catch (e) {
          if ((e as { kind?: string }).kind === 'empty') return { nodes: [], edges: [] };
          return corpusError(e);
        }
      },
    );

    app.get(
      '/framing',
      {
        schema: {
          tags: ['corpus'],
          summary: "one story's framing: per actor, per outlet, the labels it gives the actor and the actor's quotes it carries",
          querystring: FramingQuery,
          response: { 200: Type.Object({ story: Type.String() }, { additionalProperties: true }), ...errors(400, 404, 429) },
        },
      },
      async (req) => {
        try {
          return await (await lib()).framing(store, req.query.story);
        } catch (e) {
          return corpusError(e);
        }
      },
    );
  };
}

export type ClaimsFeedQuery = Static<typeof ClaimsFeedQuery>;
