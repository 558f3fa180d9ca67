/**
 * A claim as the contract shows it (`parley/claim@1`), from all its reports (pure).
 *
 * Status resolution is explicit: reports are read in publication order; within one publication
 * date, the reports that continue the status reached so far come first, then the others from the
 * least to the most conclusive (possible, planned, ongoing, occurred, none, cancelled), so a same-day
 * cancellation wins over a plan and a later `possible` after `cancelled` is a reopening (history
 * cancelled -> possible). The claim's status is that of the last report in this order.
 */
import { reportKey, claimIdOf } from './assign.js';
import type { Evidence, Report } from './report.js';

export interface ClaimReport {
  article: string;
  event: number;
  published: string | null;
  outlet: string | null;
  status: string;
  reportedBy: string[];
  lang: string;
  url: string | null;
  /** the event's evidence (the clause or sentence that states it) */
  evidence: Evidence;
  /** the article this report reprints, when it is a near-duplicate */
  copyOf?: string | null;
}

export interface ClaimStance {
  by: string;
  stance: string;
  article: string;
  date: string | null;
  evidence: Evidence;
  /** `events` when the events stage gave the evidence, else how the corpus found it */
  evidenceBy: string;
}

export interface ClaimJson {
  schema: 'parley/claim@1';
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
  stances: ClaimStance[];
  firstReported: { article: string; published: string | null; outlet: string | null };
  /** outlets that carried it after the first report (other than the first outlet) */
  relayedBy: string[];
  /**
   * independent reports: the distinct articles among its reports once every reprint counts as its
   * original (`copyOf`): a wire story carried by five outlets is one independent report, not five
   * confirmations. Set when the claim is read (the near-duplicate links can change later).
   */
  independent?: number;
  /** `from`/`to`: the earliest and latest publication dates of its reports */
  from: string | null;
  to: string | null;
}

const CONCLUSIVE = ['possible', 'planned', 'ongoing', 'occurred', 'none', 'cancelled'];

/**
 * The status a report gives the claim: its own, except that a standing channel (a claim whose mode
 * is `channel`: contacts without one occasion) that `occurred` (was resumed, took place) is
 * `ongoing` — a channel does not happen once. The report itself keeps the status its event gives.
 */
function claimStatus(r: Report, channel: boolean): string {
  return channel && r.status === 'occurred' ? 'ongoing' : r.status;
}

/** Reports in the order statuses are read (see the module comment), with the status each gives the claim. */
export function statusOrder(reports: Report[], channel = false): (Report & { claimStatus: string })[] {
  const sorted = [...reports].sort((a, b) => (reportKey(a) < reportKey(b) ? -1 : 1)).map((r) => ({ ...r, claimStatus: claimStatus(r, channel) }));
  const out: (Report & { claimStatus: string })[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j < sorted.length && sorted[j].published === sorted[i].published) j++;
    const day = sorted.slice(i, j);
    const prev = out.length ? out[out.length - 1].claimStatus : null;
    const groups = new Map<string, (Report & { claimStatus: string })[]>();
    for (const r of day) (groups.get(r.claimStatus) ?? groups.set(r.claimStatus, []).get(r.claimStatus)!).push(r);
    const order = [...groups.keys()].sort((x, y) => {
      if (x === prev) return -1;
      if (y === prev) return 1;
      return CONCLUSIVE.indexOf(x) - CONCLUSIVE.indexOf(y);
    });
    for (const s of order) out.push(...groups.get(s)!);
    i = j;
  }
  return out;
}

function majority<T>(xs: T[], key: (x: T) => string = String): T | null {
  const n = new Map<string, { x: T; n: number; first: number }>();
  xs.forEach((x, i) => {
    const k = key(x);
    const e = n.get(k);
    if (e) e.n++;
    else n.set(k, { x, n: 1, first: i });
  });
  let best: { x: T; n: number; first: number } | null = null;
  for (const e of n.values()) if (!best || e.n > best.n || (e.n === best.n && e.first < best.first)) best = e;
  return best ? best.x : null;
}

export function summarize(reports: Report[]): ClaimJson {
  if (!reports.length) throw new Error('a claim needs at least one report');
  const pubOrder = [...reports].sort((a, b) => (reportKey(a) < reportKey(b) ? -1 : 1));
  const first = pubOrder[0];
  const mode = majority(pubOrder.map((r) => r.mode).filter((m): m is string => !!m));
  const ordered = statusOrder(reports, mode === 'channel');

  // actors: initiators (first actor of a report) first, then by how many reports name them
  const score = new Map<string, { first: number; n: number; seen: number }>();
  let seen = 0;
  for (const r of pubOrder) {
    r.actors.forEach((a, i) => {
      const s = score.get(a) ?? { first: 0, n: 0, seen: seen++ };
      s.n++;
      if (i === 0 && r.actors.length > 1) s.first++;
      score.set(a, s);
    });
  }
  const actors = [...score.entries()].sort((x, y) => y[1].first - x[1].first || y[1].n - x[1].n || x[1].seen - y[1].seen).map(([a]) => a);

  // when: the most specific explicit date; among equally specific ones, the most frequent
  const whens = pubOrder.filter((r) => r.when).map((r) => r.when!);
  const longest = Math.max(0, ...whens.map((w) => w.value.length));
  const when = majority(whens.filter((w) => w.value.length === longest), (w) => w.value + '|' + (w.mod ?? ''));

  const history: ClaimJson['history'] = [];
  for (const r of ordered) {
    if (!history.length || history[history.length - 1].status !== r.claimStatus) history.push({ date: r.published, status: r.claimStatus, article: r.article });
  }
  const stances: ClaimStance[] = [];
  for (const r of pubOrder)
    for (const s of r.stances) stances.push({ by: s.by, stance: s.stance, article: r.article, date: r.published, evidence: s.evidence, evidenceBy: s.evidenceBy });

  const relayedBy: string[] = [];
  for (const r of pubOrder.slice(1)) if (r.outlet && r.outlet !== first.outlet && !relayedBy.includes(r.outlet)) relayedBy.push(r.outlet);
  const pubs = pubOrder.map((r) => r.published).filter((p): p is string => !!p);

  return {
    schema: 'parley/claim@1',
    id: claimIdOf(first),
    story: null,
    type: majority(pubOrder.map((r) => r.type))!,
    mode,
    level: majority(pubOrder.map((r) => r.level).filter((m): m is string => !!m)),
    actors,
    place: majority(pubOrder.map((r) => r.place).filter((m): m is string => !!m)),
    when: when ? { ...when } : null,
    status: ordered[ordered.length - 1].claimStatus,
    reports: pubOrder.map((r) => ({
      article: r.article,
      event: r.event,
      published: r.published,
      outlet: r.outlet,
      status: r.status,
      reportedBy: r.reportedBy,
      lang: r.lang,
      url: r.url,
      evidence: r.evidence,
      ...(r.copyOf ? { copyOf: r.copyOf } : {}),
    })),
    history,
    stances,
    firstReported: { article: first.article, published: first.published, outlet: first.outlet },
    relayedBy,
    from: pubs[0] ?? null,
    to: pubs[pubs.length - 1] ?? null,
  };
}

/** The number of independent reports: distinct articles, a reprint counted as its original. */
export function independentReports(reports: Pick<ClaimReport, 'article' | 'copyOf'>[]): number {
  return new Set(reports.map((r) => r.copyOf ?? r.article)).size;
}
