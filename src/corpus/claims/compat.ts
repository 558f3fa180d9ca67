/**
 * When two reports speak of one real-world happening. Each rule is named (`why` says which one
 * kept two reports apart), and all are pairwise, so the grouping (connected reports) does not
 * depend on the order articles arrive in.
 *
 * - type: the same PLOVER type.
 * - status: something that happened (`occurred`, `ongoing`) is never the same as something
 *   `cancelled`; a prospective report (`planned`, `possible`, `cancelled`) published after the
 *   happening it would be about is the next occasion. A denial (`none`: no such contact) goes with
 *   any status: it is a report on the contact others tell of (a call reported, then denied; talks
 *   said to be derailed, and said never to have been held), placed in time as an account is.
 * - mode (CONSULT), hard: a call is no visit, meeting or summit, nor a standing channel in place
 *   (a report of talks that could be either joins one of them; it does not bridge a call and a meeting).
 * - mode (CONSULT): the same, or close (a visit holds meetings and talks; a call is talks; talks at
 *   the working level are a channel); `other` goes with any.
 * - host: a visit that names no one of a side and a meeting or talks with a person of that side are
 *   two happenings (arriving on a visit, meeting someone there).
 * - level: `highest` and `ministerial` differ from each other and from `technical`/`working`.
 * - place: two places of different sides (Budapest vs Alaska) are two occasions.
 * - parties: the sides (countries) overlap in at least two (or the one side of a one-sided report,
 *   with a shared party); two different people on one side are different parties (Lavrov-Rubio vs
 *   Lavrov-Blinken); for directed types (ACCUSE, SANCTION, ...) the initiators' sides agree.
 * - dates: two explicit dates overlap; an undated report is dated by its publication: an undated
 *   account of a past happening comes at most three weeks after it (four months when both name the
 *   same place), two undated accounts of a one-off happening within a week of each other, of a
 *   standing channel within two months; prospective reports within six weeks of each other; an
 *   undated prospective report at most three months before the dated happening. A report with no
 *   date at all (no `when`, an article without a publication date) cannot be placed in time: it is
 *   compatible with any date through a person both reports name (a contact of countries alone
 *   recurs), and joins a claim only when it fits just one (see assign.ts: `floating`).
 */
import type { Report } from './report.js';

const HAPPENED = new Set(['occurred', 'ongoing']);
const PROSPECTIVE = new Set(['planned', 'possible', 'cancelled']);
/** types whose first actor acts on the others (the initiator's side must agree) */
const SYMMETRIC = new Set(['CONSULT', 'COOPERATE', 'AGREE']);

const MODE_NEAR: Record<string, string[]> = {
  visit: ['meeting', 'talks'],
  meeting: ['visit', 'talks', 'summit'],
  summit: ['meeting', 'talks'],
  talks: ['meeting', 'visit', 'call', 'channel', 'summit'],
  call: ['talks'],
  channel: ['talks'],
};

const LEVEL_CLASS: Record<string, string> = { highest: 'highest', ministerial: 'ministerial', technical: 'working', working: 'working' };

/** Windows in days (see the module comment). */
export const WINDOW = {
  pastUndated: 21,
  pastUndatedSamePlace: 120,
  undatedOneOff: 7,
  undatedChannel: 60,
  prospective: 45,
  prospectiveToHappened: 60,
  explicitAhead: 90,
  /** the widest of these, for candidate look-ups */
  lookup: 200,
};

/**
 * How many stored reports with no date at all (no `when`, no publication date) a report's look-up
 * key finds in the store (the latest stored), and how many dated ones (those with the latest days)
 * a report with no date finds: bounded, so the look-up does not grow with the corpus.
 */
export const CLAIM_FLOATING_LOOKUP = 64;

export type Why =
  | 'type'
  | 'status'
  | 'next-occasion'
  | 'mode'
  | 'level'
  | 'place'
  | 'sides'
  | 'persons'
  | 'host'
  | 'initiator'
  | 'date';

/**
 * Null when `a` and `b` can report one happening, else the rule that keeps them apart. Hard
 * reasons (another person, place, level, happened vs cancelled, initiator, next occasion) are
 * checked before soft ones (mode, sides, date), so a caller can tell them apart.
 */
export function clash(a: Report, b: Report): Why | null {
  if (a.type !== b.type) return 'type';
  if ((HAPPENED.has(a.status) && b.status === 'cancelled') || (HAPPENED.has(b.status) && a.status === 'cancelled')) return 'status';
  if (a.level && b.level && LEVEL_CLASS[a.level] !== LEVEL_CLASS[b.level]) return 'level';
  if (placesClash(a, b)) return 'place';
  const hard = persons(a, b);
  if (hard) return hard;
  const next = nextOccasion(a, b);
  if (next) return next;
  if (a.type === 'CONSULT' && !modesNear(a.mode, b.mode)) return 'mode';
  if (a.type === 'CONSULT' && visitAndMeeting(a, b)) return 'host';
  if (sidesApart(a, b)) return 'sides';
  return dates(a, b);
}

