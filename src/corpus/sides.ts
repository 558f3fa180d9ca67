/**
 * The "side" of a party: the country a person, institution or place belongs to, so that a person
 * and their country or institution are compatible parties of one happening (Bonne ~ France,
 * Kremlin ~ Moscow ~ Russia). From the knowledge base (`countryOf`, following affiliations), else
 * from a role the article gives the entity (`министр иностранных дел Ирана` -> Iran), else the
 * entity itself.
 */
import { Kb } from '../entities/kb/kb.js';
import type { KnowledgeBase } from '../entities/kb/api.js';

let shared: KnowledgeBase | null = null;

/** The shipped KB, loaded once on first use (about 0.1 s, compiled between runs). */
export function corpusKb(): KnowledgeBase {
  if (!shared) shared = Kb.load();
  return shared;
}

/** For tests or another KB. */
export function setCorpusKb(kb: KnowledgeBase): void {
  shared = kb;
}

export interface EntityLike {
  id: string;
  type?: string;
  name?: string;
  roles?: string[];
  kind?: string;
}

/** The side of an entity id as the KB and the article's roles give it. */
export function sideOf(id: string, ent: EntityLike | undefined, lang: string, kb: KnowledgeBase = corpusKb()): string {
  const c = kb.countryOf(id);
  if (c) return c;
  for (const role of ent?.roles ?? []) {
    // the country a title names (`глава МИД Ирана`, `посол США`, `U.S. envoy`, `спецпосланник Трампа`):
    // its capitalised words from the last, the first the KB places in a country
    const words = role.split(/\s+/).filter(Boolean).reverse();
    for (const w of words) {
      if (!/^\p{Lu}/u.test(w)) continue;
      const bare = w.replace(/[.,;:]+$/, '') || w;
      for (const form of new Set([bare, bare.replace(/\./g, '')])) {
        for (const m of kb.lookup(form, lang)) {
          const country = kb.countryOf(m.id);
          if (country) return country;
        }
      }
    }
  }
  return id;
}

/** Whether an entity id is a person (from the article's entity, else the KB). */
export function isPerson(id: string, ent: EntityLike | undefined, kb: KnowledgeBase = corpusKb()): boolean {
  if (ent?.type) return ent.type === 'PER';
  if (id.startsWith('new:')) return id.startsWith('new:PER:');
  return kb.byId(id)?.type === 'PER';
}
