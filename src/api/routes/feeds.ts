/**
 * Atom feeds for watchers (built with `feed`): a saved search (/feeds/search.atom?q=…) and claims
 * with their status changes (/feeds/claims.atom?actor=…&status=…, once the corpus is there).
 * Links point at the web UI's pages for the article or claim.
 */
import { Feed } from 'feed';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { errors, SearchQuery } from '../schemas.js';
import { VERSION, type App, type RouteContext } from '../server.js';
import type { ClaimJson } from '../../corpus/index.js';
import { ClaimsFeedQuery, corpusError } from './corpus.js';

export const FEED_SIZE = 50;

/** `feed` writes entry titles and summaries as type="html": article text is escaped so readers show it as text. */
export function html(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
const ATOM = 'application/atom+xml; charset=utf-8';

export function baseUrl(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

/** Serialises a feed; an item date comes from an ISO date or prefix (`2025-02` is its 1st). */
export function isoDate(d: string | null | undefined): Date | null {
  if (!d) return null;
  const t = Date.parse(d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d);
  return Number.isFinite(t) ? new Date(t) : null;
}

/**
 * A feed whose `updated` is its newest entry's date (the epoch when it has none), not the time of
 * the request: the same stored data give the same bytes, so the ETag holds and a reader polling
 * with If-None-Match gets 304 until something changes.
 */
export function newFeed(req: FastifyRequest, title: string, description: string, entryDates: Date[]): Feed {
  const base = baseUrl(req);
  return new Feed({
    id: base + req.url,
    title,
    description,
    link: base + '/',
    updated: new Date(Math.max(0, ...entryDates.map((d) => d.getTime()).filter(Number.isFinite))),
    generator: `Parley ${VERSION}`,
    copyright: 'the articles belong to their publishers',
    feedLinks: { atom: base + req.url },
  });
}

const { limit: _l, cursor: _c, marks: _m, ...searchFilters } = SearchQuery.properties;
export const SearchFeedQuery = Type.Object(searchFilters, { additionalProperties: false });

export function feedRoutes(ctx: RouteContext) {
  return async (app: App) => {
    const { store } = ctx;
    app.get(
      '/search.atom',
      {
        schema: {
          tags: ['feeds'],
          summary: 'a saved search as an Atom feed: the newest matching articles',
          querystring: SearchFeedQuery,
          produces: ['application/atom+xml'],
          response: { 200: Type.String({ description: 'Atom 1.0' }), ...errors(400, 429) },
        },
      },
      async (req, reply) => {
        const q = req.query;
        const r = await store.search({ text: q.q, lang: q.lang, outlet: q.outlet, from: q.from, to: q.to, entity: q.entity, limit: 200, mark: ['', ''] });
        const hits = r.hits
          .slice()
          .sort((a, b) => (b.published ?? '').localeCompare(a.published ?? '') || a.id.localeCompare(b.id))
          .slice(0, FEED_SIZE);
        const feed = newFeed(req, `Parley search: ${q.q}`, `Articles matching ${JSON.stringify(q.q)} in any inflected form (${r.total} in all)`, hits.map((h) => isoDate(h.published) ?? new Date(0)));
        const base = baseUrl(req);
        for (const h of hits) {
          feed.addItem({
            title: html(h.title ?? h.lead),
            id: `${base}/articles/${encodeURIComponent(h.id)}`,
            link: `${base}/articles/${encodeURIComponent(h.id)}`,
            date: isoDate(h.published) ?? new Date(0),
            description: html(h.snippet),
            author: h.outlet ? [{ name: h.outlet }] : undefined,
          });
        }
        return reply.type(ATOM).send(feed.atom1());
      },
    );

    app.get(
      '/claims.atom',
      {
        schema: {
          tags: ['feeds'],
          summary: "claims as an Atom feed: each entry is a claim with its status history (updated when a report changes its status)",
          querystring: ClaimsFeedQuery,
          produces: ['application/atom+xml'],
          response: { 200: Type.String({ description: 'Atom 1.0' }), ...errors(400, 404, 429) },
        },
      },
      async (req, reply) => {
        const q = req.query;
        const { listClaims } = await import('../../corpus/index.js');
        const claims: ClaimJson[] = [];
        try {
          for await (const c of listClaims(store, { ...q, limit: FEED_SIZE })) claims.push(c);
        } catch (e) {
          if ((e as { kind?: string }).kind !== 'empty') corpusError(e);
        }
        const ids = [...new Set(claims.flatMap((c) => [...c.actors, ...c.stances.map((x) => x.by)]))];
        const names = store.corpus && ids.length ? await store.corpus.names(ids) : new Map<string, { name: string }>();
        const name = (id: string) => names.get(id)?.name ?? id;
        const what = [q.actor && `actor ${q.actor}`, q.status && `status ${q.status}`, q.type, q.mode, q.story && `story ${q.story}`, q.from && `from ${q.from}`, q.to && `to ${q.to}`].filter(Boolean).join(', ');
        const dateOf = (c: ClaimJson) => isoDate(c.history[c.history.length - 1]?.date ?? c.to ?? c.firstReported.published) ?? new Date(0);
        const feed = newFeed(req, `Parley claims${what ? `: ${what}` : ''}`, 'Claims (one real-world happening each, merged from every report) and how their status changed', claims.map(dateOf));
        const base = baseUrl(req);
        for (const c of claims) {
          const title = `${c.type}${c.mode ? `/${c.mode}` : ''}: ${c.actors.map(name).join(' – ') || '(no actors)'} — ${c.status}${c.when ? ` (${c.when.value})` : ''}`;
          const history = c.history.map((h) => `${h.date ?? 'undated'}: ${h.status} (${c.reports.find((r) => r.article === h.article)?.outlet ?? h.article})`).join(' → ');
          const stances = c.stances.map((x) => `${name(x.by)}: ${x.stance} (${x.date ?? 'undated'}) «${x.evidence.text}»`).join('; ');
          const link = `${base}/claims/${encodeURIComponent(c.id)}`;
          feed.addItem({
            title: html(title),
            id: link,
            link,
            date: dateOf(c),
            published: isoDate(c.firstReported.published) ?? undefined,
            description: html(`${c.reports.length} report${c.reports.length === 1 ? '' : 's'}. Status: ${history}.${stances ? ` Stances: ${stances}.` : ''}`),
          });
        }
        return reply.type(ATOM).send(feed.atom1());
      },
    );
  };
}
