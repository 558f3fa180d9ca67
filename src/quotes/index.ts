/**
 * Stage `quotes`: direct, indirect and mixed quotes with their speakers (entity ids), and the
 * passages credited to outside sources (`attributions`). Needs the tokens, the morphology (cue
 * verbs are matched by lemma) and the entities; uses the KB (`ctx.maybe('kb')`) for role holders.
 */
import type { Doc, Entity } from '../doc/model.js';
import { findOutlet as findOutletUncached, type OutletInfo } from '../ingest/outlet.js';
import type { Context } from '../pipeline/context.js';
import type { Stage } from '../pipeline/stage.js';
import { extractQuotes, type ExtractServices } from './extract.js';
import { lexiconFor } from './lexicon.js';

export { extractQuotes } from './extract.js';
export { lexiconFor } from './lexicon.js';

/** findOutlet's answer per string, remembered across documents (the same names recur; bounded) */
const outletMemo = new Map<string, OutletInfo | null>();
function findOutlet(s: string): OutletInfo | null {
  let r = outletMemo.get(s);
  if (r === undefined) {
    r = findOutletUncached(s);
    if (outletMemo.size >= 50_000) outletMemo.clear();
    outletMemo.set(s, r);
  }
  return r;
}

/**
 * A news outlet or agency: flagged so by the entities stage (`kind: 'outlet'`), else a name on the
 * ingest list of outlets (any mention or the base name) for outlets the knowledge base lacks.
 */
export function isOutletEntity(e: Entity, known?: Map<string, boolean>): boolean {
  if (e.kind === 'outlet' || e.id.startsWith('outlet:')) return true;
  // each distinct string looked up once (a name's mentions repeat the same few forms); `known` keeps the
  // answers over the entities of one document
  const tried = new Set<string>();
  const outlet = (s: string): boolean => {
    if (tried.has(s)) return false;
    tried.add(s);
    let r = known?.get(s);
    if (r === undefined) {
      r = !!findOutlet(s);
      known?.set(s, r);
    }
    return r;
  };
  if (outlet(e.name)) return true;
  for (const n of Object.values(e.names ?? {})) if (n && outlet(n)) return true;
  for (const m of e.mentions) if (outlet(m.text) || outlet(m.lemma)) return true;
  return false;
}

export function runQuotes(doc: Doc, ctx?: Context): void {
  doc.layers.quotes = [];
  doc.layers.attributions = [];
  const lang = String(doc.lang);
  const lex = lexiconFor(lang);
  if (!lex || !doc.text) return;
  const cache = new Map<Entity, boolean>();
  const outletStrings = new Map<string, boolean>();
  const outletNames = new Map<string, ReturnType<typeof findOutlet> | null>();
  const svc: ExtractServices = {
    isOutlet: (e) => {
      let r = cache.get(e);
      if (r === undefined) {
        r = isOutletEntity(e, outletStrings);
        cache.set(e, r);
      }
      return r;
    },
    kb: ctx?.maybe('kb'),
    outletByName: (name, start, end) => {
      // (asked for many capitalised words and their neighbours: one lookup per name and document)
      let o = outletNames.get(name);
      if (o === undefined) {
        o = findOutlet(name) ?? null;
        outletNames.set(name, o);
      }
      if (!o) return null;
      // the entity of the article with that name, else the KB's, else the outlet's own name
      for (const e of doc.layers.entities ?? []) if (cache.get(e) !== false && isOutletEntity(e, outletStrings) && findOutlet(e.name) === o) return e;
      const kb = ctx?.maybe('kb');
      const hit = kb?.lookup(o.name, lang)[0] ?? kb?.lookup(name, lang)[0];
      const id = hit ? hit.id : `outlet:${o.name}`;
      const found = missed.get(id);
      if (found) return found;
      const ent: Entity = { id, type: 'ORG', name: o.name, mentions: [{ start, end, text: doc.text.slice(start, end), lemma: o.name, type: 'ORG' }] };
      missed.set(id, ent);
      return ent;
    },
  };
  const missed = new Map<string, Entity>();
  const { quotes, attributions } = extractQuotes(doc, lex, svc);
  doc.layers.quotes = quotes;
  doc.layers.attributions = attributions;
  // An outlet credited by name that the recogniser missed (`«Фокус» писал`) becomes an entity of the
  // article, with the credit's name as its mention, so that every source id points at evidence.
  const used = new Set<string>();
  for (const a of attributions) used.add(a.source);
  for (const q of quotes) {
    if (q.via) used.add(q.via);
    if (q.speaker) used.add(q.speaker);
  }
  const known = new Set((doc.layers.entities ?? []).map((e) => e.id));
  for (const [id, e] of missed) if (used.has(id) && !known.has(id)) (doc.layers.entities ??= []).push(e);
}

export const quotesStage: Stage = {
  name: 'quotes',
  needs: ['tokens'],
  load() {
    for (const l of ['ru', 'uk', 'en']) lexiconFor(l);
  },
  run(doc, ctx) {
    runQuotes(doc, ctx);
  },
};
