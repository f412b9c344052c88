"""Across articles: which reports tell the same event, grouping them, and one dossier of events."""
