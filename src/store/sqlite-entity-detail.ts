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
import { copyDetail as copy, entityDetailOf, type EntityDetail } from './entity-detail.js';

export type { EntityDetail };

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
      const detail = entityDetailOf(detailRows[k], (d) => langs.get(d.article) as string);
      st.remembered.set(t.id, { newest: t.newest, rows, detail });
      out[t.i] = copy(detail);
    }
  }
  return out as EntityDetail[];
}
