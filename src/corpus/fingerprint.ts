/**
 * The corpus fingerprint: what the stored stories and claims were computed with. A store keeps the
 * fingerprint of the code and data that built its corpus (table `corpus_meta`, key `fingerprint`,
 * written when a fresh store gets its first article and by `parley corpus rebuild`); when this
 * version of Parley computes another one, the stored stories and claims are stale — new articles
 * would be linked with other parameters than the old ones were — and the read commands say so and
 * name the fix (`parley corpus rebuild`). A store whose corpus was built before fingerprints were
 * kept has none: it is stale too (its stories may come from any earlier parameters).
 *
 * The fingerprint covers the story parameters (params.json without its notes), the word tables,
 * the background frequencies and the boilerplate cues (the files' bytes), and CORPUS_RULES, a
 * number raised by hand whenever a change to the code of src/corpus/ gives other groups or claims
 * for the same articles.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resourcePath } from '../pipeline/resources.js';

/**
 * Raised by hand when the grouping code changes its answers for the same stored articles (stories:
 * link.ts, features.ts; claims: compat.ts, assign.ts; near-duplicates: dedup/).
 * 1: 7 Dec 2026, the first fingerprinted version.
 * 2: claims: a denial goes with any status; a call is never a meeting (compat.ts).
 * 3: stories: an English possessive is its noun (lemmas.ts).
 * 4: claims: an undated account is no distance from the dated happenings before it (assign.ts).
 */
export const CORPUS_RULES = 4;

const DATA = [
  'src/corpus/stories/data/uk-ru-words.json',
  'src/corpus/stories/data/uk-ru-extra.json',
  'src/corpus/stories/data/en-ru-words.json',
  'src/corpus/stories/data/background-df.json',
  'src/corpus/stories/data/boilerplate.json',
];

let memo: string | null = null;

/** The fingerprint of this version's corpus code and data (`r<rules>-<16 hex>`), computed once. */
export function corpusFingerprint(): string {
  if (memo) return memo;
  const h = createHash('sha256');
  const params = JSON.parse(readFileSync(resourcePath('src/corpus/stories/params.json'), 'utf8')) as Record<string, unknown>;
  // the notes (how the values were learned, adjusted) change nothing
  const values = Object.fromEntries(Object.entries(params).filter(([k]) => k !== 'learned' && k !== 'adjusted').sort(([a], [b]) => (a < b ? -1 : 1)));
  h.update(JSON.stringify(values));
  for (const f of DATA) {
    h.update('\0' + f + '\0');
    h.update(readFileSync(resourcePath(f)));
  }
  memo = `r${CORPUS_RULES}-${h.digest('hex').slice(0, 16)}`;
  return memo;
}

/** What a store says about its corpus's fingerprint. */
export interface FingerprintState {
  /** the stored fingerprint; null: none stored */
  stored: string | null;
  /** whether the store holds any article */
  articles: boolean;
}

/**
 * The warning for a store whose corpus was built with other code or data than this version's
 * (null: up to date, or nothing stored yet).
 */
export function staleCorpusMessage(s: FingerprintState, current = corpusFingerprint()): string | null {
  if (!s.articles || s.stored === current) return null;
  const why = s.stored
    ? `were built with other story and claim parameters (${s.stored}; this version: ${current})`
    : 'were built before this version recorded its story and claim parameters';
  return `warning: this database's stories and claims ${why}; they are stale until you run \`parley corpus rebuild\``;
}
