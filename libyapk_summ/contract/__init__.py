"""The output contract: reports, events, dossiers, the event-kind registry, and their English labels."""
