/**
 * An actor's profile (`parley/actor@1`) from the rows the store gives for its entity ids (pure).
 */
import type { ClaimJson } from '../claims/summary.js';

export interface ActorJson {
  schema: 'parley/actor@1';
  id: string;
  type: string;
  names: Record<string, string>;
  /** every entity id of this referent (scripts, languages, types) */
  aliases: string[];
  roles: { title: string; lang: string; article: string; published: string | null }[];
  articles: number;
  quotes: number;
  contacts: { actor: string; claims: number; last: string | null }[];
  /** the actors most often mentioned in the same articles (only for one profile: `getActor`) */
  cooccurs?: { actor: string; articles: number }[];
}

/** What contacts read of a CONSULT claim (a ClaimJson is one; stores may read just these fields). */
export type ContactClaim = Pick<ClaimJson, 'type' | 'actors' | 'when'> & { firstReported: { published: string | null } };

/** An actor's contacts: other actor → the CONSULT claims it shares and the latest of their dates. */
export type Contacts = Map<string, { claims: number; last: string | null }>;

/** Adds each claim once to every other actor among its parties (`of` maps an entity id to its actor). */
export function countContactClaims(out: Contacts, id: string, claims: ContactClaim[], of: (e: string) => string): void {
  for (const c of claims) {
    const date = c.when?.value ?? null;
    for (const o of new Set(c.actors.map(of))) {
      if (o === id) continue;
      const x = out.get(o) ?? { claims: 0, last: null };
      x.claims++;
      if (date && (!x.last || date > x.last)) x.last = date;
      out.set(o, x);
    }
  }
}

/**
 * The contacts of an actor of one entity id from its contact pairs counted per other entity id
 * (`totals`: other id, claims, latest date, as a store counts them in SQL): an other actor of one id
 * takes its row as is; returns the ids of other actors of several ids, whose shared claims must be
 * counted once each (countContactClaims), not summed per id.
 */
export function contactsFromPairTotals(out: Contacts, id: string, totals: { other: string; n: number; last: string | null }[], of: (e: string) => string): string[] {
  const idsOf = new Map<string, string[]>();
  for (const r of totals) {
    const o = of(r.other);
    const l = idsOf.get(o);
    if (l) l.push(r.other);
    else idsOf.set(o, [r.other]);
  }
  for (const r of totals) {
    const o = of(r.other);
    if (o === id || idsOf.get(o)!.length > 1) continue;
    out.set(o, { claims: r.n, last: r.last || null });
  }
  return [...idsOf].filter(([o, l]) => o !== id && l.length > 1).flatMap(([, l]) => l);
}

/** One stored article's entity row of the actor (one per article and entity id). */
export interface ActorMentionRow {
  entity: string;
  type: string;
  name: string;
  names: Record<string, string> | null;
  roles: string[] | null;
  article: string;
  lang: string;
  published: string | null;
}

export interface ActorRows {
  id: string;
  entities: string[];
  rows: ActorMentionRow[];
  quotes: number;
  /** the CONSULT claims it is a party to */
  claims: ContactClaim[];
  /** entity id -> actor id, for the other parties of those claims */
  actorOf: (entity: string) => string;
  /**
   * Its contacts counted already (per other actor: the CONSULT claims they share, the latest of
   * their dates, as counted from `claims` here), when the store keeps them apart from the claims
   * (`claims` is then not read)
   */
  contacts?: Map<string, { claims: number; last: string | null }>;
  /**
   * Totals over all the actor's rows when `rows` are only its latest ones (ACTOR_ROWS, by ingestion):
   * the article count, the row count per type (in the order of each type's earliest row) and the KB
   * names of its own id. Names and roles then come from the rows given.
   */
  totals?: { articles: number; types: { type: string; rows: number }[]; names: Record<string, string> | null };
}

/** How many of an actor's latest rows (by ingestion) a profile reads for its names and roles. */
export const ACTOR_ROWS = 200;
/** How many of an actor's latest articles (by ingestion) `cooccurs` counts over. */
export const COOCCURRENCE_WINDOW = 500;

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

function top(m: Map<string, number>): string | undefined {
  let best: string | undefined;
  let n = -1;
  for (const [k, v] of m) if (v > n) [best, n] = [k, v];
  return best;
}

