"""A namespaced include whose module is imported when it is first used, not with the URLconf.

Django imports every included URLconf when the root one loads, and the first ``reverse()`` in a
process pre-populates every nested resolver, so a namespaced include's module (and what it
imports) loads in every process that serves a page. This resolver names its module by path and
skips that pre-population until the module is loaded; the module loads on the first request
resolved under its prefix, the first reverse of a name in its namespace, or the first time
anything walks its ``url_patterns`` (the system checks, the permission-matrix test).

Only for a namespaced include: the root resolver reads a namespaced child's names through the
child (``namespace_dict``), never copies them, so nothing is missed by populating it late. (The
one thing copied up front is the set of view paths for admindocs' ``_is_callback``; CSP Hub does
not install admindocs.)
"""

from __future__ import annotations

from typing import Any

from django.urls import URLResolver
from django.urls.resolvers import RoutePattern


class LazyNamespaceResolver(URLResolver):
    def __init__(self, route: str, urlconf_name: str, *, app_name: str, namespace: str) -> None:
        super().__init__(
            RoutePattern(route, is_endpoint=False), urlconf_name, app_name=app_name, namespace=namespace
        )

    def _loaded(self) -> bool:
        return "urlconf_module" in self.__dict__  # the cached_property has run

    def _populate(self) -> None:
        # Called by the parent's pre-population (skipped while not loaded) and by the methods below
        # once they have loaded the module.
        if self._loaded():
            super()._populate()

    def _load(self) -> None:
        self.url_patterns  # noqa: B018 - imports the module (a cached property)

    @property
    def reverse_dict(self) -> Any:
        self._load()
        return super().reverse_dict

    @property
    def namespace_dict(self) -> Any:
        self._load()
        return super().namespace_dict

    @property
    def app_dict(self) -> Any:
        self._load()
        return super().app_dict

    def _reverse_with_prefix(self, lookup_view: Any, _prefix: str, *args: Any, **kwargs: Any) -> str:
        self._load()
        # Django's private method, which reverse() calls (django-stubs does not declare it).
        return super()._reverse_with_prefix(lookup_view, _prefix, *args, **kwargs)  # type: ignore[misc]
