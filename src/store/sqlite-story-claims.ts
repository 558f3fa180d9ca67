/**
 * A story's claims without joining every article of the story to the claim reports (schema step
 * 16, SQLite). corpus_story_claims holds, per story key and claim, how many of the claim's reports
 * are in the story's articles: the join of corpus_story_articles (article -> story) and
 * corpus_claim_reports (article -> claim) counted per (story, claim). A story's claims (its head in
 * the stories list, the story itself: src/store/sqlite-stories.ts storyExtras) are then a range of
 * this table's primary key, in claim id order, instead of one index look-up per article of the story
 * (about 50,000 look-ups for a page of stories at 50,000 articles).
 *
 * Kept by triggers on both sides of the join, so that the order in which the stories and claims
 * updaters write does not matter: a report inserted, deleted or moved to another claim or article
 * counts in the story of its article (if it has one yet); an article placed in a story, moved to
 * another (a merge moves every article of the merged story) or taken out brings its reports along.
 * The claims updater writes reports with INSERT OR REPLACE, whose replaced row fires no delete
 * trigger: a BEFORE INSERT trigger takes the row it replaces out first.
 *
 * A later schema step that rebuilds corpus_story_articles or corpus_claim_reports (CREATE, copy,
 * DROP, RENAME) drops these triggers with the old table: it must create them again.
 */
export const STORY_CLAIMS_TRIGGERS = `
  CREATE TRIGGER corpus_claim_reports_story_claims_replace BEFORE INSERT ON corpus_claim_reports BEGIN
    UPDATE corpus_story_claims SET n = n - 1
      WHERE story = (SELECT story FROM corpus_story_articles WHERE article = new.article)
        AND claim = (SELECT claim FROM corpus_claim_reports WHERE article = new.article AND event = new.event);
    DELETE FROM corpus_story_claims
      WHERE story = (SELECT story FROM corpus_story_articles WHERE article = new.article)
        AND claim = (SELECT claim FROM corpus_claim_reports WHERE article = new.article AND event = new.event) AND n <= 0;
  END;
  CREATE TRIGGER corpus_claim_reports_story_claims_insert AFTER INSERT ON corpus_claim_reports BEGIN
    INSERT INTO corpus_story_claims (story, claim, n)
      SELECT story, new.claim, 1 FROM corpus_story_articles WHERE article = new.article
      ON CONFLICT (story, claim) DO UPDATE SET n = n + 1;
  END;
  CREATE TRIGGER corpus_claim_reports_story_claims_delete AFTER DELETE ON corpus_claim_reports BEGIN
    UPDATE corpus_story_claims SET n = n - 1 WHERE story = (SELECT story FROM corpus_story_articles WHERE article = old.article) AND claim = old.claim;
    DELETE FROM corpus_story_claims WHERE story = (SELECT story FROM corpus_story_articles WHERE article = old.article) AND claim = old.claim AND n <= 0;
  END;
  CREATE TRIGGER corpus_claim_reports_story_claims_update AFTER UPDATE OF claim, article ON corpus_claim_reports BEGIN
    UPDATE corpus_story_claims SET n = n - 1 WHERE story = (SELECT story FROM corpus_story_articles WHERE article = old.article) AND claim = old.claim;
    DELETE FROM corpus_story_claims WHERE story = (SELECT story FROM corpus_story_articles WHERE article = old.article) AND claim = old.claim AND n <= 0;
    INSERT INTO corpus_story_claims (story, claim, n)
      SELECT story, new.claim, 1 FROM corpus_story_articles WHERE article = new.article
      ON CONFLICT (story, claim) DO UPDATE SET n = n + 1;
  END;
  CREATE TRIGGER corpus_story_articles_story_claims_insert AFTER INSERT ON corpus_story_articles BEGIN
    INSERT INTO corpus_story_claims (story, claim, n)
      SELECT new.story, claim, count(*) FROM corpus_claim_reports WHERE article = new.article GROUP BY claim
      ON CONFLICT (story, claim) DO UPDATE SET n = n + excluded.n;
  END;
  CREATE TRIGGER corpus_story_articles_story_claims_delete AFTER DELETE ON corpus_story_articles BEGIN
    UPDATE corpus_story_claims SET n = n - (SELECT count(*) FROM corpus_claim_reports r WHERE r.article = old.article AND r.claim = corpus_story_claims.claim)
      WHERE story = old.story AND claim IN (SELECT claim FROM corpus_claim_reports WHERE article = old.article);
    DELETE FROM corpus_story_claims WHERE story = old.story AND claim IN (SELECT claim FROM corpus_claim_reports WHERE article = old.article) AND n <= 0;
  END;
  CREATE TRIGGER corpus_story_articles_story_claims_update AFTER UPDATE OF story, article ON corpus_story_articles BEGIN
    UPDATE corpus_story_claims SET n = n - (SELECT count(*) FROM corpus_claim_reports r WHERE r.article = old.article AND r.claim = corpus_story_claims.claim)
      WHERE story = old.story AND claim IN (SELECT claim FROM corpus_claim_reports WHERE article = old.article);
    DELETE FROM corpus_story_claims WHERE story = old.story AND claim IN (SELECT claim FROM corpus_claim_reports WHERE article = old.article) AND n <= 0;
    INSERT INTO corpus_story_claims (story, claim, n)
      SELECT new.story, claim, count(*) FROM corpus_claim_reports WHERE article = new.article GROUP BY claim
      ON CONFLICT (story, claim) DO UPDATE SET n = n + excluded.n;
  END;
`;

export const STORY_CLAIMS_MIGRATION = `
  CREATE TABLE corpus_story_claims (
    story INTEGER NOT NULL,
    claim TEXT NOT NULL,
    n     INTEGER NOT NULL,
    PRIMARY KEY (story, claim)
  ) WITHOUT ROWID;
  ${STORY_CLAIMS_TRIGGERS}
  INSERT INTO corpus_story_claims (story, claim, n)
    SELECT sa.story, cr.claim, count(*) FROM corpus_story_articles sa JOIN corpus_claim_reports cr ON cr.article = sa.article GROUP BY sa.story, cr.claim;
`;
