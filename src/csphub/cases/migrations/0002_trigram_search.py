"""Trigram GIN indexes for substring search on PostgreSQL; nothing on other databases.

``icontains`` compiles to ``UPPER(col) LIKE UPPER('%term%')`` on PostgreSQL, so the indexes are on
``UPPER(col)`` with ``gin_trgm_ops``. The people/address indexes serve the cases search page
(``people.selectors`` uses the same icontains lookups); they live here because search is this
app's feature, and they are dropped on reverse.
"""

from django.db import migrations

INDEXES = (
    ("cases_case_search_trgm", "cases_case", "search_text"),
    ("cases_person_given_trgm", "people_person", "given_name"),
    ("cases_person_family_trgm", "people_person", "family_name"),
    ("cases_person_known_trgm", "people_person", "known_as"),
    ("cases_address_line1_trgm", "people_address", "line_1"),
    ("cases_address_postcode_trgm", "people_address", "postcode"),
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            return  # no contrib package: search still works, by scanning
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, table, column in INDEXES:
            cursor.execute(
                f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin (UPPER("{column}") gin_trgm_ops)'
            )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name, _table, _column in INDEXES:
            cursor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("people", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
