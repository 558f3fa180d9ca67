/**
 * Near-duplicates and reprints. An article whose text is the same as another's (a reprint, a wire
 * story lightly edited: estimated Jaccard of 5-word shingles ≥ DUPLICATE_JACCARD) is one report with
 * it, not an independent confirmation. Every group of near-duplicates (the connected components of
 * that relation) has one original — the earliest published, then the smallest id — and every other
 * member keeps `copyOf` = that original. The groups, and so the links, do not depend on the order
 * the articles arrive in: a late-arriving earlier article becomes the original of the group and the
 * links are re-pointed.
 *
 * Persistence goes through `DedupIndex` (the SQLite store implements it in src/store/); the look-up
 * is by LSH band keys (an index), never a scan.
 */
import { termOf } from '../../store/terms.js';
import { inSpans, withoutBoilerplate } from '../stories/boilerplate.js';
import { DUPLICATE_JACCARD, fingerprint, fingerprintOfWords, similarity, type Fingerprint } from './minhash.js';
import { textWords } from './words.js';

export { fingerprint, similarity, DUPLICATE_JACCARD } from './minhash.js';
export type { Fingerprint } from './minhash.js';

export interface DedupArticle {
  id: string;
  published: string | null;
}

export interface DedupCandidate extends DedupArticle {
  sig: Uint32Array;
  copyOf: string | null;
}

/** What the near-duplicate linker needs from the store. */
export interface DedupIndex {
  /** stored fingerprints sharing at least one band key (any order; the article itself excluded) */
  byBands(keys: number[], exclude: string): DedupCandidate[];
  /** the articles whose copyOf is `original` */
  copiesOf(original: string): DedupArticle[];
  /** the stored article (for its publication date) */
  article(id: string): DedupArticle | null;
  setCopyOf(id: string, copyOf: string | null): void;
  /** stores the article's fingerprint (null: too short to have one) and link */
  putFingerprint(a: DedupArticle, fp: Fingerprint | null, copyOf: string | null): void;
}

export interface DedupResult {
  /** the original this article is a copy of (null: it is an original, or has no near-duplicate) */
  copyOf: string | null;
  /** stored near-duplicates found (ids) with their estimated similarity */
  matches: { id: string; similarity: number }[];
  /** other articles whose copyOf changed (this article is earlier than their former original) */
  relinked: string[];
}

/** Publication order: earliest published first (undated last), then id. */
export function earlier(a: DedupArticle, b: DedupArticle): boolean {
  const pa = a.published ?? '\uffff';
  const pb = b.published ?? '\uffff';
  return pa < pb || (pa === pb && a.id < b.id);
}

/**
 * The fingerprint of an article's text without its boilerplate lines (`spans`, whole lines as
 * boilerplateSpans gives them): `fingerprint(withoutBoilerplate(text, spans))`. A text already in
 * NFC (as ingest stores it) reuses the words scanned for the story lemmas (`textWords`): the words
 * of the blanked text are exactly the text's words that start outside the spans.
 */
export function articleFingerprint(text: string, spans: [number, number][]): Fingerprint | null {
  if (text.normalize('NFC') !== text) return fingerprint(withoutBoilerplate(text, spans));
  const { starts, words } = textWords(text);
  const ws: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (spans.length && inSpans(spans, starts[i])) continue;
    const t = termOf(words[i]);
    if (t) ws.push(t);
  }
  return fingerprintOfWords(ws);
}

/** Fingerprints a new article (unless given its fingerprint), links it into its group of near-duplicates and stores it. */
export function linkReprint(index: DedupIndex, a: DedupArticle, text: string | null, fp: Fingerprint | null = fingerprint(text ?? '')): DedupResult {
  if (!fp) {
    index.putFingerprint(a, null, null);
    return { copyOf: null, matches: [], relinked: [] };
  }
  const matches: { id: string; similarity: number }[] = [];
  const originals = new Map<string, DedupArticle>();
  for (const c of index.byBands(fp.bands, a.id)) {
    const s = similarity(fp.sig, c.sig);
    if (s < DUPLICATE_JACCARD) continue;
    matches.push({ id: c.id, similarity: s });
    const o = c.copyOf ?? c.id;
    if (!originals.has(o)) originals.set(o, c.copyOf ? index.article(o) ?? { id: o, published: null } : c);
  }
  if (!originals.size) {
    index.putFingerprint(a, fp, null);
    return { copyOf: null, matches, relinked: [] };
  }
  // the group: every former group the article joins, and the article itself
  let first: DedupArticle = a;
  for (const o of originals.values()) if (earlier(o, first)) first = o;
  const relinked: string[] = [];
  index.putFingerprint(a, fp, first.id === a.id ? null : first.id);
  for (const o of originals.values()) {
    if (o.id === first.id) continue;
    index.setCopyOf(o.id, first.id);
    relinked.push(o.id);
    for (const c of index.copiesOf(o.id)) {
      index.setCopyOf(c.id, first.id);
      relinked.push(c.id);
    }
  }
  matches.sort((x, y) => y.similarity - x.similarity || (x.id < y.id ? -1 : 1));
  return { copyOf: first.id === a.id ? null : first.id, matches, relinked: relinked.sort() };
}

/**
 * Folds reprints: keeps one item per original (the first in the given order), for counts and
 * "first reported" that do not count a copy as an independent report. `copyOf` maps an article id
 * to its original (absent or null: an original).
 */
export function foldReprints<T>(items: T[], articleOf: (x: T) => string, copyOf: (id: string) => string | null | undefined): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const x of items) {
    const id = articleOf(x);
    const o = copyOf(id) ?? id;
    if (seen.has(o)) continue;
    seen.add(o);
    out.push(x);
  }
  return out;
}
