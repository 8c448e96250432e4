"""Evidence uploads: limits by extension AND magic bytes."""

from __future__ import annotations

from dataclasses import dataclass

from csphub.cases.rules.problems import Problem

# --------------------------------------------------------------------------------------------
# Evidence uploads
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileType:
    """An allowed evidence type: its extensions and the byte signatures its content must start with.

    ``offset`` lets a signature sit after a length field (MP4's ``ftyp`` at byte 4).
    ``text`` types have no signature: their first bytes must decode as UTF-8 without NUL bytes.
    """

    label: str
    extensions: frozenset[str]
    signatures: tuple[tuple[int, bytes], ...] = ()
    text: bool = False
    content_type: str = "application/octet-stream"


_ZIP = ((0, b"PK\x03\x04"),)

DEFAULT_FILE_TYPES: tuple[FileType, ...] = (
    FileType("PDF", frozenset({".pdf"}), ((0, b"%PDF-"),), content_type="application/pdf"),
    FileType("JPEG image", frozenset({".jpg", ".jpeg"}), ((0, b"\xff\xd8\xff"),), content_type="image/jpeg"),
    FileType("PNG image", frozenset({".png"}), ((0, b"\x89PNG\r\n\x1a\n"),), content_type="image/png"),
    FileType(
        "Word document",
        frozenset({".docx"}),
        _ZIP,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    FileType(
        "Excel spreadsheet",
        frozenset({".xlsx"}),
        _ZIP,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    FileType(
        "OpenDocument text", frozenset({".odt"}), _ZIP, content_type="application/vnd.oasis.opendocument.text"
    ),
    FileType(
        "MP3 audio",
        frozenset({".mp3"}),
        ((0, b"ID3"), (0, b"\xff\xfb"), (0, b"\xff\xf3")),
        content_type="audio/mpeg",
    ),
    FileType("WAV audio", frozenset({".wav"}), ((0, b"RIFF"),), content_type="audio/wav"),
    FileType("MP4 video or audio", frozenset({".mp4", ".m4a"}), ((4, b"ftyp"),), content_type="video/mp4"),
    FileType("Text file", frozenset({".txt"}), text=True, content_type="text/plain"),
    FileType("CSV file", frozenset({".csv"}), text=True, content_type="text/csv"),
)


@dataclass(frozen=True)
class UploadPolicy:
    max_bytes: int = 20 * 1024 * 1024
    file_types: tuple[FileType, ...] = DEFAULT_FILE_TYPES
    # bytes the caller must pass as ``head`` for signature checks
    head_bytes: int = 512

    def type_for_extension(self, extension: str) -> FileType | None:
        ext = extension.lower()
        return next((t for t in self.file_types if ext in t.extensions), None)

    def allowed_extensions(self) -> list[str]:
        return sorted({e for t in self.file_types for e in t.extensions})


def _extension(filename: str) -> str:
    name = filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    if "." not in name.strip("."):
        return ""
    return "." + name.rsplit(".", 1)[-1].lower()


def _human_size(n_bytes: int) -> str:
    if n_bytes >= 1024 * 1024:
        return f"{n_bytes / (1024 * 1024):g}MB"
    if n_bytes >= 1024:
        return f"{n_bytes / 1024:g}KB"
    return f"{n_bytes} bytes"


def _matches_signature(file_type: FileType, head: bytes) -> bool:
    if file_type.text:
        if b"\x00" in head:
            return False
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A multi-byte character may be cut at the end of the sample; anything earlier is binary.
            return exc.start >= len(head) - 3
        return True
    return any(head[offset : offset + len(sig)] == sig for offset, sig in file_type.signatures)


def detect_file_type(filename: str, head: bytes, *, policy: UploadPolicy = UploadPolicy()) -> FileType | None:
    """The allowed type whose extension AND signature match, else None."""
    file_type = policy.type_for_extension(_extension(filename))
    if file_type is None or not _matches_signature(file_type, head):
        return None
    return file_type


def upload_problems(
    *, filename: str, size_bytes: int, head: bytes, policy: UploadPolicy = UploadPolicy()
) -> list[Problem]:
    """GOV.UK-style problems with an evidence upload; empty means it may be stored.

    The extension must be on the allowed list AND the content must start with that type's
    signature: a renamed executable (``photo.jpg`` starting ``MZ``) is refused.
    """
    problems: list[Problem] = []
    if size_bytes <= 0:
        problems.append(Problem("file", "The selected file is empty"))
    elif size_bytes > policy.max_bytes:
        problems.append(
            Problem("file", f"The selected file must be smaller than {_human_size(policy.max_bytes)}")
        )
    ext = _extension(filename)
    file_type = policy.type_for_extension(ext)
    allowed = ", ".join(e.lstrip(".").upper() for e in policy.allowed_extensions())
    if file_type is None:
        problems.append(Problem("file", f"The selected file must be a {allowed}"))
    elif size_bytes > 0 and not _matches_signature(file_type, head):
        problems.append(
            Problem(
                "file", f"The selected file is not a real {file_type.label}: its contents do not match {ext}"
            )
        )
    return problems
