/**
 * The knowledge base at run time: loads src/entities/kb/data/kb.json (built by scripts/build-kb.ts)
 * and answers look-ups by name in any case form, by id, by role and by country.
 */
import { readFileSync } from 'node:fs';
import type { KbEntity, KbLang, KbMatch, KnowledgeBase } from './api.js';
import { compiled, siblings } from '../../pipeline/compiled.js';
import { crossKey, normKey, translitKey, translitKeyOnce } from './keys.js';
import { readJsonResource, resourcePath } from '../../pipeline/resources.js';

interface KbFile {
  built: string;
  entities: KbEntity[];
  forms: Record<string, Record<string, [string, string][]>>;
  /** learned uk -> ru word stems for cross-lingual keys (scripts/kb/build-word-table.ts) */
  words?: Record<string, string>;
}

const LANGS: KbLang[] = ['ru', 'uk', 'en'];

const FAMILY_FIRST_FILE = 'src/entities/kb/data/family-name-first.json';

/** countries whose people's names are written family name first (`data/family-name-first.json`, given as read) */
function familyNameFirst(bytes: Uint8Array = readFileSync(resourcePath(FAMILY_FIRST_FILE))): Set<string> {
  return new Set((JSON.parse(Buffer.from(bytes).toString('utf8')) as { countries: string[] }).countries);
}

/** Role synonyms (data): a title found in text -> the KB titles it may stand for (lemmatised, lower-case). */
const ROLE_SYNONYMS: Record<string, string[]> = readJsonResource<{ synonyms: Record<string, string[]> }>('src/entities/kb/role-synonyms.json').synonyms;


export class Kb implements KnowledgeBase {
  private readonly ents = new Map<string, KbEntity>();
  /**
   * The case-form index, compact: lang -> normKey(form) -> one packed hit (entity index * 2^16 + lemma
   * index, a small integer stored inline) or an array of them; lemmas stored once in `lemmas`.
   */
  private readonly forms: Record<string, Record<string, number | number[]>> = {};
  private readonly lemmas: string[] = [];
  private readonly idList: string[] = [];
  /** lang -> normKey(surname or single-word short name) -> PER ids */
  private readonly parts = new Map<string, Map<string, string[]>>();
  /** normKey(title) in any language -> holders */
  private readonly byRole = new Map<string, { e: KbEntity; of?: string }[]>();
  readonly size: number;
  /** lang -> lower-case first name -> gender (from the KB's people with a known gender) */
  private readonly firsts = new Map<string, Map<string, 'm' | 'f' | 'x'>>();

  /** uk -> ru word stems (`pivnichn` -> `severn`) for `crossKey` */
  private readonly words: Record<string, string>;

  constructor(file: KbFile, familyFirst: ReadonlySet<string> = familyNameFirst()) {
    this.words = file.words ?? {};
    const idIdx = new Map<string, number>();
    const lemIdx = new Map<string, number>();
    const intern = (m: Map<string, number>, list: string[], v: string): number => {
      let i = m.get(v);
      if (i === undefined) {
        i = list.length;
        list.push(v);
        m.set(v, i);
      }
      return i;
    };
    for (const [lang, index] of Object.entries(file.forms)) {
      // packed in place: the parsed [id, lemma] pairs become garbage
      const out = index as unknown as Record<string, number | number[]>;
      for (const k in index) {
        const hits = index[k];
        if (hits.length === 1) out[k] = intern(idIdx, this.idList, hits[0][0]) * 65536 + intern(lemIdx, this.lemmas, hits[0][1]);
        else out[k] = hits.map(([id, lemma]) => intern(idIdx, this.idList, id) * 65536 + intern(lemIdx, this.lemmas, lemma));
      }
      this.forms[lang] = out;
    }
    if (this.lemmas.length >= 65536 || this.idList.length >= 16384) throw new Error(`kb.json: form index too large to pack (${this.lemmas.length} lemmas, ${this.idList.length} ids)`);
    for (const e of file.entities) this.ents.set(e.id, e);
    this.size = file.entities.length;
    for (const e of file.entities) {
      if (e.type === 'PER' && e.gender) {
        for (const l of LANGS) {
          const n = e.names[l];
          const w = n?.split(/\s+/);
          if (!w || w.length < 2 || !/^\p{Lu}\p{Ll}+$/u.test(w[0])) continue;
          let m = this.firsts.get(l);
          if (!m) this.firsts.set(l, (m = new Map()));
          const k = w[0].toLowerCase();
          const had = m.get(k);
          m.set(k, had && had !== e.gender ? 'x' : e.gender);
        }
      }
      if (e.type === 'PER') {
        for (const l of LANGS) {
          const names = [e.names[l], ...(e.aliases?.[l] ?? [])].filter(Boolean) as string[];
          for (const n of names) {
            const w = n.split(/\s+/);
            if (w.length < 2) continue;
            // surname: the last word (`фон дер Ляйен` -> `Ляйен`, also the particle form); the
            // first in the family-name-first order of Chinese, Korean and Vietnamese names (`Си
            // Цзиньпин` -> `Си`, `Ким Чен Ын` -> `Ким`)
            this.addPart(l, w[w.length - 1], e.id);
            if (e.affiliations?.some((a) => familyFirst.has(a))) this.addPart(l, w[0], e.id);
            const p = w.findIndex((x) => /^(фон|von|ван|van|де|de|дер|der|аль|аш|ал|al|бен|бин|бін|bin)$/i.test(x));
            if (p > 0) this.addPart(l, w.slice(p).join(' '), e.id);
          }
        }
      }
      for (const r of e.roles ?? []) {
        if (r.to) continue;
        for (const l of LANGS) {
          const t = r.title[l];
          if (!t) continue;
          const k = normKey(t);
          let a = this.byRole.get(k);
          if (!a) this.byRole.set(k, (a = []));
          a.push({ e, of: r.of });
        }
      }
    }
  }

