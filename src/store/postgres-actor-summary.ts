/**
 * Per-actor summary rows in the PostgreSQL store (schema step 9; the SQLite store's step 14,
 * src/store/sqlite-actor-summary.ts, statement for statement): for every actor the number of
 * distinct articles that mention any of its entity ids and the number of quotes they speak, with an
 * index in list order (articles desc, actor). The actors list reads its page from that index instead
 * of summing every actor's entity totals (rankActors) and counting the distinct articles of actors
 * with several ids; a profile reads its `articles` and `quotes` from the row.
 *
 * Kept on write by pgActorSummaryUpdater, after the actors updater in the article's transaction
 * (under the corpus lock): each actor the article names gains one article and the article's quotes
 * by its ids. When the actors updater joins two actors (an UPDATE of corpus_actor_entities.actor),
 * a trigger drops the summary of the actor renamed away and marks the joined actor, whose row is
 * then counted afresh from its rows.
 */
import type pg from 'pg';
import { rows, type PgCorpusUpdater, type PgStoredArticle } from './postgres-stories.js';

export const PG_ACTOR_SUMMARY_MIGRATION = `
  CREATE TABLE corpus_actor_summary (
    actor    text COLLATE "C" PRIMARY KEY,
    articles integer NOT NULL,
    quotes   integer NOT NULL
  );
  CREATE INDEX corpus_actor_summary_rank ON corpus_actor_summary(articles DESC, actor);
  -- actors joined while an article is written, counted afresh by the actor-summary updater
  CREATE TABLE corpus_actor_dirty (actor text COLLATE "C" PRIMARY KEY);
  CREATE FUNCTION parley_actor_summary_join() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    DELETE FROM corpus_actor_summary WHERE actor = OLD.actor;
    INSERT INTO corpus_actor_dirty (actor) VALUES (NEW.actor) ON CONFLICT DO NOTHING;
    RETURN NULL;
  END $$;
  CREATE TRIGGER corpus_actor_entities_summary_join AFTER UPDATE OF actor ON corpus_actor_entities
    FOR EACH ROW EXECUTE FUNCTION parley_actor_summary_join();
  INSERT INTO corpus_actor_summary (actor, articles, quotes)
    SELECT e.actor,
           (SELECT count(DISTINCT ae.article) FROM article_entities ae WHERE ae.entity IN (SELECT entity FROM corpus_actor_entities x WHERE x.actor = e.actor)),
           (SELECT count(*) FROM quotes q WHERE q.speaker IN (SELECT entity FROM corpus_actor_entities x WHERE x.actor = e.actor))
    FROM (SELECT DISTINCT actor FROM corpus_actor_entities) e;
`;

async function updateActorSummary(c: pg.PoolClient, a: PgStoredArticle): Promise<void> {
  // every actor the article names: one more article, and the article's quotes by its ids
  await rows(
    c,
    `INSERT INTO corpus_actor_summary AS s (actor, articles, quotes)
       SELECT x.actor, 1, coalesce(qq.n, 0)::int FROM
         (SELECT DISTINCT e.actor FROM article_entities ae JOIN corpus_actor_entities e ON e.entity = ae.entity WHERE ae.article = $1) x
         LEFT JOIN (SELECT e.actor, count(*) AS n FROM quotes q JOIN corpus_actor_entities e ON e.entity = q.speaker
                    WHERE q.article = $1 GROUP BY e.actor) qq ON qq.actor = x.actor
       ORDER BY x.actor
     ON CONFLICT (actor) DO UPDATE SET articles = s.articles + 1, quotes = s.quotes + excluded.quotes`,
    [a.rowid],
  );
  // actors joined by this article: counted afresh (this article included)
  const dirty = (await rows(c, 'DELETE FROM corpus_actor_dirty RETURNING actor')).map((r) => r.actor as string).sort();
  if (!dirty.length) return;
  await rows(
    c,
    `INSERT INTO corpus_actor_summary AS s (actor, articles, quotes)
       SELECT d.actor, x.a, x.q FROM unnest($1::text[]) AS d(actor) CROSS JOIN LATERAL (SELECT
         (SELECT count(DISTINCT ae.article)::int FROM article_entities ae WHERE ae.entity IN (SELECT entity FROM corpus_actor_entities WHERE actor = d.actor)) AS a,
         (SELECT count(*)::int FROM quotes WHERE speaker IN (SELECT entity FROM corpus_actor_entities WHERE actor = d.actor)) AS q) x
       WHERE x.a > 0
     ON CONFLICT (actor) DO UPDATE SET articles = excluded.articles, quotes = excluded.quotes`,
    [dirty],
  );
  await rows(
    c,
    'DELETE FROM corpus_actor_summary s WHERE s.actor = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM corpus_actor_entities e WHERE e.actor = s.actor)',
    [dirty],
  );
}

/**
 * Every actor's row counted afresh from the stored rows. After a replay of the corpus (rebuild):
 * there every article's rows are stored before its turn comes, so an actor joined during the replay
 * was counted with articles whose own increments were still to come.
 */
export async function recountActorSummary(c: pg.PoolClient): Promise<void> {
  await c.query(`DELETE FROM corpus_actor_summary; DELETE FROM corpus_actor_dirty;
    INSERT INTO corpus_actor_summary (actor, articles, quotes)
      SELECT e.actor,
             (SELECT count(DISTINCT ae.article) FROM article_entities ae WHERE ae.entity IN (SELECT entity FROM corpus_actor_entities x WHERE x.actor = e.actor)),
             (SELECT count(*) FROM quotes q WHERE q.speaker IN (SELECT entity FROM corpus_actor_entities x WHERE x.actor = e.actor))
      FROM (SELECT DISTINCT actor FROM corpus_actor_entities) e`);
}

export const pgActorSummaryUpdater: PgCorpusUpdater = {
  name: 'actor-summary',
  update: updateActorSummary,
  async reset(c) {
    await c.query('DELETE FROM corpus_actor_summary; DELETE FROM corpus_actor_dirty');
  },
};
