"""Text: article files and records to ParsedArticle, sentences, word columns, span values."""
