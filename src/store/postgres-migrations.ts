/**
 * Schema of the PostgreSQL store, in numbered steps (table `parley_schema` records the last one
 * applied; opening a store applies the missing ones under an advisory lock, so many workers
 * starting at once apply each step once). Never edit a step that has shipped: add the next one.
 *
 * Text columns that are compared or sorted are `COLLATE "C"` (byte order of UTF-8 = code point
 * order), the order SQLite's BINARY collation gives, so both stores sort alike whatever locale the
 * cluster was created with.
 */
import { PG_CORPUS_MIGRATION } from './postgres-corpus.js';
import { PG_CORPUS_META_MIGRATION, PG_STORY_KEYS_MIGRATION, PG_STORY_SUMMARY_MIGRATION } from './postgres-stories.js';
import { PG_SEARCH_MATCH_MIGRATION } from './postgres-search.js';
import { PG_STORY_CLAIMS_MIGRATION } from './postgres-story-claims.js';
import { PG_CONTACT_PAIRS_MIGRATION } from './postgres-actor-contacts.js';
import { PG_ACTOR_SUMMARY_MIGRATION } from './postgres-actor-summary.js';

export const PG_MIGRATIONS: string[] = [
  // 1: articles, the contract's layers normalised for querying, the search index
  `
  CREATE TABLE articles (
    rowid        bigserial PRIMARY KEY,
    id           text COLLATE "C" NOT NULL UNIQUE,
    path         text COLLATE "C",
    url          text COLLATE "C",
    outlet       text COLLATE "C",
    outlet_fold  text COLLATE "C",
    published    text COLLATE "C",
    lang         text COLLATE "C" NOT NULL,
    title        text COLLATE "C",
    text         text NOT NULL,
    json         text NOT NULL,
    content_hash text COLLATE "C",
    ingested_at  timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX articles_published ON articles(published);
  CREATE INDEX articles_lang ON articles(lang);
  CREATE INDEX articles_outlet ON articles(outlet_fold);
  CREATE INDEX articles_content_hash ON articles(content_hash);

  CREATE TABLE article_entities (
    article    bigint NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    entity     text COLLATE "C" NOT NULL,
    type       text COLLATE "C" NOT NULL,
    name       text COLLATE "C" NOT NULL,
    names      text,
    roles      text,
    mentions   integer NOT NULL,
    -- fold(name), fold(names): the case-insensitive name filter (SQLite folds in a function)
    name_fold  text NOT NULL,
    names_fold text,
    PRIMARY KEY (article, entity)
  );
  CREATE INDEX article_entities_entity ON article_entities(entity);

  CREATE TABLE mentions (
    article bigint NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    entity  text COLLATE "C" NOT NULL,
    start   integer NOT NULL,
    "end"   integer NOT NULL,
    text    text NOT NULL,
    lemma   text
  );
  CREATE INDEX mentions_article ON mentions(article);
  CREATE INDEX mentions_entity ON mentions(entity);

  CREATE TABLE quotes (
    article   bigint NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx       integer NOT NULL,
    start     integer NOT NULL,
    "end"     integer NOT NULL,
    text      text NOT NULL,
    kind      text COLLATE "C" NOT NULL,
    speaker   text COLLATE "C",
    cue_text  text,
    cue_lemma text,
    via       text,
    PRIMARY KEY (article, idx)
  );
  CREATE INDEX quotes_speaker ON quotes(speaker);

  CREATE TABLE events (
    article       bigint NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx           integer NOT NULL,
    start         integer NOT NULL,
    "end"         integer NOT NULL,
    type          text COLLATE "C" NOT NULL,
    mode          text COLLATE "C",
    level         text,
    status        text COLLATE "C" NOT NULL,
    when_value    text COLLATE "C",
    when_text     text,
    when_mod      text,
    place         text,
    reported_by   text NOT NULL,
    stances       text NOT NULL,
    trigger_text  text,
    trigger_lemma text,
    PRIMARY KEY (article, idx)
  );
  CREATE INDEX events_type ON events(type);

  CREATE TABLE event_actors (
    article bigint NOT NULL,
    idx     integer NOT NULL,
    ord     integer NOT NULL,
    actor   text COLLATE "C" NOT NULL,
    PRIMARY KEY (article, idx, ord),
    FOREIGN KEY (article, idx) REFERENCES events(article, idx) ON DELETE CASCADE
  );
  CREATE INDEX event_actors_actor ON event_actors(actor);

  CREATE TABLE times (
    article bigint NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    start   integer NOT NULL,
    "end"   integer NOT NULL,
    text    text NOT NULL,
    value   text NOT NULL,
    mod     text,
    anchor  text
  );
  CREATE INDEX times_article ON times(article);

  CREATE TABLE attributions (
    article   bigint NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    start     integer NOT NULL,
    "end"     integer NOT NULL,
    source    text COLLATE "C" NOT NULL,
    cue_text  text,
    cue_lemma text
  );
  CREATE INDEX attributions_source ON attributions(source);

  -- the search index: one tsvector per article over Parley's own index terms (src/store/index-terms.ts),
  -- each term prefixed by its column (t| title, l| lemma, a| other lemma, f| surface form) and weighted
  -- A, B, C, D; offsets/terms/alts: the compact per-token data for match offsets and snippets, as in SQLite
  CREATE TABLE search_terms (
    article bigint PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    tsv     tsvector NOT NULL,
    offsets bytea NOT NULL,
    terms   text NOT NULL,
    alts    text
  );
  CREATE INDEX search_terms_tsv ON search_terms USING gin (tsv);
  `,  // 2: totals per entity and per entity and type (as SQLite's step 6), so listing entities (most
  // articles first) reads an index instead of counting every stored article's entities. Statement
  // triggers on article_entities keep them from each statement's transition tables: an insert adds,
  // a delete (an article deleted, its rows going with it by ON DELETE CASCADE, or rows deleted by
  // hand) subtracts, an update does both; an entity left in no article loses its row. Totals are
  // upserted in key order, so concurrent writers lock shared rows in one order (no deadlock).
  // The (entity, article) index gives an entity's latest articles (names and roles in `entities()`).
  `
  CREATE TABLE entity_totals (
    entity   text COLLATE "C" PRIMARY KEY,
    articles integer NOT NULL,
    mentions integer NOT NULL
  );
  CREATE INDEX entity_totals_rank ON entity_totals(articles DESC, mentions DESC, entity);
  CREATE TABLE entity_type_totals (
    entity   text COLLATE "C" NOT NULL,
    type     text COLLATE "C" NOT NULL,
    articles integer NOT NULL,
    mentions integer NOT NULL,
    PRIMARY KEY (entity, type)
  );
  CREATE INDEX entity_type_totals_rank ON entity_type_totals(type, articles DESC, mentions DESC, entity);
  CREATE INDEX article_entities_entity_article ON article_entities(entity, article);
  INSERT INTO entity_totals SELECT entity, count(*), sum(mentions) FROM article_entities GROUP BY entity;
  INSERT INTO entity_type_totals SELECT entity, type, count(*), sum(mentions) FROM article_entities GROUP BY entity, type;

  CREATE FUNCTION parley_entity_totals() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
      UPDATE entity_totals t SET articles = t.articles - d.n, mentions = t.mentions - d.m
        FROM (SELECT entity, count(*) AS n, sum(mentions) AS m FROM old_rows GROUP BY entity ORDER BY entity) d
        WHERE t.entity = d.entity;
      DELETE FROM entity_totals t WHERE t.articles <= 0 AND t.entity IN (SELECT entity FROM old_rows);
      UPDATE entity_type_totals t SET articles = t.articles - d.n, mentions = t.mentions - d.m
        FROM (SELECT entity, type, count(*) AS n, sum(mentions) AS m FROM old_rows GROUP BY entity, type ORDER BY entity, type) d
        WHERE t.entity = d.entity AND t.type = d.type;
      DELETE FROM entity_type_totals t WHERE t.articles <= 0 AND (t.entity, t.type) IN (SELECT entity, type FROM old_rows);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      INSERT INTO entity_totals AS t (entity, articles, mentions)
        SELECT entity, count(*), sum(mentions) FROM new_rows GROUP BY entity ORDER BY entity
        ON CONFLICT (entity) DO UPDATE SET articles = t.articles + excluded.articles, mentions = t.mentions + excluded.mentions;
      INSERT INTO entity_type_totals AS t (entity, type, articles, mentions)
        SELECT entity, type, count(*), sum(mentions) FROM new_rows GROUP BY entity, type ORDER BY entity, type
        ON CONFLICT (entity, type) DO UPDATE SET articles = t.articles + excluded.articles, mentions = t.mentions + excluded.mentions;
    END IF;
    RETURN NULL;
  END $$;
  CREATE TRIGGER article_entities_totals_insert AFTER INSERT ON article_entities
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION parley_entity_totals();
  CREATE TRIGGER article_entities_totals_delete AFTER DELETE ON article_entities
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION parley_entity_totals();
  CREATE TRIGGER article_entities_totals_update AFTER UPDATE ON article_entities
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION parley_entity_totals();
  `,
  // 3: the corpus (near-duplicates, stories, claims, actors: the SQLite store's steps 3 and 4) and the
  // order corpus updates ran in; see src/store/postgres-corpus.ts. A database that had articles
  // before this step gets its corpus built from them once the steps are applied (PostgresStore.migrate).
  PG_CORPUS_MIGRATION,
  // 4: the articles a search matches, always through the GIN index. The planner prices a scan of
  // search_terms by its heap pages alone, but each tsvector is TOASTed (~7 kB compressed), so a
  // sequential scan detoasts every article's (57 ms at 1,000 articles, against 1.7 ms through the
  // index) and it chose that scan for queries of many OR'd terms. The settings hold inside the
  // function only; CREATE OR REPLACE so a step re-run after a partial downgrade passes.
  `
  CREATE OR REPLACE FUNCTION parley_search_match(q tsquery) RETURNS SETOF bigint
    LANGUAGE sql STABLE STRICT ROWS 100
    SET enable_seqscan = off SET enable_indexscan = off
    AS $$ SELECT article FROM search_terms WHERE tsv @@ q $$;
  `,
  // 5: stories under internal integer keys (the SQLite store's step 9): renaming or merging a story
  // no longer moves every row of it; public ids unchanged (postgres-stories.ts: PG_STORY_KEYS_MIGRATION).
  PG_STORY_KEYS_MIGRATION,
  // 6: per-story summary rows (articles per day, per outlet) kept by the stories updater, and
  // indexes on a story's rows by date and on claim reports by (article, claim), so a story's head
  // in a list reads a few rows (the SQLite store's step 12; postgres-stories.ts: PG_STORY_SUMMARY_MIGRATION)
  PG_STORY_SUMMARY_MIGRATION,
  // 7: corpus_meta, the corpus fingerprint (the SQLite store's step 13; postgres-stories.ts: PG_CORPUS_META_MIGRATION)
  PG_CORPUS_META_MIGRATION,
  // 8: the tsvector in a narrow table of its own (search_match) with the GIN index, so the matches of a
  // common word read a few hundred heap pages, not every page of the per-token data (postgres-search.ts)
  PG_SEARCH_MATCH_MIGRATION,
  // 9: per-actor summary rows (distinct articles, quotes) kept on write by the actor-summary updater,
  // with an index in list order (the SQLite store's step 14; postgres-actor-summary.ts)
  PG_ACTOR_SUMMARY_MIGRATION,
  // 10: per-story claim counts (corpus_story_claims, kept by triggers on corpus_story_articles and
  // corpus_claim_reports), so a story's claims are one index range, not the join of every article
  // of the story (the SQLite store's step 16; postgres-story-claims.ts)
  PG_STORY_CLAIMS_MIGRATION,
  // 11: contact pairs per CONSULT claim (corpus_contact_pairs, kept by triggers on corpus_claims and
  // corpus_claim_actors), so a profile counts its contacts without parsing claim JSON (the SQLite
  // store's step 15; postgres-actor-contacts.ts)
  PG_CONTACT_PAIRS_MIGRATION,
];

/** The step that created the corpus tables (1-based): older databases get the corpus rebuilt. */
export const PG_CORPUS_STEP = 3;
