"""PostgreSQL full-text search: a weighted tsvector kept by a trigger, GIN-indexed.

A trigger (rather than save()) keeps the vector right for bulk_create and
update() too. Other databases skip this; the QuerySet falls back to LIKE.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION articles_article_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('english', coalesce(NEW.headline, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW.standfirst, '')), 'B') ||
    setweight(to_tsvector('english',
      regexp_replace(coalesce(NEW.body, ''), '<[^>]*>', ' ', 'g')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER articles_article_search_vector_update
  BEFORE INSERT OR UPDATE OF headline, standfirst, body ON articles_article
  FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector();

UPDATE articles_article SET headline = headline;

CREATE INDEX articles_article_search_gin
  ON articles_article USING gin (search_vector);
"""

BACKWARD = """
DROP INDEX IF EXISTS articles_article_search_gin;
DROP TRIGGER IF EXISTS articles_article_search_vector_update ON articles_article;
DROP FUNCTION IF EXISTS articles_article_search_vector();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
