/**
 * Abbreviation tables for the segmenter, one JSON data file per language beside this module
 * (`abbr/ru.json`, `abbr/uk.json`, `abbr/en.json`; see `abbr/SOURCE.md` for the classes).
 *
 * A document is segmented with the table of its language, which is the union of every list with
 * the document language's own classification winning (news mixes scripts: an English `Mr.` or
 * `U.S.` appears in Russian text).
 */
import { readJsonResource } from '../../pipeline/resources.js';

export type AbbrClass = 'prefix' | 'any' | 'numeric';

interface AbbrFile {
  lang: string;
  prefix: string[];
  any: string[];
  numeric: string[];
  multi: string[];
  initials: string[];
  timeLead?: string[];
  multiPrefix?: string[];
  speechVerbs?: string[];
  continuedBy?: Record<string, string[]>;
}

export interface AbbrTable {
  /** lower-cased abbreviation with its period(s), no spaces (`ул.`, `т.д.`, `u.s.`) -> class */
  single: Map<string, AbbrClass>;
  /**
   * multi-part abbreviations written with spaces: key is `<previous part> <this part>` lower-cased
   * (`т. е.`), value true when this part is the last one (may end a sentence)
   */
  multi: Map<string, boolean>;
  /** first parts of multi-part abbreviations (`т.`, `до`, `і`): never end a sentence themselves */
  multiFirst: Set<string>;
  /** multi-letter initials, as written (`Дж.`) */
  initials: Set<string>;
  /** lower-cased words that may precede a year at a sentence start (`в`, `у`, `травні`) */
  timeLead: Set<string>;
  /** English speech verbs that continue a sentence after `?"` / `!"` (`"...?" Vitter demanded.`) */
  speechVerbs: Set<string>;
  /** abbreviation -> lower-cased words that continue it (`дол. США`): then it never ends a sentence */
  continuedBy: Map<string, Set<string>>;
}

export const ABBR_LANGS = ['ru', 'uk', 'en'] as const;
const files = new Map<string, AbbrFile>();
const tables = new Map<string, AbbrTable>();

function file(lang: string): AbbrFile {
  let f = files.get(lang);
  if (!f) {
    f = readJsonResource<AbbrFile>(`src/text/segment/abbr/${lang}.json`);
    files.set(lang, f);
  }
  return f;
}

function addFile(t: AbbrTable, f: AbbrFile, override: boolean): void {
  const put = (k: string, c: AbbrClass): void => {
    if (override || !t.single.has(k)) t.single.set(k, c);
  };
  // precedence inside one file: numeric > any > prefix
  for (const a of f.prefix) put(a.toLowerCase(), 'prefix');
  for (const a of f.any) put(a.toLowerCase(), 'any');
  for (const a of f.numeric) put(a.toLowerCase(), 'numeric');
  for (const m of f.multiPrefix ?? []) {
    // like `multi`, but the last part qualifies what follows (`т. н. Красной зоне`): never an end
    const parts = m.toLowerCase().split(/\s+/);
    for (let i = 1; i < parts.length; i++) t.multi.set(`${parts[i - 1]} ${parts[i]}`, false);
    for (let i = 0; i < parts.length - 1; i++) t.multiFirst.add(parts[i]);
  }
  for (const m of f.multi) {
    const parts = m.toLowerCase().split(/\s+/);
    for (let i = 1; i < parts.length; i++) {
      const key = `${parts[i - 1]} ${parts[i]}`;
      const last = i === parts.length - 1;
      if (override || !t.multi.has(key)) t.multi.set(key, last || (t.multi.get(key) ?? false));
    }
    for (let i = 0; i < parts.length - 1; i++) t.multiFirst.add(parts[i]);
  }
  for (const i of f.initials) t.initials.add(i);
  for (const w of f.timeLead ?? []) t.timeLead.add(w);
  for (const w of f.speechVerbs ?? []) t.speechVerbs.add(w);
  for (const [a, ws] of Object.entries(f.continuedBy ?? {})) {
    const set = t.continuedBy.get(a) ?? new Set<string>();
    for (const w of ws) set.add(w);
    t.continuedBy.set(a, set);
  }
}

/** The table for a document language (`und` and unknown languages get the Russian-first union). */
export function abbrTable(lang: string): AbbrTable {
  const key = (ABBR_LANGS as readonly string[]).includes(lang) ? lang : 'ru';
  let t = tables.get(key);
  if (t) return t;
  t = { single: new Map(), multi: new Map(), multiFirst: new Set(), initials: new Set(), timeLead: new Set(), speechVerbs: new Set(), continuedBy: new Map() };
  addFile(t, file(key), true);
  for (const l of ABBR_LANGS) if (l !== key) addFile(t, file(l), false);
  tables.set(key, t);
  return t;
}

/** Loads every table (for `load()`, so `run` never does I/O). */
export function loadAbbrTables(): void {
  for (const l of ABBR_LANGS) abbrTable(l);
}
