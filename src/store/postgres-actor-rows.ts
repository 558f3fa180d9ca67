/**
 * An actor's latest rows (names and roles of its profile: src/corpus/actors/profile.ts, ACTOR_ROWS)
 * in the PostgreSQL store, remembered per store while its ids' rows are the same (as
 * src/store/sqlite-actor-summary.ts profileRows does for SQLite). An article's entity rows never
 * change once stored and none is deleted, so the latest rows of a set of ids are fixed by each id's
 * newest article rowid and row count (entity_totals, kept in the article's transaction): both are
 * read in one statement; the count catches an article whose rowid was taken before another's but
 * committed after it (several writers). A changed key reads the rows again, as before.
 */
import type { Db } from './postgres-stories.js';
import { rows } from './postgres-stories.js';
import { ACTOR_ROWS, type ActorMentionRow } from '../corpus/actors/profile.js';

/** how many actors' rows a store remembers (cleared when full) */
const REMEMBERED = 20_000;

export class PgActorRows {
  private readonly remembered = new Map<string, { key: string; rows: ActorMentionRow[] }>();

  /** The rows of the ids' latest ACTOR_ROWS (by ingestion: article rowid desc, then entity id), by entity and article. */
  async of(c: Db, entities: string[]): Promise<ActorMentionRow[]> {
    const id = entities.join('\u0000');
    const keys = await rows(
      c,
      `SELECT e.id, (SELECT max(article) FROM article_entities WHERE entity = e.id)::text AS newest, t.articles::text AS n
       FROM unnest($1::text[]) WITH ORDINALITY AS e(id, k) LEFT JOIN entity_totals t ON t.entity = e.id ORDER BY e.k`,
      [entities],
    );
    const key = keys.map((r) => `${r.newest ?? ''}:${r.n ?? ''}`).join(' ');
    const m = this.remembered.get(id);
    if (m && m.key === key) return m.rows;
    const found = (
      await rows(
        c,
        `SELECT ae.entity, ae.type, ae.name, ae.names, ae.roles, a.id AS article, a.lang, a.published
         FROM (SELECT entity, article FROM article_entities WHERE entity = ANY($1::text[]) ORDER BY article DESC, entity LIMIT $2) x
         JOIN article_entities ae ON ae.article = x.article AND ae.entity = x.entity JOIN articles a ON a.rowid = ae.article
         ORDER BY ae.entity, ae.article`,
        [entities, ACTOR_ROWS],
      )
    ).map((r): ActorMentionRow => ({
      entity: r.entity,
      type: r.type,
      name: r.name,
      names: r.names ? JSON.parse(r.names) : null,
      roles: r.roles ? JSON.parse(r.roles) : null,
      article: r.article,
      lang: r.lang,
      published: r.published,
    }));
    if (this.remembered.size >= REMEMBERED) this.remembered.clear();
    this.remembered.set(id, { key, rows: found });
    return found;
  }
}
