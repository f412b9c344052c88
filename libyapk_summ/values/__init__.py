"""Dates and amounts, read from the Arabic and resolved in code."""
