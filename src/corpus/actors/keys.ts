/**
 * One referent, one actor. Entity ids are canonical per article, but across the corpus one
 * referent can carry several: a name the KB does not know gets `new:<TYPE>:<name>`, so the same
 * pipeline in Ukrainian and Russian (`new:PRO:severn-potik-2`, `new:PRO:severn-potok-2`) or typed
 * PRO in one article and ORG in another are different ids. An actor groups the ids whose names are
 * the same referent:
 *
 * - a KB id is an actor of its own, and two KB ids are never joined (the KB tells them apart);
 * - a `new:` id whose name the KB's folded index knows and transliterates like one of the KB
 *   entity's names (another script: `Політико` = Politico) joins that KB entity, when both are
 *   people or both are not;
 * - `new:` ids join each other by name keys: the transliteration key and the cross-lingual key
 *   (the KB's uk -> ru word table), and for names of two or more words (or with a number) the
 *   consonant skeleton of the cross key (`потік` / `поток`). People only by a full name (two or more
 *   words, and no consonant skeleton): a lone surname is never joined, so Tom Wolfe is not Chad Wolf
 *   and Hillary Clinton is not Bill Clinton;
 * - the type does not split non-people (a pipeline tagged ORG, LOC and PRO is one actor), but a
 *   person is never joined to a non-person.
 *
 * The actor's id is the KB id of the group, else its smallest entity id (order-independent).
 */
import type { KbEntity, KnowledgeBase } from '../../entities/kb/api.js';
import { translitKey } from '../../entities/kb/keys.js';
import { corpusKb } from '../sides.js';

export interface ActorKeys {
  /** the KB entity this id is (itself for a KB id), if any */
  kb: string | null;
  /** name keys shared by the ids of one referent */
  keys: string[];
}

export function isKbId(id: string): boolean {
  return !id.startsWith('new:');
}

/** The name keys of an entity (see the module comment). */
export function actorKeys(e: { id: string; type?: string; name?: string; names?: Record<string, string> }, kb: KnowledgeBase = corpusKb()): ActorKeys {
  const person = (e.type ?? e.id.split(':')[1]) === 'PER';
  const cls = person ? 'P' : 'X';
  if (isKbId(e.id)) return { kb: e.id, keys: [] };
  // the id's own slug (`new:ORG:ministerstv-zdravogranen-ukrain`) is the entities stage's cross key of
  // the full name; a name whose key differs from it lost a qualifier (`Министерство здравоохранения`
  // for the Ukrainian ministry) and gives no key of its own
  const slug = e.id.split(':').slice(2).join(':');
  const crossKey = (kb as KnowledgeBase & { crossKey?: (s: string) => string }).crossKey;
  const names = new Set<string>();
  if (e.name) names.add(e.name);
  for (const n of Object.values(e.names ?? {})) if (n) names.add(n);
  let kbHit: string | null = null;
  const keys = new Set<string>();
  const slugWords = slug.split('-').filter(Boolean);
  if (slug.length >= 3 && (!person || slugWords.length >= 2)) {
    keys.add(`${cls}:c:${slug}`);
    if (!person && (slugWords.length >= 2 || /\d/.test(slug))) {
      const sk = skeleton(slug);
      if (sk.replace(/[^a-z]/g, '').length >= 4) keys.add(`${cls}:s:${sk}`);
    }
  }
  for (const n of names) {
    const words = n.trim().split(/[\s-]+/).filter(Boolean);
    if (person && words.length < 2) continue;
    const c = crossKey ? crossKey.call(kb, n) : translitKey(n);
    if (c !== slug) continue;
    const t = translitKey(n);
    // the KB entity of this name in another script: only when one of its own names transliterates
    // the same (the folded index also matches on cross-lingual stems, too loose to join referents)
    const hit = (kb as KnowledgeBase & { lookupFolded?: (s: string) => KbEntity | undefined }).lookupFolded?.(n);
    if (hit && !kbHit && (hit.type === 'PER') === person && kbNames(hit).some((x) => translitKey(x) === t)) kbHit = hit.id;
    if (t.length >= 3) keys.add(`${cls}:t:${t}`);
  }
  return { kb: kbHit, keys: [...keys] };
}

function kbNames(e: KbEntity): string[] {
  const out: string[] = [];
  for (const l of ['ru', 'uk', 'en'] as const) {
    const n = e.names[l];
    if (n) out.push(n);
    out.push(...(e.aliases?.[l] ?? []));
  }
  return out;
}

/** The consonants of a Latin key, each word's first letter kept (`severn-potik-2` -> `svrn-ptk-2`). */
export function skeleton(key: string): string {
  return key
    .split('-')
    .map((w) => (w ? w[0] + w.slice(1).replace(/[aeiouy]/g, '') : w))
    .join('-');
}

/** The id of a group of entity ids: its KB id, else the smallest id. */
export function actorIdOf(ids: Iterable<string>): string {
  let best: string | null = null;
  for (const id of ids) {
    if (best === null) best = id;
    else if (isKbId(id) !== isKbId(best)) best = isKbId(id) ? id : best;
    else if (id < best) best = id;
  }
  if (best === null) throw new Error('an actor needs an entity');
  return best;
}
