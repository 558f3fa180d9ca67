/**
 * A story's claims without joining every article of the story to the claim reports (PostgreSQL; the
 * SQLite store's step 16, src/store/sqlite-story-claims.ts). corpus_story_claims holds, per story key
 * and claim, how many of the claim's reports are in the story's articles: the join of
 * corpus_story_articles (article -> story) and corpus_claim_reports (article -> claim) counted per
 * (story, claim). A story's claims (its head in the stories list, the story itself:
 * src/store/postgres-stories.ts storyExtras) are then a range of this table's primary key, in claim
 * id order ("C" collation, as the claim ids of corpus_claim_reports), instead of the join of every
 * article of the story.
 *
 * Kept by row triggers on both sides of the join, so that the order in which the stories and claims
 * updaters write does not matter: a report inserted, deleted or moved to another claim or article
 * counts in the story of its article (if it has one yet); an article placed in a story, moved to
 * another (a merge moves every article of the merged story) or taken out brings its reports along.
 * The claims updater writes reports with INSERT ... ON CONFLICT DO UPDATE: PostgreSQL fires the
 * UPDATE trigger for the row it updates (the old claim loses the report, the new one gains it).
 *
 * A later schema step that rebuilds corpus_story_articles or corpus_claim_reports drops these
 * triggers with the old table: it must create them again.
 */
export const PG_STORY_CLAIMS_MIGRATION = `
  CREATE TABLE corpus_story_claims (
    story bigint NOT NULL,
    claim text COLLATE "C" NOT NULL,
    n     integer NOT NULL,
    PRIMARY KEY (story, claim)
  );
  -- a claim's count in a story moved by d (the row dropped at zero)
  CREATE FUNCTION parley_story_claims_add(s bigint, cl text, d integer) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    IF s IS NULL OR cl IS NULL OR d = 0 THEN RETURN; END IF;
    IF d > 0 THEN
      INSERT INTO corpus_story_claims AS t (story, claim, n) VALUES (s, cl, d)
        ON CONFLICT (story, claim) DO UPDATE SET n = t.n + excluded.n;
    ELSE
      UPDATE corpus_story_claims SET n = n + d WHERE story = s AND claim = cl;
      DELETE FROM corpus_story_claims WHERE story = s AND claim = cl AND n <= 0;
    END IF;
  END $$;
  CREATE FUNCTION parley_story_claims_report() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      PERFORM parley_story_claims_add((SELECT story FROM corpus_story_articles WHERE article = OLD.article), OLD.claim, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
      PERFORM parley_story_claims_add((SELECT story FROM corpus_story_articles WHERE article = NEW.article), NEW.claim, 1);
    END IF;
    RETURN NULL;
  END $$;
  CREATE TRIGGER corpus_claim_reports_story_claims_insert AFTER INSERT OR DELETE ON corpus_claim_reports
    FOR EACH ROW EXECUTE FUNCTION parley_story_claims_report();
  CREATE TRIGGER corpus_claim_reports_story_claims_update AFTER UPDATE OF claim, article ON corpus_claim_reports
    FOR EACH ROW WHEN (OLD.claim IS DISTINCT FROM NEW.claim OR OLD.article IS DISTINCT FROM NEW.article)
    EXECUTE FUNCTION parley_story_claims_report();
  CREATE FUNCTION parley_story_claims_article() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE r record;
  BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      FOR r IN SELECT claim, count(*)::int AS n FROM corpus_claim_reports WHERE article = OLD.article GROUP BY claim LOOP
        PERFORM parley_story_claims_add(OLD.story, r.claim, -r.n);
      END LOOP;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
      FOR r IN SELECT claim, count(*)::int AS n FROM corpus_claim_reports WHERE article = NEW.article GROUP BY claim LOOP
        PERFORM parley_story_claims_add(NEW.story, r.claim, r.n);
      END LOOP;
    END IF;
    RETURN NULL;
  END $$;
  CREATE TRIGGER corpus_story_articles_story_claims_insert AFTER INSERT OR DELETE ON corpus_story_articles
    FOR EACH ROW EXECUTE FUNCTION parley_story_claims_article();
  CREATE TRIGGER corpus_story_articles_story_claims_update AFTER UPDATE OF story, article ON corpus_story_articles
    FOR EACH ROW WHEN (OLD.story IS DISTINCT FROM NEW.story OR OLD.article IS DISTINCT FROM NEW.article)
    EXECUTE FUNCTION parley_story_claims_article();
  INSERT INTO corpus_story_claims (story, claim, n)
    SELECT sa.story, cr.claim, count(*) FROM corpus_story_articles sa JOIN corpus_claim_reports cr ON cr.article = sa.article GROUP BY sa.story, cr.claim;
`;

/** A story's claim ids in id order, from corpus_story_claims (storyExtras of postgres-stories.ts). */
export const PG_STORY_CLAIMS_SQL = 'SELECT claim FROM corpus_story_claims WHERE story = $1 ORDER BY claim';
