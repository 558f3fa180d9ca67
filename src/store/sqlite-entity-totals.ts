/**
 * Per-entity totals (articles, mentions; per entity, and per entity and type) off the article's
 * write path (SQLite, schema step 17).
 *
 * Until step 17, triggers on article_entities kept entity_totals and entity_type_totals exact at
 * every row: an article's ~15 entity rows made ~30 upserts into two entity-keyed b-trees and moved
 * ~30 entries of their two rank indexes, i.e. ~23 of the ~80 WAL pages each article's commit wrote
 * at 50,000 articles (random leaves: every article names other entities). Now:
 *  - the totals of the articles folded so far are in entity_totals_folded / entity_type_totals_folded
 *    (the old tables renamed, with their rank indexes);
 *  - a new article is pending (a row in entity_totals_pending, by trigger: an append to a small
 *    table) until the writer folds the pending articles' rows into the folded totals, once
 *    FOLD_EVERY articles are pending, in that article's transaction (foldEntityTotals): a hot entity's
 *    row and rank entry are moved once per fold instead of once per article;
 *  - every entity named by some row has its folded row (zero while only pending articles name it:
 *    an insert only for an entity never seen before);
 *  - reads add the pending articles' rows to the folded totals: the views entity_totals and
 *    entity_type_totals (same names and columns as the tables they replace; simple views, so a
 *    look-up by entity reads its folded row by key and its rows in the pending articles from the
 *    (entity, article) index), and for ranked lists rankedTotalsSql (the folded rank index walked in
 *    order for the entities with no pending rows, the pending ones merged in SQL).
 * Rows deleted or changed by hand keep the totals exact: a folded article's rows adjust the folded
 * totals by trigger as step 6's triggers did; a pending article's rows are read as they are.
 */
import type Database from 'better-sqlite3';
import { perDatabase } from './sqlite-statements.js';

/** Pending articles past which the writer folds them into the totals (readers aggregate at most ~this many articles' rows). */
export const FOLD_EVERY = 64;

// rows of article_entities whose article is pending (the range first: an entity's latest rows)
const pendingRowsOf = (entity: string, type?: string) =>
  `SELECT ae.mentions FROM article_entities ae WHERE ae.entity = ${entity}${type ? ` AND ae.type = ${type}` : ''}
     AND ae.article >= (SELECT min(article) FROM entity_totals_pending) AND +ae.article IN (SELECT article FROM entity_totals_pending)`;

