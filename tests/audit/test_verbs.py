"""The audit verbs are a closed list: every verb the code passes to the audit functions is in it.

This test reads ``src/`` and names any literal verb given to ``audit_record`` (directly, through a
conditional, or through a local variable) that is not a member of ``AuditVerb``. Verbs built from a
model or an enum (``<model>.viewed``, ``<power>.<status>``, ``casereviewletter.<kind>_sent``) are
checked against the models and enums they are built from.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from csphub.audit.models import AuditVerb

SRC = Path(__file__).resolve().parents[2] / "src" / "csphub"
AUDIT_FUNCTIONS = {"audit_record", "audit_viewed", "audit_listed"}


def _literals(node: ast.expr | None, assigned: dict[str, list[ast.expr]]) -> Iterator[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from _literals(node.body, assigned)
        yield from _literals(node.orelse, assigned)
    elif isinstance(node, ast.Name):
        for value in assigned.get(node.id, []):
            yield from _literals(value, assigned)


def _verbs_in_source() -> Iterator[tuple[str, int, str]]:
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef | ast.Module):
                continue
            assigned: dict[str, list[ast.expr]] = {}
            for node in ast.walk(function):
                if isinstance(node, ast.Assign):
                    for target in node.targets:
                        if isinstance(target, ast.Name):
                            assigned.setdefault(target.id, []).append(node.value)
            for node in ast.walk(function):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name not in AUDIT_FUNCTIONS:
                    continue
                for keyword in node.keywords:
                    if keyword.arg == "verb":
                        for verb in _literals(keyword.value, assigned):
                            yield str(path.relative_to(SRC.parent)), node.lineno, verb


def test_the_scan_finds_the_verbs_it_should() -> None:
    """A guard on the scanner itself: it sees literal, conditional and variable verbs."""
    found = {verb for _, _, verb in _verbs_in_source()}
    assert {"case.opened", "casereviewarea.created", "casereviewarea.changed", "case.reopened"} <= found


def test_every_literal_verb_in_src_is_in_the_closed_list() -> None:
    known = set(AuditVerb.values)
    missing = sorted(
        {f"{path}:{line}: {verb!r}" for path, line, verb in _verbs_in_source() if verb not in known}
    )
    assert not missing, (
        "Add these verbs to their sub-domain's module in csphub/audit/models/verbs/ (with a plain-English label):\n"
        + ("\n".join(missing))
    )


def test_every_verb_has_a_plain_english_label() -> None:
    for verb in AuditVerb:
        label = str(verb.label)
        assert label and label[0].isupper(), verb
        assert verb.value not in label and "_" not in label, (verb, label)


def test_verbs_built_from_power_statuses_are_in_the_list() -> None:
    """``powers.services`` records ``<power>.<status>`` on every move the transition table allows."""
    from csphub.powers import rules

    for power, table in rules.TRANSITIONS.items():
        for from_status, to_statuses in table.items():
            for status in {from_status, *to_statuses}:
                assert f"{power.value}.{status.value}" in AuditVerb.values, (power, status)
        for fmt in ("html", "pdf"):
            assert f"{power.value}.letter_{fmt}_produced" in AuditVerb.values


def test_verbs_built_from_letter_kinds_are_in_the_list() -> None:
    from csphub.casereviews.models import LetterKind

    for kind in LetterKind:
        assert f"casereviewletter.{kind.value}_sent" in AuditVerb.values


@pytest.mark.django_db
def test_viewed_listed_and_sharing_verbs_exist_for_every_record_the_policy_guards() -> None:
    """Any record the policy guards may be viewed, listed or shared, so its verbs must exist."""
    from django.apps import apps

    from csphub.agencies.models import OwnedRecord

    for model in apps.get_models():
        if issubclass(model, OwnedRecord):
            name = model._meta.model_name
            for suffix in ("viewed", "listed", "shared", "share_revoked", "user_named"):
                assert f"{name}.{suffix}" in AuditVerb.values, (name, suffix)
    for name in ("letter", "assessment", "poweruse"):  # children shown on their own pages
        assert f"{name}.viewed" in AuditVerb.values


def test_the_closed_list_is_every_sub_domain_verb_with_its_label() -> None:
    from csphub.audit.models.verbs import SUB_DOMAINS

    joined = {verb.value: str(verb.label) for verb in AuditVerb}
    parts = {member.value: str(member.label) for part in SUB_DOMAINS for member in part}
    assert joined == parts
    assert len(joined) == sum(len(part) for part in SUB_DOMAINS)  # no value in two sub-domains


def test_a_verb_in_two_sub_domains_is_refused_at_import() -> None:
    from django.db import models

    from csphub.audit.models.verbs import _join

    class First(models.TextChoices):
        CASE_OPENED = "case.opened", "Opened a case"

    class SameValue(models.TextChoices):
        OPENED = "case.opened", "Opened a case again"

    class SameName(models.TextChoices):
        CASE_OPENED = "case.reopened", "Reopened a case"

    with pytest.raises(ImportError, match=r"values in two sub-domains: case\.opened"):
        _join((First, SameValue))
    with pytest.raises(ImportError, match="names in two sub-domains: CASE_OPENED"):
        _join((First, SameName))
    assert _join((First,))("case.opened").label == "Opened a case"
