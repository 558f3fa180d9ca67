/**
 * The corpus library: claims, actors, the contact network, framing, export, rebuild. The CLI and
 * the HTTP API call these same functions; they read through the store's `corpus` (CorpusStore) and
 * never know which database is behind it.
 *
 * Errors a caller should show as bad input are `CorpusError`s: `kind` 'usage' (a malformed filter:
 * CLI exit 2, HTTP 400), 'not_found' (an unknown id or name: CLI exit 3, HTTP 404), 'empty' (no
 * article stored yet: CLI exit 3, HTTP 404).
 */
import type { ClaimFilter, CorpusStore, RebuildResult, Store } from '../store/types.js';
import type { ActorJson } from './actors/profile.js';
import type { ClaimJson } from './claims/summary.js';
import { isDateFilter } from './dates.js';
import { corpusKb } from './sides.js';
import { buildFraming, type Framing } from './framing.js';
import { buildNetwork, networkGraphml, type Network } from './network.js';

export type { ClaimJson, ClaimReport, ClaimStance } from './claims/summary.js';
export type { ActorJson } from './actors/profile.js';
export type { Framing, FramingActor, FramingCell } from './framing.js';
export type { Network, NetworkEdge, NetworkNode } from './network.js';
export { networkDot, networkGraphml } from './network.js';
export { summarize } from './claims/summary.js';
export { reportsOf } from './claims/report.js';
export { clash } from './claims/compat.js';

export class CorpusError extends Error {
  constructor(
    message: string,
    readonly kind: 'usage' | 'not_found' | 'empty',
  ) {
    super(message);
  }
}

export const STATUSES = ['occurred', 'ongoing', 'planned', 'possible', 'cancelled', 'none'] as const;
export const MODES = ['call', 'meeting', 'visit', 'summit', 'talks', 'channel', 'other'] as const;

export function corpusOf(store: Store): CorpusStore {
  if (!store.corpus) throw new CorpusError('this store keeps no corpus (claims, actors)', 'usage');
  return store.corpus;
}

/** Fails with 'empty' when no article is stored (so "no claims" is not mistaken for "nothing matched"). */
export async function requireArticles(store: Store): Promise<void> {
  const n = await corpusOf(store).counts();
  if (!n.articles) throw new CorpusError('the corpus is empty: no article is stored (run `parley ingest FILES` first)', 'empty');
}

