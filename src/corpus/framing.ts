/**
 * Framing: per story, the labels each outlet attaches to each actor (the titles, appositions and
 * epithets the entities layer gives as `roles`: `российский диктатор`, `глава МИД`, `держсекретар`)
 * and which of the actor's quotes each outlet carries, side by side (pure, over the store's rows).
 */
import type { FramingRow } from '../store/types.js';

export interface FramingLabel {
  label: string;
  /** articles of this outlet that give it */
  articles: string[];
}

export interface FramingQuote {
  article: string;
  start: number;
  end: number;
  text: string;
  kind: string;
}

export interface FramingCell {
  outlet: string;
  /** articles of this outlet in the story that mention the actor */
  articles: number;
  /** the names the outlet uses for the actor */
  names: string[];
  labels: FramingLabel[];
  quotes: FramingQuote[];
}

export interface FramingActor {
  actor: string;
  name: string;
  /** one cell per outlet that mentions the actor, the outlets with most articles first */
  outlets: FramingCell[];
}

export interface Framing {
  story: string;
  articles: number;
  outlets: string[];
  /** actors that carry a label or a quote in some outlet, the most mentioned first */
  actors: FramingActor[];
}

/** Outlet name for an article without one. */
export const UNKNOWN_OUTLET = '(unknown outlet)';

export function buildFraming(story: string, rows: FramingRow[], nameOf: (actor: string) => string | undefined): Framing {
  const articles = new Set(rows.map((r) => r.article));
  const outletArticles = new Map<string, Set<string>>();
  const byActor = new Map<string, Map<string, { arts: Set<string>; names: Map<string, number>; labels: Map<string, Set<string>>; quotes: FramingQuote[] }>>();
  for (const r of rows) {
    const outlet = r.outlet ?? UNKNOWN_OUTLET;
    (outletArticles.get(outlet) ?? outletArticles.set(outlet, new Set()).get(outlet)!).add(r.article);
    const a = byActor.get(r.actor) ?? byActor.set(r.actor, new Map()).get(r.actor)!;
    const c = a.get(outlet) ?? a.set(outlet, { arts: new Set(), names: new Map(), labels: new Map(), quotes: [] }).get(outlet)!;
    c.arts.add(r.article);
    c.names.set(r.name, (c.names.get(r.name) ?? 0) + 1);
    for (const l of r.roles) (c.labels.get(l) ?? c.labels.set(l, new Set()).get(l)!).add(r.article);
    for (const q of r.quotes) c.quotes.push({ article: r.article, start: q.start, end: q.end, text: q.text, kind: q.kind });
  }
  const outlets = [...outletArticles.entries()].sort((x, y) => y[1].size - x[1].size || x[0].localeCompare(y[0])).map(([o]) => o);
  const actors: (FramingActor & { weight: number })[] = [];
  for (const [actor, cells] of byActor) {
    let weight = 0;
    let framed = false;
    const outCells: FramingCell[] = [];
    for (const o of outlets) {
      const c = cells.get(o);
      if (!c) continue;
      weight += c.arts.size;
      if (c.labels.size || c.quotes.length) framed = true;
      outCells.push({
        outlet: o,
        articles: c.arts.size,
        names: [...c.names.entries()].sort((x, y) => y[1] - x[1]).map(([n]) => n),
        labels: [...c.labels.entries()].sort((x, y) => y[1].size - x[1].size || x[0].localeCompare(y[0])).map(([label, arts]) => ({ label, articles: [...arts].sort() })),
        quotes: c.quotes.sort((x, y) => x.article.localeCompare(y.article) || x.start - y.start),
      });
    }
    if (framed) actors.push({ actor, name: nameOf(actor) ?? outCells[0]?.names[0] ?? actor, outlets: outCells, weight });
  }
  actors.sort((a, b) => b.weight - a.weight || a.actor.localeCompare(b.actor));
  return { story, articles: articles.size, outlets, actors: actors.map(({ weight: _w, ...a }) => a) };
}
