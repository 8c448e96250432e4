"""Wording helpers for the letters, explanations and published sentences: dates, numbers in words."""

from __future__ import annotations

import datetime as dt


def _fmt(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_in_words(n: int) -> str:
    """British English words for 0 ≤ n < 1,000,000: 0 → "zero", 121 → "one hundred and twenty-one"."""
    if not 0 <= n < 1_000_000:
        raise ValueError("number_in_words handles 0 to 999,999")
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" and {number_in_words(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    head = f"{number_in_words(thousands)} thousand"
    if not rest:
        return head
    return head + (" and " if rest < 100 else " ") + number_in_words(rest)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def _count_start(n: int) -> str:
    """A count opening a sentence, as the plan writes it: "No", "One", "Twelve"."""
    return "No" if n == 0 else _capital(number_in_words(n))
