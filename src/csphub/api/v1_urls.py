"""The JSON API's URL patterns (``/api/v1/``), as a module the root URLconf names by path.

The root URLconf mounts this module lazily (see ``csphub.config.urls``): Django imports it the
first time a path under ``/api/v1/`` is resolved or an ``api_v1:`` name is reversed, so processes
that never serve the API do not import django-ninja and Pydantic at start-up.
"""

from csphub.api.api import api

urlpatterns, app_name, namespace = api.urls
