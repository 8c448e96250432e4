"""Pure analytics library: police.uk ingest, measures, hot spots, the Strategic Assessment.

Never imports Django or any web app (import-linter contract in pyproject.toml). ``pipeline`` reads the
store (``store``, SQL in ``sql/``) and schedules the work; ``sections`` builds the typed ``Assessment``
(``assessment``) from the numbers, without I/O.
"""
