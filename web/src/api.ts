/**
 * The client side of Parley's HTTP API (`src/api/`, routes under /api). Types follow the
 * contracts: parley/article@1 (ARTICLE.md) and parley/story@1, claim@1, actor@1 (CORPUS.md).
 * Everything coming back is data: it is rendered as text, never as markup.
 */
import { useEffect, useState } from 'react';

export interface Span {
  start: number;
  end: number;
  text?: string;
}
export interface Mention extends Span {
  lemma?: string;
}
export interface Entity {
  id: string;
  type: string;
  name: string;
  names?: Partial<Record<string, string>>;
  mentions: Mention[];
  roles?: string[];
  kind?: string;
  rules?: string[];
}
export interface Quote extends Span {
  kind: string;
  speaker: string | null;
  cue?: (Span & { lemma?: string }) | null;
  via?: string | null;
  rules?: string[];
}
export interface Stance {
  by: string;
  stance: string;
  evidence?: Span;
  rules?: string[];
}
export interface ArticleEvent extends Span {
  type: string;
  mode?: string | null;
  actors: string[];
  level?: string | null;
  status: string;
  when?: { value: string; text?: string; mod?: string } | null;
  place?: string | null;
  reportedBy?: string[];
  stances?: Stance[];
  rules?: string[];
  trigger?: { text: string; lemma?: string } | null;
}
export interface Timex extends Span {
  value: string;
  mod?: string;
  anchor?: string;
  rules?: string[];
  rule?: string;
}
export interface Attribution extends Span {
  source: string;
  rules?: string[];
}
export interface Article {
  schema: string;
  id: string;
  source: { path?: string; url?: string; outlet?: string };
  published: string | null;
  lang: string;
  title: string | null;
  text: string;
  sentences?: Span[];
  entities: Entity[];
  quotes: Quote[];
  events: ArticleEvent[];
  times: Timex[];
  attributions?: Attribution[];
}
export interface ArticleSummary {
  id: string;
  title: string | null;
  lead?: string;
  published: string | null;
  lang: string;
  outlet: string | null;
  url?: string | null;
  path?: string | null;
}

export interface Story {
  schema?: string;
  id: string;
  title: Partial<Record<string, string>> | string | null;
  articles: string[];
  langs: string[];
  outlets: string[];
  from: string | null;
  to: string | null;
  entities: string[];
  claims: string[];
  /** optional extras the API may add */
  articleCount?: number;
  coverage?: { date: string; n: number }[];
  articleList?: ArticleSummary[];
  /** GET /api/stories/:id: the story's claims and the names of the ids it mentions */
  claimList?: Claim[];
  names?: NameMap;
}

/** Display names the API adds for the entity/actor ids an answer mentions. */
export type NameMap = Record<string, { name: string; type: string }>;

/** id -> name from an answer's `names` (plus whatever is already known). */
export function flatNames(m: NameMap | undefined, into: Record<string, string> = {}): Record<string, string> {
  for (const [id, v] of Object.entries(m ?? {})) if (v?.name) into[id] ??= v.name;
  return into;
}

export interface ClaimReport {
  article: string;
  event: number;
  published: string | null;
  outlet: string | null;
  status: string;
  reportedBy: string[];
  lang?: string;
  title?: string | null;
  url?: string | null;
  /** the event's evidence (the clause or sentence that states it) */
  evidence?: Span;
  /** the article this report reprints, when it is a near-duplicate */
  copyOf?: string | null;
}
export interface Claim {
  schema?: string;
  id: string;
  story: string | null;
  type: string;
  mode: string | null;
  level: string | null;
  actors: string[];
  place: string | null;
  when: { value: string; mod?: string } | null;
  status: string;
  reports: ClaimReport[];
  history: { date: string | null; status: string; article: string }[];
  stances: { by: string; stance: string; article: string; date: string | null; evidence: Span }[];
  firstReported: { article: string; published: string | null; outlet: string | null };
  relayedBy?: string[];
  from?: string | null;
  to?: string | null;
  names?: NameMap;
}

export interface Framing {
  story: string;
  articles: number;
  outlets: string[];
  actors: {
    actor: string;
    name: string;
    outlets: {
      outlet: string;
      articles: number;
      names: string[];
      labels: { label: string; articles: string[] }[];
      quotes: { article: string; start: number; end: number; text: string; kind: string }[];
    }[];
  }[];
}

export interface Actor {
  schema?: string;
  id: string;
  type: string;
  names: Partial<Record<string, string>>;
  name?: string;
  roles: { title: string; lang: string; article: string; published: string | null }[];
  articles: number;
  quotes: number;
  contacts: { actor: string; claims: number; last: string | null; name?: string | null }[];
  aliases?: string[];
  /** display names of its contacts (added by the API) */
  contactNames?: NameMap;
}

export interface EntitySummary {
  id: string;
  type: string;
  name: string;
  names: Partial<Record<string, string>>;
  articles: number;
  mentions: number;
  roles: string[];
}

export interface QuoteRecord {
  article: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  lang: string;
  start: number;
  end: number;
  text: string;
  kind: string;
  speaker: string | null;
  speakerName: string | null;
  cue: string | null;
  via: string | null;
}

