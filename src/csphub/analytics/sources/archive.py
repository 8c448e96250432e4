"""data.police.uk downloads as they arrive: a zip of ``YYYY-MM/YYYY-MM-<force>-<kind>.csv`` files.

:func:`expand` turns files, folders and zips into the police.uk CSVs to read; a member of a zip is a
:class:`ZipMember` (read on demand, named ``<zip name>/<member>`` in messages, never by server path).
A zip that cannot be read, or that holds anything but police.uk CSVs, is refused with a message that
names it: nothing is read from it.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from csphub.analytics.sources.police_uk import PoliceUkFileError, kind_of


class ArchiveError(ValueError):
    """The zip is unusable as a whole (not a zip, damaged, or holds files that are not police.uk's)."""


@dataclass(frozen=True)
class ZipMember:
    archive: Path
    member: str

    @property
    def name(self) -> str:
        return PurePosixPath(self.member).name

    def read_bytes(self) -> bytes:
        try:
            with zipfile.ZipFile(self.archive) as zf:
                return zf.read(self.member)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise PoliceUkFileError(self, None, f"the zip file is damaged or truncated ({exc})") from exc

    def __str__(self) -> str:
        return f"{self.archive.name}/{self.member}"


SourceFile = Path | ZipMember


def _ignored(member: str) -> bool:
    """Folders and the litter of desktop zip tools (__MACOSX/, .DS_Store, Thumbs.db)."""
    parts = PurePosixPath(member).parts
    return (
        member.endswith("/")
        or any(p.startswith(".") or p == "__MACOSX" for p in parts)
        or parts[-1].lower() == "thumbs.db"
    )


def zip_members(path: Path) -> list[ZipMember]:
    """The police.uk CSVs in a zip, in name order. Raises :class:`ArchiveError` if it is not a readable
    zip, holds no police.uk CSV, or holds other files (named in the message)."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            bad = zf.testzip()  # reads every member and checks its CRC: catches truncation early
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise ArchiveError(f"{path.name}: not a readable zip file ({exc})") from exc
    if bad is not None:
        raise ArchiveError(f"{path.name}: the zip file is damaged ({bad} fails its checksum)")
    names = [i.filename for i in infos if not _ignored(i.filename)]
    other = [n for n in names if kind_of(Path(PurePosixPath(n).name)) is None]
    if other:
        shown = ", ".join(other[:5]) + (f" and {len(other) - 5} more" if len(other) > 5 else "")
        raise ArchiveError(
            f"{path.name}: holds files that are not police.uk CSVs ({shown}); expected only "
            "YYYY-MM/YYYY-MM-<force>-street.csv (or -outcomes.csv, -stop-and-search.csv)"
        )
    if not names:
        raise ArchiveError(f"{path.name}: the zip holds no police.uk CSV files")
    return [ZipMember(path, n) for n in sorted(names)]


def is_zip(path: Path) -> bool:
    return path.suffix.lower() == ".zip"


def expand(paths: Iterable[Path | str]) -> list[SourceFile]:
    """Police.uk files named by ``paths``: files as given, folders searched recursively (police.uk
    CSVs and zips), zips opened. Raises FileNotFoundError or :class:`ArchiveError`."""
    found: list[SourceFile] = []
    for p in map(Path, paths):
        if p.is_dir():
            for q in sorted(q for q in p.rglob("*") if q.is_file()):
                if is_zip(q):
                    found.extend(zip_members(q))
                elif kind_of(q):
                    found.append(q)
        elif p.is_file() and is_zip(p):
            found.extend(zip_members(p))
        elif p.exists():
            found.append(p)
        else:
            raise FileNotFoundError(f"{p}: no such file or folder")
    return found
