import type { MorphAnalysis } from '../../doc/model.js';

/** The analyses with repeats (same lemma, part of speech and features) left out, order kept. */
export function dedupe(list: MorphAnalysis[]): MorphAnalysis[] {
  if (list.length < 2) return list;
  const out: MorphAnalysis[] = [];
  for (const a of list) {
    let dup = false;
    for (const b of out) {
      if (b.lemma === a.lemma && b.pos === a.pos && (b.tags === a.tags || sameFeatures(a.tags, b.tags))) {
        dup = true;
        break;
      }
    }
    if (!dup) out.push(a);
  }
  return out;
}

export function sameFeatures(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (a[k] !== b[k]) return false;
  return true;
}
