"""Queries the public pages run for every request, compiled to SQL once.

Django builds a query anew each time it runs it: lookups resolved, joins
set up, SQL written. For the small queries a blog page makes, that costs
0.2–0.6 ms of Python against 20–80 µs for the database to answer, and a
page makes seven of them. But a page runs the same queries every time with
other values (a slug, the time now, a page number). So each is written once
as an ordinary queryset in which those values are `Param`s; its first run
on a database compiles it, and each later run sends that SQL with the new
values. Rows become model instances through `Model.from_db()`, as the ORM
makes them.

The rule that keeps this sound: a prepared query's shape never depends on
its values. `build` receives `Param`s, never the values, so it cannot
branch on them; a list of values is a `ParamList` of its length, and each
length is compiled once. Slices are literal SQL in Django, so a page of rows is
asked with `limit` and `offset` instead.
"""

import datetime
import functools
from collections.abc import Callable, Sequence

from django.core.exceptions import EmptyResultSet, FieldDoesNotExist
from django.db import DEFAULT_DB_ALIAS, connections, models, router
from django.db.models import DEFERRED, Expression, QuerySet

_SLICE = " LIMIT %s OFFSET %s"


class Param(Expression):
    """A value of a prepared query, given each time it runs."""

    def __init__(self, name, output_field=None):
        super().__init__(output_field=output_field)
        self.name = name

    def __repr__(self):
        return f"Param({self.name!r})"

    def as_sql(self, compiler, connection):
        return "%s", [self]

    def get_group_by_cols(self):
        return []


class ParamList(Expression):
    """A list of values of a prepared query, for `__in`: `length` of them."""

    def __init__(self, name, length: int):
        super().__init__()
        self.name, self.length = name, length

    def __repr__(self):
        return f"ParamList({self.name!r}, {self.length})"

    def as_sql(self, compiler, connection):
        if not self.length:
            # As Django does for an empty list: the condition holds for no row.
            raise EmptyResultSet
        return ", ".join(["%s"] * self.length), [
            Param((self.name, index)) for index in range(self.length)
        ]

    def get_group_by_cols(self):
        return []


class PreparedQuery:
    """`build(**params)` returns the queryset, its values named by Params
    (a list of values by a ParamList, for `__in`); `fields` are the columns to read, as `values_list()` names them."""

    def __init__(self, build: Callable[..., QuerySet], fields: Sequence[str]):
        self.build = build
        self.fields = tuple(fields)
        self._compiled: dict[tuple, _Compiled] = {}

    def rows(self, *, limit: int | None = None, offset: int = 0, **values) -> list:
        """The rows for `values`, each a tuple of `fields`; with `limit`, that
        many from `offset` on."""
        compiled = self._compile(values)
        return compiled.convert(compiled.run(values, limit, offset))

    def count(self, **values) -> int:
        """How many rows there are for `values`."""
        compiled = self._compile(values, counted=True)
        return compiled.run(values)[0][0]

    @functools.cached_property
    def reversed(self) -> "PreparedQuery":
        """The same query, its rows in the opposite order."""
        return PreparedQuery(
            lambda **params: self.build(**params).reverse(), self.fields
        )

    def objects(self, model: type[models.Model], **values) -> list[models.Model]:
        """The rows as instances of `model`, loaded with `fields` alone (which
        must be its own fields' attnames, the primary key among them)."""
        return [instance(model, self.fields, row) for row in self.rows(**values)]

    def _compile(self, values: dict, *, counted: bool = False) -> "_Compiled":
        # A list of values is as many Params; each length is a query apart.
        shape = tuple(
            (name, len(value) if isinstance(value, list | tuple) else None)
            for name, value in sorted(values.items())
        )
        compiled = self._compiled.get((shape, counted))
        if compiled is None:
            params = {
                name: Param(name) if length is None else ParamList(name, length)
                for name, length in shape
            }
            queryset = self.build(**params)
            if counted:
                queryset = queryset.order_by()
            compiled = _Compiled(
                queryset.values_list(*self.fields), self.fields, counted
            )
            self._compiled[shape, counted] = compiled
        return compiled


def instance(model: type[models.Model], fields: Sequence[str], values: Sequence):
    """An instance of `model` with `fields` (attnames) set to `values`, the
    others deferred, as the ORM loads one from the default database."""
    names, order = _load_order(model, tuple(fields))
    return model.from_db(
        DEFAULT_DB_ALIAS,
        names,
        [DEFERRED if index is None else values[index] for index in order],
    )


@functools.cache
def _load_order(model, fields: tuple[str, ...]):
    # from_db() takes the values of every concrete field, in the model's
    # order, those not loaded DEFERRED.
    attnames = [field.attname for field in model._meta.concrete_fields]
    unknown = set(fields) - set(attnames)
    if unknown:
        raise ValueError(f"Not fields of {model.__name__}: {sorted(unknown)}")
    order = [fields.index(name) if name in fields else None for name in attnames]
    return [name for name in attnames if name in fields], order


class _Compiled:
    def __init__(self, queryset: QuerySet, fields: Sequence[str], counted: bool):
        self.alias = router.db_for_read(queryset.model)
        try:
            sql, params = queryset.query.get_compiler(using=self.alias).as_sql()
        except EmptyResultSet:
            # An empty list of values: no row could match.
            sql, params = None, []
        self.counted = counted
        if sql is None:
            self.sql = None
        elif counted:
            self.sql = f"SELECT COUNT(*) FROM ({sql}) counted"
        else:
            self.sql = sql
        self.slots = [
            (param.name, None) if isinstance(param, Param) else (None, param)
            for param in params
        ]
        self.datetimes = [
            index
            for index, name in enumerate(fields)
            if _is_datetime(queryset.model, name)
        ]

    def run(self, values: dict, limit=None, offset=0) -> list[tuple]:
        if self.sql is None:
            return [(0,)] if self.counted else []
        sql, extra = self.sql, ()
        if limit is not None:
            sql, extra = sql + _SLICE, (limit, offset)
        with connections[self.alias].cursor() as cursor:
            params = [
                constant if name is None else _adapt(cursor.db, _value(values, name))
                for name, constant in self.slots
            ]
            cursor.execute(sql, [*params, *extra])
            return cursor.fetchall()

    def convert(self, rows: list[tuple]) -> list[tuple]:
        """Datetimes made aware, as Django's converters make them: SQLite
        gives them back naive, in UTC."""
        if not self.datetimes or not rows:
            return rows
        converted = []
        for row in rows:
            row = list(row)
            for index in self.datetimes:
                value = row[index]
                if value is not None and value.tzinfo is None:
                    row[index] = value.replace(tzinfo=datetime.UTC)
            converted.append(tuple(row))
        return converted


def _value(values: dict, name):
    if isinstance(name, tuple):
        return values[name[0]][name[1]]
    return values[name]


def _adapt(connection, value):
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, datetime.date):
        return connection.ops.adapt_datefield_value(value)
    return value


def _is_datetime(model, path: str) -> bool:
    """Whether `path`, as `values_list()` takes it, names a DateTimeField (an
    annotation does not)."""
    *relations, name = path.split("__")
    try:
        for relation in relations:
            model = model._meta.get_field(relation).related_model
        return isinstance(model._meta.get_field(name), models.DateTimeField)
    except FieldDoesNotExist:
        return False
