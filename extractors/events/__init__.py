"""Events: trigger rules, the parse, arguments, selection, modality, CAMEO coding and EventMention records."""
