"""Several querysets read in one round trip to the database.

A page that shows several short lists of one record (the case page: its incidents, links, notes,
documents, tasks, status changes, agenda items and victims' contacts) would pay one round trip per
list. :func:`fetch_together` reads them in one and gives back each queryset's model instances
exactly as iterating it would: the same rows, the same ``select_related`` objects, annotations and
known related objects, and the same order. Each queryset is compiled by Django as usual (its
visibility filter included); the rows are converted by that queryset's own compiler and built the
way Django's ``ModelIterable`` builds them.

PostgreSQL
    The querysets' statements go in one ``execute`` (psycopg's client-side binding sends them as one
    simple-protocol message) and their results are read one after the other (``nextset``); with
    ``server_side_binding`` set, which takes one statement per execute, they are read one by one. Each
    statement is planned on its own, as it would be alone. A first version sent one ``UNION ALL``
    here too; PostgreSQL took 6–25 ms to plan it against about 4 ms for the statements one by one
    (``benchmarks/bench_case_page.py``), so the union is kept for SQLite.

SQLite (and any other database)
    One ``UNION ALL``: the branch for part *i* selects the constant *i*, NULLs in the places of the
    parts before it, its own columns, NULLs in the places of the parts after it (no two parts share
    a place: SQLite would give a shared place the first branch's type affinity). Each part's
    ordering moves into a ``ROW_NUMBER() OVER (ORDER BY …)`` column, since a union keeps no order.

Not for querysets with ``prefetch_related``, ``values()``, ``extra()`` or ``distinct()``:
:func:`fetch_together` refuses them rather than return something different.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from typing import Any, cast

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import F, Model, OrderBy, QuerySet, Window
from django.db.models.functions import RowNumber
from django.db.models.query import ModelIterable, get_related_populators

_ROW = "_together_row"


def fetch_together(*querysets: QuerySet[Any]) -> tuple[list[Any], ...]:
    """The instances of each of ``querysets``, as ``list(qs)`` would give them, in one round trip."""
    if not querysets:
        return ()
    db = querysets[0].db
    if any(qs.db != db for qs in querysets):
        raise ValueError("fetch_together reads from one database")
    if len(querysets) == 1:
        return (list(querysets[0]),)
    connection = connections[db]
    if connection.vendor == "postgresql":
        if connection.settings_dict.get("OPTIONS", {}).get("server_side_binding"):
            # Server-side binding takes one statement per execute: read them one by one.
            return tuple(list(qs) for qs in querysets)
        return _statements(querysets, db)
    return _union(querysets, db)


def _statements(querysets: Sequence[QuerySet[Any]], db: str) -> tuple[list[Any], ...]:
    """PostgreSQL: the statements in one ``execute``, their results read in turn."""
    parts = [_Part(qs, numbered=False) for qs in querysets]
    live = [part for part in parts if part.sql is not None]
    rows: dict[int, list[tuple[Any, ...]]] = {}
    if live:
        with connections[db].cursor() as cursor:
            # Django's own compiled SQL; every value stays a parameter.
            cursor.execute(
                "; ".join(cast(str, part.sql) for part in live), [p for part in live for p in part.params]
            )
            for n, part in enumerate(live):
                if n and not cursor.nextset():  # pragma: no cover - one result per statement
                    raise RuntimeError("fetch_together: a statement returned no result")
                rows[id(part)] = cursor.fetchall()
    return tuple(part.build(rows.get(id(part), [])) for part in parts)


def _union(querysets: Sequence[QuerySet[Any]], db: str) -> tuple[list[Any], ...]:
    """SQLite: one ``UNION ALL`` with a place per column of each part."""
    parts = [_Part(qs, numbered=True) for qs in querysets]
    total = sum(part.width for part in parts)
    selects: list[str] = []
    params: list[Any] = []
    before = 0
    for index, part in enumerate(parts):
        if part.sql is None:  # matches nothing (``none()``, ``pk__in=[]``): Django sends no query
            continue
        columns = [str(index), *["NULL"] * before, '"t".*', *["NULL"] * (total - before - part.width)]
        # Django's own compiled SQL; every value stays a parameter.
        selects.append(f'SELECT {", ".join(columns)} FROM ({part.sql}) "t"')  # nosec B608
        params.extend(part.params)
        part.offset = before + 1
        before += part.width
    found: list[tuple[Any, ...]] = []
    if selects:
        with connections[db].cursor() as cursor:
            cursor.execute(" UNION ALL ".join(selects), params)
            found = cursor.fetchall()
    by_part: list[list[tuple[Any, ...]]] = [[] for _ in parts]
    for row in found:
        by_part[int(row[0])].append(row)
    return tuple(
        part.build([row[part.offset : part.offset + part.width] for row in by_part[i]])
        for i, part in enumerate(parts)
    )


class _Part:
    """One queryset: its SQL and how to turn its rows back into instances."""

    def __init__(self, qs: QuerySet[Any], *, numbered: bool) -> None:
        query = qs.query
        if getattr(qs, "_prefetch_related_lookups", ()) or qs._iterable_class is not ModelIterable:
            raise ValueError("fetch_together takes plain model querysets (no prefetch_related, no values())")
        if query.extra or query.extra_order_by or query.combinator or query.distinct:
            raise ValueError("fetch_together does not take extra(), union() or distinct()")
        self.queryset = qs
        self.numbered = numbered
        compiled = qs
        if numbered:
            ordering = list(query.order_by) or list(qs.model._meta.ordering) or ["pk"]
            window = Window(RowNumber(), order_by=[_order_by(o) for o in ordering])
            compiled = qs.annotate(**{_ROW: window}).order_by()
        self.compiler = compiled.query.get_compiler(using=qs.db)
        self.sql: str | None
        try:
            self.sql, params = self.compiler.as_sql()
        except EmptyResultSet:
            self.sql, params = None, ()
        self.width = len(self.compiler.select) if self.sql is not None else 0
        self.params = tuple(params)
        self.offset = 0  # where this part's columns start in the union's row

    def build(self, rows: Sequence[Sequence[Any]]) -> list[Any]:
        """Instances from this part's rows (its own columns only), as ``ModelIterable`` makes them."""
        if not rows:
            return []
        compiler = self.compiler
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
        for row in compiler.results_iter(results=[rows]):
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
        if self.numbered:
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
