/**
 * When two articles report one developing matter: the similarity of their entity vectors and of
 * their cross-lingual term vectors, decayed with the days between them; above a threshold learned
 * on data (params.json, written by scripts/learn-story-threshold.ts) they are linked, and a story is
 * a connected group of linked articles (single link). The link is a pure function of the two
 * articles, so the stories are the same whatever order the articles arrive in, and a rebuild in
 * another order gives the same groups.
 *
 * Candidates: only articles that share at least MIN_SHARED of their index keys (their heaviest
 * entities and terms that are not near-ubiquitous) inside the time window are compared, through an
 * index — the cost of a new article does not grow with the corpus.
 */
import { readJsonResource } from '../../pipeline/resources.js';
import { dot, storyData, VOCAB_PREFIX, type ArticleVec, type StoryData } from './features.js';

export interface LinkParams {
  /** weight of the entity part (1 - of the term part) */
  entityWeight: number;
  /** link threshold on the decayed similarity */
  threshold: number;
  /** days without decay */
  graceDays: number;
  /** e-folding time of the decay after the grace, in days */
  decayDays: number;
  /** candidates only within this many days (both dated) */
  windowDays: number;
  /** index keys two articles must share to be compared */
  minShared: number;
  /** the index keys of an article: its top entities and top terms */
  indexEntities: number;
  indexTerms: number;
  /** a key in more than this share of background documents is no index key */
  maxKeyShare: number;
  /**
   * the decay when either article has no date: an undated article may be from any time, so it is
   * not taken as published the same day (without this an undated article linked across years)
   */
  undatedDecay?: number;
  /**
   * the entity part's weight between articles of different vocabularies (`vocabularyOf`: English
   * against Russian/Ukrainian), whose term vectors share only names
   */
  crossEntityWeight?: number;
  /**
   * The long link: two dated articles weeks or months apart (inside `windowDays`) still link when
   * their undecayed similarity times `longFloor` reaches the threshold (a matter told again and
   * again over months — talks, a mediation, a series of calls — is one story) and their term
   * cosine is at least `longTerms` (`longCrossTerms` across vocabularies, whose terms share only the
   * word table's entries): over months the same parties meet on other matters, so the names alone
   * (the entity part) do not carry a long link, the words must agree too. 0 or absent: no long link.
   */
  longFloor?: number;
  longTerms?: number;
  longCrossTerms?: number;
}

let params: (LinkParams & { learned?: unknown }) | null = null;

export function linkParams(): LinkParams {
  if (!params) params = readJsonResource<LinkParams & { learned?: unknown }>('src/corpus/stories/params.json');
  return params;
}

/** For the learning script: try other parameters. */
export function setLinkParams(p: LinkParams): void {
  params = p;
}

function keyShare(key: string, d: StoryData): number {
  const bare = key.slice(2);
  const df = key.startsWith('e:') ? d.bg.ents[bare] : d.bg.terms[bare];
  return (df ?? 0) / d.bg.docs;
}

/** The keys an article is found by (and looks others up with). */
export function indexKeys(v: ArticleVec, p: LinkParams = linkParams(), d: StoryData = storyData()): string[] {
  const out: string[] = [];
  let n = 0;
  for (const k of v.ents.keys()) {
    if (n >= p.indexEntities) break;
    if (keyShare(k, d) > p.maxKeyShare) continue;
    out.push(k);
    n++;
  }
  n = 0;
  for (const k of v.terms.keys()) {
    if (n >= p.indexTerms) break;
    if (k.startsWith(VOCAB_PREFIX) || keyShare(k, d) > p.maxKeyShare) continue;
    out.push(k);
    n++;
  }
  return out;
}

/** Whole days between two ISO dates (null when either is missing or unreadable). */
export function daysBetween(a: string | null, b: string | null): number | null {
  if (!a || !b) return null;
  const x = Date.parse(a.slice(0, 10));
  const y = Date.parse(b.slice(0, 10));
  if (Number.isNaN(x) || Number.isNaN(y)) return null;
  return Math.abs(x - y) / 86400000;
}

