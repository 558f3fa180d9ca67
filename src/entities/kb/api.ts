/**
 * The knowledge-base service (`ctx.get('kb')`), provided by the `entities` stage.
 *
 * People, organisations and places of international news with ids, names in ru/uk/en, aliases,
 * case forms, gender, current roles and affiliations. Built by `scripts/build-kb.ts` into
 * `src/entities/kb/data/`; see `src/entities/kb/SOURCE.md` for sources and licences.
 */
import type { EntityType } from '../../doc/model.js';

export type KbLang = 'ru' | 'uk' | 'en';

export interface KbRole {
  /** the title per language, lemmatised: `министр иностранных дел`, `пресс-секретарь` */
  title: Partial<Record<KbLang, string>>;
  /** KB id of the country or institution the role is of (`russia`, `kremlin`, `nato`) */
  of?: string;
  /** ISO dates (YYYY or YYYY-MM or YYYY-MM-DD); `to` absent = current */
  from?: string;
  to?: string;
}

export interface KbEntity {
  /** short stable slug: `putin`, `zelensky`, `russia`, `kremlin`, `reuters` */
  id: string;
  type: EntityType;
  /** canonical base form per language */
  names: Partial<Record<KbLang, string>>;
  /** other base forms (abbreviations, short names, spellings) per language */
  aliases?: Partial<Record<KbLang, string[]>>;
  /** PER only */
  gender?: 'm' | 'f';
  roles?: KbRole[];
  /** KB ids of the person's country / institution, or an organisation's country */
  affiliations?: string[];
  /** Wikidata id where known */
  wikidata?: string;
  /** `outlet`: a news outlet or agency (curated, or named like an outlet of the ingest list) */
  kind?: 'outlet';
  /** where the entry comes from: curated file, country list, or an annotated corpus (SlavicNER, NEREL) */
  src?: 'curated' | 'countries' | 'slavicner' | 'nerel';
}

export interface KbMatch {
  id: string;
  /** the base form of the matched name in the language asked (`Эммануэлем Макроном` -> `Эммануэль Макрон`) */
  lemma: string;
  /** 'name': full canonical name or alias; 'form': an inflected form of one; 'part': a surname or short form */
  by: 'name' | 'form' | 'part';
}

export interface KnowledgeBase {
  byId(id: string): KbEntity | undefined;
  /**
   * Look a name up in any case form, any capitalisation (`росія`, `рф`, `Путіна`, `Эммануэлем Макроном`).
   * Returns the candidates, best first (an empty list when unknown).
   */
  lookup(name: string, lang: string): KbMatch[];
  /**
   * Who currently holds a role: `holders('министр иностранных дел', 'ru', 'russia')` -> [lavrov].
   * `roleLemma` is a lemmatised title in `lang` (a title containing the KB title, or contained in it,
   * also matches: `глава МИД` ~ `министр иностранных дел` via the role synonyms). Without `of`, all holders.
   */
  holders(roleLemma: string, lang: string, of?: string): KbEntity[];
  /**
   * The role titles a lemmatised title found in text may stand for, lower-case: itself, its shorter
   * heads and their synonyms (`глава мид ирана` -> `глава мид ирана`, `глава мид`, `министр иностранных
   * дел`, `глава`), so a role an article gave a person (`министр иностранных дел Ирана`) can be matched.
   */
  roleTitles(roleLemma: string, lang: string): string[];
  /** The country an entity belongs to: itself for a country, the affiliation country for a person or body. */
  countryOf(id: string): string | undefined;
  /** Canonical name of an entity in a language (falls back to en, ru, uk). */
  nameOf(id: string, lang: string): string | undefined;
}

declare module '../../pipeline/context.js' {
  interface Services {
    kb: KnowledgeBase;
  }
}
