/**
 * Snippets: the passage of an article around the words a query matched, with those words marked.
 * Matches are found on the index terms (token i matched query word k by lemma or by surface form),
 * then mapped back to character offsets in the article text through the stored token offsets.
 */
import { firstContentLine } from '../ingest/furniture.js';
import { decodeTerms } from './sqlite-terms.js';
import type { QueryWord } from './terms.js';
import type { SearchHit, SearchQuery, SearchResult } from './types.js';

export interface TermRow {
  lemmas: string[];
  forms: string[];
  /** [start0, end0, start1, end1, ...] offsets of term i in the text */
  offsets: Uint32Array;
  /** [term index, "alt1 alt2"]: other lemmas of ambiguous terms */
  alts?: [number, string][];
}

export interface Match {
  start: number;
  end: number;
  /** index of the query word it matched */
  word: number;
}

export function findMatches(row: TermRow, q: QueryWord[]): Match[] {
  const lemmaTo = new Map<string, number[]>();
  const formTo = new Map<string, number[]>();
  q.forEach((w, k) => {
    for (const l of w.lemmas) (lemmaTo.get(l) ?? lemmaTo.set(l, []).get(l)!).push(k);
    for (const f of w.forms) (formTo.get(f) ?? formTo.set(f, []).get(f)!).push(k);
  });
  const altOf = new Map<number, string[]>((row.alts ?? []).map(([i, s]) => [i, s.split(' ')]));
  const out: Match[] = [];
  const n = Math.min(row.lemmas.length, row.forms.length, row.offsets.length >> 1);
  for (let i = 0; i < n; i++) {
    let ks = lemmaTo.get(row.lemmas[i]) ?? formTo.get(row.forms[i]);
    if (!ks) for (const alt of altOf.get(i) ?? []) if ((ks = lemmaTo.get(alt))) break;
    if (ks) out.push({ start: row.offsets[2 * i], end: row.offsets[2 * i + 1], word: ks[0] });
  }
  return out;
}

/**
 * The window of about `width` characters that covers the most distinct query words (then the most
 * matches), widened to word boundaries, whitespace collapsed, matches wrapped in `mark`.
 */
export function makeSnippet(text: string, matches: Match[], mark: [string, string], width = 220): string {
  if (!matches.length) return clip(text, 0, Math.min(text.length, width), [], mark);
  let best = 0;
  let bestKey = -1;
  for (let i = 0; i < matches.length; i++) {
    const limit = matches[i].start + width;
    const seen = new Set<number>();
    let count = 0;
    for (let j = i; j < matches.length && matches[j].end <= limit; j++) {
      seen.add(matches[j].word);
      count++;
    }
    const key = seen.size * 10000 + count;
    if (key > bestKey) {
      bestKey = key;
      best = i;
    }
  }
  const first = matches[best];
  const inWindow = matches.filter((m) => m.start >= first.start && m.end <= first.start + width);
  const lastEnd = inWindow[inWindow.length - 1].end;
  // centre the matched stretch inside the window
  const slack = Math.max(0, width - (lastEnd - first.start));
  let start = Math.max(0, first.start - Math.floor(slack / 2));
  // prefer to start at the sentence start when it is close
  const sentStart = Math.max(text.lastIndexOf('. ', first.start - 1) + 2, text.lastIndexOf('\n', first.start - 1) + 1);
  if (sentStart > 1 && sentStart <= first.start && first.start - sentStart < slack) start = sentStart;
  else if (start > 0) {
    const sp = text.lastIndexOf(' ', start);
    start = sp >= 0 && start - sp < 20 ? sp + 1 : start;
  }
  let end = Math.min(text.length, Math.max(lastEnd, start + width));
  if (end < text.length) {
    const sp = text.indexOf(' ', end);
    end = sp >= 0 && sp - end < 20 ? sp : end;
  }
  return clip(text, start, end, inWindow, mark);
}

function clip(text: string, start: number, end: number, ms: Match[], mark: [string, string]): string {
  let out = '';
  let pos = start;
  for (const m of ms) {
    if (m.start < pos || m.end > end) continue;
    out += text.slice(pos, m.start) + mark[0] + text.slice(m.start, m.end) + mark[1];
    pos = m.end;
  }
  out += text.slice(pos, end);
  out = out.replace(/\s+/g, ' ').trim();
  return (start > 0 ? '… ' : '') + out + (end < text.length ? ' …' : '');
}

/** The first line of a text, cut at a word boundary near 120 characters. */
export function leadOf(text: string): string {
  // the first line that is no page furniture (a scraped menu word `Поиск`, a photo caption)
  const first = firstContentLine(text);
  if (first.length <= 120) return first;
  const cut = first.lastIndexOf(' ', 120);
  return first.slice(0, cut > 60 ? cut : 120) + ' …';
}

/** A row of a search query: the article's columns and its stored search terms (both stores). */
export interface SearchRow {
  id: string;
  title: string | null;
  published: string | null;
  lang: string;
  outlet: string | null;
  path: string | null;
  url: string | null;
  text: string;
  /** a number (SQLite) or numeric text (PostgreSQL) */
  score: unknown;
  offsets: Uint8Array | null;
  terms: string | Uint8Array | null;
  alts: string | null;
}

/** A search row as a hit: lead, snippet around the matched words, the matches' offsets. */
export function searchHit(
  r: SearchRow,
  terms: QueryWord[],
  mark: [string, string],
  width = 220,
): SearchHit {
  const matches = findMatches(decodeTerms(r.text, r.offsets, r.terms, r.alts), terms);
  return {
    id: r.id,
    title: r.title,
    lead: leadOf(r.text),
    published: r.published,
    lang: r.lang,
    outlet: r.outlet,
    path: r.path,
    url: r.url,
    score: Number(r.score),
    snippet: makeSnippet(r.text, matches, mark, width),
    matches: matches.map((m) => ({ start: m.start, end: m.end, text: r.text.slice(m.start, m.end) })),
  };
}

/** The result of a search before any hit: the query and how each of its words was expanded. */
export function searchResultOf(q: SearchQuery, terms: QueryWord[]): SearchResult {
  return { query: q.text, terms: terms.map((t) => ({ word: t.word, lemmas: t.lemmas, forms: t.forms })), total: 0, hits: [] };
}
