/**
 * One report of a claim: an event of a stored article, with what claim merging compares (type,
 * mode, status, level, parties and their sides, the happening's date range, place) and what the
 * claim shows (outlet, reportedBy, stances with their evidence, the event's evidence span).
 * Built from the article JSON alone (plus the KB for sides): a pure function.
 */
import type { KnowledgeBase } from '../../entities/kb/api.js';
import { dayOf, rangeOf } from '../dates.js';
import { corpusKb, isPerson, sideOf, type EntityLike } from '../sides.js';

export interface Evidence {
  start: number;
  end: number;
  text: string;
}

export interface ReportStance {
  by: string;
  stance: string;
  evidence: Evidence;
  /** how the evidence was found: `events` (the events stage gave it) or `corpus:holder-sentence` */
  evidenceBy: string;
}

export interface Report {
  /** article id (the contract's), its rowid in the store, the event index */
  article: string;
  event: number;
  published: string | null;
  outlet: string | null;
  url: string | null;
  lang: string;
  type: string;
  mode: string | null;
  level: string | null;
  status: string;
  actors: string[];
  /** side per actor (same order) */
  sides: string[];
  /** whether each actor is a person (same order) */
  persons: boolean[];
  place: string | null;
  placeSide: string | null;
  /** the place is a town or region (not a country, not an institution) */
  placeIsTown: boolean;
  /** the place is a LOC (a country, region or town; not an institution such as the Kremlin) that the KB places in a country (not a region of several) */
  placeIsLoc: boolean;
  when: { value: string; mod?: string } | null;
  /** the happening's day range when the text dates it (`when`), else null */
  whenRange: [number, number] | null;
  /** publication day */
  pubDay: number | null;
  reportedBy: string[];
  stances: ReportStance[];
  evidence: Evidence;
  /** the article this one reprints (near-duplicate), when known */
  copyOf?: string | null;
}

export interface ArticleLike {
  id: string;
  published?: string | null;
  lang?: string;
  source?: { outlet?: string | null; url?: string | null; path?: string | null };
  text: string;
  sentences?: { start: number; end: number }[];
  entities?: (EntityLike & { mentions?: { start: number; end: number }[] })[];
  events?: EventLike[];
}

export interface EventLike {
  start: number;
  end: number;
  type: string;
  mode?: string | null;
  level?: string | null;
  status: string;
  actors?: string[];
  when?: { value: string; text?: string; mod?: string } | null;
  place?: string | null;
  reportedBy?: string[];
  stances?: { by: string; stance: string; evidence?: Evidence }[];
}

/** The reports of every event of an article, in event order. */
export function reportsOf(a: ArticleLike, kb: KnowledgeBase = corpusKb()): Report[] {
  const ents = new Map<string, EntityLike & { mentions?: { start: number; end: number }[] }>();
  for (const e of a.entities ?? []) ents.set(e.id, e);
  const lang = a.lang ?? 'und';
  const published = typeof a.published === 'string' && a.published ? a.published : null;
  return (a.events ?? []).map((ev, i) => {
    const actors = [...new Set((ev.actors ?? []).map(String))];
    const whenRange = rangeOf(ev.when?.value);
    const r: Report = {
      article: a.id,
      event: i,
      published,
      outlet: a.source?.outlet ?? null,
      url: a.source?.url ?? null,
      lang,
      type: ev.type,
      mode: ev.mode ?? null,
      level: ev.level ?? null,
      status: ev.status,
      actors,
      sides: actors.map((id) => sideOf(id, ents.get(id), lang, kb)),
      persons: actors.map((id) => isPerson(id, ents.get(id), kb)),
      place: ev.place ?? null,
      placeSide: ev.place ? sideOf(ev.place, ents.get(ev.place), lang, kb) : null,
      placeIsTown: !!ev.place && isTown(ev.place, ents.get(ev.place), kb),
      placeIsLoc: !!ev.place && (ents.get(ev.place)?.type ?? kb.byId(ev.place)?.type) === 'LOC' && inCountry(ev.place, kb),
      when: ev.when?.value ? (ev.when.mod ? { value: ev.when.value, mod: ev.when.mod } : { value: ev.when.value }) : null,
      whenRange,
      pubDay: dayOf(published),
      reportedBy: [...new Set((ev.reportedBy ?? []).map(String))],
      stances: (ev.stances ?? []).map((s) => stanceOf(a, ev, s, ents)),
      evidence: { start: ev.start, end: ev.end, text: a.text.slice(ev.start, ev.end) },
    };
    return r;
  });
}

/**
 * A stance with its evidence: the events stage's own when it gives one; else the first sentence,
 * from the event's sentence on (up to three after it: the stage attaches a stance to an event at
 * most that far back), that mentions the stance's holder; else the event's own span.
 */
function stanceOf(
  a: ArticleLike,
  ev: EventLike,
  s: { by: string; stance: string; evidence?: Evidence },
  ents: Map<string, { mentions?: { start: number; end: number }[] }>,
): ReportStance {
  if (s.evidence && typeof s.evidence.start === 'number' && typeof s.evidence.end === 'number')
    return { by: s.by, stance: s.stance, evidence: { start: s.evidence.start, end: s.evidence.end, text: a.text.slice(s.evidence.start, s.evidence.end) }, evidenceBy: 'events' };
  const sents = a.sentences ?? [];
  const mentions = ents.get(s.by)?.mentions ?? [];
  let k = sents.findIndex((x) => x.start <= ev.start && ev.start < x.end);
  if (k >= 0) {
    for (let j = k; j < Math.min(sents.length, k + 4); j++) {
      const x = sents[j];
      if (mentions.some((m) => m.start >= x.start && m.end <= x.end)) {
        return { by: s.by, stance: s.stance, evidence: { start: x.start, end: x.end, text: a.text.slice(x.start, x.end) }, evidenceBy: 'corpus:holder-sentence' };
      }
    }
  }
  return { by: s.by, stance: s.stance, evidence: { start: ev.start, end: ev.end, text: a.text.slice(ev.start, ev.end) }, evidenceBy: 'corpus:event-span' };
}

/**
 * Whether the KB puts a place in a country (a country itself, or a town or region of one). A region
 * of several countries (the Middle East, Europe, the Black Sea) or a place the KB links to no country
 * (it is then its own `countryOf`) cannot be told apart from a place within it.
 */
function inCountry(id: string, kb: KnowledgeBase): boolean {
  const c = kb.countryOf(id);
  return c !== undefined && kb.byId(c)?.src === 'countries';
}

function isTown(id: string, ent: EntityLike | undefined, kb: KnowledgeBase): boolean {
  const type = ent?.type ?? kb.byId(id)?.type;
  return type === 'LOC' && kb.countryOf(id) !== id;
}

/** The day a report is placed at for look-ups: the start of its `when`, else its publication day. */
export function anchorDay(r: Report): number | null {
  return r.whenRange ? r.whenRange[0] : r.pubDay;
}
