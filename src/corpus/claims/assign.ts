/**
 * Placing the events of a new article into claims (pure). A report joins every claim it is
 * compatible with (`clash` null with at least one of the claim's reports near it in time, and no
 * hard clash with any of them: other people, another place or level, happened vs cancelled, the next
 * occasion); claims it bridges merge; with none it opens a claim. A claim's id is a hash of its
 * earliest report (`article:event`, in publication order), so ids do not depend on arrival order;
 * a claim that gains an earlier report or merges is renamed.
 */
import { createHash } from 'node:crypto';
import { clash, floating, HAPPENED, modesApart, type Why } from './compat.js';
import type { Report } from './report.js';

const HARD: ReadonlySet<Why> = new Set(['persons', 'host', 'place', 'level', 'status', 'initiator', 'next-occasion']);

/**
 * Whether a clash keeps a report out of a claim outright (not only unlinked to that member): the
 * hard reasons, and a date clash where a report names its date (two different dates, or an undated
 * account far from a dated happening), so a chain of undated reports cannot stretch a dated claim.
 */
function isHard(why: Why, a: Report, b: Report): boolean {
  return HARD.has(why) || (why === 'date' && (a.whenRange !== null || b.whenRange !== null)) || (why === 'mode' && modesApart(a, b));
}

/**
 * How close two compatible reports are: the same mode, the same parties, the same place, the same
 * explicit date, fewer days apart. Decides which claim a report that fits several joins.
 */
function affinity(a: Report, b: Report): number {
  let x = 0;
  if (a.mode === b.mode) x += 4;
  if (a.actors.length === b.actors.length && a.actors.every((id) => b.actors.includes(id))) x += 3;
  else if (a.actors.some((id) => b.actors.includes(id))) x += 1;
  if (a.place && a.place === b.place) x += 2;
  if (a.when && b.when && a.when.value === b.when.value) x += 2;
  if (a.status === b.status) x += 1;
  // days apart; an undated account of what happened (or a denial) published on or after a dated
  // happening says only that it came before its publication: no distance from that happening
  if (!accountAfter(a, b) && !accountAfter(b, a)) {
    const da = a.whenRange?.[0] ?? a.pubDay;
    const db = b.whenRange?.[0] ?? b.pubDay;
    if (da !== null && db !== null) x -= Math.min(10, Math.abs(da - db)) / 2;
  }
  return x;
}

/** `u` is an undated account (happened, or a denial) published on or after `d`'s dated happening. */
function accountAfter(u: Report, d: Report): boolean {
  return u.whenRange === null && d.whenRange !== null && u.pubDay !== null && (HAPPENED.has(u.status) || u.status === 'none') && d.whenRange[1] <= u.pubDay;
}

export interface Placed {
  claim: string;
  report: Report;
}

export interface Assignment {
  /** the new article's reports with their (final) claim ids */
  placed: Placed[];
  /** existing claims renamed (merged into another, or given an earlier first report) */
  renames: { from: string; to: string }[];
  /** final ids of every claim whose reports changed (to re-summarise) */
  touched: string[];
}

/** Publication-order sort key of a report: published, article id, event index. */
export function reportKey(r: { published: string | null; article: string; event: number }): string {
  return `${r.published ?? '9999-99-99'}|${r.article}|${String(r.event).padStart(5, '0')}`;
}

/** The claim id a claim gets from its earliest report. */
export function claimIdOf(first: { article: string; event: number }): string {
  return 'c-' + createHash('sha1').update(`${first.article}:${first.event}`).digest('hex').slice(0, 12);
}

/**
 * @param reports the new article's reports
 * @param candidates stored reports that may be of the same happenings, with their claim ids
 * @param firstOf the earliest report of each candidate claim (`reportKey` and ids)
 */