export interface ClaimQuery {
  /** an actor: entity or actor id, or a name (any language) */
  actor?: string;
  status?: string;
  mode?: string;
  type?: string;
  /** a story id: only claims reported in its articles */
  story?: string;
  /** a date span the claim's dates (its `when` and its reports' publication) overlap */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

function checkQuery(q: ClaimQuery): void {
  if (q.status !== undefined && !(STATUSES as readonly string[]).includes(q.status))
    throw new CorpusError(`status '${q.status}': expected one of ${STATUSES.join(', ')}`, 'usage');
  if (q.mode !== undefined && !(MODES as readonly string[]).includes(q.mode)) throw new CorpusError(`mode '${q.mode}': expected one of ${MODES.join(', ')}`, 'usage');
  if (q.type !== undefined && !/^[A-Za-z_]{2,20}$/.test(q.type)) throw new CorpusError(`type '${q.type}': expected a PLOVER type such as CONSULT`, 'usage');
  for (const k of ['from', 'to'] as const) {
    const v = q[k];
    if (v !== undefined && !isDateFilter(v)) throw new CorpusError(`${k} '${v}': not a date (use YYYY, YYYY-MM or YYYY-MM-DD)`, 'usage');
  }
  if (q.from && q.to && q.from > q.to && !q.to.startsWith(q.from)) throw new CorpusError(`from '${q.from}' is after to '${q.to}'`, 'usage');
  for (const k of ['limit', 'offset'] as const) {
    const v = q[k];
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw new CorpusError(`${k} '${v}': expected a non-negative integer`, 'usage');
  }
}

/**
 * The actor an id or a name stands for: an actor id, an entity id (any alias), else the actor
 * whose names contain the text (the most mentioned one), else the KB entity of that form in any
 * case (`Путина`). Not found: CorpusError 'not_found'.
 */
export async function resolveActor(store: Store, idOrName: string): Promise<string> {
  const c = corpusOf(store);
  const q = idOrName.trim();
  if (!q) throw new CorpusError('empty actor id or name', 'usage');
  const direct = await c.actorOf(q);
  if (direct) return direct;
  const found = await c.findActors(q, 1);
  if (found.length) return found[0];
  // an inflected or other-script form the KB knows (`Путина`, `Путіна`)
  const kb = corpusKb();
  for (const lang of ['ru', 'uk', 'en']) {
    for (const m of kb.lookup(q, lang)) {
      const a = await c.actorOf(m.id);
      if (a) return a;
    }
  }
  await requireArticles(store);
  throw new CorpusError(`no actor '${q}' in the corpus (try \`parley actors\` or \`parley entities --name ${JSON.stringify(q)}\`)`, 'not_found');
}

async function toFilter(store: Store, q: ClaimQuery): Promise<ClaimFilter> {
  checkQuery(q);
  const f: ClaimFilter = { status: q.status, mode: q.mode, type: q.type, from: q.from, to: q.to, limit: q.limit, offset: q.offset };
  if (q.actor !== undefined) f.actors = await corpusOf(store).actorEntities(await resolveActor(store, q.actor));
  if (q.story !== undefined) f.articles = await storyArticles(store, q.story);
  return f;
}

/** Article ids of a story; CorpusError 'not_found' when the story is unknown. */
export async function storyArticles(store: Store, story: string): Promise<string[]> {
  const arts = await corpusOf(store).storyArticles(story);
  if (arts) return arts;
  await requireArticles(store);
  throw new CorpusError(`no story '${story}' (list them with \`parley stories\`)`, 'not_found');
}

/** Claims (`parley/claim@1`), latest first, filtered. Streams: nothing is capped unless `limit` says so. */
export async function* listClaims(store: Store, q: ClaimQuery = {}): AsyncIterable<ClaimJson> {
  const f = await toFilter(store, q);
  yield* corpusOf(store).claims(f);
}

/** One claim; CorpusError 'not_found' when no claim has this id. */
export async function getClaim(store: Store, id: string): Promise<ClaimJson> {
  const c = await corpusOf(store).claim(id.trim());
  if (c) return c;
  await requireArticles(store);
  throw new CorpusError(`no claim '${id}' (list them with \`parley claims\`)`, 'not_found');
}

/** The claims an article's events are in (for linking an article to its claims). */
export async function claimsOfArticle(store: Store, article: string): Promise<ClaimJson[]> {
  const out: ClaimJson[] = [];
  for await (const c of corpusOf(store).claims({ articles: [article] })) out.push(c);
  return out;
}

/** An actor's profile (`parley/actor@1`) by id or name, with the 15 actors most often in the same articles (`cooccurs`). */
export async function getActor(store: Store, idOrName: string): Promise<ActorJson> {
  const id = await resolveActor(store, idOrName);
  const a = await corpusOf(store).actor(id, { cooccurrence: 15 });
  if (!a) throw new CorpusError(`no actor '${idOrName}'`, 'not_found');
  return a;
}

/** Actor profiles, most articles first; `offset`: skip that many (their profiles are not built). */
export async function* listActors(store: Store, o: { limit?: number; offset?: number } = {}): AsyncIterable<ActorJson> {
  if (o.limit !== undefined && (!Number.isInteger(o.limit) || o.limit < 0)) throw new CorpusError(`limit '${o.limit}': expected a non-negative integer`, 'usage');
  if (o.offset !== undefined && (!Number.isInteger(o.offset) || o.offset < 0)) throw new CorpusError(`offset '${o.offset}': expected a non-negative integer`, 'usage');
  const c = corpusOf(store);
  let skip = o.offset ?? 0;
  for await (const id of c.actorIds(o.limit ? o.limit + skip : o.limit)) {
    if (skip > 0) {
      skip--;
      continue;
    }
    const a = await c.actor(id);
    if (a) yield a;
  }
}

export interface NetworkQuery {
  from?: string;
  to?: string;
  status?: string;
  mode?: string;
  /** only the contacts of this actor (id or name) */
  actor?: string;
  story?: string;
}

/** The contact network of the CONSULT claims the query selects. */
export async function contactNetwork(store: Store, q: NetworkQuery = {}): Promise<Network> {
  const f = await toFilter(store, { ...q, type: 'CONSULT' });
  const c = corpusOf(store);
  const map = await c.actorMap();
  const claims: ClaimJson[] = [];
  for await (const x of c.claims(f)) claims.push(x);
  const actorOf = (e: string) => map.get(e) ?? e;
  const ids = new Set<string>();
  for (const x of claims) for (const a of x.actors) ids.add(actorOf(a));
  const names = await c.names([...ids]);
  return buildNetwork(claims, actorOf, (a) => names.get(a));
}

/** Labels and quotes per outlet per actor in one story. */
export async function framing(store: Store, story: string): Promise<Framing> {
  const arts = await storyArticles(store, story);
  const c = corpusOf(store);
  const rows = await c.framingRows(arts);
  const names = await c.names([...new Set(rows.map((r) => r.actor))]);
  return buildFraming(story, rows, (a) => names.get(a)?.name);
}

/** Framing of any set of articles (a search result, an outlet's day), as `framing` does for a story. */
export async function framingOfArticles(store: Store, label: string, articles: string[]): Promise<Framing> {
  const c = corpusOf(store);
  const rows = await c.framingRows(articles);
  const names = await c.names([...new Set(rows.map((r) => r.actor))]);
  return buildFraming(label, rows, (a) => names.get(a)?.name);
}

export async function rebuildCorpus(store: Store): Promise<RebuildResult> {
  return corpusOf(store).rebuild();
}

export const EXPORT_FORMATS = ['jsonl', 'csv', 'plover', 'graphml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** CSV columns of `exportCorpus(..., 'csv')`: one row per report of a claim. */
export const CLAIM_CSV_COLUMNS = [
  'claim', 'type', 'mode', 'level', 'claim_status', 'actors', 'place', 'when', 'first_reported', 'story',
  'article', 'event', 'published', 'outlet', 'lang', 'url', 'report_status', 'reported_by', 'copy_of',
  'evidence_start', 'evidence_end', 'evidence', 'stances',
];

/** A PLOVER-style record of a claim (one real-world event with all its reports). */
export function ploverOfClaim(c: ClaimJson): Record<string, unknown> {
  return {
    id: c.id,
    date: c.when?.value ?? c.firstReported.published,
    event: c.type,
    mode: c.mode,
    level: c.level,
    status: c.status,
    source: c.actors.slice(0, 1),
    target: c.actors.slice(1),
    place: c.place,
    story: c.story,
    firstReported: c.firstReported,
    reports: c.reports.map((r) => ({ article: r.article, event: r.event, published: r.published, publication: r.outlet, language: r.lang, url: r.url, status: r.status, text: r.evidence.text })),
    history: c.history,
    stances: c.stances.map((s) => ({ by: s.by, stance: s.stance, date: s.date, article: s.article, text: s.evidence.text })),
  };
}

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/**
 * The whole corpus (or what the query selects) in one format, as a stream of text chunks:
 * `jsonl` the claims (`parley/claim@1`, one a line), `csv` one row per report with the article's
 * url, outlet, language and the evidence, `plover` PLOVER-style records (JSON Lines), `graphml`
 * the contact network. Nothing is capped.
 */
export async function* exportCorpus(store: Store, format: string, q: ClaimQuery = {}): AsyncIterable<string> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new CorpusError(`format '${format}': expected one of ${EXPORT_FORMATS.join(', ')}`, 'usage');
  await requireArticles(store);
  if (format === 'graphml') {
    const n = await contactNetwork(store, q);
    yield* networkGraphml(n);
    return;
  }
  if (format === 'csv') yield CLAIM_CSV_COLUMNS.join(',') + '\r\n';
  for await (const c of listClaims(store, q)) {
    if (format === 'jsonl') yield JSON.stringify(c) + '\n';
    else if (format === 'plover') yield JSON.stringify(ploverOfClaim(c)) + '\n';
    else {
      let out = '';
      for (const r of c.reports) {
        const stances = c.stances.filter((s) => s.article === r.article).map((s) => `${s.by}:${s.stance}`).join(' ');
        const row = [
          c.id, c.type, c.mode, c.level, c.status, c.actors.join(' '), c.place, c.when?.value ?? null, c.firstReported.article, c.story,
          r.article, r.event, r.published, r.outlet, r.lang, r.url, r.status, r.reportedBy.join(' '), r.copyOf ?? null,
          r.evidence.start, r.evidence.end, r.evidence.text, stances,
        ];
        out += row.map(csvCell).join(',') + '\r\n';
      }
      yield out;
    }
  }
}

export type { RebuildResult };
