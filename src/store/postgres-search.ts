/**
 * The PostgreSQL store's search match table (schema step 8).
 *
 * The search index was one row per article in `search_terms`: the tsvector with its GIN index, and
 * beside it the per-token data for snippets and match offsets (offsets, terms, alts: ~1.3 kB kept
 * inline). A query's matches are read from the GIN index, then each matching row of the table is
 * visited for its article: with ~6 rows a page, a common word visited nearly every page of the
 * table (10,452 matches read 7,838 pages: 107 ms at 100,000 articles). The tsvector now has a narrow
 * table of its own, `search_match`, with the GIN index: an (article, TOAST pointer) row is ~50
 * bytes, ~150 rows a page (the same matches read 840 pages: 5.7 ms). `toast_tuple_target = 128`
 * moves every tsvector but the shortest out of line, so the rows stay narrow. `search_terms` keeps
 * the per-token data, read for a page of hits only.
 */
export const PG_SEARCH_MATCH_MIGRATION = `
  CREATE TABLE search_match (
    article bigint PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    tsv     tsvector NOT NULL
  ) WITH (toast_tuple_target = 128);
  INSERT INTO search_match (article, tsv) SELECT article, tsv FROM search_terms;
  CREATE INDEX search_match_tsv ON search_match USING gin (tsv);
  ALTER TABLE search_terms DROP COLUMN tsv;
  CREATE OR REPLACE FUNCTION parley_search_match(q tsquery) RETURNS SETOF bigint
    LANGUAGE sql STABLE STRICT ROWS 100
    SET enable_seqscan = off SET enable_indexscan = off
    AS $$ SELECT article FROM search_match WHERE tsv @@ q $$;
`;
