"""The Welsh catalogue of the public pages and of the letters and e-mails to the public: which
strings it must hold, and its compiled form.

``public_msgids()`` reads the public pages' templates and Python modules (below) for the strings
they mark for translation, as Django's ``makemessages`` would; ``tests/governance`` fails when one
has no Welsh. ``compile_po()`` writes the ``.mo`` file in pure Python, so no GNU gettext is needed
(``csphub manage compilemessages`` gives the same result where gettext is installed).
"""

from __future__ import annotations

import ast
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent  # src/csphub
CATALOGUE = SRC / "locale" / "cy" / "LC_MESSAGES" / "django.po"

# The public pages offered in Welsh: templates and the Python modules whose strings they show.
PUBLIC_TEMPLATES = (
    "frontend/templates/frontend/base.html",
    "frontend/templates/frontend/components/error_summary.html",
    "frontend/templates/frontend/components/summary_list.html",
    "frontend/templates/frontend/components/summary_row.html",
    "frontend/templates/frontend/components/date_input_widget.html",
    "casereviews/templates/casereviews/public/*.html",
    "governance/templates/governance/*.html",
    # Letters and e-mails to the applicant, written in the language they chose (Application.language).
    "casereviews/templates/casereviews/letters/*.html",
    "casereviews/templates/casereviews/email/*.txt",
)
PUBLIC_MODULES = (
    "casereviews/views/public.py",
    "casereviews/views/publication.py",
    "casereviews/forms/public.py",
    "governance/selectors/public.py",
    "casereviews/services/letters.py",
    "casereviews/services/applying.py",
    "casereviews/services/intake.py",
    "casereviews/services/status.py",
)

_TRANSLATE = re.compile(r"""\{%\s*(?:translate|trans)\s+(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""")
_BLOCK = re.compile(r"\{%\s*blocktrans(?:late)?\b[^%]*%\}(.*?)\{%\s*endblocktrans(?:late)?\s*%\}", re.S)
_VARIABLE = re.compile(r"\{\{\s*(\w+)\s*\}\}")
_GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy"}


def _template_msgids(text: str) -> set[str]:
    found = {a or b for a, b in _TRANSLATE.findall(text)}
    for body in _BLOCK.findall(text):
        found.add(_VARIABLE.sub(r"%(\1)s", body.replace("%", "%%")))
    return found


def _python_msgids(text: str) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _GETTEXT:
            for arg in node.args[:2]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add(arg.value)
    return found


def public_msgids() -> set[str]:
    """Every string the public pages mark for translation (singular and plural forms)."""
    found: set[str] = set()
    for pattern in PUBLIC_TEMPLATES:
        for path in sorted(SRC.glob(pattern)):
            found |= _template_msgids(path.read_text(encoding="utf-8"))
    for module in PUBLIC_MODULES:
        found |= _python_msgids((SRC / module).read_text(encoding="utf-8"))
    return found


@dataclass
class Entry:
    msgid: str
    msgstr: str = ""
    msgid_plural: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    fuzzy: bool = False


def _unquote(line: str) -> str:
    return ast.literal_eval(line.strip())  # type: ignore[no-any-return]


def parse_po(text: str) -> list[Entry]:
    """The entries of a ``.po`` file (the header is the entry whose msgid is empty)."""
    entries: list[Entry] = []
    current: Entry | None = None
    key = ""
    fuzzy = False
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        if not line or line.startswith("#"):
            continue
        if line.startswith("msgid "):
            current = Entry(msgid=_unquote(line[6:]), fuzzy=fuzzy)
            entries.append(current)
            fuzzy = False
            key = "msgid"
        elif current is None:
            continue
        elif line.startswith("msgid_plural "):
            current.msgid_plural = _unquote(line[13:])
            key = "msgid_plural"
        elif line.startswith("msgstr["):
            index = int(line[7 : line.index("]")])
            current.msgstr_plural[index] = _unquote(line[line.index("]") + 1 :])
            key = f"plural{index}"
        elif line.startswith("msgstr "):
            current.msgstr = _unquote(line[7:])
            key = "msgstr"
        elif line.startswith('"'):
            part = _unquote(line)
            if key == "msgid":
                current.msgid += part
            elif key == "msgid_plural":
                current.msgid_plural += part
            elif key == "msgstr":
                current.msgstr += part
            else:
                index = int(key[6:])
                current.msgstr_plural[index] += part
    return entries


def untranslated(entries: list[Entry]) -> list[str]:
    """The msgids with no Welsh (empty, or marked fuzzy)."""
    missing = []
    for entry in entries:
        if not entry.msgid:
            continue
        done = all(entry.msgstr_plural.values()) if entry.msgid_plural else bool(entry.msgstr)
        if entry.fuzzy or not done:
            missing.append(entry.msgid)
    return missing


def compile_po(text: str) -> bytes:
    """The ``.mo`` bytes of a ``.po`` text (GNU format, keys sorted; fuzzy entries left out)."""
    pairs: dict[bytes, bytes] = {}
    for entry in parse_po(text):
        if entry.fuzzy and entry.msgid:
            continue
        if entry.msgid_plural:
            key = entry.msgid.encode() + b"\0" + entry.msgid_plural.encode()
            value = b"\0".join(entry.msgstr_plural[i].encode() for i in sorted(entry.msgstr_plural))
        else:
            key, value = entry.msgid.encode(), entry.msgstr.encode()
        if entry.msgid and not value.strip(b"\0"):
            continue
        pairs[key] = value
    keys = sorted(pairs)
    ids = b"".join(k + b"\0" for k in keys)
    strs = b"".join(pairs[k] + b"\0" for k in keys)
    count = len(keys)
    key_start = 7 * 4 + 16 * count
    value_start = key_start + len(ids)
    offsets_k, offsets_v = [], []
    k_pos = v_pos = 0
    for k in keys:
        offsets_k += [len(k), key_start + k_pos]
        offsets_v += [len(pairs[k]), value_start + v_pos]
        k_pos += len(k) + 1
        v_pos += len(pairs[k]) + 1
    header = struct.pack("Iiiiiii", 0x950412DE, 0, count, 7 * 4, 7 * 4 + 8 * count, 0, 0)
    return header + struct.pack(f"{4 * count}i", *offsets_k, *offsets_v) + ids + strs


def write_mo(po_path: Path = CATALOGUE) -> Path:
    """Compile ``po_path`` to the ``.mo`` beside it; returns the ``.mo`` path."""
    mo_path = po_path.with_suffix(".mo")
    mo_path.write_bytes(compile_po(po_path.read_text(encoding="utf-8")))
    return mo_path
