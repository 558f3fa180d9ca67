/**
 * What a story compares: an article's entity ids (shared across ru/uk/en by the linker) and its
 * content lemmas made cross-lingual — a Ukrainian lemma goes through the uk→ru word table
 * (data/uk-ru-words.json: `переговори`→`переговоры`, `газопровід`→`газопровод`; data/uk-ru-extra.json
 * for frequent news words that are no cognates: `зустріч`→`встреча`, `угода`→`соглашение`), then every lemma
 * to the Latin skeleton `translitKey` that the KB uses for names (`санкции` = `санкції` = `sanktsii`).
 *
 * Weights: sublinear tf × idf, the idf from a fixed background document frequency table
 * (data/background-df.json, built by scripts/build-story-data.ts from public news corpora), so an
 * article's vector is a pure function of the article: the same whatever else is stored, whatever
 * order articles arrive in. Each part (entities, terms) is cut to its top keys and L2-normalised.
 */
import { readJsonResource } from '../../pipeline/resources.js';
import { translitKey } from '../../entities/kb/keys.js';
import { storyLemma, storyLemmaGeneration } from './lemmas.js';

export const TOP_TERMS = 40;
export const TOP_ENTS = 15;

export interface ArticleInput {
  id: string;
  lang: string;
  published: string | null;
  /** lemma terms of the text's words, in order (as the search index keeps them) */
  lemmas?: string[];
  /**
   * instead of `lemmas`: the count of each cross-lingual term key (`wordTermCounts`), which gives
   * the same vector as the lemmas it counts
   */
  termCounts?: Map<string, number>;
  entities: { id: string; mentions: number }[];
}

/** A sparse vector: key -> weight (keys `e:<entity id>`, `t:<term key>`). */
export type Vec = Map<string, number>;

export interface ArticleVec {
  ents: Vec;
  terms: Vec;
}

/**
 * The vocabulary an article's term keys live in: Russian and Ukrainian share one (the uk→ru word
 * table and the transliteration key join them), English has its own (no word table to Russian or
 * Ukrainian: only names meet across). Two articles of different vocabularies are compared mostly by
 * their entities (link.ts `mixParts`).
 */
export function vocabularyOf(lang: string): string | null {
  return lang === 'ru' || lang === 'uk' ? 'cyr' : lang === 'en' ? 'en' : null;
}

/**
 * The key that carries an article's vocabulary inside its stored vector: a term key of weight 0
 * (it adds nothing to a dot product; `l:` keys are never index keys), so a stored vector says which
 * vocabulary it was built in without another column.
 */
export const VOCAB_PREFIX = 'l:';

interface Background {
  docs: number;
  terms: Record<string, number>;
  ents: Record<string, number>;
}

export interface StoryData {
  ukRu: Record<string, string>;
  /** English -> Russian lemmas of frequent news words (data/en-ru-words.json); absent: none */
  enRu?: Record<string, string>;
  bg: Background;
}

let data: StoryData | null = null;

/** The shipped word table and background frequencies (loaded once). */
export function storyData(): StoryData {
  if (!data) {
    // the cognate table, and over it the non-cognates of frequent news words (`зустріч` -> `встреча`,
    // `угода` -> `соглашение`), which its respelling rules cannot find
    const ukRu = {
      ...readJsonResource<{ words: Record<string, string> }>('src/corpus/stories/data/uk-ru-words.json').words,
      ...readJsonResource<{ words: Record<string, string> }>('src/corpus/stories/data/uk-ru-extra.json').words,
    };
    const enRu = readJsonResource<{ words: Record<string, string> }>('src/corpus/stories/data/en-ru-words.json').words;
    const bg = readJsonResource<Background>('src/corpus/stories/data/background-df.json');
    data = { ukRu, enRu, bg };
  }
  return data;
}

/** For the build script: use these tables instead of the shipped ones. */
export function setStoryData(d: StoryData): void {
  data = d;
  termKeyMemo.clear();
  wordKeyMemo.clear();
}

const WORDLIKE = /^\p{L}[\p{L}\p{N}]*$/u;

/**
 * The cross-lingual key of a lemma term (null: not a content word candidate): a Ukrainian lemma
 * through the uk->ru table, an English one through the en->ru table of frequent news words (`talk`
 * -> `переговоры`, `ceasefire` -> `перемирие`), then the transliteration key.
 */
export function termKey(lemma: string, lang: string, ukRu: Record<string, string>, enRu?: Record<string, string>): string | null {
  if (lemma.length < 3 || !WORDLIKE.test(lemma)) return null;
  const l = lang === 'uk' ? ukRu[lemma] ?? lemma : lang === 'en' && enRu ? enRu[lemma] ?? lemma : lemma;
  const k = translitKey(l);
  return k.length >= 3 ? k : null;
}

/**
 * `termKey` per language, memoised: an article's distinct lemmas are mostly ones seen before, and
 * one map look-up replaces the word test, the uk->ru table look-up and the transliteration memo.
 * Bounded (emptied when full); emptied when the word table changes (setStoryData).
 */
const TERM_KEY_MEMO_SIZE = 200_000;
const termKeyMemo = new Map<string, Map<string, string | null>>();
function termKeyMemoised(lemma: string, lang: string, ukRu: Record<string, string>, enRu?: Record<string, string>): string | null {
  let m = termKeyMemo.get(lang);
  if (!m) termKeyMemo.set(lang, (m = new Map()));
  let k = m.get(lemma);
  if (k === undefined) {
    if (m.size >= TERM_KEY_MEMO_SIZE) m.clear();
    k = termKey(lemma, lang, ukRu, enRu);
    m.set(lemma, k);
  }
  return k;
}

