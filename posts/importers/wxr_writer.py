"""The writes that the mappers of a WordPress import share.

Each mapper (`wxr_authors`, `wxr_terms`, `wxr_posts`, `wxr_pages`,
`wxr_attachments`, and `wxr_comments` for comments) decides what a record
becomes; the `BatchWriter` they are all given does what would otherwise be
written again in each: giving a post or page a slug no other has, filing
posts under categories and tags, and remembering old addresses as redirects.
It takes whole batches, so that a batch of posts costs a few queries rather
than a few per post, and it carries the report that every mapper counts in.
"""

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from ipaddress import IPv4Address, IPv6Address
from typing import Any
from urllib.parse import unquote

from django.db import connection, models
from django.db.models import Model
from django.utils.text import slugify

from posts.importers import wp_content
from posts.importers.wxr_reader import Item
from posts.importers.wxr_report import CHANGED_SLUG, ImportReport
from posts.models import Page, Post, Redirect, TaggedPost

# (post, category) or (post, tag) primary keys.
Filing = tuple[int, int]
# Fields whose values the database takes as Python has them.
_AS_THEY_ARE = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.ForeignKey,
)
# Rows inserted by one statement: as many as SQLite takes up to this.
ROWS_A_STATEMENT = 1000
# A row to insert: column values by field attribute name ("post_id").
Row = dict[str, Any]