export const ENTITY_TOTALS_FOLD_MIGRATION = `
  DROP TRIGGER article_entities_totals_insert;
  DROP TRIGGER article_entities_totals_update;
  DROP TRIGGER article_entities_totals_delete;
  ALTER TABLE entity_totals RENAME TO entity_totals_folded;
  ALTER TABLE entity_type_totals RENAME TO entity_type_totals_folded;
  CREATE TABLE entity_totals_pending (article INTEGER PRIMARY KEY);

  -- a new article is pending until the next fold
  CREATE TRIGGER articles_entity_totals_pending AFTER INSERT ON articles BEGIN
    INSERT INTO entity_totals_pending (article) SELECT new.rowid WHERE NOT EXISTS (SELECT 1 FROM entity_totals_pending WHERE article = new.rowid);
  END;
  -- a pending article's row: its entity (and entity and type) has a folded row, zero until the fold
  -- (so the views read every entity from the folded table). (No INSERT OR IGNORE in these triggers:
  -- fired by an upsert, the outer statement's conflict policy replaces it.)
  CREATE TRIGGER article_entities_pending_insert AFTER INSERT ON article_entities
  WHEN EXISTS (SELECT 1 FROM entity_totals_pending WHERE article = new.article) BEGIN
    INSERT INTO entity_totals_folded (entity, articles, mentions)
      SELECT new.entity, 0, 0 WHERE NOT EXISTS (SELECT 1 FROM entity_totals_folded WHERE entity = new.entity);
    INSERT INTO entity_type_totals_folded (entity, type, articles, mentions)
      SELECT new.entity, new.type, 0, 0 WHERE NOT EXISTS (SELECT 1 FROM entity_type_totals_folded WHERE entity = new.entity AND type = new.type);
  END;
  -- a folded article's row (added by hand): counted at once, as step 6's triggers did
  CREATE TRIGGER article_entities_folded_insert AFTER INSERT ON article_entities
  WHEN NOT EXISTS (SELECT 1 FROM entity_totals_pending WHERE article = new.article) BEGIN
    INSERT INTO entity_totals_folded (entity, articles, mentions) VALUES (new.entity, 1, new.mentions)
      ON CONFLICT (entity) DO UPDATE SET articles = articles + 1, mentions = mentions + excluded.mentions;
    INSERT INTO entity_type_totals_folded (entity, type, articles, mentions) VALUES (new.entity, new.type, 1, new.mentions)
      ON CONFLICT (entity, type) DO UPDATE SET articles = articles + 1, mentions = mentions + excluded.mentions;
  END;
  -- a row deleted (by hand, or with its article): a folded article's row leaves the folded totals;
  -- an entity's folded row goes when no folded or pending row names it any more
  CREATE TRIGGER article_entities_totals_delete AFTER DELETE ON article_entities BEGIN
    UPDATE entity_totals_folded SET articles = articles - 1, mentions = mentions - old.mentions
      WHERE entity = old.entity AND NOT EXISTS (SELECT 1 FROM entity_totals_pending WHERE article = old.article);
    UPDATE entity_type_totals_folded SET articles = articles - 1, mentions = mentions - old.mentions
      WHERE entity = old.entity AND type = old.type AND NOT EXISTS (SELECT 1 FROM entity_totals_pending WHERE article = old.article);
    DELETE FROM entity_totals_folded WHERE entity = old.entity AND articles <= 0 AND NOT EXISTS (${pendingRowsOf('old.entity')});
    DELETE FROM entity_type_totals_folded WHERE entity = old.entity AND type = old.type AND articles <= 0
      AND NOT EXISTS (${pendingRowsOf('old.entity', 'old.type')});
  END;
  -- a row changed (the writer's upsert of an entity listed twice adds mentions): the old values out, the new in
  CREATE TRIGGER article_entities_totals_update AFTER UPDATE OF entity, type, mentions ON article_entities BEGIN
    UPDATE entity_totals_folded SET articles = articles - 1, mentions = mentions - old.mentions
      WHERE entity = old.entity AND NOT EXISTS (SELECT 1 FROM entity_totals_pending WHERE article = old.article);
    UPDATE entity_type_totals_folded SET articles = articles - 1, mentions = mentions - old.mentions
      WHERE entity = old.entity AND type = old.type AND NOT EXISTS (SELECT 1 FROM entity_totals_pending WHERE article = old.article);
    INSERT INTO entity_totals_folded (entity, articles, mentions)
      SELECT new.entity, 1, new.mentions WHERE NOT EXISTS (SELECT 1 FROM entity_totals_pending WHERE article = new.article)
      ON CONFLICT (entity) DO UPDATE SET articles = articles + 1, mentions = mentions + excluded.mentions;
    INSERT INTO entity_type_totals_folded (entity, type, articles, mentions)
      SELECT new.entity, new.type, 1, new.mentions WHERE NOT EXISTS (SELECT 1 FROM entity_totals_pending WHERE article = new.article)
      ON CONFLICT (entity, type) DO UPDATE SET articles = articles + 1, mentions = mentions + excluded.mentions;
    INSERT INTO entity_totals_folded (entity, articles, mentions)
      SELECT new.entity, 0, 0 WHERE NOT EXISTS (SELECT 1 FROM entity_totals_folded WHERE entity = new.entity);
    INSERT INTO entity_type_totals_folded (entity, type, articles, mentions)
      SELECT new.entity, new.type, 0, 0 WHERE NOT EXISTS (SELECT 1 FROM entity_type_totals_folded WHERE entity = new.entity AND type = new.type);
    DELETE FROM entity_totals_folded WHERE entity = old.entity AND articles <= 0 AND NOT EXISTS (${pendingRowsOf('old.entity')});
    DELETE FROM entity_type_totals_folded WHERE entity = old.entity AND type = old.type AND articles <= 0
      AND NOT EXISTS (${pendingRowsOf('old.entity', 'old.type')});
  END;

  -- the exact totals under the names and columns of the tables they replace: the folded totals plus
  -- the pending articles' rows of the entity (a simple view: a look-up by entity reads the folded
  -- row by its key and the entity's latest rows from the (entity, article) index)
  CREATE VIEW entity_totals (entity, articles, mentions) AS
    SELECT f.entity,
           f.articles + (SELECT count(*) FROM (${pendingRowsOf('f.entity')})),
           f.mentions + (SELECT coalesce(sum(mentions), 0) FROM (${pendingRowsOf('f.entity')}))
    FROM entity_totals_folded f;
  CREATE VIEW entity_type_totals (entity, type, articles, mentions) AS
    SELECT f.entity, f.type,
           f.articles + (SELECT count(*) FROM (${pendingRowsOf('f.entity', 'f.type')})),
           f.mentions + (SELECT coalesce(sum(mentions), 0) FROM (${pendingRowsOf('f.entity', 'f.type')}))
    FROM entity_type_totals_folded f;
`;

