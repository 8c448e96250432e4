"""Several querysets read in one SQL query.

A page that shows several short lists of one record (the case page: its incidents, links, notes,
documents, tasks, status changes, agenda items and victims' contacts) would pay one round trip per
list. :func:`fetch_together` sends them as one ``UNION ALL`` instead and gives back each
queryset's model instances exactly as iterating it would: the same rows, the same
``select_related`` objects, annotations and known related objects, and the same order.

How: each queryset is compiled by Django as usual, with its ordering moved into a
``ROW_NUMBER() OVER (ORDER BY …)`` column. The query for part *i* selects the constant *i*, then
NULLs for the columns of the parts before it, its own columns (``"t".*`` over its compiled SELECT),
NULLs for the parts after it — so no
two parts share a column position and the database never has to reconcile two types in one column
(on PostgreSQL each NULL is cast to the type of the column it stands in for). The rows are split by
their first column, converted by each part's own compiler and built into instances the way
Django's ``ModelIterable`` builds them, then sorted by their row number.

Not for querysets with ``prefetch_related``, ``values()``, ``extra()`` or ``distinct`` on fields:
:func:`fetch_together` refuses them rather than return something different.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from typing import Any, cast

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F, Model, OrderBy, QuerySet, Window
from django.db.models.functions import RowNumber
from django.db.models.query import ModelIterable, get_related_populators

_ROW = "_together_row"


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
    # PostgreSQL resolves a UNION's column types branch by branch, left to right: an untyped NULL
    # against another untyped NULL becomes text, which then cannot meet a number. Each NULL is
    # therefore cast to the type of the column it stands in for.
    nulls = [null for part in parts for null in part.nulls(connection)]
    selects: list[str] = []
    params: list[Any] = []
    before = 0
    for index, part in enumerate(parts):
        if part.sql is None:  # matches nothing (``none()``, ``pk__in=[]``): Django sends no query
            continue
        columns = [str(index), *nulls[:before], '"t".*', *nulls[before + part.width :]]
        # Django's own compiled SQL; every value stays a parameter.
        selects.append(f'SELECT {", ".join(columns)} FROM ({part.sql}) "t"')  # nosec B608
        params.extend(part.params)
        part.offset = before + 1
        before += part.width
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
        self.offset = 0

    def nulls(self, connection: BaseDatabaseWrapper) -> list[str]:
        """A NULL for each of this part's columns, typed on PostgreSQL."""
        if self.sql is None:
            return []
        if connection.vendor != "postgresql":
            return ["NULL"] * self.width
        out = []
        for expression, _sql, _alias in self.compiler.select:
            db_type = expression.output_field.cast_db_type(connection)
            out.append(f"CAST(NULL AS {db_type})" if db_type else "NULL")
        return out

    def build(self, rows: Sequence[tuple[Any, ...]]) -> list[Any]:
        compiler = self.compiler
        own = [row[self.offset : self.offset + self.width] for row in rows]
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
