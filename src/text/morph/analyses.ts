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
  // (no key arrays: features are plain objects of strings)
  let n = 0;
  for (const k in a) {
    if (a[k] !== b[k]) return false;
    n++;
  }
  for (const k in b) if (--n < 0) return false;
  return n === 0;
}
