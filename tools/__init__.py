"""One-off importers and derivations run by hand (PETRARCH dictionaries and verbs, the derived gazetteer tables)."""
