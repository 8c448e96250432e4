"""WSGI entry point. Loaded once in gunicorn's master (``--preload``), which warms the app there
before forking the workers (:mod:`csphub.config.warmup`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csphub.config.settings.production")
application = get_wsgi_application()

from csphub.config.warmup import warm  # noqa: E402 - needs the apps loaded above

warm()
