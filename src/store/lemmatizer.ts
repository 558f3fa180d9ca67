/**
 * The query side of morphological search: the same morphology that lemmatised the articles
 * (stage `morph`) turns each query word into its possible base forms. A word whose language is
 * unclear from its letters is tried in every candidate language; dictionary analyses win over
 * guesses, so a Russian word is not also looked up under a Ukrainian guess (and vice versa).
 */
import type { Morphology } from '../text/morph/api.js';
import type { Lemmatizer } from './types.js';
import type { NameLookup, Reading, ReadingLemmatizer } from './terms.js';
import { termOf, words } from './terms.js';
import { readFileSync } from 'node:fs';
import { compiled, siblings } from '../pipeline/compiled.js';
import { resourcePath } from '../pipeline/resources.js';
import { translitKey } from '../entities/kb/keys.js';

export function morphLemmatizer(morph: Morphology, opts: { names?: KbNames | null } = {}): ReadingLemmatizer & { readonly names?: NameLookup } {
  let names: KbNames | null | undefined = opts.names;
  const kb = (): KbNames | null => (names === undefined ? (names = KbNames.load()) : names);
  return {
    get names() {
      return kb() ?? undefined;
    },
    lemmas(word: string, lang?: string): string[] {
      const langs = lang ? [lang] : ['ru', 'uk'];
      const per = langs.map((l) => {
        try {
          return morph.analyze(word, l);
        } catch {
          return [];
        }
      });
      const dict = per.flat().filter((a) => a.source === 'dict' || a.source === 'name');
      const chosen = dict.length ? dict : per.flatMap((as) => as.slice(0, 2));
      return [...new Set(chosen.map((a) => a.lemma))];
    },
    readings(word: string, lang?: string): Reading[] {
      const langs = lang ? [lang] : ['ru', 'uk'];
      const per = langs.map((l) => {
        try {
          return morph.analyze(word, l);
        } catch {
          return [];
        }
      });
      // a dictionary reading in any language: only dictionary lemmas (`Зеленський` is in the
      // Ukrainian dictionary, so the Russian name guesser's `Зеленськие` is not a reading of it)
      const dict = new Set(per.flat().filter((a) => a.source === 'dict').map((a) => a.lemma));
      // a name form the knowledge base lists (`Брексита` -> `Брексит`, `Сибиги` -> `Сибига`) is a
      // dictionary reading too: the KB is the dictionary of names
      for (const l of lang ? [lang] : ['ru', 'uk', 'en']) for (const x of kb()?.formLemmas(word, l) ?? []) dict.add(x);
      if (dict.size) return [...dict].map((lemma) => ({ lemma, dict: true }));
      // an unknown word: the guesses (name model, suffix guesser), flagged, for the caller to check
      return [...new Set(per.flatMap((as) => as.slice(0, 4)).map((a) => a.lemma))].map((lemma) => ({ lemma, dict: false }));
    },
  };
}

/**
 * The query lemmatizer the CLI and the API give a store: the morphology service alone (not the
 * pipeline, nor the stories updater's shared analyser the pipeline's morph stage brings), whose
 * analysers load on first use, one language at a time: a query of Russian words loads the Russian
 * dictionary only. The same analyses as the pipeline's morph stage gives (the stage makes the same
 * service).
 */
export async function loadQueryLemmatizer(): Promise<Lemmatizer | undefined> {
  const { MorphologyService } = await import('../text/morph/morphology.js');
  return morphLemmatizer(new MorphologyService());
}

interface KbFileLite {
  entities: { id: string; names?: Record<string, string>; aliases?: Record<string, string[]> }[];
  forms?: Record<string, Record<string, [string, string][]>>;
}

/**
 * The knowledge base's names as the query side needs them: the words of every entity's names and
 * aliases per language (`Володимир Путін`: путін at 1 of 2), and the inflected name forms the KB
 * lists (`брексита` -> `Брексит`). Built from the shipped kb.json once and kept compiled between
 * runs (`src/pipeline/compiled.ts`): a `parley search` reads the built index instead of parsing
 * the whole KB and splitting every name into words.
 *
 * The state is flat: the distinct name words sorted in one array (looked up by binary search), the
 * name-word entries grouped by word and by entity in typed arrays (entity index, place, name length,
 * word index, language), the form table as sorted forms with their bases in one array. The compiled
 * entry is a handful of arrays, which read back in ~1 ms; a Map per word and an array per KB entity
 * (tens of thousands of small objects) took ~25 ms of each `parley search` to deserialize.
 */
export class KbNames implements NameLookup {
  /** the distinct name words, sorted (code unit order) */
  private readonly words: string[];
  /** per word (index): its entries are byWord[wordStart[i] .. wordStart[i + 1]) */
  private readonly wordStart: Int32Array;
  private readonly byWord: Int32Array;
  /** per entry: the entity (index), the word's place in its name, the name's length in words, the word (index), the language (index into LANGS) */
  private readonly entity: Int32Array;
  private readonly pos: Uint8Array;
  private readonly len: Uint8Array;
  private readonly word: Int32Array;
  private readonly lang: Uint8Array;
  /** per entity index: its entries are byEntity[entityStart[e] .. entityStart[e + 1]) */
  private readonly entityStart: Int32Array;
  private readonly byEntity: Int32Array;
  /** per language: folded name forms, sorted; the bases of form i are baseList[baseStart[i] .. baseStart[i + 1]) (`сибиги` -> [`Сибига`]) */
  private readonly forms: Record<string, { forms: string[]; baseStart: Int32Array; baseList: string[] }> = {};

