"""Fixtures for the trust (security review) tests: reuse the casework record factories."""

from tests.cases.conftest import make_case, make_incident, make_person

__all__ = ["make_case", "make_incident", "make_person"]
