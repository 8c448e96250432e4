"""Several querysets read in one SQL query.

A page that shows several short lists of one record (the case page: its incidents, links, notes,
documents, tasks, status changes, agenda items and victims' contacts) would pay one round trip per
list. :func:`fetch_together` sends them as one ``UNION ALL`` instead and gives back each
queryset's model instances exactly as iterating it would: the same rows, the same
``select_related`` objects, annotations and known related objects, and the same order.

How: each queryset is compiled by Django as usual, with its ordering moved into a
``ROW_NUMBER() OVER (ORDER BY …)`` column. The union's row is the part's index, then places for the
parts' columns: each part puts its columns in places of its own, NULL in the rest, and on
PostgreSQL parts share places whose types agree (SQLite would turn a shared place's values into
the first part's type affinity, so there every part has its own places). On
PostgreSQL each NULL is cast to its place's type, since the database types each column of a union
from its branches. The rows are split by their first column, converted by each part's own compiler
and built into instances the way Django's ``ModelIterable`` builds them, then sorted by their row
number.

Not for querysets with ``prefetch_related``, ``values()``, ``extra()`` or ``distinct`` on fields:
:func:`fetch_together` refuses them rather than return something different.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence
from typing import Any, cast

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F, Model, OrderBy, QuerySet, Window
from django.db.models.functions import RowNumber
from django.db.models.query import ModelIterable, get_related_populators

_ROW = "_together_row"
_LENGTH = re.compile(r"\(\d+(,\s*\d+)?\)")


def fetch_together(*querysets: QuerySet[Any]) -> tuple[list[Any], ...]:
    """The instances of each of ``querysets``, as ``list(qs)`` would give them, in one query."""
    if not querysets:
        return ()
    db = querysets[0].db
    if any(qs.db != db for qs in querysets):
        raise ValueError("fetch_together reads from one database")
    if len(querysets) == 1:
        return (list(querysets[0]),)
    connection = connections[db]
    parts = [_Part(qs) for qs in querysets]
    slots = _allocate_slots(parts, connection)
    selects: list[str] = []
    params: list[Any] = []
    for index, part in enumerate(parts):
        if part.sql is None:  # matches nothing (``none()``, ``pk__in=[]``): Django sends no query
            continue
        # PostgreSQL types each column of a union from its branches, left to right: the first
        # branch's NULLs are cast to their place's type, and the later ones follow it.
        selects.append(part.select(index, slots if not selects else [""] * len(slots)))
        params.extend(part.params)
    rows: list[tuple[Any, ...]] = []
    if selects:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(selects), params)
            rows = cursor.fetchall()
    by_part: list[list[tuple[Any, ...]]] = [[] for _ in parts]
    for row in rows:
        by_part[int(row[0])].append(row)
    return tuple(part.build(by_part[i]) for i, part in enumerate(parts))


class _Part:
    """One queryset: its SQL and how to turn its rows back into instances."""

    def __init__(self, qs: QuerySet[Any]) -> None:
        query = qs.query
        if getattr(qs, "_prefetch_related_lookups", ()) or qs._iterable_class is not ModelIterable:
            raise ValueError("fetch_together takes plain model querysets (no prefetch_related, no values())")
        if query.extra or query.extra_order_by or query.combinator or query.distinct:
            raise ValueError("fetch_together does not take extra(), union() or distinct()")
        self.queryset = qs
        ordering = list(query.order_by) or list(qs.model._meta.ordering) or ["pk"]
        numbered = qs.annotate(**{_ROW: Window(RowNumber(), order_by=[_order_by(o) for o in ordering])})
        numbered = numbered.order_by()
        self.compiler = numbered.query.get_compiler(using=qs.db)
        self.sql: str | None
        try:
            self.sql, params = self.compiler.as_sql()
        except EmptyResultSet:
            self.sql, params = None, ()
        self.width = len(self.compiler.select) if self.sql is not None else 0
        self.params = tuple(params)
        self.positions: list[int] = []  # the union's place of each of this part's columns

    def types(self, connection: BaseDatabaseWrapper) -> list[str]:
        """The database type of each column ("" where any column may share its place: SQLite)."""
        if connection.vendor != "postgresql":
            # SQLite gives a union's column the type affinity of its first branch (an integer
            # under a text column comes back as text): parts share no place there.
            return [f"#{id(self)}"] * self.width
        return [_place_type(expression.output_field, connection) for expression, _, _ in self.compiler.select]

    def select(self, index: int, slots: list[str]) -> str:
        """This part's branch of the union: its index, then each place in the union's row filled
        with its column or a NULL of the place's type."""
        nulls = [f"CAST(NULL AS {db_type})" if db_type and db_type[0] != "#" else "NULL" for db_type in slots]
        first = self.positions[0] if self.positions else 0
        if self.positions == list(range(first, first + self.width)):  # always so on SQLite
            columns = [str(index), *nulls[:first], '"t".*', *nulls[first + self.width :]]
            # Django's own compiled SQL; every value stays a parameter.
            return f'SELECT {", ".join(columns)} FROM ({self.sql}) "t"'  # nosec B608
        # PostgreSQL: name the subquery's columns (``AS t (c0, c1, …)``) to place each one.
        by_slot = {slot: column for column, slot in enumerate(self.positions)}
        names = ", ".join(f'"c{n}"' for n in range(self.width))
        columns = [str(index)]
        for slot, null in enumerate(nulls):
            columns.append(f'"t"."c{by_slot[slot]}"' if slot in by_slot else null)
        return f'SELECT {", ".join(columns)} FROM ({self.sql}) AS "t" ({names})'  # nosec B608

    def build(self, rows: Sequence[tuple[Any, ...]]) -> list[Any]:
        compiler = self.compiler
        places = [1 + slot for slot in self.positions]
        own = [[row[place] for place in places] for row in rows]
        select, klass_info, annotation_col_map = (
            compiler.select,
            compiler.klass_info,
            compiler.annotation_col_map,
        )
        assert klass_info is not None and annotation_col_map is not None
        model_cls = cast(type[Model], klass_info["model"])
        select_fields = klass_info["select_fields"]
        start, end = select_fields[0], select_fields[-1] + 1
        init_list = [f[0].target.attname for f in select[start:end]]
        db = self.queryset.db
        populators = get_related_populators(klass_info, select, db)  # type: ignore[call-arg]  # Django 5.2: no fetch_mode
        known = _known_related(self.queryset)
        out = []
        for row in compiler.results_iter(results=[own]):
            obj = model_cls.from_db(db, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            for attr_name, col_pos in annotation_col_map.items():
                setattr(obj, attr_name, row[col_pos])
            for fk, objects, getter in known:
                if fk.is_cached(obj):
                    continue
                related = objects.get(getter(obj))
                if related is not None:
                    setattr(obj, fk.name, related)
            out.append(obj)
        out.sort(key=operator.attrgetter(_ROW))
        return out


_PLACE_TYPES: dict[tuple[str, int], str] = {}


def _place_type(output_field: Any, connection: BaseDatabaseWrapper) -> str:
    """The type a column's place has on PostgreSQL: varchar(200) and varchar(30) share one.
    Remembered per field (a model's fields live as long as the process)."""
    key = (connection.alias, id(output_field))
    found = _PLACE_TYPES.get(key)
    if found is None:
        found = _LENGTH.sub("", output_field.cast_db_type(connection) or "")
        if getattr(output_field, "model", None) is not None:  # a model's field, not a passing one
            _PLACE_TYPES[key] = found
    return found


def _allocate_slots(parts: Sequence[_Part], connection: BaseDatabaseWrapper) -> list[str]:
    """Give each part's columns places in the union's row and return the type of each place.

    A part never uses a place twice; on PostgreSQL parts share places where the types agree (on
    SQLite none: :meth:`_Part.types`). PostgreSQL types each column of a
    union from its branches, left to right, so a NULL is cast to its place's type; sharing keeps
    the row narrow, which matters: with a place per column the planner took six times as long for
    the union as for the parts one by one.
    """
    slots: list[str] = []
    by_type: dict[str, list[int]] = {}
    for part in parts:
        if part.sql is None:
            continue
        used: dict[str, int] = {}  # how many places of each type this part has taken
        for db_type in part.types(connection):
            n = used.get(db_type, 0)
            places = by_type.setdefault(db_type, [])
            if n == len(places):
                slots.append(db_type)
                places.append(len(slots) - 1)
            used[db_type] = n + 1
            part.positions.append(places[n])
    return slots


def _order_by(term: Any) -> Any:
    if isinstance(term, str):
        if term.startswith("-"):
            return OrderBy(F(term[1:]), descending=True)
        return OrderBy(F(term.removeprefix("+")))
    if isinstance(term, OrderBy):
        return term
    if hasattr(term, "asc"):
        return term.asc()
    raise ValueError(f"fetch_together cannot order by {term!r}")


def _known_related(qs: QuerySet[Any]) -> list[tuple[Any, dict[Any, Any], Callable[[Any], Any]]]:
    """The related objects a queryset from a related manager already knows (``case.notes``: the
    case), set on each instance as ``ModelIterable`` does."""
    return [
        (
            fk,
            objects,
            operator.attrgetter(
                *[
                    fk.attname if name == "self" else qs.model._meta.get_field(name).attname
                    for name in fk.from_fields
                ]
            ),
        )
        for fk, objects in getattr(qs, "_known_related_objects", {}).items()
    ]
