-- The PostgreSQL 15 peer (../shared/peers/README.md): one row per article,
-- the same text and facet values newsfacet indexed, GIN on the text and on
-- every facet column used as a filter.  Loaded by bench/run.sh.
DROP TABLE IF EXISTS docs;
CREATE TABLE docs (id text PRIMARY KEY, body text NOT NULL,
  company text[], cloud text[], model text[], claim text[], stance text[],
  source text[], cites text[], money text[], percent text[], published text[],
  tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED);
