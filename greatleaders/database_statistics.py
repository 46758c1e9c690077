"""Statistics of what the tables hold, by which SQLite picks how to run a
query.

Only ANALYZE gathers them, and Django never runs it. Without them, SQLite
guesses: a search of a 10,000-post blog read every post's row (some 200 ms)
rather than its indexes, and a category's archive its posts' bodies. They
are gathered as the app server starts and after an import, which changes
what the tables hold most: a tenth of a second for 10,000 posts.
PostgreSQL gathers its own (autovacuum).
"""

from django.db import connections


def gather_statistics(using: str = "default") -> None:
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
