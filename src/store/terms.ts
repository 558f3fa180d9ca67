/**
 * Index terms: how words become the strings the full-text index holds and the query looks up.
 * Both sides go through `termOf`, so the index and the query agree by construction: folded
 * (lower case, ё→е), with every character that is not a letter or digit removed (apostrophes,
 * hyphens), so that one word is always exactly one FTS5 token.
 */
import { readFileSync } from 'node:fs';
import { compiled, siblings } from '../pipeline/compiled.js';
import { readJsonResource, resourcePath } from '../pipeline/resources.js';
import type { Lemmatizer } from './types.js';

const NON_WORD = /[^\p{L}\p{N}]/u;
const NON_WORD_G = /[^\p{L}\p{N}]+/gu;

/** The index term of a word (input already NFC, as `Doc.text` and query words are). */
export function termOf(s: string): string {
  // fast path (most words): only ASCII/Cyrillic letters and digits other than ё/Ё, so the term is
  // the word lower-cased (nothing to replace or drop); returned as is when already lower case
  // (the slow path is called after the loop, not from inside it: with the call in the loop V8's
  // optimised loop ran ~10x slower on the strings JSON.parse and the tokenizer make, ~1.4-2 us a
  // word instead of ~0.13)
  let lower = true;
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x430 && c <= 0x44f) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x456 || c === 0x457 || c === 0x454 || c === 0x491) continue;
    if ((c >= 0x410 && c <= 0x42f) || (c >= 0x41 && c <= 0x5a) || c === 0x406 || c === 0x407 || c === 0x404 || c === 0x490) {
      lower = false;
      continue;
    }
    break;
  }
  if (i < s.length) return slowTermOf(s);
  return lower ? s : s.toLowerCase();
}

function slowTermOf(s: string): string {
  let t = s.toLowerCase();
  if (t.includes('ё')) t = t.replace(/ё/g, 'е');
  if (NON_WORD.test(t)) t = t.replace(NON_WORD_G, '');
  return t;
}

/** A word with internal apostrophes or hyphens: `п’ятий`, `пресс-секретарь`, `O'Brien`. */
export const WORD_RE = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[’'ʼ`‘\-‐][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;

export interface WordSpan {
  start: number;
  end: number;
  text: string;
}

/** Words of a text (used for titles, and for articles stored without a tokens layer). */
export function words(text: string): WordSpan[] {
  const out: WordSpan[] = [];
  for (const m of text.matchAll(WORD_RE)) out.push({ start: m.index!, end: m.index! + m[0].length, text: m[0] });
  return out;
}

/** Likely languages of one query word from its letters alone. */
export function wordLangs(word: string, hint?: string): string[] {
  if (hint) return [hint];
  if (/[a-z]/i.test(word) && !/[\u0400-\u04FF]/.test(word)) return ['en'];
  if (/[іїєґ]/i.test(word)) return ['uk'];
  if (/[ыэъё]/i.test(word)) return ['ru'];
  if (/[\u0400-\u04FF]/.test(word)) return ['ru', 'uk'];
  return [];
}

export interface QueryWord {
  word: string;
  /** lemma terms to match in the lemma column */
  lemmas: string[];
  /** surface terms to match in the forms/title columns */
  forms: string[];
}

/** A base form of a query word: from the dictionary, or a guess (name model, suffix guesser). */
export interface Reading {
  lemma: string;
  dict: boolean;
}

/** A lemmatizer that tells dictionary readings from guesses (morphLemmatizer does). */
export interface ReadingLemmatizer extends Lemmatizer {
  readings(word: string, lang?: string): Reading[];
}

/** What the store knows of entity names, for expanding a query across languages. */
export interface NameLookup {
  /** whether a term is a word of some stored entity's name */
  isNameWord(term: string): boolean;
  /** the words standing for this name word in the entity's names in other languages */
  across(term: string): string[];
}

/** uk -> ru and ru -> uk lemma pairs of the cross-lingual word table (src/corpus/stories/data). */
export interface WordTable {
  /** the Russian cognate of a Ukrainian lemma */
  ruOf(uk: string): string | undefined;
  /** the Ukrainian lemmas whose cognate is this Russian lemma, in the table's order */
  ukOf(ru: string): string[];
}

const WORD_TABLE_FILE = 'src/corpus/stories/data/uk-ru-words.json';

/**
 * One direction of the word table as sorted keys and their values, each list concatenated into
 * one string with its start offsets: read back from the compiled cache in about a millisecond
 * (the JSON parse and the reverse map took 30-50 ms of every `parley search`).
 */
interface FlatPairs {
  keys: string;
  keyStarts: Int32Array;
  vals: string;
  valStarts: Int32Array;
}

function flatPairs(pairs: [string, string][]): FlatPairs {
  // stable: equal keys keep the table's order
  const sorted = pairs.map((p, i) => [p, i] as const).sort((a, b) => (a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : a[1] - b[1]));
  const keyStarts = new Int32Array(sorted.length + 1);
  const valStarts = new Int32Array(sorted.length + 1);
  let k = 0;
  let v = 0;
  sorted.forEach(([[key, val]], i) => {
    keyStarts[i] = k;
    valStarts[i] = v;
    k += key.length;
    v += val.length;
  });
  keyStarts[sorted.length] = k;
  valStarts[sorted.length] = v;
  return { keys: sorted.map(([[key]]) => key).join(''), keyStarts, vals: sorted.map(([[, val]]) => val).join(''), valStarts };
}

/** the values of a key, in order (binary search for the first entry with the key) */
function lookupPairs(t: FlatPairs, key: string): string[] {
  const n = t.keyStarts.length - 1;
  const keyAt = (i: number) => t.keys.slice(t.keyStarts[i], t.keyStarts[i + 1]);
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyAt(mid) < key) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < n && keyAt(i) === key; i++) out.push(t.vals.slice(t.valStarts[i], t.valStarts[i + 1]));
  return out;
}

