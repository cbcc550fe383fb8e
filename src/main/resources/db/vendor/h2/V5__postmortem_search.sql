-- H2 has no full-text index of this kind; the archive searches with LIKE there (the embedded default, small data).
SELECT 1;
