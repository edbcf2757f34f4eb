-- Indexes built after COPY (faster than maintaining them row by row).
CREATE INDEX ON docs USING gin (tsv);
CREATE INDEX ON docs USING gin (company);
CREATE INDEX ON docs USING gin (cloud);
CREATE INDEX ON docs USING gin (model);
CREATE INDEX ON docs USING gin (claim);
CREATE INDEX ON docs USING gin (stance);
CREATE INDEX ON docs USING gin (source);
CREATE INDEX ON docs USING gin (cites);
VACUUM ANALYZE docs;
