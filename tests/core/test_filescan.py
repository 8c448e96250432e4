"""Whole-file checks and the antivirus hook for evidence uploads (security review finding 22)."""

from __future__ import annotations

import io
import socket
import struct
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from csphub.core.filescan import content_problem, malware_problem

EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def _zip(members: dict[str, bytes], *, encrypt_flag: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name), data)
    raw = bytearray(buffer.getvalue())
    if encrypt_flag:  # set the "encrypted" bit in the local and central headers, as a protected file has
        for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            at = raw.find(signature)
            while at != -1:
                raw[at + offset] |= 0x1
                at = raw.find(signature, at + 4)
    return bytes(raw)


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "upload"
    path.write_bytes(data)
    return path


DOCX = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}


@pytest.mark.parametrize(
    ("extension", "data", "refused"),
    [
        (".txt", "Noise at 2am – every night\n".encode() * 2000, False),
        (".txt", b"fine text" * 100 + b"\x00\x01binary after the first 512 bytes", True),  # finding 22
        (".csv", b"a,b\n" * 300 + b"\xff\xfe not utf-8", True),
        (".docx", _zip(DOCX), False),
        (".docx", _zip({"anything.txt": b"any zip"}), True),  # any ZIP was accepted as .docx
        (".xlsx", _zip(DOCX), True),
        (".xlsx", _zip({"[Content_Types].xml": b"x", "xl/workbook.xml": b"<workbook/>"}), False),
        (".odt", _zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), False),
        (".odt", _zip({"mimetype": b"application/zip"}), True),
        (".docx", b"PK\x03\x04 truncated", True),
        (".pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n", False),
        (".pdf", b"%PDF-1.7\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\n%%EOF", True),
        (".pdf", b"%PDF-1.7\n" + b"x" * (1024 * 1024 - 3) + b"/Launch\n%%EOF", True),  # across a chunk edge
        (".png", b"\x89PNG\r\n\x1a\n....", False),  # images: the signature check only
    ],
)
def test_whole_file_type_checks(tmp_path: Path, extension: str, data: bytes, refused: bool) -> None:
    problem = content_problem(_write(tmp_path, data), extension, "file of that type")
    assert (problem is not None) is refused, problem


def test_password_protected_office_file_is_refused(tmp_path: Path) -> None:
    problem = content_problem(_write(tmp_path, _zip(DOCX, encrypt_flag=True)), ".docx", "Word document")
    assert problem is not None and "password" in problem


class FakeClamd:
    """Speaks clamd's INSTREAM protocol on a Unix socket; finds the EICAR test string."""

    def __init__(self, path: Path) -> None:
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(str(path))
        self.server.listen(4)
        self.scanned: list[bytes] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                command = b""
                while not command.endswith(b"\0"):
                    command += conn.recv(1)
                assert command == b"zINSTREAM\0"
                data = b""
                while True:
                    (size,) = struct.unpack("!L", self._exact(conn, 4))
                    if size == 0:
                        break
                    data += self._exact(conn, size)
                self.scanned.append(data)
                verdict = b"stream: Eicar-Test-Signature FOUND\0" if EICAR in data else b"stream: OK\0"
                conn.sendall(verdict)

    @staticmethod
    def _exact(conn: socket.socket, n: int) -> bytes:
        out = b""
        while len(out) < n:
            out += conn.recv(n - len(out))
        return out


@pytest.fixture
def clamd(tmp_path: Path, settings: Any) -> Iterator[FakeClamd]:
    path = Path("/tmp") / f"clamd-{tmp_path.name[-20:]}.sock"  # Unix socket paths are short
    fake = FakeClamd(path)
    settings.CSPHUB_CLAMAV_SOCKET = str(path)
    yield fake
    fake.server.close()
    path.unlink(missing_ok=True)


def test_antivirus_hook_refuses_a_detected_file_and_passes_a_clean_one(
    tmp_path: Path, clamd: FakeClamd
) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_bytes(b"hello " * 50_000)  # several INSTREAM chunks
    assert malware_problem(clean) is None
    infected = tmp_path / "eicar.txt"
    infected.write_bytes(EICAR)
    assert malware_problem(infected) == "The selected file contains a virus and was not stored"
    assert clamd.scanned == [clean.read_bytes(), EICAR]


def test_antivirus_hook_fails_closed_when_the_scanner_is_down(tmp_path: Path, settings: Any) -> None:
    settings.CSPHUB_CLAMAV_SOCKET = str(tmp_path / "no-such.sock")
    path = _write(tmp_path, b"anything")
    assert "could not be checked for viruses" in (malware_problem(path) or "")
    settings.CSPHUB_CLAMAV_SOCKET = ""
    assert malware_problem(path) is None  # no scanner configured: documented in docs/security.md
