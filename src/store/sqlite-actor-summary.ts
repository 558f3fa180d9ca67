/**
 * Per-actor summary rows (schema step 14, SQLite): for every actor (src/store/sqlite-corpus.ts:
 * corpus_actor_entities groups entity ids of one referent) the number of distinct articles that
 * mention any of its ids and the number of quotes any of its ids speaks, with an index in list order
 * (articles desc, actor). The actors list reads its page from that index instead of summing every
 * actor's entity totals and counting the distinct articles of actors with several ids; a profile
 * reads its `articles` and `quotes` from the row instead of counting its rows.
 *
 * Kept on write by actorSummaryUpdater, which runs after the actors updater in the article's
 * transaction: each actor the article mentions gains one article and the article's quotes by its ids
 * (a few index look-ups per article). When the actors updater joins two actors (an UPDATE of
 * corpus_actor_entities.actor, which the actors updater does only then), a trigger drops the summary
 * of the actor renamed away and marks the joined actor, whose row is then counted afresh from its
 * rows (rare: once per join, cost proportional to the actor's rows). An entity id is mapped to an
 * actor at the first article that names it (the actors updater maps every entity of each article),
 * and a quote's speaker is an entity of its own article, so the increments are exact.
 */
import type Database from 'better-sqlite3';
import { perDatabase } from './sqlite-statements.js';
import type { CorpusUpdater, StoredArticle } from './corpus-updaters.js';

export const ACTOR_SUMMARY_MIGRATION = `
  CREATE TABLE corpus_actor_summary (
    actor    TEXT PRIMARY KEY,
    articles INTEGER NOT NULL,
    quotes   INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX corpus_actor_summary_rank ON corpus_actor_summary(articles DESC, actor);
  -- actors joined while an article is written, counted afresh by actorSummaryUpdater
  CREATE TABLE corpus_actor_dirty (actor TEXT PRIMARY KEY) WITHOUT ROWID;
  CREATE TRIGGER corpus_actor_entities_summary_join AFTER UPDATE OF actor ON corpus_actor_entities BEGIN
    DELETE FROM corpus_actor_summary WHERE actor = old.actor;
    INSERT OR IGNORE INTO corpus_actor_dirty (actor) VALUES (new.actor);
  END;
  INSERT INTO corpus_actor_summary (actor, articles, quotes)
    SELECT e.actor,
           (SELECT count(DISTINCT ae.article) FROM article_entities ae WHERE ae.entity IN (SELECT entity FROM corpus_actor_entities x WHERE x.actor = e.actor)),
           (SELECT count(*) FROM quotes q WHERE q.speaker IN (SELECT entity FROM corpus_actor_entities x WHERE x.actor = e.actor))
    FROM (SELECT DISTINCT actor FROM corpus_actor_entities) e WHERE true;
`;

const S = perDatabase(prepare);

function prepare(db: Database.Database) {
  return {
    // every actor the article names: one more article, and the article's quotes by its ids
    add: db.prepare(`
      INSERT INTO corpus_actor_summary (actor, articles, quotes)
        SELECT x.actor, 1, coalesce(qq.n, 0) FROM
          (SELECT DISTINCT e.actor FROM article_entities ae JOIN corpus_actor_entities e ON e.entity = ae.entity WHERE ae.article = @rid) x
          LEFT JOIN (SELECT e.actor, count(*) AS n FROM quotes q JOIN corpus_actor_entities e ON e.entity = q.speaker
                     WHERE q.article = @rid GROUP BY e.actor) qq ON qq.actor = x.actor
        WHERE true
      ON CONFLICT (actor) DO UPDATE SET articles = articles + 1, quotes = quotes + excluded.quotes`),
    dirty: db.prepare('SELECT actor FROM corpus_actor_dirty').pluck(),
    clearDirty: db.prepare('DELETE FROM corpus_actor_dirty'),
    recount: db.prepare(`
      INSERT OR REPLACE INTO corpus_actor_summary (actor, articles, quotes)
        SELECT @actor, a, q FROM (SELECT
          (SELECT count(DISTINCT ae.article) FROM article_entities ae WHERE ae.entity IN (SELECT entity FROM corpus_actor_entities WHERE actor = @actor)) AS a,
          (SELECT count(*) FROM quotes WHERE speaker IN (SELECT entity FROM corpus_actor_entities WHERE actor = @actor)) AS q)
        WHERE a > 0`),
    drop: db.prepare('DELETE FROM corpus_actor_summary WHERE actor = ? AND NOT EXISTS (SELECT 1 FROM corpus_actor_entities WHERE actor = ?)'),
  };
}

export function updateActorSummary(db: Database.Database, a: StoredArticle): void {
  const st = S(db);
  st.add.run({ rid: a.rowid });
  // actors joined by this article: counted afresh (this article included)
  const dirty = st.dirty.all() as string[];
  if (!dirty.length) return;
  for (const actor of dirty) {
    st.recount.run({ actor });
    st.drop.run(actor, actor);
  }
  st.clearDirty.run();
}

export const actorSummaryUpdater: CorpusUpdater = {
  name: 'actor-summary',
  update: updateActorSummary,
  reset(db) {
    db.exec('DELETE FROM corpus_actor_summary; DELETE FROM corpus_actor_dirty;');
  },
};
