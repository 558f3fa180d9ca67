/**
 * Glosses: an article that writes one name and, right after it in brackets, the same referent's
 * name in another script — `"Північний потік-2" (Nord Stream-2, NS-2)`, `Ульрих Делиус (Ulrich
 * Delius)`, `компания «Норд Стрим 2 АГ» (Nord Stream 2 AG)` — says that the two are one referent.
 * Names across scripts that are translations rather than transliterations (`Северный поток` /
 * `Nord Stream`) share no name key, so such a gloss is what lets the corpus join them: the
 * actors updater joins the two entities' actors (src/store/sqlite-corpus.ts).
 *
 * A gloss is: a mention of entity A; between its end and a mention of entity B only closing
 * quotes, spaces and one opening bracket (and opening quotes); B's mention followed by the closing
 * bracket or a comma (the first item of the bracket); one of the two names in Cyrillic and the
 * other in Latin script (a bracket in the same script is a qualifier — `Ростов (Россия)` — or an
 * abbreviation, not another spelling); both people or both not people; neither name an acronym or
 * code (`Флоренция (FLR)`, `Лейпциг (EEX)`: no lower-case letter); both ids the article's own
 * (`new:`): a KB entity knows its names, and a bracket after a company naming a country the KB knows
 * (`OMV (Австрия)`, `Engie (Франция)`) is a qualifier, not a gloss.
 */

export interface GlossEntity {
  id: string;
  type?: string;
  mentions?: { start: number; end: number; text?: string }[];
}

const CYR = /\p{Script=Cyrillic}/u;
const LAT = /\p{Script=Latin}/u;
const BETWEEN = /^[\s"'»“”„«]*\(\s*["'«“„]?$/u;
const AFTER = /^["'»“”]?\s*[),;]/u;
const LOWER = /\p{Ll}/u;

function script(s: string): 'cyr' | 'lat' | null {
  const c = CYR.test(s);
  const l = LAT.test(s);
  return c === l ? null : c ? 'cyr' : 'lat';
}

/** The pairs of entity ids an article glosses (each pair once, sorted), from its text and entities. */
export function glossPairs(text: string, entities: GlossEntity[]): [string, string][] {
  const ms: { id: string; person: boolean; start: number; end: number }[] = [];
  for (const e of entities) {
    if (!e?.id || !Array.isArray(e.mentions)) continue;
    const person = (e.type ?? e.id.split(':')[1]) === 'PER';
    for (const m of e.mentions) if (Number.isInteger(m?.start) && Number.isInteger(m?.end) && m.end > m.start) ms.push({ id: e.id, person, start: m.start, end: m.end });
  }
  ms.sort((a, b) => a.start - b.start || a.end - b.end);
  const out = new Map<string, [string, string]>();
  for (let i = 0; i < ms.length; i++) {
    const a = ms[i];
    for (let j = i + 1; j < ms.length; j++) {
      const b = ms[j];
      if (b.start < a.end) continue;
      if (b.start - a.end > 6) break;
      if (b.id === a.id || b.person !== a.person) continue;
      if (!BETWEEN.test(text.slice(a.end, b.start))) continue;
      if (!AFTER.test(text.slice(b.end, b.end + 4))) continue;
      if (!a.id.startsWith('new:') || !b.id.startsWith('new:')) continue;
      const ta = text.slice(a.start, a.end);
      const tb = text.slice(b.start, b.end);
      if (!LOWER.test(ta) || !LOWER.test(tb)) continue;
      const sa = script(ta);
      const sb = script(tb);
      if (!sa || !sb || sa === sb) continue;
      const pair: [string, string] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
      out.set(pair.join('\u0000'), pair);
    }
  }
  return [...out.values()].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : 1));
}
