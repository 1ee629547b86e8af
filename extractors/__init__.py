"""Text in, records out: article parsing and the spaCy rule pipeline. No I/O beyond rule files."""