export interface SearchHit extends ArticleSummary {
  score: number;
  snippet: string;
  matches: { start: number; end: number; text: string }[];
}
export interface SearchResult {
  query: string;
  terms: { word: string; lemmas: string[]; forms: string[] }[];
  total: number;
  items: SearchHit[];
  next: string | null;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface Health {
  ok: boolean;
  version?: string;
  store?: string;
  writable?: boolean;
}

export interface NetworkNode {
  id: string;
  name?: string | null;
  label?: string | null;
  type?: string;
  size?: number;
  claims?: number;
}
export interface NetworkEdge {
  source: string;
  target: string;
  /** number of claims */
  count: number;
  claims: string[];
  /** claims per mode and per status */
  modes: Record<string, number>;
  statuses: Record<string, number>;
  first: string | null;
  last: string | null;
}
export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public details: unknown = null,
  ) {
    super(message);
  }
}

export type Params = Record<string, string | number | undefined | null>;

export function apiUrl(path: string, params: Params = {}): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return `/api${path}${s ? `?${s}` : ''}`;
}

async function readError(res: Response): Promise<ApiError> {
  let code = `http_${res.status}`;
  let message = `${res.status} ${res.statusText}`;
  let details: unknown = null;
  try {
    const body = (await res.json()) as { error?: string; message?: string; details?: unknown };
    if (body.error) code = body.error;
    if (body.message) message = body.message;
    details = body.details ?? null;
  } catch {
    /* not JSON */
  }
  return new ApiError(res.status, code, message, details);
}

export async function getJson<T>(path: string, params: Params = {}, signal?: AbortSignal): Promise<T> {
  const res = await fetch(apiUrl(path, params), { headers: { accept: 'application/json' }, signal });
  if (!res.ok) throw await readError(res);
  return (await res.json()) as T;
}

/** Encodes an id for a path segment (ids hold ':' and spaces: `new:PER:эммануэль бонн`). */
export const seg = (id: string) => encodeURIComponent(id);

export interface Loaded<T> {
  data: T | null;
  error: ApiError | Error | null;
  loading: boolean;
}

/** Fetches `path` whenever it or its params change; `path` null waits. */
export function useApi<T>(path: string | null, params: Params = {}): Loaded<T> {
  const key = path === null ? null : apiUrl(path, params);
  const [state, setState] = useState<Loaded<T> & { key: string | null }>({ data: null, error: null, loading: true, key: null });
  useEffect(() => {
    if (key === null || path === null) return;
    const ctl = new AbortController();
    setState((s) => ({ data: s.key === key ? s.data : null, error: null, loading: true, key }));
    getJson<T>(path, params, ctl.signal).then(
      (data) => setState({ data, error: null, loading: false, key }),
      (error: Error) => {
        if (!ctl.signal.aborted) setState({ data: null, error, loading: false, key });
      },
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (state.key !== key) return { data: null, error: null, loading: key !== null };
  return state;
}

/** Fetches several paths at once (e.g. every article a claim's reports point at). */
export function useApiMany<T>(paths: string[]): { data: Map<string, T>; errors: Map<string, Error>; loading: boolean } {
  const key = paths.join('\n');
  const [state, setState] = useState<{ key: string; data: Map<string, T>; errors: Map<string, Error>; loading: boolean }>({
    key: '',
    data: new Map(),
    errors: new Map(),
    loading: true,
  });
  useEffect(() => {
    const ctl = new AbortController();
    const uniq = [...new Set(paths)];
    setState({ key, data: new Map(), errors: new Map(), loading: uniq.length > 0 });
    let pending = uniq.length;
    const data = new Map<string, T>();
    const errors = new Map<string, Error>();
    for (const p of uniq) {
      getJson<T>(p, {}, ctl.signal)
        .then((d) => data.set(p, d), (e: Error) => errors.set(p, e))
        .finally(() => {
          pending--;
          if (!ctl.signal.aborted) setState({ key, data: new Map(data), errors: new Map(errors), loading: pending > 0 });
        });
    }
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (state.key !== key) return { data: new Map(), errors: new Map(), loading: paths.length > 0 };
  return state;
}

/** Unwraps a list answer that may be `{items}` or a bare array. */
export function itemsOf<T>(x: Page<T> | T[] | null | undefined): T[] {
  if (!x) return [];
  return Array.isArray(x) ? x : (x.items ?? []);
}

/** A string title of a story (its title per language: the first of en, ru, uk, else any). */
export function storyTitle(s: Pick<Story, 'title' | 'id'>, prefer?: string): string {
  const t = s.title;
  if (!t) return s.id;
  if (typeof t === 'string') return t;
  return (prefer && t[prefer]) || t.en || t.ru || t.uk || Object.values(t).find(Boolean) || s.id;
}

/** The URL of a link taken from data, or null when it is not plain http(s) (never `javascript:`). */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** A readable name for an entity id when no name is known: `new:PER:эммануэль бонн` -> `эммануэль бонн`. */
export function nameFromId(id: string): string {
  const m = /^new:[A-Z]+:(.*)$/.exec(id);
  return m ? m[1] : id;
}

const TOKEN_KEY = 'parley.token';
export const tokenStore = {
  get: () => sessionStorage.getItem(TOKEN_KEY) ?? '',
  set: (t: string) => (t ? sessionStorage.setItem(TOKEN_KEY, t) : sessionStorage.removeItem(TOKEN_KEY)),
};

export interface Stats {
  articles: number;
  byLang: { lang: string; n: number }[];
  byOutlet: { outlet: string | null; n: number }[];
  byMonth: { month: string | null; n: number }[];
  entities: number;
  mentions: number;
  quotes: number;
  events: number;
  times: number;
  attributions: number;
}
