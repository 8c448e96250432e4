"""Checks of a whole uploaded file, after it is written and before it is recorded (finding 22).

- ``content_problem``: the type check beyond the first bytes. Text files (.txt, .csv) must be UTF-8
  without NUL bytes throughout; Office and OpenDocument files must be real ZIP packages of that
  kind (``word/document.xml`` for .docx, ``xl/workbook.xml`` for .xlsx, the OpenDocument text
  ``mimetype`` for .odt), not encrypted and not expanding past ``MAX_UNZIPPED_BYTES``; a PDF must
  carry no JavaScript, launch action or embedded file (these are what make a PDF act, rather than
  show, when a partner opens it).
- ``malware_problem``: the antivirus hook. When ``CSPHUB_CLAMAV_SOCKET`` (a clamd Unix socket) or
  ``CSPHUB_CLAMAV_ADDRESS`` (``host:port``) is set, the file is streamed to clamd (``INSTREAM``) and
  refused if a signature matches. If the scanner is configured but does not answer, the upload is
  refused too (fail closed): evidence that could not be scanned is not passed between agencies.

Both return a sentence for the user, or None.
"""

from __future__ import annotations

import re
import socket
import struct
import zipfile
from pathlib import Path

from django.conf import settings

MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
_ZIP_MEMBERS = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia)\b")
CHUNK = 1024 * 1024


def content_problem(path: Path, extension: str, label: str) -> str | None:
    ext = extension.lower()
    if ext in (".txt", ".csv"):
        return _text_problem(path, label)
    if ext in (".docx", ".xlsx", ".odt"):
        return _zip_problem(path, ext, label)
    if ext == ".pdf":
        return _pdf_problem(path, label)
    return None


def _text_problem(path: Path, label: str) -> str | None:
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            if b"\x00" in block:
                return f"The selected file is not a real {label}: it contains binary data"
            try:
                decoder.decode(block)
            except UnicodeDecodeError:
                return f"The selected file is not a real {label}: save it as UTF-8 text"
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return f"The selected file is not a real {label}: save it as UTF-8 text"
    return None


def _zip_problem(path: Path, ext: str, label: str) -> str | None:
    not_real = f"The selected file is not a real {label}"
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if any(info.flag_bits & 0x1 for info in infos):
                return f"The selected {label} is password-protected: upload it without a password"
            if sum(info.file_size for info in infos) > MAX_UNZIPPED_BYTES:
                return f"{not_real}: it expands to more than {MAX_UNZIPPED_BYTES // (1024 * 1024)}MB"
            names = {info.filename for info in infos}
            if ext == ".odt":
                if "mimetype" not in names or archive.read("mimetype").strip() != _ODT_MIMETYPE:
                    return not_real
            elif "[Content_Types].xml" not in names or _ZIP_MEMBERS[ext] not in names:
                return not_real
            if archive.testzip() is not None:
                return f"{not_real}: it is damaged"
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError):
        return not_real
    return None


def _pdf_problem(path: Path, label: str) -> str | None:
    with open(path, "rb") as handle:
        tail = b""
        for block in iter(lambda: handle.read(CHUNK), b""):
            if _PDF_ACTIVE.search(tail + block):
                return f"The selected {label} contains scripts or embedded files, which cannot be shared"
            tail = block[-32:]
    return None


class ScannerUnavailableError(RuntimeError):
    pass


def _clamd_connection() -> socket.socket | None:
    unix = getattr(settings, "CSPHUB_CLAMAV_SOCKET", "")
    address = getattr(settings, "CSPHUB_CLAMAV_ADDRESS", "")
    timeout = float(getattr(settings, "CSPHUB_CLAMAV_TIMEOUT", 60))
    try:
        if unix:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(timeout)
            sock.connect(unix)
            return sock
        if address:
            host, _, port = address.rpartition(":")
            return socket.create_connection((host, int(port)), timeout=timeout)
    except OSError as exc:
        raise ScannerUnavailableError(str(exc)) from exc
    return None


def malware_problem(path: Path) -> str | None:
    try:
        sock = _clamd_connection()
    except ScannerUnavailableError:
        return "The selected file could not be checked for viruses. Try again later"
    if sock is None:
        return None  # no scanner configured (docs/security.md says what this means)
    try:
        with sock, open(path, "rb") as handle:
            sock.sendall(b"zINSTREAM\0")
            for block in iter(lambda: handle.read(64 * 1024), b""):
                sock.sendall(struct.pack("!L", len(block)) + block)
            sock.sendall(struct.pack("!L", 0))
            reply = b""
            while not reply.endswith(b"\0"):
                part = sock.recv(4096)
                if not part:
                    break
                reply += part
    except OSError:
        return "The selected file could not be checked for viruses. Try again later"
    answer = reply.rstrip(b"\0").decode("utf-8", "replace")
    if answer.endswith("OK"):
        return None
    if answer.endswith("FOUND"):
        return "The selected file contains a virus and was not stored"
    return "The selected file could not be checked for viruses. Try again later"
