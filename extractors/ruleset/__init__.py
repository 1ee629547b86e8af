"""Rule loading: the RuleSet (shipped rules + --rules folders), one loader per rule file kind, the word lexicon."""
