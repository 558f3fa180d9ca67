/**
 * The entities list's detail of each listed entity in the PostgreSQL store (type, name, names per
 * language, roles from its latest ENTITY_DETAIL_ROWS rows), remembered per store while the entity's
 * rows are the same (as src/store/sqlite-entity-detail.ts does for SQLite). An article's entity rows
 * never change once stored and none is deleted, so an entity's rows are fixed by its newest article
 * rowid and its row count: both are read for every listed entity in one statement (an index seek
 * for the newest rowid, the count from entity_totals, kept by the statement triggers in the article's
 * transaction). The count matters with several writers: an article whose rowid was taken before
 * another's may commit after it, leaving the newest rowid as it was but adding a row. Only the
 * entities whose key changed have their rows read, in one statement, and their JSON parsed.
 */
import type { Db } from './postgres-stories.js';
import { rows } from './postgres-stories.js';
import { copyDetail, entityDetailOf, type EntityDetail } from './entity-detail.js';

export type { EntityDetail };

type Row = Record<string, any>;

/** how many entities' details a store remembers (cleared when full) */
const REMEMBERED = 50_000;

export class PgEntityDetails {
  private readonly remembered = new Map<string, { key: string; detail: EntityDetail }>();
  constructor(private readonly latest: number) {}

  /** The detail of each id (a copy the caller may keep). */
  async of(c: Db, ids: string[]): Promise<Map<string, EntityDetail>> {
    const out = new Map<string, EntityDetail>();
    const keys = await rows(
      c,
      `SELECT e.id, (SELECT max(article) FROM article_entities WHERE entity = e.id)::text AS newest, t.articles::text AS n
       FROM unnest($1::text[]) AS e(id) LEFT JOIN entity_totals t ON t.entity = e.id`,
      [ids],
    );
    const need: string[] = [];
    const keyOf = new Map<string, string>();
    for (const r of keys) {
      const key = `${r.newest ?? ''}:${r.n ?? ''}`;
      keyOf.set(r.id, key);
      const m = this.remembered.get(r.id);
      if (m && m.key === key) out.set(r.id, m.detail);
      else need.push(r.id);
    }
    if (need.length) {
      const detail = await rows(
        c,
        `SELECT e.id AS entity, d.type, d.name, d.names, d.roles, d.lang FROM unnest($1::text[]) WITH ORDINALITY AS e(id, k) CROSS JOIN LATERAL (
           SELECT ae.article, ae.type, ae.name, ae.names, ae.roles, a.lang FROM article_entities ae JOIN articles a ON a.rowid = ae.article
           WHERE ae.entity = e.id ORDER BY ae.article DESC LIMIT ${this.latest}) d
         ORDER BY e.k, d.article DESC`,
        [need],
      );
      const byEntity = new Map<string, Row[]>(need.map((id) => [id, []]));
      for (const d of detail) byEntity.get(d.entity)!.push(d);
      if (this.remembered.size + need.length > REMEMBERED) this.remembered.clear();
      for (const [id, rs] of byEntity) {
        const d = entityDetailOf(rs, (r) => r.lang);
        out.set(id, d);
        this.remembered.set(id, { key: keyOf.get(id) ?? '', detail: d });
      }
    }
    const copy = new Map<string, EntityDetail>();
    for (const [id, d] of out) copy.set(id, copyDetail(d));
    return copy;
  }
}