export function buildActor(d: ActorRows): ActorJson {
  const types = new Map<string, number>();
  const byLang = new Map<string, Map<string, number>>();
  const given: Record<string, string> = {};
  const roles: ActorJson['roles'] = [];
  const seenRole = new Set<string>();
  const articles = new Set<string>();
  const rows = [...d.rows].sort(rowOrder);
  for (const r of rows) {
    articles.add(r.article);
    types.set(r.type, (types.get(r.type) ?? 0) + 1);
    const m = byLang.get(r.lang) ?? byLang.set(r.lang, new Map()).get(r.lang)!;
    m.set(r.name, (m.get(r.name) ?? 0) + 1);
    // the KB's canonical names of the actor's own id win over names of its aliases
    if (!d.totals && r.names && !r.entity.startsWith('new:')) for (const [l, n] of Object.entries(r.names)) if (n && (!given[l] || r.entity === d.id)) given[l] = n;
    for (const title of r.roles ?? []) {
      const k = `${title}|${r.article}`;
      if (seenRole.has(k)) continue;
      seenRole.add(k);
      roles.push({ title, lang: r.lang, article: r.article, published: r.published });
    }
  }
  if (d.totals) {
    types.clear();
    for (const t of d.totals.types) types.set(t.type, t.rows);
    if (d.totals.names) for (const [l, n] of Object.entries(d.totals.names)) if (n) given[l] = n;
  }
  // else the name the articles of that language use most, in that language's script when they use
  // one (a Russian article's `Nord Stream 2 AG` is not the Russian name of `Северный поток-2`)
  const names: Record<string, string> = {};
  for (const l of ['ru', 'uk', 'en']) {
    const m = byLang.get(l);
    const own = m && new Map([...m].filter(([k]) => (l === 'en' ? LATIN : CYRILLIC).test(k)));
    const n = given[l] ?? (own?.size ? top(own) : m ? top(m) : undefined);
    if (n) names[l] = n;
  }
  for (const [l, m] of byLang) if (!names[l]) names[l] = top(m)!;

  const contacts = d.contacts ?? contactsOf(d);
  return {
    schema: 'parley/actor@1',
    id: d.id,
    type: top(types) ?? (d.id.startsWith('new:') ? d.id.split(':')[1] : ''),
    names,
    aliases: [...d.entities].sort(),
    roles,
    articles: d.totals ? d.totals.articles : articles.size,
    quotes: d.quotes,
    contacts: [...contacts.entries()]
      .map(([actor, x]) => ({ actor, claims: x.claims, last: x.last }))
      .sort((a, b) => b.claims - a.claims || String(b.last ?? '').localeCompare(String(a.last ?? '')) || a.actor.localeCompare(b.actor)),
  };
}

/** Per other actor: the CONSULT claims it shares with the actor and the latest of their dates. */
function contactsOf(d: ActorRows): Map<string, { claims: number; last: string | null }> {
  const contacts = new Map<string, { claims: number; last: string | null }>();
  for (const c of d.claims) {
    if (c.type !== 'CONSULT') continue;
    const date = c.when?.value ?? c.firstReported.published ?? null;
    const others = new Set(c.actors.map(d.actorOf).filter((a) => a !== d.id));
    for (const o of others) {
      const x = contacts.get(o) ?? { claims: 0, last: null };
      x.claims++;
      if (date && (!x.last || date > x.last)) x.last = date;
      contacts.set(o, x);
    }
  }
  return contacts;
}

/** The order of an earliest row in buildActor (published, undated last; then article id). */
export function rowOrder(a: { published: string | null; article: string }, b: { published: string | null; article: string }): number {
  return String(a.published ?? '9999').localeCompare(String(b.published ?? '9999')) || a.article.localeCompare(b.article);
}

/**
 * Type totals in buildActor's tie order: when several types share the largest row count, the one
 * whose earliest row comes first wins (`earliest` gives a type's earliest row; asked only for ties).
 */
export async function typeTotals(
  types: { type: string; rows: number }[],
  earliest: (type: string) => Promise<{ published: string | null; article: string } | null>,
): Promise<{ type: string; rows: number }[]> {
  const max = Math.max(...types.map((t) => t.rows));
  const tied = types.filter((t) => t.rows === max);
  if (tied.length < 2) return [...tied, ...types.filter((t) => t.rows !== max)];
  const first = new Map<string, { published: string | null; article: string } | null>();
  for (const t of tied) first.set(t.type, await earliest(t.type));
  tied.sort((a, b) => {
    const x = first.get(a.type);
    const y = first.get(b.type);
    return x && y ? rowOrder(x, y) : x ? -1 : y ? 1 : 0;
  });
  return [...tied, ...types.filter((t) => t.rows !== max)];
}