class BatchWriter:
    """Writes for every mapper of one import, and the report they count in."""

    def __init__(self, report: ImportReport):
        self.report = report

    # Slugs

    def taken_slugs(self, model: type[Post | Page], slugs: Iterable[str]) -> set[str]:
        """Which of `slugs` a post (or page) here has already: one query for a
        whole batch, to hand to `free_slug` as `taken`."""
        return set(
            model.objects.filter(slug__in=list(slugs)).values_list("slug", flat=True)
        )

    def free_slug(
        self,
        model: type[Post | Page],
        item: Item,
        title: str,
        *,
        taken: set[str] | None = None,
        reserved: Callable[[str], bool] | None = None,
    ) -> str:
        """The wanted slug; with a suffix when another post (or page) has it,
        or when `reserved` says the site uses it itself. `taken` holds slugs
        known to be taken, and whether the wanted slug is (see `taken_slugs`),
        to spare a query each."""
        kind = model._meta.model_name
        wanted = wanted_slug(item, kind, title)

        def is_taken(slug: str) -> bool:
            if taken is not None and slug == wanted:
                return slug in taken
            return (taken is not None and slug in taken) or model.objects.filter(
                slug=slug
            ).exists()

        candidate, number = wanted, 1
        if reserved and reserved(candidate):
            candidate = f"{wanted}-{kind}"  # a page at /search/ goes to /search-page/
        while is_taken(candidate):
            number += 1
            candidate = f"{wanted}-{number}"
        if candidate != wanted:
            self.report.changed[CHANGED_SLUG] += 1
            self.report.note(
                f"The slug “{wanted}” (WordPress ID {item.id}) was taken: "
                f"“{candidate}” is used."
            )
        return candidate

    # Reads

    def known(
        self, model: type[Model], key: str, values: list, *fields: str
    ) -> list[tuple]:
        """The `key` and `fields` of the records whose `key` is one of
        `values`. On PostgreSQL the values go as one array, not a
        placeholder each: psycopg reads a query's placeholders in Python,
        and for the two thousand comments of a batch that took four times
        as long as the server's answer."""
        if connection.vendor != "postgresql":
            return list(
                model.objects.filter(**{f"{key}__in": values}).values_list(key, *fields)
            )
        meta, quote = model._meta, connection.ops.quote_name

        def column(name: str) -> str:
            return quote((meta.pk if name == "pk" else meta.get_field(name)).column)

        columns = ", ".join(map(column, (key, *fields)))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {columns} FROM {quote(meta.db_table)} "
                f"WHERE {column(key)} = ANY(%s)",
                [values],
            )
            return cursor.fetchall()

    # Inserts

    def insert(
        self, model: type[Model], rows: list[Row], *, key: str | None = None
    ) -> dict:
        """Insert `rows`, with the model's defaults for the fields they leave
        out; with `key` (a unique field), return the primary key each was
        given, by its value of `key`. Without the model instances and the
        per-value compiling of bulk_create(), 100,000 imported comments take
        a third of the time (#17); nothing sends signals either way."""
        meta, quote = model._meta, connection.ops.quote_name
        fields = [field for field in meta.concrete_fields if not field.primary_key]
        defaults = {field.attname: field.get_default() for field in fields}
        # Text and numbers go to the database as they are, and so do times
        # to PostgreSQL, which reads them from their JSON text; the rest
        # (addresses; times to SQLite) as the field prepares them, once for
        # each value.
        as_they_are = _AS_THEY_ARE + (
            (models.DateTimeField,) if connection.vendor == "postgresql" else ()
        )
        prepared = [
            (field.attname, None if isinstance(field, as_they_are) else field, {})
            for field in fields
        ]

        def values(row: Row) -> Iterator:
            for name, field, known in prepared:
                value = row.get(name, defaults[name])
                if field is None or value is None:
                    yield value
                elif isinstance(value, str):
                    if value not in known:
                        known[value] = field.get_db_prep_save(value, connection)
                    yield known[value]
                else:
                    yield field.get_db_prep_save(value, connection)

        table = quote(meta.db_table)
        columns = ", ".join(quote(field.column) for field in fields)
        returning = (
            f"RETURNING {quote(meta.get_field(key).column)}, {quote(meta.pk.column)}"
            if key
            else ""
        )
        found = {}
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # One JSON document a statement, which the server turns into
                # rows: json.dumps writes it in C, where psycopg would dump
                # a Python list for each column, value by value (#17).
                sql = (
                    f"INSERT INTO {table} ({columns}) SELECT {columns} "
                    f"FROM json_populate_recordset(NULL::{table}, %s) {returning}"
                )
                names = [field.column for field in fields]
                for start in range(0, len(rows), ROWS_A_STATEMENT):
                    batch = rows[start : start + ROWS_A_STATEMENT]
                    document = json.dumps(
                        [dict(zip(names, values(row), strict=True)) for row in batch],
                        default=_json_value,
                        ensure_ascii=False,
                    )
                    cursor.execute(sql, [document])
                    if key:
                        found.update(cursor.fetchall())
                return found
            placeholders = f"({', '.join(['%s'] * len(fields))})"
            size = max(
                1,
                min(
                    ROWS_A_STATEMENT,
                    connection.features.max_query_params // len(fields),
                ),
            )
            for start in range(0, len(rows), size):
                batch = rows[start : start + size]
                cursor.execute(
                    f"INSERT INTO {table} ({columns}) "
                    f"VALUES {', '.join([placeholders] * len(batch))} {returning}",
                    [value for row in batch for value in values(row)],
                )
                if key:
                    found.update(cursor.fetchall())
        return found

    # Filing and redirects

    def file(self, categories: Iterable[Filing], tags: Iterable[Filing]) -> None:
        """File posts under categories and tags: two inserts for a batch."""
        self.insert(
            Post.categories.through,
            [
                {"post_id": post_id, "category_id": category_id}
                for post_id, category_id in categories
            ],
        )
        self.insert(
            TaggedPost,
            [
                {"content_object_id": post_id, "tag_id": tag_id}
                for post_id, tag_id in tags
            ],
        )

    def save_redirects(
        self, redirects: Iterable[tuple[str, Post | None, Page | None]]
    ) -> None:
        """Remember old addresses, given as (path, post, page): all but those
        that are the target's address here too, or that the rules find by
        themselves (query strings such as ?p=12; see posts.legacy_urls)."""
        wanted = {}
        for path, post, page in redirects:
            target = post or page
            if path and path != unquote(target.get_absolute_url()):
                wanted.setdefault(path, Redirect(old_path=path, post=post, page=page))
        if not wanted:
            return
        known = set(
            Redirect.objects.filter(old_path__in=list(wanted)).values_list(
                "old_path", flat=True
            )
        )
        Redirect.objects.bulk_create(
            redirect for path, redirect in wanted.items() if path not in known
        )
        self.report.existing["redirects"] += len(known)
        self.report.created["redirects"] += len(wanted) - len(known)


def _json_value(value: Any) -> str:
    """Dates and times as PostgreSQL reads them from JSON text (ISO 8601),
    and addresses as text."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, IPv4Address | IPv6Address):
        return str(value)
    raise TypeError(f"{type(value).__name__} has no JSON form for an insert")


def row_of(instance: Model) -> Row:
    """An instance's fields as a row for `BatchWriter.insert`."""
    return {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if not field.primary_key
    }


def wanted_slug(item: Item, prefix: str, title: str = "") -> str:
    """The item's slug, or one made from its title, or its ID."""
    title = title or wp_content.one_line(item.title)
    wanted = wp_content.slug(item.slug) or slugify(title, allow_unicode=True)
    return wanted[:190] or f"{prefix}-{item.id}"
