-- description: Referential integrity, event_mentions.article_id -> articles.article_id.
SELECT m.mention_id, m.article_id
FROM event_mentions AS m
ANTI JOIN articles AS a USING (article_id)