let wordTable: WordTable | null = null;
export function loadWordTable(): WordTable {
  if (!wordTable) {
    const flat = compiled({
      name: 'uk-ru-words',
      sources: [readFileSync(resourcePath(WORD_TABLE_FILE))],
      code: siblings(import.meta.url, './terms'),
      classes: [],
      build: () => {
        const ukRu = Object.entries(readJsonResource<{ words: Record<string, string> }>(WORD_TABLE_FILE).words);
        return { ukRu: flatPairs(ukRu), ruUk: flatPairs(ukRu.map(([u, r]) => [r, u])) };
      },
    });
    wordTable = {
      ruOf: (uk) => lookupPairs(flat.ukRu, uk)[0],
      ukOf: (ru) => lookupPairs(flat.ruUk, ru),
    };
  }
  return wordTable;
}

export interface ExpandOptions {
  /** entity names of the store: name words in other languages, and the check of guessed lemmas */
  names?: NameLookup;
  /** false: no cross-language expansion (names, word table) */
  crossLingual?: boolean;
}

/**
 * Split a query into words and expand each with its lemmas in every plausible language. Only
 * forms the dictionaries allow are added: a word the morphology knows gets its dictionary lemmas;
 * an unknown word (`Брексита`) gets a guessed lemma only when that lemma is a word of a stored
 * entity's name (`брексит`), never the guesser's other readings (`сито`). Across languages, a
 * lemma that is a word of an entity's name brings that word of the entity's names in the other
 * languages (`путин` -> `путін`, `putin`), and the uk<->ru word table its cognate (`газопровод` ->
 * `газопровід`).
 */
export function expandQuery(text: string, lemmatizer?: Lemmatizer, lang?: string, opts: ExpandOptions = {}): QueryWord[] {
  const out: QueryWord[] = [];
  const names = opts.names ?? (lemmatizer as { names?: NameLookup } | undefined)?.names;
  for (const w of words(text.normalize('NFC'))) {
    const form = termOf(w.text);
    if (!form) continue;
    const lemmas = new Set<string>([form]);
    if (lemmatizer) {
      const readable = (lemmatizer as Partial<ReadingLemmatizer>).readings;
      for (const l of wordLangs(w.text, lang)) {
        if (readable) {
          for (const r of readable.call(lemmatizer, w.text, l)) {
            const t = termOf(r.lemma);
            if (t && (r.dict || names?.isNameWord(t))) lemmas.add(t);
          }
        } else
          for (const lemma of lemmatizer.lemmas(w.text, l)) {
            const t = termOf(lemma);
            if (t) lemmas.add(t);
          }
      }
    }
    if (opts.crossLingual !== false) {
      const table = loadWordTable();
      for (const l of [...lemmas]) {
        if (names) for (const x of names.across(l)) lemmas.add(x);
        const ru = table.ruOf(l);
        if (ru) lemmas.add(ru);
        for (const uk of table.ukOf(l)) lemmas.add(uk);
      }
    }
    out.push({ word: w.text, lemmas: [...lemmas], forms: [form] });
  }
  return out;
}

/** An FTS5 MATCH expression: every query word must match (by lemma or by surface form). */
export function ftsExpression(q: QueryWord[]): string {
  const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;
  return q
    .map((w) => {
      const alts = [
        ...w.lemmas.map((l) => `lemmas : ${quote(l)}`),
        ...w.lemmas.map((l) => `alts : ${quote(l)}`),
        ...w.forms.map((f) => `forms : ${quote(f)}`),
        ...[...new Set([...w.forms, ...w.lemmas])].map((f) => `title : ${quote(f)}`),
      ];
      return `(${alts.join(' OR ')})`;
    })
    .join(' AND ');
}
