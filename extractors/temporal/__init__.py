"""Temporal: dates in text resolved against the publication date, and each event's date."""
