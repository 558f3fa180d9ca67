/**
 * The PLOVER category a sentence states, from the same trigger lexicon the events stage uses,
 * without needing named parties (for coding single sentences such as the PLOVER gold standard
 * records). The first trigger of the main clause wins; a verb beats a noun.
 */
import type { Doc } from '../doc/model.js';
import { eventLexicon, norm } from './lexicon.js';

const SPEECH = new Set(['say', 'tell', 'announce', 'report', 'state', 'add', 'declare', 'quote', 'cite', 'заявить', 'сказать', 'сообщить', 'заявити', 'сказати', 'повідомити']);

export function classifyEventType(doc: Doc): string | null {
  const lx = eventLexicon(doc.lang);
  const toks = doc.layers.tokens ?? [];
  if (!lx || !toks.length) return null;
  const lem = toks.map((t) => norm(t.lemma ?? t.text));
  const nrm = toks.map((t) => norm(t.text));
  type Hit = { i: number; type: string; verb: boolean };
  const hits: Hit[] = [];
  const taken = new Set<number>();
  for (let i = 0; i < toks.length; i++) {
    for (const m of lx.multi) {
      if (m.seq.every((w, k) => lem[i + k] === w || nrm[i + k] === w)) {
        hits.push({ i, type: m.type, verb: toks[i].pos === 'VERB' || m.seq.length > 1 });
        for (let k = 0; k < m.seq.length; k++) taken.add(i + k);
        break;
      }
    }
  }
  for (let i = 0; i < toks.length; i++) {
    if (taken.has(i)) continue;
    const defs = lx.single.get(lem[i]) ?? lx.single.get(nrm[i]);
    if (!defs) continue;
    const pos = toks[i].pos ?? '';
    const verb = pos === 'VERB' || pos === 'AUX';
    const d = defs.find((x) => x.kind === 'any' || (x.kind === 'verb') === verb) ?? (pos ? null : defs[0]);
    if (!d) continue;
    hits.push({ i, type: d.type, verb });
  }
  if (!hits.length) return null;
  hits.sort((a, b) => a.i - b.i);
  // a trigger governed by a speech verb or in a subordinate `unless`/`if` clause weighs less
  const score = (h: Hit) => {
    let s = h.verb ? 2 : 1;
    for (let j = h.i - 1; j >= 0 && j >= h.i - 12; j--) {
      if (['unless', 'if', 'after', 'following', 'because', 'despite', 'since', 'when', 'while'].includes(nrm[j])) {
        s -= 1.5;
        break;
      }
    }
    if (SPEECH.has(lem[h.i])) s -= 3;
    return s - h.i * 0.01;
  };
  hits.sort((a, b) => score(b) - score(a));
  return hits[0].type;
}
