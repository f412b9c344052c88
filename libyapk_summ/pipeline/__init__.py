"""The runs: one article, many articles, batch rounds, the report cache, usage, the output folder."""