  /**
   * The shipped KB (`data/kb.json`), with its transliteration-folded index built; kept compiled
   * between runs (`src/pipeline/compiled.ts`), keyed by the file and this code.
   */
  static load(): Kb {
    const bytes = readFileSync(resourcePath('src/entities/kb/data/kb.json'));
    const family = readFileSync(resourcePath(FAMILY_FIRST_FILE));
    return compiled({
      name: 'kb',
      sources: [bytes, family],
      code: siblings(import.meta.url, './kb', './keys'),
      classes: [Kb],
      build: () => {
        const kb = new Kb(JSON.parse(bytes.toString('utf8')) as KbFile, familyNameFirst(family));
        kb.lookupFolded(''); // builds the folded index
        return kb;
      },
    });
  }

  private addPart(lang: string, w: string, id: string): void {
    let m = this.parts.get(lang);
    if (!m) this.parts.set(lang, (m = new Map()));
    const k = normKey(w);
    const a = m.get(k) ?? [];
    if (!a.includes(id)) a.push(id);
    m.set(k, a);
  }

  /** Gender of a first name as the KB's people carry it (`Андрій` -> m, `Марія` -> f), if unambiguous. */
  firstNameGender(word: string, lang: string): 'm' | 'f' | undefined {
    const g = this.firsts.get(lang)?.get(word.toLowerCase());
    return g === 'm' || g === 'f' ? g : undefined;
  }

  byId(id: string): KbEntity | undefined {
    return this.ents.get(id);
  }

  nameOf(id: string, lang: string): string | undefined {
    const e = this.ents.get(id);
    if (!e) return undefined;
    return e.names[lang as KbLang] ?? e.names.en ?? e.names.ru ?? e.names.uk;
  }

  /** Exact form/name look-up in one language's index. */
  private formHits(k: string, lang: string): KbMatch[] {
    const hits = this.forms[lang]?.[k];
    if (hits === undefined) return [];
    return (typeof hits === 'number' ? [hits] : hits).map((h) => {
      const id = this.idList[Math.floor(h / 65536)];
      const lemma = this.lemmas[h % 65536];
      return { id, lemma, by: normKey(lemma) === k ? ('name' as const) : ('form' as const) };
    });
  }

  lookup(name: string, lang: string): KbMatch[] {
    const k = normKey(name);
    if (!k) return [];
    const own = this.formHits(k, lang);
    if (own.length) return own;
    // names written in another language's spelling (`«РИА Новости»` in Ukrainian text), Latin names
    for (const l of LANGS) {
      if (l === lang) continue;
      const h = this.formHits(k, l);
      if (h.length) return h;
    }
    return [];
  }

