"""Scorecards: against labelled facts of the seeds and hand labels of real articles."""