export function assign(
  reports: Report[],
  candidates: Placed[],
  firstOf: Map<string, { key: string; article: string; event: number }>,
): Assignment {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let p = parent.get(x) ?? x;
    while (p !== (parent.get(p) ?? p)) p = parent.get(p) ?? p;
    parent.set(x, p);
    return p;
  };
  const union = (x: string, y: string) => {
    const a = find(x);
    const b = find(y);
    if (a !== b) parent.set(b, a);
  };
  const pool: Placed[] = [...candidates];
  const provisional = new Map<string, string>();
  const firstKeyOf = (c: string) => firstOf.get(c)?.key ?? provisional.get(c) ?? c;
  const placed: Placed[] = [];
  for (const r of reports) {
    const byClaim = new Map<string, Report[]>();
    for (const p of pool) {
      const c = find(p.claim);
      const l = byClaim.get(c);
      if (l) l.push(p.report);
      else byClaim.set(c, [p.report]);
    }
    // the claims it fits: compatible with a member, no hard clash with any; best fit first
    const fits: { c: string; n: number; best: number; members: Report[] }[] = [];
    for (const [c, members] of byClaim) {
      let n = 0;
      let best = -Infinity;
      let hard = false;
      for (const m of members) {
        const why = clash(r, m);
        if (why === null) {
          n++;
          best = Math.max(best, affinity(r, m));
        }
        else if (isHard(why, r, m)) {
          hard = true;
          break;
        }
      }
      if (n && !hard) fits.push({ c, n, best, members });
    }
    // the closest claim first (so a report sides with the same account whatever came first)
    fits.sort((x, y) => y.best - x.best || y.n - x.n || (firstKeyOf(x.c) < firstKeyOf(y.c) ? -1 : 1));
    // claims it bridges merge only when no member of one hard-clashes with a member of another
    const joins: string[] = [];
    const group: Report[] = [];
    // a report with no date at all cannot tell two occasions apart: it joins a claim only when it
    // fits just one, and never bridges two
    for (const f of floating(r) ? (fits.length === 1 ? fits : []) : fits) {
      if (joins.length && f.members.some((m) => group.some((g) => { const w = clash(m, g); return w !== null && isHard(w, m, g); }))) continue;
      joins.push(f.c);
      group.push(...f.members);
    }
    const own = `new:${r.article}:${r.event}`;
    provisional.set(own, reportKey(r));
    for (const c of joins) union(own, c);
    const p = { claim: own, report: r };
    placed.push(p);
    pool.push(p);
  }

  // final ids: each group's earliest report, among stored claims' first reports and the new ones
  const earliest = new Map<string, { key: string; article: string; event: number }>();
  const offer = (group: string, f: { key: string; article: string; event: number }) => {
    const e = earliest.get(group);
    if (!e || f.key < e.key) earliest.set(group, f);
  };
  for (const [c, f] of firstOf) offer(find(c), f);
  for (const p of placed) offer(find(p.claim), { key: reportKey(p.report), article: p.report.article, event: p.report.event });
  const finalId = (c: string) => claimIdOf(earliest.get(find(c))!);

  const renames: { from: string; to: string }[] = [];
  const touched = new Set<string>();
  for (const c of firstOf.keys()) {
    const to = finalId(c);
    if (to !== c) renames.push({ from: c, to });
  }
  for (const p of placed) {
    p.claim = finalId(p.claim);
    touched.add(p.claim);
  }
  for (const r of renames) touched.add(r.to);
  return { placed, renames, touched: [...touched] };
}

/**
 * Regroups a neighbourhood of reports from scratch, in publication order (`reportKey`): the stored
 * reports of every claim a new article's events may join, with the new reports. Each report joins
 * the closest claim built so far that it fits (as `assign` does); ids come from each group's
 * earliest report. The result depends only on the set of reports, not on the order they arrived
 * in, so incremental updates and a rebuild agree far more often than greedy placement alone.
 * Reports with no date at all (`floating`) are placed after every dated one.
 */
export function recluster(reports: Report[]): Placed[] {
  // reports with no date at all come last, so each joins a claim the dated ones built
  const key = (r: Report) => (floating(r) ? '1|' : '0|') + reportKey(r);
  const sorted = [...reports].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const res = assign(sorted, [], new Map());
  return res.placed;
}
