/**
 * The API's schemas, declared once (TypeBox): Fastify validates requests with them, TypeScript
 * types the handlers from them (`Static<...>`) and @fastify/swagger writes them into the OpenAPI 3
 * document at /openapi.json.
 */
import { Type, type Static, type TSchema } from 'typebox';
import { ENTITY_TYPES, EVENT_MODES, EVENT_STATUSES, LANGS, PLOVER_TYPES, QUOTE_KINDS } from '../export/vocab.js';

export const LIMIT_DEFAULT = 50;
export const LIMIT_MAX = 200;

// ---------------------------------------------------------------------------------------------
// shared pieces

/** YYYY, YYYY-MM or YYYY-MM-DD with a real month (01-12) and day (01-31). */
export const DateParam = Type.String({
  pattern: '^\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?$',
  description: 'a date or a prefix: YYYY, YYYY-MM or YYYY-MM-DD (inclusive)',
  examples: ['2025-02'],
});
export const LangParam = Type.Enum([...LANGS], { description: 'article language' });
export const Limit = Type.Integer({ minimum: 1, maximum: LIMIT_MAX, default: LIMIT_DEFAULT, description: `page size (at most ${LIMIT_MAX})` });
export const Cursor = Type.String({ pattern: '^[A-Za-z0-9_-]{1,200}$', description: 'the `next` value of the previous page' });
/** Ids are opaque strings: article ids, entity ids (`new:PER:эммануэль бонн`), claim / story ids. No control characters. */
export const Id = Type.String({ minLength: 1, maxLength: 300, pattern: '^[^\\u0000-\\u001f\\u007f]+$' });
export const EntityType = Type.Enum([...ENTITY_TYPES]);
export const EventStatus = Type.Enum([...EVENT_STATUSES]);
export const EventType = Type.Enum([...PLOVER_TYPES], { description: 'PLOVER event type' });
export const EventMode = Type.Enum([...EVENT_MODES]);

export const ErrorBody = Type.Object(
  {
    error: Type.String({ description: 'a stable code: bad_request, not_found, unauthorized, forbidden, payload_too_large, unsupported_media_type, unprocessable, too_many_requests, internal' }),
    message: Type.String(),
    details: Type.Union([Type.Array(Type.Unknown()), Type.Null()]),
  },
  { $id: 'Error' },
);

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const page = <T extends TSchema>(item: T, extra: Record<string, TSchema> = {}) =>
  Type.Object({ ...extra, items: Type.Array(item), next: Nullable(Type.String({ description: 'cursor of the next page, null on the last' })) });

/** The standard error responses every route may give. */
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('Error')]));

// ---------------------------------------------------------------------------------------------
// records

export const ArticleSummary = Type.Object({
  id: Type.String(),
  title: Nullable(Type.String()),
  lead: Type.String({ description: 'the first line of the text (at most ~120 characters)' }),
  published: Nullable(Type.String()),
  lang: Type.String(),
  outlet: Nullable(Type.String()),
  url: Nullable(Type.String()),
  path: Nullable(Type.String()),
});

/** `parley/article@1` (../shared/spec/ARTICLE.md): text and every layer with its spans. */
export const Article = Type.Object(
  { schema: Type.String(), id: Type.String(), text: Type.String() },
  { additionalProperties: true, description: 'a parley/article@1 object: text, source, entities with mentions, quotes, times, events, attributions (each with start/end offsets into text)' },
);

export const Match = Type.Object({ start: Type.Integer(), end: Type.Integer(), text: Type.String() });

export const SearchHit = Type.Object({
  id: Type.String(),
  title: Nullable(Type.String()),
  lead: Type.String(),
  published: Nullable(Type.String()),
  lang: Type.String(),
  outlet: Nullable(Type.String()),
  path: Nullable(Type.String()),
  url: Nullable(Type.String()),
  score: Type.Number({ description: 'BM25 rank (lower is better)' }),
  snippet: Type.String(),
  matches: Type.Array(Match, { description: 'matched words: offsets into the article text' }),
});

export const SearchPage = page(SearchHit, {
  query: Type.String(),
  terms: Type.Array(Type.Object({ word: Type.String(), lemmas: Type.Array(Type.String()), forms: Type.Array(Type.String()) })),
  total: Type.Integer(),
});

export const Entity = Type.Object({
  id: Type.String(),
  type: Type.String(),
  name: Type.String(),
  names: Type.Record(Type.String(), Type.String()),
  articles: Type.Integer(),
  mentions: Type.Integer(),
  roles: Type.Array(Type.String()),
});

export const Quote = Type.Object({
  article: Type.String(),
  title: Nullable(Type.String()),
  outlet: Nullable(Type.String()),
  published: Nullable(Type.String()),
  lang: Type.String(),
  start: Type.Integer(),
  end: Type.Integer(),
  text: Type.String(),
  kind: Type.String(),
  speaker: Nullable(Type.String()),
  speakerName: Nullable(Type.String()),
  cue: Nullable(Type.String()),
  via: Nullable(Type.String({ description: 'the outlet or agency the quote was relayed through ("via unian")' })),
});

