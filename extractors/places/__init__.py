"""Places: the offline gazetteer, place mentions, and each event's location."""
