/**
 * Schema of the SQLite store, in numbered steps. `PRAGMA user_version` records the last step
 * applied; opening a store applies the missing ones, each in its own transaction. Never edit a
 * step that has shipped: add the next one.
 */
import type Database from 'better-sqlite3';
import { CORPUS_MIGRATION } from './sqlite-corpus.js';
import { CORPUS_META_MIGRATION, CORPUS_NO_FK_MIGRATION, STORIES_MIGRATION, STORY_KEYS_MIGRATION, STORY_SUMMARY_MIGRATION } from './sqlite-stories.js';
import { convertToCompactSearch } from './sqlite-terms.js';
import { ACTOR_CONTACTS_MIGRATION, ACTOR_SUMMARY_MIGRATION } from './sqlite-actor-summary.js';
import { STORY_CLAIMS_MIGRATION } from './sqlite-story-claims.js';
import { ENTITY_TOTALS_FOLD_MIGRATION } from './sqlite-entity-totals.js';

export const MIGRATIONS: string[] = [
  // 1: articles, the contract's layers normalised for querying, the search index
  `
  CREATE TABLE articles (
    rowid       INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    path        TEXT,
    url         TEXT,
    outlet      TEXT,
    outlet_fold TEXT,
    published   TEXT,
    lang        TEXT NOT NULL,
    title       TEXT,
    text        TEXT NOT NULL,
    json        TEXT NOT NULL,
    ingested_at TEXT NOT NULL
  );
  CREATE INDEX articles_published ON articles(published);
  CREATE INDEX articles_lang ON articles(lang);
  CREATE INDEX articles_outlet ON articles(outlet_fold);

  CREATE TABLE article_entities (
    article  INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    entity   TEXT NOT NULL,
    type     TEXT NOT NULL,
    name     TEXT NOT NULL,
    names    TEXT,
    roles    TEXT,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article, entity)
  );
  CREATE INDEX article_entities_entity ON article_entities(entity);

  CREATE TABLE mentions (
    article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    entity  TEXT NOT NULL,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    text    TEXT NOT NULL,
    lemma   TEXT
  );
  CREATE INDEX mentions_article ON mentions(article);
  CREATE INDEX mentions_entity ON mentions(entity);

  CREATE TABLE quotes (
    article   INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    text      TEXT NOT NULL,
    kind      TEXT NOT NULL,
    speaker   TEXT,
    cue_text  TEXT,
    cue_lemma TEXT,
    via       TEXT,
    PRIMARY KEY (article, idx)
  );
  CREATE INDEX quotes_speaker ON quotes(speaker);

  CREATE TABLE events (
    article     INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    type        TEXT NOT NULL,
    mode        TEXT,
    level       TEXT,
    status      TEXT NOT NULL,
    when_value  TEXT,
    when_text   TEXT,
    when_mod    TEXT,
    place       TEXT,
    reported_by TEXT NOT NULL,
    stances     TEXT NOT NULL,
    trigger_text  TEXT,
    trigger_lemma TEXT,
    PRIMARY KEY (article, idx)
  );
  CREATE INDEX events_type ON events(type);

  CREATE TABLE event_actors (
    article INTEGER NOT NULL,
    idx     INTEGER NOT NULL,
    ord     INTEGER NOT NULL,
    actor   TEXT NOT NULL,
    PRIMARY KEY (article, idx, ord),
    FOREIGN KEY (article, idx) REFERENCES events(article, idx) ON DELETE CASCADE
  );
  CREATE INDEX event_actors_actor ON event_actors(actor);

  CREATE TABLE times (
    article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    text    TEXT NOT NULL,
    value   TEXT NOT NULL,
    mod     TEXT,
    anchor  TEXT
  );
  CREATE INDEX times_article ON times(article);

  CREATE TABLE attributions (
    article   INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    source    TEXT NOT NULL,
    cue_text  TEXT,
    cue_lemma TEXT
  );
  CREATE INDEX attributions_source ON attributions(source);

  -- token offsets aligned with the terms of article_fts.lemmas / .forms (for snippets)
  CREATE TABLE search_offsets (
    article INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    offsets BLOB NOT NULL,
    -- JSON [[term index, "alt1 alt2"], ...]: other dictionary lemmas of ambiguous tokens
    alts    TEXT
  );
  -- title: folded title words; lemmas/forms: one term per word token of the text (aligned);
  -- alts: the other plausible lemmas of ambiguous tokens (matched like lemmas)
  CREATE VIRTUAL TABLE article_fts USING fts5(
    title, lemmas, forms, alts,
    tokenize = 'unicode61 remove_diacritics 2'
  );
  `,
  // 2: text stored once (articles.text; the JSON keeps "text": null in its place), a contentless
  // FTS5 index (the terms are no longer stored twice), compact per-token search data, and the
  // content hash of every text (re-ingest skips known texts before analysing them). The data are
  // converted by convertToCompactSearch (MIGRATION_CODE[2]) inside the same transaction.
  `
  ALTER TABLE articles ADD COLUMN content_hash TEXT;
  CREATE INDEX articles_content_hash ON articles(content_hash);
  CREATE TABLE search_terms (
    article INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    offsets BLOB NOT NULL,
    terms   TEXT NOT NULL,
    alts    TEXT
  );
  CREATE VIRTUAL TABLE article_fts_v2 USING fts5(
    title, lemmas, forms, alts,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
  );
  `,
  // 3: the corpus: claims (reports, look-up keys, claims, parties) and actors (entity ids of one
  // referent, name keys); see src/store/sqlite-corpus.ts. A database that had articles before this
  // step gets its corpus rebuilt once all steps are applied (SqliteStore.migrate).
  CORPUS_MIGRATION,
  // 4: near-duplicate links (MinHash signatures, LSH band index) and stories (article vectors,
  // index keys, stories, members, summed entities, former ids, history); see src/store/sqlite-stories.ts
  STORIES_MIGRATION,
  // 5: no row per entity mention: nothing queries mentions one by one (they are in the article
  // JSON; counts come from article_entities.mentions). New article JSON is stored deflated.
  `
  DROP TABLE mentions;
  `,
  // 6: totals per entity and per entity and type, so listing entities (most articles first) reads an
  // index instead of counting every stored article's entities. Triggers on article_entities keep
  // them: every insert, update (the upsert that adds an entity's repeated mentions) and delete
  // (an article deleted, its rows going with it by ON DELETE CASCADE, or rows deleted by hand)
  // adjusts the totals in the same transaction; an entity left in no article loses its row.
  `
  CREATE TABLE entity_totals (
    entity   TEXT PRIMARY KEY,
    articles INTEGER NOT NULL,
    mentions INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX entity_totals_rank ON entity_totals(articles DESC, mentions DESC, entity);
  CREATE TABLE entity_type_totals (
    entity   TEXT NOT NULL,
    type     TEXT NOT NULL,
    articles INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (entity, type)
  ) WITHOUT ROWID;
  CREATE INDEX entity_type_totals_rank ON entity_type_totals(type, articles DESC, mentions DESC, entity);
  INSERT INTO entity_totals SELECT entity, count(*), sum(mentions) FROM article_entities GROUP BY entity;
  INSERT INTO entity_type_totals SELECT entity, type, count(*), sum(mentions) FROM article_entities GROUP BY entity, type;

  CREATE TRIGGER article_entities_totals_insert AFTER INSERT ON article_entities BEGIN
    INSERT INTO entity_totals (entity, articles, mentions) VALUES (new.entity, 1, new.mentions)
      ON CONFLICT (entity) DO UPDATE SET articles = articles + 1, mentions = mentions + excluded.mentions;
    INSERT INTO entity_type_totals (entity, type, articles, mentions) VALUES (new.entity, new.type, 1, new.mentions)
      ON CONFLICT (entity, type) DO UPDATE SET articles = articles + 1, mentions = mentions + excluded.mentions;
  END;
  CREATE TRIGGER article_entities_totals_delete AFTER DELETE ON article_entities BEGIN
    UPDATE entity_totals SET articles = articles - 1, mentions = mentions - old.mentions WHERE entity = old.entity;
    DELETE FROM entity_totals WHERE entity = old.entity AND articles <= 0;
    UPDATE entity_type_totals SET articles = articles - 1, mentions = mentions - old.mentions WHERE entity = old.entity AND type = old.type;
    DELETE FROM entity_type_totals WHERE entity = old.entity AND type = old.type AND articles <= 0;
  END;
  CREATE TRIGGER article_entities_totals_update AFTER UPDATE OF entity, type, mentions ON article_entities BEGIN
    UPDATE entity_totals SET articles = articles - 1, mentions = mentions - old.mentions WHERE entity = old.entity;
    DELETE FROM entity_totals WHERE entity = old.entity AND articles <= 0;
    UPDATE entity_type_totals SET articles = articles - 1, mentions = mentions - old.mentions WHERE entity = old.entity AND type = old.type;
    DELETE FROM entity_type_totals WHERE entity = old.entity AND type = old.type AND articles <= 0;
    INSERT INTO entity_totals (entity, articles, mentions) VALUES (new.entity, 1, new.mentions)
      ON CONFLICT (entity) DO UPDATE SET articles = articles + 1, mentions = mentions + excluded.mentions;
    INSERT INTO entity_type_totals (entity, type, articles, mentions) VALUES (new.entity, new.type, 1, new.mentions)
      ON CONFLICT (entity, type) DO UPDATE SET articles = articles + 1, mentions = mentions + excluded.mentions;
  END;
  `,
  // 7: indexes for the API's lists at 50,000 articles (npm run bench:api). Quotes newest first
  // (published DESC, id, idx) walk the articles in that order and stop at the page, instead of
  // sorting every quote; articles of one language newest first, and articles per outlet (stats),
  // come from an index alone (the rows hold the text). (lang, published) supersedes (lang).
  `
  CREATE INDEX articles_published_id ON articles(published DESC, id);
  CREATE INDEX articles_lang_published ON articles(lang, published);
  DROP INDEX articles_lang;
  CREATE INDEX articles_outlet_name ON articles(outlet);
  `,
  // 8: an entity's rows by article (as PostgreSQL's step 2), so an actor's profile and co-occurrence
  // read its latest articles from the index alone (src/corpus/actors/profile.ts: ACTOR_ROWS,
  // COOCCURRENCE_WINDOW) instead of every row of the entity. Supersedes the index on (entity).
  `
  CREATE INDEX article_entities_entity_article ON article_entities(entity, article);
  DROP INDEX article_entities_entity;
  `,
  // 9: stories under internal integer keys, so renaming or merging a story no longer moves every
  // row of it (src/store/sqlite-stories.ts: STORY_KEYS_MIGRATION); public ids unchanged.
  STORY_KEYS_MIGRATION,
  // 10: the near-duplicate and story rows without foreign keys to articles (a look-up per inserted
  // row, about 0.5 ms of each article's corpus update; no article is ever deleted):
  // src/store/sqlite-stories.ts CORPUS_NO_FK_MIGRATION
  CORPUS_NO_FK_MIGRATION,
  // 11: an article's search data (token offsets, packed terms and alternative lemmas: snippets and
  // match offsets) in the article's own row instead of a table of its own. One b-tree less per
  // write, and a row that outgrows a page fills whole overflow pages: the article row (~3 KB) and
  // the search row (~1.8 KB) each left most of a 4 KB page unused (~1.3 KB per article less).
  `
  ALTER TABLE articles ADD COLUMN s_offsets BLOB;
  ALTER TABLE articles ADD COLUMN s_terms BLOB;
  ALTER TABLE articles ADD COLUMN s_alts TEXT;
  UPDATE articles SET (s_offsets, s_terms, s_alts) = (SELECT offsets, terms, alts FROM search_terms WHERE article = articles.rowid);
  DROP TABLE search_terms;
  `,
  // 12: per-story summary rows (articles per day, per outlet) kept by the stories updater, and
  // indexes on a story's rows by date and on claim reports by article and claim, so a story's
  // head in a list reads a few rows, not every article of the story (src/store/sqlite-stories.ts:
  // STORY_SUMMARY_MIGRATION)
  STORY_SUMMARY_MIGRATION,
  // 13: corpus_meta, the fingerprint of the code and data the stories and claims were computed with
  // (src/corpus/fingerprint.ts; src/store/sqlite-stories.ts: CORPUS_META_MIGRATION): a database built
  // with other story parameters is told to run `parley corpus rebuild`
  CORPUS_META_MIGRATION,
  // 14: per-actor summary rows (distinct articles, quotes) kept on write by the actor-summary
  // updater, with an index in list order, so the actors list reads its page from an index and a
  // profile its totals from one row (src/store/sqlite-actor-summary.ts: ACTOR_SUMMARY_MIGRATION)
  ACTOR_SUMMARY_MIGRATION,
  // 15: an actor's contacts and roles without claim JSON or its every latest row: the CONSULT
  // claims' party pairs with the claim's date, kept by triggers, and an index of the rows that
  // give roles (src/store/sqlite-actor-summary.ts: ACTOR_CONTACTS_MIGRATION)
  ACTOR_CONTACTS_MIGRATION,
  // 16: per story and claim, the claim's reports in the story's articles, kept by triggers on both
  // sides, so a story's claims are one index range (src/store/sqlite-story-claims.ts: STORY_CLAIMS_MIGRATION)
  STORY_CLAIMS_MIGRATION,
  // 17: the entity totals off the article write path: the totals of the articles folded so far, the
  // articles stored since then pending until the writer folds them (every FOLD_EVERY articles), and
  // views under the old names that add the pending rows (src/store/sqlite-entity-totals.ts:
  // ENTITY_TOTALS_FOLD_MIGRATION)
  ENTITY_TOTALS_FOLD_MIGRATION,
];

/** The step that created the corpus tables (1-based): older databases get the corpus rebuilt. */
export const CORPUS_STEP = 4;

/** Data conversions that SQL alone cannot do, run after the step of the same number (1-based). */
export const MIGRATION_CODE: Partial<Record<number, (db: Database.Database) => void>> = {
  2: convertToCompactSearch,
};
