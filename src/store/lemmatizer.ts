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
import { readJsonResource } from '../pipeline/resources.js';
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
 * The query lemmatizer the CLI and the API give a store: only the morphology stage's resources
 * are loaded (not the whole pipeline). Undefined when the morphology cannot load (search then
 * matches surface forms only).
 */
export async function loadQueryLemmatizer(): Promise<Lemmatizer | undefined> {
  const { defaultStages, Context } = await import('../pipeline/index.js');
  const stage = (await defaultStages('morph')).find((s) => s.name === 'morph');
  const ctx = new Context();
  await stage?.load?.(ctx);
  const morph = ctx.maybe('morph');
  return morph ? morphLemmatizer(morph) : undefined;
}

interface KbFileLite {
  entities: { id: string; names?: Record<string, string>; aliases?: Record<string, string[]> }[];
  forms?: Record<string, Record<string, [string, string][]>>;
}

interface NameWord {
  id: string;
  lang: string;
  pos: number;
  n: number;
}

/**
 * The knowledge base's names as the query side needs them: the words of every entity's names and
 * aliases per language (`Володимир Путін`: путін at 1 of 2), and the inflected name forms the KB
 * lists (`брексита` -> `Брексит`). Built from the shipped kb.json on first use.
 */
export class KbNames implements NameLookup {
  private readonly words = new Map<string, NameWord[]>();
  private readonly byId = new Map<string, NameWord[]>();
  private readonly wordOf = new Map<NameWord, string>();
  private readonly forms: Record<string, Record<string, [string, string][]>>;

  constructor(file: KbFileLite, readonly maxEntities = 8) {
    this.forms = file.forms ?? {};
    for (const e of file.entities) {
      const all: [string, string][] = [];
      for (const [l, n] of Object.entries(e.names ?? {})) all.push([l, n]);
      for (const [l, ns] of Object.entries(e.aliases ?? {})) for (const n of ns) all.push([l, n]);
      for (const [lang, name] of all) {
        const ws = nameWords(name);
        if (!ws.length || ws.length > 6) continue;
        ws.forEach((w, pos) => {
          const nw: NameWord = { id: e.id, lang, pos, n: ws.length };
          (this.words.get(w) ?? this.words.set(w, []).get(w)!).push(nw);
          (this.byId.get(e.id) ?? this.byId.set(e.id, []).get(e.id)!).push(nw);
          this.wordOf.set(nw, w);
        });
      }
    }
  }

  static load(): KbNames | null {
    try {
      return new KbNames(readJsonResource<KbFileLite>('src/entities/kb/data/kb.json'));
    } catch {
      return null;
    }
  }

  /** Base forms of a one-word name form in a language (`Сибиги` -> `Сибига`), from the KB's form table. */
  formLemmas(word: string, lang: string): string[] {
    const hits = this.forms[lang]?.[word.toLowerCase().replace(/ё/g, 'е')] ?? [];
    return [...new Set(hits.map(([, base]) => base).filter((b) => nameWords(b).length === 1))];
  }

  isNameWord(term: string): boolean {
    return this.words.has(term);
  }

  across(term: string): string[] {
    const hits = this.words.get(term) ?? [];
    const ids = new Set(hits.map((h) => h.id));
    if (!ids.size || ids.size > this.maxEntities) return [];
    const out = new Set<string>();
    for (const h of hits) {
      const last = h.pos === h.n - 1;
      for (const r of this.byId.get(h.id) ?? []) {
        const w = this.wordOf.get(r)!;
        // the same place in a name of as many words (into English only when it is the same name in
        // Latin letters: Путин ~ Putin, not Мэй ~ may); or, between names of different lengths, the
        // last word when it is the same name in another script (Путин ~ Putin, not Тереза ~ May)
        const same = translitKey(w) === translitKey(term);
        if (r.n === h.n && r.pos === h.pos && (same || r.lang !== 'en')) out.add(w);
        else if (last && r.pos === r.n - 1 && same) out.add(w);
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