export const Event = Type.Object({
  article: Type.String(),
  title: Nullable(Type.String()),
  outlet: Nullable(Type.String()),
  published: Nullable(Type.String()),
  url: Nullable(Type.String()),
  lang: Type.String(),
  index: Type.Integer({ description: "index into the article's events" }),
  start: Type.Integer(),
  end: Type.Integer(),
  text: Type.String({ description: 'the evidence text' }),
  type: Type.String(),
  mode: Nullable(Type.String()),
  level: Nullable(Type.String()),
  status: Type.String(),
  actors: Type.Array(Type.Object({ id: Type.String(), name: Nullable(Type.String()) })),
  when: Nullable(Type.Object({ value: Type.String(), text: Type.Optional(Type.String()), mod: Type.Optional(Type.String()) })),
  place: Nullable(Type.String()),
  reportedBy: Type.Array(Type.String()),
  stances: Type.Array(Type.Object({ by: Type.String(), stance: Type.String() }, { additionalProperties: true })),
  trigger: Nullable(Type.Object({ text: Type.String(), lemma: Type.String() })),
});

export const Stats = Type.Object({
  articles: Type.Integer(),
  byLang: Type.Array(Type.Object({ lang: Type.String(), n: Type.Integer() })),
  byOutlet: Type.Array(Type.Object({ outlet: Nullable(Type.String()), n: Type.Integer() })),
  byMonth: Type.Array(Type.Object({ month: Nullable(Type.String()), n: Type.Integer() })),
  entities: Type.Integer(),
  mentions: Type.Integer(),
  quotes: Type.Integer(),
  events: Type.Integer(),
  times: Type.Integer(),
  attributions: Type.Integer(),
});

export const Health = Type.Object({
  ok: Type.Boolean(),
  version: Type.String(),
  writable: Type.Boolean({ description: 'true when a token is configured: POST /api/articles accepts writes with it' }),
});

export const IngestResult = Type.Object({
  read: Type.Integer(),
  new: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Array(Type.Object({ input: Type.String(), line: Nullable(Type.Integer()), error: Type.String() })),
  items: Type.Array(Type.Object({ id: Type.String(), status: Type.Union([Type.Literal('new'), Type.Literal('duplicate')]), title: Nullable(Type.String()), lang: Type.String() })),
});

/** Corpus objects (../shared/spec/CORPUS.md): passed through as the corpus library returns them. */
export const CorpusObject = Type.Object({ id: Type.String() }, { additionalProperties: true });

// ---------------------------------------------------------------------------------------------
// queries

export const ArticlesQuery = Type.Object(
  {
    lang: Type.Optional(LangParam),
    outlet: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    from: Type.Optional(DateParam),
    to: Type.Optional(DateParam),
    entity: Type.Optional(Id),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type ArticlesQuery = Static<typeof ArticlesQuery>;

export const SearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 500, description: 'query words (every word must match, in any inflected form)' }),
    lang: Type.Optional(LangParam),
    outlet: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    from: Type.Optional(DateParam),
    to: Type.Optional(DateParam),
    entity: Type.Optional(Id),
    marks: Type.Optional(
      Type.Enum(['guillemets', 'brackets', 'ctrl', 'none'], {
        description: 'how the snippet marks matched words: guillemets « » (default), brackets [[ ]], ctrl (\\u0002 before, \\u0003 after) or none',
      }),
    ),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;

export const EntitiesQuery = Type.Object(
  {
    type: Type.Optional(EntityType),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type EntitiesQuery = Static<typeof EntitiesQuery>;

export const QuotesQuery = Type.Object(
  {
    speaker: Type.Optional(Id),
    kind: Type.Optional(Type.Enum([...QUOTE_KINDS])),
    lang: Type.Optional(LangParam),
    from: Type.Optional(DateParam),
    to: Type.Optional(DateParam),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type QuotesQuery = Static<typeof QuotesQuery>;

const eventFilters = {
  type: Type.Optional(EventType),
  mode: Type.Optional(EventMode),
  actor: Type.Optional(Id),
  status: Type.Optional(EventStatus),
  lang: Type.Optional(LangParam),
  from: Type.Optional(DateParam),
  to: Type.Optional(DateParam),
};
export const EventsQuery = Type.Object({ ...eventFilters, limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) }, { additionalProperties: false });
export type EventsQuery = Static<typeof EventsQuery>;

export const ExportQuery = Type.Object(
  {
    what: Type.Enum(['articles', 'events', 'quotes', 'entities', 'claims'], { default: 'events' }),
    format: Type.Enum(['jsonl', 'csv', 'plover', 'graphml'], {
      default: 'jsonl',
      description: 'jsonl (any), csv (any), plover (events: a JSON array of PLOVER-style records; claims: PLOVER records as JSON Lines), graphml (events: actors as nodes, one edge per event; claims: the contact network)',
    }),
    ...eventFilters,
    speaker: Type.Optional(Id),
    outlet: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    story: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ExportQuery>;

export const IngestQuery = Type.Object(
  {
    name: Type.Optional(Type.String({ pattern: '^[\\w][\\w .-]{0,99}$', description: 'a file name for messages and format hints (no directories)' })),
  },
  { additionalProperties: false },
);
export type IngestQuery = Static<typeof IngestQuery>;

export const IdParams = Type.Object({ id: Id });
export type IdParams = Static<typeof IdParams>;

export const Page = {
  articles: page(ArticleSummary),
  entities: page(Entity),
  quotes: page(Quote),
  events: page(Event),
  corpus: page(CorpusObject),
};
