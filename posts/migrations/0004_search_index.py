"""Full-text search indexes for posts (see posts.search).

PostgreSQL: a SQL function for a body's text, a weighted tsvector column the
database generates from title, excerpt and body, and a GIN index on it.
SQLite: an FTS5 table kept in step with posts by triggers.
"""

from django.db import migrations

POSTGRESQL_FORWARDS = [
    # Tags become spaces and the entities the sanitiser writes become
    # characters; posts.text.html_to_text is the same rule in Python.
    """
    CREATE FUNCTION posts_html_text(markup text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT replace(replace(replace(replace(replace(replace(
            regexp_replace(coalesce(markup, ''), '<[^>]*>', ' ', 'g'),
            '&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'),
            '&#39;', ''''), '&amp;', '&')
    $$
    """,
    """
    ALTER TABLE posts_post ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(excerpt, '')), 'B')
        || setweight(to_tsvector('english', posts_html_text(body)), 'C')
    ) STORED
    """,
    "CREATE INDEX posts_post_search_vector ON posts_post USING gin (search_vector)",
]

POSTGRESQL_BACKWARDS = [
    "DROP INDEX posts_post_search_vector",
    "ALTER TABLE posts_post DROP COLUMN search_vector",
    "DROP FUNCTION posts_html_text(text)",
]

SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS posts_post_fts_insert",
    "DROP TRIGGER IF EXISTS posts_post_fts_update",
    "DROP TRIGGER IF EXISTS posts_post_fts_delete",
    "DROP TABLE IF EXISTS posts_post_fts",
]


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        for sql in POSTGRESQL_FORWARDS:
            schema_editor.execute(sql)
    elif connection.vendor == "sqlite":
        # The same function puts the triggers back after a table rebuild.
        from posts.search import install_sqlite_index, register_sqlite_functions

        register_sqlite_functions(None, connection)
        install_sqlite_index(connection)


def backwards(apps, schema_editor):
    statements = {
        "postgresql": POSTGRESQL_BACKWARDS,
        "sqlite": SQLITE_BACKWARDS,
    }.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("posts", "0003_page"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
