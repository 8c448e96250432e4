"""Unit tests for csphub.cases.rules: pure tables and functions, no database."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csphub.cases import rules
from csphub.cases.rules import (
    CaseOutcome,
    CaseStatus,
    IncidentFact,
    MatchReason,
    RecordKeys,
    RelatedRecordRule,
    RepeatVictimRule,
    Similarity,
    UploadPolicy,
    can_transition,
    incident_date_problems,
    is_repeat_victim,
    months_before,
    related_match_reasons,
    transition_problems,
    upload_problems,
)

UTC = dt.UTC


def at(y: int, m: int, d: int, h: int = 12) -> dt.datetime:
    return dt.datetime(y, m, d, h, tzinfo=UTC)


# ---------------------------------------------------------------- workflow


class TestWorkflow:
    def test_happy_path_is_allowed(self) -> None:
        path = [CaseStatus.OPEN, CaseStatus.INVESTIGATING, CaseStatus.ACTION, CaseStatus.MONITORING]
        for a, b in itertools.pairwise(path):
            assert can_transition(a, b), (a, b)
            assert transition_problems(a, b) == []

    def test_closed_cannot_go_anywhere_but_open(self) -> None:
        for status in CaseStatus:
            if status is CaseStatus.OPEN:
                assert can_transition(CaseStatus.CLOSED, status)
            else:
                assert not can_transition(CaseStatus.CLOSED, status)

    def test_house_rule_example(self) -> None:
        assert not can_transition(CaseStatus.CLOSED, to=CaseStatus.MONITORING)

    def test_no_self_transitions(self) -> None:
        for status in CaseStatus:
            assert not can_transition(status, status)

    def test_unknown_status_is_denied(self) -> None:
        assert not can_transition("open", "archived")
        assert not can_transition("nonsense", "open")
        assert transition_problems("open", "archived")[0].field == "to_status"

    def test_reopen_needs_reason(self) -> None:
        problems = transition_problems(CaseStatus.CLOSED, CaseStatus.OPEN)
        assert [p.message for p in problems] == ["Enter the reason for reopening the case"]
        assert transition_problems(CaseStatus.CLOSED, CaseStatus.OPEN, reason="New incident reported") == []

    def test_whitespace_reason_is_no_reason(self) -> None:
        assert transition_problems(CaseStatus.CLOSED, CaseStatus.OPEN, reason="   ")

    @pytest.mark.parametrize("status", sorted(rules.OPEN_STATUSES))
    def test_closure_needs_reason_and_outcome(self, status: CaseStatus) -> None:
        problems = transition_problems(status, CaseStatus.CLOSED)
        assert {p.field for p in problems} == {"reason", "outcome"}
        assert "Enter the reason for closing the case" in [p.message for p in problems]
        only_reason = transition_problems(status, CaseStatus.CLOSED, reason="Behaviour stopped")
        assert [p.field for p in only_reason] == ["outcome"]
        assert (
            transition_problems(status, CaseStatus.CLOSED, reason="Stopped", outcome=CaseOutcome.RESOLVED)
            == []
        )

    def test_closure_rejects_unknown_outcome(self) -> None:
        problems = transition_problems("open", "closed", reason="x", outcome="made_up")
        assert [p.message for p in problems] == ["Select an outcome from the list"]

    def test_backward_moves_need_reason(self) -> None:
        assert transition_problems(CaseStatus.MONITORING, CaseStatus.ACTION)[0].field == "reason"

    def test_every_open_status_can_close(self) -> None:
        for status in rules.OPEN_STATUSES:
            assert can_transition(status, CaseStatus.CLOSED)

    def test_allowed_transitions_lists_table_rows(self) -> None:
        moves = [to for to, _ in rules.allowed_transitions(CaseStatus.CLOSED)]
        assert moves == [CaseStatus.OPEN]

    @given(st.sampled_from(list(CaseStatus)), st.sampled_from(list(CaseStatus)))
    def test_can_transition_agrees_with_table(self, a: CaseStatus, b: CaseStatus) -> None:
        assert can_transition(a, b) == ((a, b) in rules.TRANSITIONS)


# ---------------------------------------------------------------- months


class TestMonthsBefore:
    def test_month_end_clamps(self) -> None:
        assert months_before(at(2024, 5, 31), 3) == at(2024, 2, 29)  # leap year
        assert months_before(at(2023, 5, 31), 3) == at(2023, 2, 28)

    def test_crosses_year(self) -> None:
        assert months_before(at(2024, 1, 15), 3) == at(2023, 10, 15)
        assert months_before(at(2024, 3, 1), 12) == at(2023, 3, 1)

    @given(
        st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 1, 1)), st.integers(0, 60)
    )
    def test_never_later_and_about_right(self, moment: dt.datetime, months: int) -> None:
        earlier = months_before(moment, months)
        assert earlier <= moment
        assert (moment - earlier).days <= months * 31


# ---------------------------------------------------------------- repeat victim


class TestRepeatVictim:
    def facts(self, *days: int, asb_type: str = "personal", category: str = "noise") -> list[IncidentFact]:
        base = at(2024, 6, 30)
        return [
            IncidentFact(base - dt.timedelta(days=d), asb_type=asb_type, category=category, reference=f"I{d}")
            for d in days
        ]

    def test_three_in_three_months_is_repeat(self) -> None:
        decision = is_repeat_victim(self.facts(1, 30, 80), as_of=at(2024, 6, 30))
        assert decision.is_repeat and decision.count == 3
        assert decision.matching == ("I80", "I30", "I1")
        assert decision.rule_version == RepeatVictimRule().version

    def test_two_is_not(self) -> None:
        assert not is_repeat_victim(self.facts(1, 30), as_of=at(2024, 6, 30)).is_repeat

    def test_outside_window_does_not_count(self) -> None:
        # 30 June minus 3 months = 30 March; 95 days before is 27 March.
        decision = is_repeat_victim(self.facts(1, 30, 95), as_of=at(2024, 6, 30))
        assert not decision.is_repeat
        assert decision.window_start == at(2024, 3, 30)

    def test_boundary_is_inclusive(self) -> None:
        facts = [*self.facts(1, 30), IncidentFact(at(2024, 3, 30), asb_type="personal", reference="edge")]
        assert is_repeat_victim(facts, as_of=at(2024, 6, 30)).is_repeat

    def test_future_incidents_ignored(self) -> None:
        facts = [*self.facts(1, 30), IncidentFact(at(2024, 7, 2), asb_type="personal")]
        assert not is_repeat_victim(facts, as_of=at(2024, 6, 30)).is_repeat

    def test_dissimilar_types_do_not_add_up(self) -> None:
        facts = (
            self.facts(1, asb_type="personal")
            + self.facts(2, asb_type="nuisance")
            + self.facts(3, asb_type="environmental")
        )
        assert not is_repeat_victim(facts, as_of=at(2024, 6, 30)).is_repeat
        any_rule = RepeatVictimRule(similarity=Similarity.ANY, version="any")
        assert is_repeat_victim(facts, as_of=at(2024, 6, 30), rule=any_rule).is_repeat

    def test_same_category_rule(self) -> None:
        rule = RepeatVictimRule(similarity=Similarity.SAME_CATEGORY)
        facts = self.facts(1, 2, category="noise") + self.facts(3, category="litter")
        assert not is_repeat_victim(facts, as_of=at(2024, 6, 30), rule=rule).is_repeat

    def test_configurable_threshold_and_period(self) -> None:
        rule = RepeatVictimRule(threshold=2, period_months=1)
        assert is_repeat_victim(self.facts(1, 20), as_of=at(2024, 6, 30), rule=rule).is_repeat
        assert not is_repeat_victim(self.facts(1, 40), as_of=at(2024, 6, 30), rule=rule).is_repeat

    def test_rule_rejects_nonsense(self) -> None:
        with pytest.raises(ValueError):
            RepeatVictimRule(threshold=1)
        with pytest.raises(ValueError):
            RepeatVictimRule(period_months=0)


# ---------------------------------------------------------------- related records


class TestRelated:
    def test_same_victim_within_period(self) -> None:
        new = RecordKeys(at(2024, 6, 1), victim_ids=frozenset({1}))
        old = RecordKeys(at(2024, 3, 1), victim_ids=frozenset({1, 2}))
        assert related_match_reasons(new, old) == {MatchReason.SAME_VICTIM}

    def test_all_reasons(self) -> None:
        keys = rules.address_keys(address_id=5, uprn="100030123456")
        new = RecordKeys(at(2024, 6, 1), frozenset({1}), frozenset({9}), keys)
        old = RecordKeys(
            at(2024, 6, 2), frozenset({1}), frozenset({9}), rules.address_keys(uprn="100030123456")
        )
        assert related_match_reasons(new, old) == set(MatchReason)

    def test_outside_period_is_unrelated(self) -> None:
        rule = RelatedRecordRule(period_days=30)
        new = RecordKeys(at(2024, 6, 1), victim_ids=frozenset({1}))
        assert related_match_reasons(new, RecordKeys(at(2024, 5, 2), victim_ids=frozenset({1})), rule=rule)
        assert not related_match_reasons(
            new, RecordKeys(at(2024, 4, 30), victim_ids=frozenset({1})), rule=rule
        )

    def test_victim_is_not_perpetrator(self) -> None:
        new = RecordKeys(at(2024, 6, 1), victim_ids=frozenset({1}))
        old = RecordKeys(at(2024, 6, 1), perpetrator_ids=frozenset({1}))
        assert related_match_reasons(new, old) == frozenset()

    def test_uprn_links_different_address_rows(self) -> None:
        a = rules.address_keys(address_id=1, uprn=" 10001 ")
        b = rules.address_keys(address_id=2, uprn="10001")
        assert related_match_reasons(
            RecordKeys(at(2024, 1, 1), address_keys=a), RecordKeys(at(2024, 1, 1), address_keys=b)
        )

    @given(st.integers(0, 800), st.integers(1, 400))
    def test_symmetric(self, gap_days: int, period: int) -> None:
        rule = RelatedRecordRule(period_days=period)
        a = RecordKeys(at(2024, 1, 1), victim_ids=frozenset({1}))
        b = RecordKeys(at(2024, 1, 1) + dt.timedelta(days=gap_days), victim_ids=frozenset({1}))
        assert related_match_reasons(a, b, rule=rule) == related_match_reasons(b, a, rule=rule)
        assert bool(related_match_reasons(a, b, rule=rule)) == (gap_days <= period)


# ---------------------------------------------------------------- dates


class TestIncidentDates:
    now = at(2024, 6, 30, 15)

    def test_valid(self) -> None:
        assert (
            incident_date_problems(occurred_at=at(2024, 6, 1), reported_at=at(2024, 6, 2), now=self.now) == []
        )

    def test_same_moment_is_valid(self) -> None:
        assert (
            incident_date_problems(occurred_at=at(2024, 6, 1), reported_at=at(2024, 6, 1), now=self.now) == []
        )

    def test_reported_before_occurred(self) -> None:
        problems = incident_date_problems(
            occurred_at=at(2024, 6, 2), reported_at=at(2024, 6, 1), now=self.now
        )
        assert [(p.field, p.message) for p in problems] == [
            (
                "reported_at",
                "The date the incident was reported must be the same as or after the date it happened",
            )
        ]

    def test_future_dates(self) -> None:
        problems = incident_date_problems(
            occurred_at=at(2024, 7, 1), reported_at=at(2024, 7, 2), now=self.now
        )
        fields = [p.field for p in problems]
        assert fields == ["occurred_at", "reported_at"]
        assert problems[0].message == "The date the incident happened must be today or in the past"

    def test_small_clock_skew_tolerated(self) -> None:
        soon = self.now + dt.timedelta(minutes=2)
        assert incident_date_problems(occurred_at=soon, reported_at=soon, now=self.now) == []

    def test_missing(self) -> None:
        problems = incident_date_problems(occurred_at=None, reported_at=None, now=self.now)
        assert [p.message for p in problems] == [
            "Enter the date and time the incident happened",
            "Enter the date and time the incident was reported",
        ]

    def test_earliest(self) -> None:
        problems = incident_date_problems(
            occurred_at=at(202, 6, 1), reported_at=at(2024, 6, 1), now=self.now, earliest=at(1990, 1, 1)
        )
        assert [p.field for p in problems] == ["occurred_at"]

    @given(
        st.datetimes(
            min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2030, 1, 1), timezones=st.just(UTC)
        ),
        st.datetimes(
            min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2030, 1, 1), timezones=st.just(UTC)
        ),
    )
    def test_property(self, occurred: dt.datetime, reported: dt.datetime) -> None:
        problems = incident_date_problems(occurred_at=occurred, reported_at=reported, now=self.now)
        limit = self.now + rules.FUTURE_TOLERANCE
        valid = reported >= occurred and occurred <= limit and reported <= limit
        assert (problems == []) == valid


# ---------------------------------------------------------------- uploads


PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
EXE = b"MZ\x90\x00\x03\x00\x00\x00"


class TestUploads:
    def test_real_pdf(self) -> None:
        assert upload_problems(filename="letter.PDF", size_bytes=1000, head=PDF) == []

    def test_png_and_jpeg(self) -> None:
        assert upload_problems(filename="a.png", size_bytes=10, head=PNG) == []
        assert upload_problems(filename="a.jpeg", size_bytes=10, head=b"\xff\xd8\xff\xe0\x00\x10JFIF") == []

    def test_mp4_offset_signature(self) -> None:
        assert upload_problems(filename="clip.mp4", size_bytes=10, head=b"\x00\x00\x00\x18ftypmp42") == []

    def test_renamed_executable_refused(self) -> None:
        problems = upload_problems(filename="photo.jpg", size_bytes=100, head=EXE)
        assert [p.message for p in problems] == [
            "The selected file is not a real JPEG image: its contents do not match .jpg"
        ]

    def test_disallowed_extension(self) -> None:
        problems = upload_problems(filename="tool.exe", size_bytes=100, head=EXE)
        assert len(problems) == 1 and problems[0].message.startswith("The selected file must be a ")
        assert "PDF" in problems[0].message

    def test_no_extension(self) -> None:
        assert upload_problems(filename="README", size_bytes=10, head=b"hello")
        assert upload_problems(filename=".pdf", size_bytes=10, head=PDF)

    def test_double_extension_uses_last(self) -> None:
        assert upload_problems(filename="evidence.pdf.exe", size_bytes=10, head=EXE)

    def test_oversize(self) -> None:
        policy = UploadPolicy(max_bytes=1024 * 1024)
        problems = upload_problems(filename="a.pdf", size_bytes=1024 * 1024 + 1, head=PDF, policy=policy)
        assert [p.message for p in problems] == ["The selected file must be smaller than 1MB"]
        assert upload_problems(filename="a.pdf", size_bytes=1024 * 1024, head=PDF, policy=policy) == []

    def test_empty(self) -> None:
        assert [p.message for p in upload_problems(filename="a.pdf", size_bytes=0, head=b"")] == [
            "The selected file is empty"
        ]

    def test_text_types(self) -> None:
        assert upload_problems(filename="log.txt", size_bytes=5, head="noise log – 2am".encode()) == []
        assert upload_problems(filename="log.csv", size_bytes=5, head=b"a,b\x00c")
        assert upload_problems(filename="log.txt", size_bytes=5, head=b"\xff\xfe\xfa\x00garbage")

    def test_text_cut_mid_character_is_fine(self) -> None:
        head = ("x" * 10 + "é").encode()[:-1]
        assert upload_problems(filename="a.txt", size_bytes=100, head=head) == []

    def test_detect(self) -> None:
        file_type = rules.detect_file_type("a.pdf", PDF)
        assert file_type is not None and file_type.content_type == "application/pdf"
        assert rules.detect_file_type("a.pdf", PNG) is None

    def test_path_in_filename_ignored(self) -> None:
        assert upload_problems(filename="C:\\Users\\x\\evil.pdf", size_bytes=5, head=PDF) == []