/**
 * Two places (LOC) of different sides, or two different towns of one side. An institution named
 * as the place (`в Кремле`), or a place the KB cannot put in a country (an unlinked
 * `new:LOC:st-petersburg`), is no place to compare.
 */
function placesClash(a: Report, b: Report): boolean {
  if (!a.place || !b.place || a.place === b.place || !a.placeIsLoc || !b.placeIsLoc) return false;
  if (a.placeSide !== b.placeSide) return a.placeSide !== b.place && b.placeSide !== a.place;
  return a.placeIsTown && b.placeIsTown;
}

/** Modes that are never one happening: a phone call and being together. */
const MODE_APART: Record<string, string[]> = {
  call: ['visit', 'meeting', 'summit'],
  visit: ['call'],
  meeting: ['call'],
  summit: ['call'],
};

/**
 * Whether two reports' modes can never be one happening (a mode clash that keeps a report out of a
 * claim): a call and a visit, meeting or summit; a call and a standing channel that is in place
 * (`occurred`, `ongoing`: contacts held through the channel are not one call). Contacts only being
 * prepared (`possible`, `planned` channel) may well be the call.
 */
export function modesApart(a: Report, b: Report): boolean {
  const x = a.mode;
  const y = b.mode;
  if (!x || !y) return false;
  if (MODE_APART[x]?.includes(y)) return true;
  return (x === 'call' && y === 'channel' && HAPPENED.has(b.status)) || (y === 'call' && x === 'channel' && HAPPENED.has(a.status));
}

function modesNear(x: string | null, y: string | null): boolean {
  if (!x || !y || x === y || x === 'other' || y === 'other') return true;
  return MODE_NEAR[x]?.includes(y) ?? false;
}

/**
 * A visit that names no one of a side (`Witkoff arrived in Russia`) and a meeting or talks with a
 * person of that side (`Witkoff met Dmitriev`): arriving on a visit and meeting someone there are two
 * happenings. A meeting with an institution (`met at the Kremlin`) still tells of the visit.
 */
function visitAndMeeting(a: Report, b: Report): boolean {
  // a visit that names a person of each side (`talks with visiting envoy Witkoff`, Dmitriev and
  // Witkoff) tells of meeting that person, as a meeting does
  const met = (m: Report) => m.mode === 'meeting' || m.mode === 'talks' || (m.mode === 'visit' && personsOnEverySide(m));
  const apart = (v: Report, m: Report) => {
    if (v.mode !== 'visit' || !met(m)) return false;
    for (let i = 0; i < m.actors.length; i++) {
      if (!m.persons[i]) continue;
      const side = m.sides[i];
      if (v.sides.includes(side) && !v.actors.some((_, j) => v.persons[j] && v.sides[j] === side)) return true;
    }
    return false;
  };
  return apart(a, b) || apart(b, a);
}

function personsOnEverySide(r: Report): boolean {
  const sides = new Set(r.sides);
  if (sides.size < 2) return false;
  for (const s of sides) if (!r.actors.some((_, i) => r.persons[i] && r.sides[i] === s)) return false;
  return true;
}

function sidesApart(a: Report, b: Report): boolean {
  const sa = new Set(a.sides);
  const sb = new Set(b.sides);
  let common = 0;
  for (const s of sa) if (sb.has(s)) common++;
  const need = Math.min(sa.size, sb.size, 2);
  if (need === 0 || common < need) return true;
  // one-sided reports (`Lavrov held talks`) join only through a shared party
  return (sa.size === 1 || sb.size === 1) && !a.actors.some((x) => b.actors.includes(x));
}

/** Different people on one side; for directed types, initiators of different sides. */
function persons(a: Report, b: Report): Why | null {
  for (const s of new Set(a.sides)) {
    const pa = a.actors.filter((x, i) => a.persons[i] && a.sides[i] === s);
    if (!pa.length) continue;
    const pb = b.actors.filter((x, i) => b.persons[i] && b.sides[i] === s);
    if (pb.length && !pa.some((x) => pb.includes(x))) return 'persons';
  }
  if (!SYMMETRIC.has(a.type) && a.sides.length && b.sides.length && a.sides[0] !== b.sides[0]) return 'initiator';
  return null;
}

/** A prospective report published after the happening another report tells of: the next occasion. */
function nextOccasion(a: Report, b: Report): Why | null {
  const ah = HAPPENED.has(a.status);
  const bh = HAPPENED.has(b.status);
  if (ah === bh) return null;
  const [h, p] = ah ? [a, b] : [b, a];
  if (p.status === 'none' || p.pubDay === null) return null;
  const happened = h.whenRange ? h.whenRange[1] : h.pubDay;
  if (happened === null) return null;
  // a prospective report dated itself after the happening is another occasion too
  const ahead = p.whenRange ? p.whenRange[0] : p.pubDay;
  return p.pubDay > happened + 1 || ahead > happened + 1 ? 'next-occasion' : null;
}

