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
 * The state is flat (parallel arrays over name-word entries, entity indexes instead of ids), so the
 * compiled entry is a few arrays and maps to read back, not thousands of small objects.
 */
export class KbNames implements NameLookup {
  /** name word -> its entries (indexes into the arrays below) */
  private readonly words = new Map<string, number[]>();
  /** per entry: the entity (index), the word's place in its name, the name's length in words, the word, the language */
  private readonly entity: number[] = [];
  private readonly pos: number[] = [];
  private readonly len: number[] = [];
  private readonly word: string[] = [];
  private readonly lang: string[] = [];
  /** per entity index: its entries */
  private readonly byEntity: number[][] = [];
  /** per language: a folded name form -> its one-word base forms (`сибиги` -> [`Сибига`]) */
  private readonly bases: Record<string, Map<string, string[]>> = {};

  constructor(file: KbFileLite, readonly maxEntities = 8) {
    for (const [l, table] of Object.entries(file.forms ?? {})) {
      const m = new Map<string, string[]>();
      for (const [form, hits] of Object.entries(table)) {
        const bs = [...new Set(hits.map(([, base]) => base).filter((b) => nameWords(b).length === 1))];
        if (bs.length) m.set(form, bs);
      }
      this.bases[l] = m;
    }
    file.entities.forEach((e, ei) => {
      const all: [string, string][] = [];
      for (const [l, n] of Object.entries(e.names ?? {})) all.push([l, n]);
      for (const [l, ns] of Object.entries(e.aliases ?? {})) for (const n of ns) all.push([l, n]);
      const mine: number[] = [];
      for (const [lang, name] of all) {
        const ws = nameWords(name);
        if (!ws.length || ws.length > 6) continue;
        ws.forEach((w, pos) => {
          const i = this.word.length;
          this.entity.push(ei);
          this.pos.push(pos);
          this.len.push(ws.length);
          this.word.push(w);
          this.lang.push(lang);
          mine.push(i);
          const at = this.words.get(w);
          if (at) at.push(i);
          else this.words.set(w, [i]);
        });
      }
      this.byEntity[ei] = mine;
    });
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
    const bs = this.bases[lang]?.get(word.toLowerCase().replace(/ё/g, 'е'));
    return bs ? bs.slice() : [];
  }

  isNameWord(term: string): boolean {
    return this.words.has(term);
  }

  across(term: string): string[] {
    const hits = this.words.get(term) ?? [];
    const ids = new Set(hits.map((h) => this.entity[h]));
    if (!ids.size || ids.size > this.maxEntities) return [];
    const out = new Set<string>();
    const key = translitKey(term);
    for (const h of hits) {
      const last = this.pos[h] === this.len[h] - 1;
      for (const r of this.byEntity[this.entity[h]]) {
        const w = this.word[r];
        // the same place in a name of as many words (into English only when it is the same name in
        // Latin letters: Путин ~ Putin, not Мэй ~ may); or, between names of different lengths, the
        // last word when it is the same name in another script (Путин ~ Putin, not Тереза ~ May)
        const same = translitKey(w) === key;
        if (this.len[r] === this.len[h] && this.pos[r] === this.pos[h] && (same || this.lang[r] !== 'en')) out.add(w);
        else if (last && this.pos[r] === this.len[r] - 1 && same) out.add(w);
      }
    }
    out.delete(term);
    return [...out].sort();
  }
}

function nameWords(name: string): string[] {
  return words(name.normalize('NFC'))
    .map((w) => termOf(w.text))
    .filter((t) => t.length > 1);
}