const S = perDatabase((db: Database.Database) => ({
  pending: db.prepare('SELECT count(*) FROM entity_totals_pending').pluck(),
  foldTotals: db.prepare(`
    INSERT INTO entity_totals_folded (entity, articles, mentions)
      SELECT entity, count(*), sum(mentions) FROM article_entities
      WHERE article IN (SELECT article FROM entity_totals_pending) GROUP BY entity
    ON CONFLICT (entity) DO UPDATE SET articles = articles + excluded.articles, mentions = mentions + excluded.mentions`),
  foldTypeTotals: db.prepare(`
    INSERT INTO entity_type_totals_folded (entity, type, articles, mentions)
      SELECT entity, type, count(*), sum(mentions) FROM article_entities
      WHERE article IN (SELECT article FROM entity_totals_pending) GROUP BY entity, type
    ON CONFLICT (entity, type) DO UPDATE SET articles = articles + excluded.articles, mentions = mentions + excluded.mentions`),
  clear: db.prepare('DELETE FROM entity_totals_pending'),
  // (every entity with a row has its folded row, zero while only pending rows name it)
  stats: db.prepare(`
    SELECT (SELECT count(*) FROM entity_totals_folded) AS entities,
           (SELECT coalesce(sum(mentions), 0) FROM entity_totals_folded)
             + (SELECT coalesce(sum(mentions), 0) FROM article_entities WHERE article IN (SELECT article FROM entity_totals_pending)) AS mentions`),
}));

/**
 * Inside the writer's transaction, after an article's entity rows: folds the pending articles into
 * the folded totals when there are `every` of them (or more).
 */
export function foldEntityTotals(db: Database.Database, every = FOLD_EVERY): boolean {
  const s = S(db);
  if ((s.pending.get() as number) < every) return false;
  s.foldTotals.run();
  s.foldTypeTotals.run();
  s.clear.run();
  return true;
}

/** Distinct entities and their mentions over every stored article (stats()). */
export function entityStats(db: Database.Database): { entities: number; mentions: number } {
  return S(db).stats.get() as { entities: number; mentions: number };
}

/**
 * The statement that lists totals ranked (articles desc, mentions desc, entity) with LIMIT @limit
 * OFFSET @offset, optionally of one type (@type) and restricted by `filter` (SQL over a column
 * `entity`, e.g. `entity = @id`): the folded rank index walked in order for the entities with no
 * pending rows (at most @limit + @offset of them are needed), merged with the pending entities'
 * exact totals. The same rows, in the same order, as ranking the exact totals.
 */
export function rankedTotalsSql(byType: boolean, filter: string[]): string {
  const folded = byType ? 'entity_type_totals_folded' : 'entity_totals_folded';
  const where = [...filter];
  if (byType) where.push('type = @type');
  const w = (extra: string[]) => {
    const all = [...where, ...extra];
    return all.length ? 'WHERE ' + all.join(' AND ') : '';
  };
  return `
    WITH p AS MATERIALIZED (SELECT entity, count(*) AS a, sum(mentions) AS m FROM article_entities
                            ${w(['article IN (SELECT article FROM entity_totals_pending)'])} GROUP BY entity),
    base AS (SELECT entity, articles, mentions FROM ${folded}
             ${w(['entity NOT IN (SELECT entity FROM p)'])}
             ORDER BY articles DESC, mentions DESC, entity LIMIT @limit + @offset),
    merged AS (SELECT p.entity, p.a + coalesce(f.articles, 0) AS articles, p.m + coalesce(f.mentions, 0) AS mentions
               FROM p LEFT JOIN ${folded} f ON f.entity = p.entity${byType ? ' AND f.type = @type' : ''})
    SELECT entity AS id, articles, mentions FROM (SELECT * FROM base UNION ALL SELECT * FROM merged)
    ORDER BY articles DESC, mentions DESC, entity LIMIT @limit OFFSET @offset`;
}