/** The vocabulary key (`l:cyr`, `l:en`) of a vector's terms, null when it has none (a vector stored before it was kept). */
export function vocabularyKey(terms: Iterable<string>): string | null {
  for (const k of terms) if (k.startsWith(VOCAB_PREFIX)) return k;
  return null;
}

/**
 * The two parts mixed: the entity and term cosines weighed by `entityWeight`, or by
 * `crossEntityWeight` when the two vectors are of different vocabularies (both known).
 */
export function mixParts(e: number, t: number, vocabA: string | null, vocabB: string | null, p: LinkParams = linkParams()): number {
  const ew = vocabA && vocabB && vocabA !== vocabB ? p.crossEntityWeight ?? p.entityWeight : p.entityWeight;
  return ew * e + (1 - ew) * t;
}

/** The similarity of two articles before decay. */
export function rawSimilarity(a: ArticleVec, b: ArticleVec, p: LinkParams = linkParams()): number {
  return mixParts(dot(a.ents, b.ents), dot(a.terms, b.terms), vocabularyKey(a.terms.keys()), vocabularyKey(b.terms.keys()), p);
}

export function decay(days: number | null, p: LinkParams = linkParams()): number {
  if (days === null) return p.undatedDecay ?? 1;
  if (days > p.windowDays) return 0;
  return Math.exp(-Math.max(0, days - p.graceDays) / p.decayDays);
}

/**
 * The linking similarity of two articles from their entity cosine `e`, term cosine `t`, vocabulary
 * keys and days apart (null: either undated): the decayed mix, or the long link's (see `longFloor`).
 */
export function linkScore(e: number, t: number, vocabA: string | null, vocabB: string | null, days: number | null, p: LinkParams = linkParams()): number {
  const d = decay(days, p);
  if (!d) return 0;
  const raw = mixParts(e, t, vocabA, vocabB, p);
  const floor = p.longFloor ?? 0;
  if (days === null || floor <= d) return d * raw;
  const cross = vocabA !== null && vocabB !== null && vocabA !== vocabB;
  return t >= (cross ? p.longCrossTerms ?? 0 : p.longTerms ?? 0) ? floor * raw : d * raw;
}

/**
 * The days within which a stored article can still reach the threshold: both parts of a vector
 * are L2-normalised with non-negative weights, so the undecayed similarity is at most 1 (a hair
 * more with the stored rounding) and a pair further apart than where the decay alone falls below
 * the threshold can never link. Candidates are looked up inside this reach (never wider than the
 * window), which links exactly the same pairs.
 */
export function reachDays(p: LinkParams = linkParams()): number {
  if (!(p.threshold > 0) || (p.longFloor ?? 0) * (1 + 1e-3) >= p.threshold) return p.windowDays;
  return Math.min(p.windowDays, p.graceDays + p.decayDays * Math.log((1 + 1e-3) / p.threshold));
}

/** The linking similarity of two articles (`linkScore`). */
export function similarityOf(a: ArticleVec, ap: string | null, b: ArticleVec, bp: string | null, p: LinkParams = linkParams()): number {
  return linkScore(dot(a.ents, b.ents), dot(a.terms, b.terms), vocabularyKey(a.terms.keys()), vocabularyKey(b.terms.keys()), daysBetween(ap, bp), p);
}

/** Date bounds of the candidate window around a publication date (null: no bound). */
export function windowOf(published: string | null, p: LinkParams = linkParams()): { from: string | null; to: string | null } {
  if (!published) return { from: null, to: null };
  const t = Date.parse(published.slice(0, 10));
  if (Number.isNaN(t)) return { from: null, to: null };
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(t - p.windowDays * 86400000), to: iso(t + p.windowDays * 86400000) + '\uffff' };
}
