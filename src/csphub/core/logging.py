"""A logging filter that keeps personal data out of logs.

Code logs ids and verbs, never names; this filter is the second line: it strips request bodies and
query strings (so the access log of ``csphub serve`` never shows what was searched for) and masks
e-mail addresses, phone numbers, postcodes and dates of birth that slip into messages.
"""

from __future__ import annotations

import logging
import re

_PATTERNS = (
    # Query strings carry search terms (names, streets, postcodes, URL-encoded): never logged.
    (re.compile(r"(/[^\s?\"']*)\?[^\s\"']+"), r"\1?[query]"),
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), "[email]"),
    (re.compile(r"\b(?:\+44\s?|0)\d(?:[\s-]?\d){8,10}\b"), "[phone]"),
    (re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE), "[postcode]"),
    (re.compile(r"\b\d{4}-\d{2}-\d{2}\b"), "[date]"),
)


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed log call must not break the request
            message = str(record.msg)
        record.msg = redact(message)
        record.args = ()
        # Django attaches the request to error records; its repr can include POST data.
        if hasattr(record, "request"):
            record.request = None
        return True
