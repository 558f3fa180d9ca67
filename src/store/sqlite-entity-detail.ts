/**
 * An entity's names, type and roles as the entities list gives them (SqliteStore.entities): from
 * the entity's latest `rows` rows (by article rowid, newest first), remembered per entity.
 *
 * What is remembered is exact, not a cache that can go stale: an article's entity rows never change
 * once stored, no article is ever deleted, and a new article has a larger rowid than every stored
 * one, so an entity's rows up to its newest article are a fixed set and its latest `rows` of them
 * are fixed by its newest article rowid (one index seek). A remembered detail is used only while
 * that rowid is the one it was computed at; an entity a new article names is computed afresh. A
 * page of the list is then one index seek per entity instead of reading 200 rows of each (about
 * 10,000 rows a page at 50,000 articles), except for the entities named since the last read.
 */
import type Database from 'better-sqlite3';
import { perDatabase } from './sqlite-statements.js';

export interface EntityDetail {
  type: string;
  /** the most frequent name; undefined when the entity has no row */
  name: string | undefined;
  names: Record<string, string>;
  roles: string[];
}

type Row = Record<string, any>;

/** how many entities' details a connection remembers (cleared when full) */
const REMEMBERED = 100_000;

const S = perDatabase((db: Database.Database) => ({
  newest: db.prepare('SELECT max(article) FROM article_entities WHERE entity = ?').pluck(),
  rows: new Map<number, Database.Statement>(),
  remembered: new Map<string, { newest: number | null; rows: number; detail: EntityDetail }>(),
  db,
}));

function rowsStmt(st: ReturnType<typeof S>, n: number): Database.Statement {
  let s = st.rows.get(n);
  if (!s) st.rows.set(n, (s = st.db.prepare(`SELECT article, type, name, names, roles FROM article_entities WHERE entity = ? ORDER BY article DESC LIMIT ${Math.floor(n)}`)));
  return s;
}

/**
 * The details of `ids` (in order) from each one's latest `rows` rows; `langsOf` gives articles'
 * languages by rowid.
 */
export function entityDetails(db: Database.Database, ids: string[], rows: number, langsOf: (rowids: number[]) => Map<number, string>): EntityDetail[] {
  const st = S(db);
  const out: (EntityDetail | null)[] = [];
  const todo: { i: number; id: string; newest: number | null }[] = [];
  for (const [i, id] of ids.entries()) {
    const newest = (st.newest.get(id) as number | null | undefined) ?? null;
    const m = st.remembered.get(id);
    if (m && m.newest === newest && m.rows === rows) out.push(copy(m.detail));
    else {
      out.push(null);
      todo.push({ i, id, newest });
    }
  }
  if (todo.length) {
    const stmt = rowsStmt(st, rows);
    const detailRows = todo.map((t) => stmt.all(t.id) as Row[]);
    const langs = langsOf(detailRows.flat().map((d) => d.article as number));
    if (st.remembered.size + todo.length > REMEMBERED) st.remembered.clear();
    for (const [k, t] of todo.entries()) {
      const detail = detailOf(detailRows[k], langs);
      st.remembered.set(t.id, { newest: t.newest, rows, detail });
      out[t.i] = copy(detail);
    }
  }
  return out as EntityDetail[];
}

const copy = (d: EntityDetail): EntityDetail => ({ type: d.type, name: d.name, names: { ...d.names }, roles: [...d.roles] });

/** names, type and roles of an entity's rows (newest first) */
function detailOf(rows: Row[], langs: Map<number, string>): EntityDetail {
  const types = new Map<string, number>();
  const byLang = new Map<string, Map<string, number>>();
  const all = new Map<string, number>();
  const roles = new Map<string, number>();
  const given: Record<string, string> = {};
  // the KB names of an entity are the same string on most of its rows: parsed once each
  const parsed = new Map<string, Record<string, string>>();
  for (const d of rows) {
    const lang = langs.get(d.article) as string;
    bump(types, d.type);
    bump(all, d.name);
    bump(byLang.get(lang) ?? byLang.set(lang, new Map()).get(lang)!, d.name);
    if (d.names) {
      let p = parsed.get(d.names);
      if (!p) parsed.set(d.names, (p = JSON.parse(d.names) as Record<string, string>));
      Object.assign(given, p);
    }
    if (d.roles) for (const role of JSON.parse(d.roles) as string[]) bump(roles, role);
  }
  const names: Record<string, string> = { ...given };
  for (const [lang, m] of byLang) if (!names[lang]) names[lang] = top(m)!;
  return {
    type: top(types) ?? '',
    name: top(all),
    names,
    roles: [...roles.entries()].sort((x, y) => y[1] - x[1]).map(([k]) => k),
  };
}

function bump(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}
function top(m: Map<string, number>): string | undefined {
  let best: string | undefined;
  let n = -1;
  for (const [k, v] of m) if (v > n) [best, n] = [k, v];
  return best;
}