  /**
   * The cross-lingual key of a name (`crossKey` with the learned word table): word stems, Ukrainian
   * words the table knows in their Russian counterpart. `Північна Ірландія` = `Северная Ирландия`.
   */
  crossKey(name: string): string {
    let k = this.crossMemo.get(name);
    if (k === undefined) {
      if (this.crossMemo.size > 50000) this.crossMemo.clear();
      k = crossKey(name, this.words);
      this.crossMemo.set(name, k);
    }
    return k;
  }
  private readonly crossMemo = new Map<string, string>();

  /** translitKey(canonical name or alias, any language) -> entity index; -1 when several entities share it */
  private folded: Map<string, number> | null = null;
  /** crossKey(multiword canonical name or alias, any language) -> entity index; -1 when shared */
  private crossed: Map<string, number> | null = null;
  private entList: KbEntity[] = [];

  /**
   * The one entity whose canonical name or alias, in any language, has the same transliteration-folded
   * key as `name` (`Ґазпром` = `Газпром` = `Gazprom`; `Нафтогаз` = `Naftogaz`), or undefined (unknown,
   * or shared by several entities). Built on first use.
   */
  lookupFolded(name: string): KbEntity | undefined {
    if (!this.folded) {
      const f = new Map<string, number>();
      this.entList = [...this.ents.values()];
      this.entList.forEach((e, i) => {
        for (const l of LANGS) {
          for (const n of [e.names[l], ...(e.aliases?.[l] ?? [])]) {
            if (!n) continue;
            const k = translitKeyOnce(n);
            if (k.length < 4) continue;
            const had = f.get(k);
            f.set(k, had === undefined || had === i ? i : -1);
          }
        }
      });
      this.folded = f;
      const c = new Map<string, number>();
      this.entList.forEach((e, i) => {
        for (const l of LANGS) {
          for (const n of [e.names[l], ...(e.aliases?.[l] ?? [])]) {
            if (!n || !/\s/.test(n.trim())) continue;
            const k = crossKey(n, this.words);
            const had = c.get(k);
            c.set(k, had === undefined || had === i ? i : -1);
          }
        }
      });
      this.crossed = c;
    }
    let i = this.folded.get(translitKey(name));
    // a multiword name in the other language's words (`Північна Ірландія` for `Северная Ирландия`)
    if (i === undefined && /\s/.test(name.trim())) i = this.crossed!.get(this.crossKey(name));
    return i === undefined || i < 0 ? undefined : this.entList[i];
  }

  /** PER ids whose surname (or short name) is `word` (a base form). */
  bySurname(word: string, lang: string): string[] {
    const k = normKey(word);
    const own = this.parts.get(lang)?.get(k);
    if (own) return own;
    for (const l of LANGS) {
      const h = this.parts.get(l)?.get(k);
      if (h) return h;
    }
    return [];
  }

  holders(roleLemma: string, lang: string, of?: string): KbEntity[] {
    const k = normKey(roleLemma);
    const titles = new Set<string>([k, ...(ROLE_SYNONYMS[k] ?? []).map(normKey)]);
    // `пресс-секретарь президента РФ` -> also `пресс-секретарь президента`, `пресс-секретарь`
    const w = k.split(' ');
    for (let i = w.length - 1; i >= 1; i--) titles.add(w.slice(0, i).join(' '));
    const out: KbEntity[] = [];
    const seen = new Set<string>();
    for (const t of titles) {
      for (const h of this.byRole.get(t) ?? []) {
        if (seen.has(h.e.id)) continue;
        if (of && h.of !== of && this.countryOf(h.of ?? '') !== of && !(h.e.affiliations ?? []).includes(of)) continue;
        seen.add(h.e.id);
        out.push(h.e);
      }
    }
    void lang;
    return out;
  }

  roleTitles(roleLemma: string, lang: string): string[] {
    void lang;
    const k = normKey(roleLemma);
    const out = new Set<string>();
    const w = k.split(' ');
    for (let i = w.length; i >= 1; i--) {
      const t = w.slice(0, i).join(' ');
      out.add(t);
      for (const syn of ROLE_SYNONYMS[t] ?? []) out.add(normKey(syn));
    }
    return [...out];
  }

  countryOf(id: string): string | undefined {
    const seen = new Set<string>();
    let cur: string | undefined = id;
    while (cur && !seen.has(cur)) {
      seen.add(cur);
      const e = this.ents.get(cur);
      if (!e) return undefined;
      if (e.type === 'LOC' && !(e.affiliations ?? []).length) return e.id;
      cur = e.affiliations?.[0];
    }
    return undefined;
  }
}
