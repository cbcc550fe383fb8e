-- Full-text search of published postmortems (GET /api/postmortems?q=…), PostgreSQL only.
CREATE INDEX postmortem_search_idx ON postmortem
  USING GIN (to_tsvector('english', title || ' ' || coalesce(markdown, '')));
