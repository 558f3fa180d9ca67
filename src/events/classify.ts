/**
 * The PLOVER category a sentence states, from the same trigger lexicon the events stage uses,
 * without needing named parties (for coding single sentences such as the PLOVER gold standard
 * records, and for `--format plover` exports). Following the PLOVER definitions:
 * - a verb of attitude governs its `to`-complement (`refused to lift` is REJECT, `threatened to
 *   impose` THREATEN); a purpose clause of a material act names the act (`sent ... to investigate`);
 * - an act only announced or intended (`will provide`, `is ready to host`) is AGREE when
 *   cooperative and THREATEN when hostile; a refused one (`would not meet`) is REJECT;
 * - ending a contact (`cancelled a visit`, `ended mediation`) reduces relations: SANCTION;
 * - Parley's ACCUSE and REQUEST map onto PLOVER DISAPPROVE and DEMAND.
 */
import type { Doc } from '../doc/model.js';
import { eventLexicon, norm, type EventLexicon } from './lexicon.js';

const SPEECH = new Set(['say', 'tell', 'announce', 'report', 'state', 'add', 'declare', 'quote', 'cite', 'claim', 'заявить', 'сказать', 'сообщить', 'заявити', 'сказати', 'повідомити']);
const SUBORDINATORS = new Set(['unless', 'if', 'after', 'following', 'because', 'despite', 'since', 'when', 'while', 'as', 'which', 'who', 'если', 'после', 'якщо', 'після']);
const NEG = new Set(['not', "n't", 'never', 'no', 'не', 'ні']);

interface Hit {
  i: number;
  end: number;
  type: string;
  verb: boolean;
}

function findHits(doc: Doc, lx: EventLexicon): { hits: Hit[]; lem: string[]; nrm: string[] } {
  const toks = doc.layers.tokens ?? [];
  const lem = toks.map((t) => norm(t.lemma ?? t.text));
  const nrm = toks.map((t) => norm(t.text));
  const hits: Hit[] = [];
  const taken = new Set<number>();
  for (let i = 0; i < toks.length; i++) {
    for (const m of lx.multi) {
      if (m.seq.every((w, k) => lem[i + k] === w || nrm[i + k] === w)) {
        hits.push({ i, end: i + m.seq.length, type: m.type, verb: toks[i].pos === 'VERB' || m.seq.length > 1 });
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
    const verb = pos === 'VERB' || pos === 'AUX' || (!!toks[i].tags?.VerbForm && pos !== 'NOUN');
    const d = defs.find((x) => x.kind === 'any' || (x.kind === 'verb') === verb) ?? (pos ? null : defs[0]);
    if (!d) continue;
    hits.push({ i, end: i + 1, type: d.type, verb });
  }
  hits.sort((a, b) => a.i - b.i);
  return { hits, lem, nrm };
}

export function classifyEventType(doc: Doc): string | null {
  const lx = eventLexicon(doc.lang);
  if (!lx || !(doc.layers.tokens ?? []).length) return null;
  const { hits, lem, nrm } = findHits(doc, lx);
  if (!hits.length) return null;
  const toPurpose = (k: number) => nrm[k] === 'to' || nrm[k] === 'in order to';
  // attitude verbs govern their complement; material acts yield to their purpose
  const drop = new Set<Hit>();
  for (let x = 0; x < hits.length; x++) {
    const A = hits[x];
    for (let y = x + 1; y < hits.length; y++) {
      const B = hits[y];
      if (B.i - A.end > 6) break;
      let to = false;
      for (let k = A.end; k < B.i; k++) if (toPurpose(k) || nrm[k] === 'that') to = true;
      if (!to) continue;
      if (lx.controlTypes.has(A.type)) drop.add(B);
      else if (B.verb) drop.add(A);
    }
  }
  const live = hits.filter((h) => !drop.has(h));
  const score = (h: Hit) => {
    let s = h.verb ? 2 : 1;
    for (let j = h.i - 1; j >= 0 && j >= h.i - 12; j--) {
      if (SUBORDINATORS.has(nrm[j])) {
        s -= 1.5;
        break;
      }
    }
    if (SPEECH.has(lem[h.i])) s -= 3;
    return s - h.i * 0.01;
  };
  live.sort((a, b) => score(b) - score(a));
  const best = live[0] ?? hits[0];
  let type = best.type;
  // what governs the act: an ending verb, negation, intent
  let negated = false, intent = false, ended = false;
  for (let j = best.i - 1; j >= 0 && j >= best.i - 5; j--) {
    if (lx.endVerbs.has(lem[j]) || lx.endVerbs.has(nrm[j])) ended = true;
    if (NEG.has(nrm[j])) negated = true;
    if (lx.intent.has(nrm[j]) || lx.intent.has(lem[j])) intent = true;
    if (SUBORDINATORS.has(nrm[j]) || nrm[j] === ',') break;
  }
  // PLOVER FIGHT is conventional military force; ASSAULT the rest (`forces launched artillery fire`)
  if (type === 'ASSAULT') {
    const military = lem.some((l, k) => lx.militaryMeans.has(l) || lx.militaryMeans.has(nrm[k]) || lx.militaryMeansSeq.some((q) => q.every((w, j) => lem[k + j] === w || nrm[k + j] === w)));
    if (military) type = 'FIGHT';
  }
  if (ended && type === 'CONSULT') type = 'SANCTION';
  else if (negated && intent && lx.cooperative.has(type)) type = 'REJECT';
  else if (intent && !lx.controlTypes.has(type)) {
    if (lx.cooperative.has(type)) type = 'AGREE';
    else if (lx.conflictual.has(type)) type = 'THREATEN';
  }
  return lx.plover.get(type) ?? type;
}