  constructor(file: KbFileLite, readonly maxEntities = 8) {
    for (const [l, table] of Object.entries(file.forms ?? {})) {
      const rows: [string, string[]][] = [];
      for (const [form, hits] of Object.entries(table)) {
        const bs = [...new Set(hits.map(([, base]) => base).filter((b) => nameWords(b).length === 1))];
        if (bs.length) rows.push([form, bs]);
      }
      rows.sort((x, y) => cmp(x[0], y[0]));
      const baseStart = new Int32Array(rows.length + 1);
      const baseList: string[] = [];
      rows.forEach(([, bs], i) => {
        baseStart[i] = baseList.length;
        baseList.push(...bs);
      });
      baseStart[rows.length] = baseList.length;
      this.forms[l] = { forms: rows.map(([f]) => f), baseStart, baseList };
    }
    const E: { entity: number; pos: number; len: number; word: string; lang: string }[] = [];
    const entityStart = new Int32Array(file.entities.length + 1);
    file.entities.forEach((e, ei) => {
      entityStart[ei] = E.length;
      const all: [string, string][] = [];
      for (const [l, n] of Object.entries(e.names ?? {})) all.push([l, n]);
      for (const [l, ns] of Object.entries(e.aliases ?? {})) for (const n of ns) all.push([l, n]);
      for (const [lang, name] of all) {
        const ws = nameWords(name);
        if (!ws.length || ws.length > 6) continue;
        ws.forEach((w, pos) => E.push({ entity: ei, pos, len: ws.length, word: w, lang }));
      }
    });
    entityStart[file.entities.length] = E.length;
    this.entityStart = entityStart;
    this.byEntity = Int32Array.from(E.keys());
    this.words = [...new Set(E.map((x) => x.word))].sort(cmp);
    const wordIndex = new Map(this.words.map((w, i) => [w, i]));
    this.entity = Int32Array.from(E, (x) => x.entity);
    this.pos = Uint8Array.from(E, (x) => x.pos);
    this.len = Uint8Array.from(E, (x) => x.len);
    this.word = Int32Array.from(E, (x) => wordIndex.get(x.word)!);
    this.lang = Uint8Array.from(E, (x) => langIndex(x.lang));
    // entries by word, in entry order within a word (a stable sort)
    const order = [...E.keys()].sort((x, y) => this.word[x] - this.word[y] || x - y);
    this.byWord = Int32Array.from(order);
    this.wordStart = new Int32Array(this.words.length + 1);
    let at = 0;
    for (let w = 0; w < this.words.length; w++) {
      this.wordStart[w] = at;
      while (at < order.length && this.word[order[at]] === w) at++;
    }
    this.wordStart[this.words.length] = at;
  }

  /** The shipped KB's names, compiled (see the class); null when the KB cannot be read. */
  static load(): KbNames | null {
    try {
      const bytes = readFileSync(resourcePath('src/entities/kb/data/kb.json'));
      return compiled({
        name: 'kb-names',
        sources: [bytes],
        code: siblings(import.meta.url, './lemmatizer', './terms'),
        classes: [KbNames],
        build: () => new KbNames(JSON.parse(bytes.toString('utf8')) as KbFileLite),
      });
    } catch {
      return null;
    }
  }

  /** Base forms of a one-word name form in a language (`Сибиги` -> `Сибига`), from the KB's form table. */
  formLemmas(word: string, lang: string): string[] {
    const t = this.forms[lang];
    if (!t) return [];
    const i = find(t.forms, word.toLowerCase().replace(/ё/g, 'е'));
    return i < 0 ? [] : t.baseList.slice(t.baseStart[i], t.baseStart[i + 1]);
  }

  isNameWord(term: string): boolean {
    return find(this.words, term) >= 0;
  }

  across(term: string): string[] {
    const wi = find(this.words, term);
    if (wi < 0) return [];
    const hits = this.byWord.subarray(this.wordStart[wi], this.wordStart[wi + 1]);
    const ids = new Set<number>();
    for (const h of hits) ids.add(this.entity[h]);
    if (!ids.size || ids.size > this.maxEntities) return [];
    const out = new Set<string>();
    const key = translitKey(term);
    for (const h of hits) {
      const last = this.pos[h] === this.len[h] - 1;
      const e = this.entity[h];
      for (let j = this.entityStart[e]; j < this.entityStart[e + 1]; j++) {
        const r = this.byEntity[j];
        const w = this.words[this.word[r]];
        // the same place in a name of as many words (into English only when it is the same name in
        // Latin letters: Путин ~ Putin, not Мэй ~ may); or, between names of different lengths, the
        // last word when it is the same name in another script (Путин ~ Putin, not Тереза ~ May)
        const same = translitKey(w) === key;
        if (this.len[r] === this.len[h] && this.pos[r] === this.pos[h] && (same || LANGS[this.lang[r]] !== 'en')) out.add(w);
        else if (last && this.pos[r] === this.len[r] - 1 && same) out.add(w);
      }
    }
    out.delete(term);
    return [...out].sort();
  }
}

/** Languages of KbNames entries (their index in `lang`); others are added as met. */
const LANGS: string[] = ['ru', 'uk', 'en'];
function langIndex(l: string): number {
  let i = LANGS.indexOf(l);
  if (i < 0) i = LANGS.push(l) - 1;
  return i;
}

const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** The index of `key` in a sorted array (code unit order), or -1. */
function find(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid];
    if (v === key) return mid;
    if (v < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function nameWords(name: string): string[] {
  return words(name.normalize('NFC'))
    .map((w) => termOf(w.text))
    .filter((t) => t.length > 1);
}