/**
 * Whether two reports name one person among their parties. A report with no date at all joins
 * another only through a person: contacts and measures between countries or bodies alone recur
 * (the EU's ninth and eighteenth sanctions packages against Russia), a named person's far less.
 */
function sharedPerson(a: Report, b: Report): boolean {
  return a.actors.some((x, i) => a.persons[i] && b.actors.includes(x));
}

/** A report with no date at all: no `when` and no publication date. */
export function floating(r: Report): boolean {
  return r.whenRange === null && r.pubDay === null;
}

function dates(a: Report, b: Report): Why | null {
  if (floating(a) || floating(b)) return sharedPerson(a, b) ? null : 'date';
  const aw = a.whenRange;
  const bw = b.whenRange;
  if (aw && bw) return aw[0] <= bw[1] + 1 && bw[0] <= aw[1] + 1 ? null : 'date';
  if (aw || bw) {
    const [e, u] = aw ? [a, b] : [b, a];
    const [lo, hi] = e.whenRange!;
    const p = u.pubDay;
    if (p === null) return 'date'; // unreachable: an undated report without publication date floats
    if (HAPPENED.has(u.status)) {
      // an undated account of what happened, after the dated happening (or a prospective dated one)
      const win = e.place && e.place === u.place ? WINDOW.pastUndatedSamePlace : WINDOW.pastUndated;
      return lo <= p && p - hi <= win ? null : 'date';
    }
    // an undated denial: of a contact told of before it, or of one said to be coming
    if (u.status === 'none') return lo - p <= WINDOW.pastUndated && p - hi <= WINDOW.pastUndated ? null : 'date';
    // an undated prospective report: published before the dated happening, not too far ahead
    return p <= hi + 1 && lo - p <= WINDOW.explicitAhead ? null : 'date';
  }
  const pa = a.pubDay;
  const pb = b.pubDay;
  if (pa === null || pb === null) return null; // unreachable (floating)
  // an undated denial is placed in time as an account of what happened is (it answers one)
  const ah = HAPPENED.has(a.status) || a.status === 'none';
  const bh = HAPPENED.has(b.status) || b.status === 'none';
  if (ah && bh) {
    const channel = a.mode === 'channel' || b.mode === 'channel' || a.status === 'ongoing' || b.status === 'ongoing';
    return Math.abs(pa - pb) <= (channel ? WINDOW.undatedChannel : WINDOW.undatedOneOff) ? null : 'date';
  }
  if (!ah && !bh) return Math.abs(pa - pb) <= WINDOW.prospective ? null : 'date';
  // one prospective, one happened: the prospective one comes first
  const [pp, ph] = ah ? [pb, pa] : [pa, pb];
  return ph - pp <= WINDOW.prospectiveToHappened ? null : 'date';
}

/**
 * Look-up keys of a report. Indexed: `2|TYPE|sideA|sideB` for each pair of its sides and
 * `1|TYPE|side` for each side; a one-sided report also `s|TYPE|side`. A report with two or more
 * sides looks up its pairs and the one-sided reports of each side (`s|`), a one-sided one every
 * report of its side (`1|`), so either order of arrival finds the other. No parties: no keys
 * (such a report stays its own claim).
 *
 * A report with no date at all (`floating`) joins others only through a person (see `dates`): it
 * is also indexed under `p|TYPE|person` for each person it names, and `persons` are the keys under
 * which a report naming persons finds the floating reports of those persons. A floating report
 * finds dated ones through its side keys (the store takes those with the latest days).
 */
export function keysOf(r: Report): { index: string[]; lookup: string[]; persons: string[] } {
  const sides = [...new Set(r.sides)].sort();
  if (!sides.length) return { index: [], lookup: [], persons: [] };
  const persons = [...new Set(r.actors.filter((_, i) => r.persons[i]))].sort().map((p) => `p|${r.type}|${p}`);
  const singles = sides.map((s) => `1|${r.type}|${s}`);
  const own = floating(r) ? persons : [];
  if (sides.length === 1) return { index: [...singles, `s|${r.type}|${sides[0]}`, ...own], lookup: singles, persons };
  const pairs: string[] = [];
  for (let i = 0; i < sides.length; i++) for (let j = i + 1; j < sides.length; j++) pairs.push(`2|${r.type}|${sides[i]}|${sides[j]}`);
  return { index: [...pairs, ...singles, ...own], lookup: [...pairs, ...sides.map((s) => `s|${r.type}|${s}`)], persons };
}

export { HAPPENED, PROSPECTIVE };
