"""Pure analytics library: police.uk ingest, measures, hot spots, the Strategic Assessment.

Never imports Django or any web app (import-linter contract in pyproject.toml).
"""
