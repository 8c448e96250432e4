"""core.memo: a value is remembered only inside one page's memo, never outside it."""

from __future__ import annotations

from csphub.core.memo import memoized, page_memo


def test_outside_a_page_memo_every_call_computes() -> None:
    calls: list[int] = []
    assert memoized("k", lambda: calls.append(1) or len(calls)) == 1
    assert memoized("k", lambda: calls.append(1) or len(calls)) == 2


def test_inside_a_page_memo_a_key_is_computed_once_and_forgotten_after() -> None:
    calls: list[str] = []

    def compute(key: str) -> str:
        calls.append(key)
        return key.upper()

    with page_memo():
        assert memoized("a", lambda: compute("a")) == "A"
        assert memoized("a", lambda: compute("a")) == "A"
        assert memoized("b", lambda: compute("b")) == "B"
    assert calls == ["a", "b"]
    with page_memo():  # a new page starts empty
        assert memoized("a", lambda: compute("a")) == "A"
    assert calls == ["a", "b", "a"]