/**
 * The term key of a word of a text (its story lemma's `termKey`; null: none), memoised per language
 * like `termKeyMemoised`, and emptied when the story lemmas' analyser changes.
 */
const wordKeyMemo = new Map<string, Map<string, string | null>>();
let wordKeyGeneration = -1;
/** The memo of `lang`'s word keys (emptied first when the story lemmas' analyser changed). */
function wordKeyMemoOf(lang: string): Map<string, string | null> {
  if (wordKeyGeneration !== storyLemmaGeneration()) {
    wordKeyMemo.clear();
    wordKeyGeneration = storyLemmaGeneration();
  }
  let m = wordKeyMemo.get(lang);
  if (!m) wordKeyMemo.set(lang, (m = new Map()));
  return m;
}

/** A word's term key, not yet in `m` (its language's memo): worked out and remembered. */
function newWordTermKey(m: Map<string, string | null>, word: string, lang: string, d: StoryData): string | null {
  if (m.size >= TERM_KEY_MEMO_SIZE) m.clear();
  const l = storyLemma(word, lang);
  const k = l ? termKeyMemoised(l, lang, d.ukRu, d.enRu) : null;
  m.set(word, k);
  return k;
}

/**
 * The count of each term key over the words of a text (`words[i]` at offset `starts[i]`), skipping
 * words that start inside a skipped span (`skip(offset)`): what `articleVec` counts from the lemmas
 * `storyLemma` gives these words, worked out once per distinct word instead of once per word.
 */
export function wordTermCounts(words: string[], lang: string, skip?: (i: number) => boolean): Map<string, number> {
  const byWord = new Map<string, number>();
  for (let i = 0; i < words.length; i++) {
    if (skip && skip(i)) continue;
    const w = words[i];
    byWord.set(w, (byWord.get(w) ?? 0) + 1);
  }
  const d = storyData();
  const m = wordKeyMemoOf(lang);
  const tf = new Map<string, number>();
  for (const [w, n] of byWord) {
    let k = m.get(w);
    if (k === undefined) k = newWordTermKey(m, w, lang, d);
    if (k) tf.set(k, (tf.get(k) ?? 0) + n);
  }
  return tf;
}

function idf(df: number | undefined, docs: number): number {
  return Math.log((docs + 1) / ((df ?? 0) + 1));
}

/**
 * The `n` heaviest keys of `m` (positive weights; ties by key), L2-normalised, in that order. The
 * n-th heaviest weight is found by sorting the weights alone (a typed array, no comparator); only
 * the keys at or above it are sorted with the tie-break: the same vector as sorting every key.
 */
function topNormalised(m: Map<string, number>, n: number, prefix: string): Vec {
  let items: [string, number][];
  if (m.size <= n) items = [...m].filter(([, w]) => w > 0);
  else {
    const ws = new Float64Array(m.size);
    let i = 0;
    for (const w of m.values()) ws[i++] = w;
    ws.sort();
    const cut = Math.max(ws[ws.length - n], Number.MIN_VALUE);
    items = [];
    for (const e of m) if (e[1] >= cut) items.push(e);
  }
  items = items.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n);
  let s = 0;
  for (const [, w] of items) s += w * w;
  const norm = Math.sqrt(s) || 1;
  const out: Vec = new Map();
  for (const [k, w] of items) out.set(prefix + k, w / norm);
  return out;
}

/** The article's entity and term vectors. */
export function articleVec(a: ArticleInput, d: StoryData = storyData()): ArticleVec {
  let tf: Map<string, number>;
  if (a.termCounts && d === data) tf = a.termCounts;
  else {
    const byLemma = new Map<string, number>();
    for (const l of a.lemmas ?? []) byLemma.set(l, (byLemma.get(l) ?? 0) + 1);
    tf = new Map<string, number>();
    for (const [l, n] of byLemma) {
      const k = d === data ? termKeyMemoised(l, a.lang, d.ukRu, d.enRu) : termKey(l, a.lang, d.ukRu, d.enRu);
      if (k) tf.set(k, (tf.get(k) ?? 0) + n);
    }
  }
  const tw = new Map<string, number>();
  for (const [k, n] of tf) tw.set(k, (1 + Math.log(n)) * idf(d.bg.terms[k], d.bg.docs));
  const ew = new Map<string, number>();
  for (const e of a.entities) {
    if (!e.id) continue;
    ew.set(e.id, (ew.get(e.id) ?? 0) + (1 + Math.log(Math.max(1, e.mentions))) * idf(d.bg.ents[e.id], d.bg.docs));
  }
  const terms = topNormalised(tw, TOP_TERMS, 't:');
  const vocab = vocabularyOf(a.lang);
  if (vocab) terms.set(VOCAB_PREFIX + vocab, 0);
  return { ents: topNormalised(ew, TOP_ENTS, 'e:'), terms };
}

/** Dot product of a (small) vector with a weight look-up. */
export function dot(v: Vec, w: Map<string, number>): number {
  let s = 0;
  for (const [k, x] of v) {
    const y = w.get(k);
    if (y) s += x * y;
  }
  return s;
}
