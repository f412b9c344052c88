"""Steps 1 and 2: read an article (files, corpora, encodings), cut it into sentences, find
its title and date, and the sentences that report events."""
