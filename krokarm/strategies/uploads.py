"""Which files an organisation may attach to a contribution, checked twice: by the name's extension and by
what the first bytes say the file is. A file named .pdf that is not a PDF is refused, so that what the region
downloads is what the name promises (the download view also sends `X-Content-Type-Options: nosniff`).

Plain data in and out: `check(name, size, head, opener)` returns the kind or raises UploadRefused with a
Swedish message for the person who tried.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Enough to tell the kinds apart; a ZIP's directory is read from the file itself (zipfile seeks to the end).
HEAD_BYTES = 8192
ODT_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument.text"
ZIP_BASED = {"docx", "odt"}
MAX_ZIP_ENTRIES = 10_000  # a long report with many images has a few hundred


@dataclass(frozen=True)
class Kind:
    extension: str
    content_type: str
    label: str


KINDS = {
    "pdf": Kind("pdf", "application/pdf", "PDF"),
    "docx": Kind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word (DOCX)"),
    "odt": Kind("odt", "application/vnd.oasis.opendocument.text", "OpenDocument (ODT)"),
    "txt": Kind("txt", "text/plain; charset=utf-8", "text (TXT)"),
}


class UploadRefused(Exception):
    """The file cannot be attached; the message says why, in Swedish."""


def allowed_list() -> str:
    return ", ".join(kind.label for kind in KINDS.values())


def extension(name: str) -> str:
    return PurePath(name).suffix.lower().removeprefix(".")


def clean_name(name: str) -> str:
    """The name to show and to offer when downloading: no path, no control characters, at most 200 characters."""
    base = PurePath(name.replace("\\", "/")).name
    base = "".join(c for c in unicodedata.normalize("NFC", base) if unicodedata.category(c)[0] != "C").strip()
    if len(base) > 200:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: 200 - len(ext) - 1] + dot + ext) if dot else base[:200]
    return base or "bilaga"


def check(
    name: str, size: int, head: bytes, opener: Callable[[], IO[bytes]], max_bytes: int, max_unpacked: int | None = None
) -> Kind:
    """The kind of the file `name` (`size` bytes, starting with `head`), or UploadRefused.
    `opener` gives the whole file, read only for the ZIP-based formats (DOCX, ODT): their directory must say they
    unpack to at most `max_unpacked` bytes (default settings.ATTACHMENT_MAX_UNPACKED_BYTES)."""
    ext = extension(name)
    kind = KINDS.get(ext)
    if kind is None:
        raise UploadRefused(
            _("Filen %(name)s har en filtyp vi inte tar emot. Skicka %(allowed)s.")
            % {"name": name, "allowed": allowed_list()}
        )
    if size > max_bytes:
        raise UploadRefused(
            _("Filen %(name)s är för stor (%(size)s). Den får vara högst %(max)s.")
            % {"name": name, "size": filesizeformat(size), "max": filesizeformat(max_bytes)}
        )
    if size == 0:
        raise UploadRefused(_("Filen %(name)s är tom.") % {"name": name})
    if not _looks_like(kind, head, opener):
        raise UploadRefused(
            _("Filen %(name)s är inte en riktig %(label)s-fil, fast namnet säger det. Spara den på nytt och försök.")
            % {"name": name, "label": kind.label}
        )
    if kind.extension in ZIP_BASED:
        limit = settings.ATTACHMENT_MAX_UNPACKED_BYTES if max_unpacked is None else max_unpacked
        unpacked = _unpacked_size(opener)
        if unpacked is None or unpacked > limit:
            raise UploadRefused(
                _(
                    "Filen %(name)s packas upp till mer än vi tar emot (högst %(max)s). En vanlig %(label)s-fil "
                    "är långt mindre: spara den på nytt, utan inbäddade filer, och försök igen."
                )
                % {"name": name, "max": filesizeformat(limit), "label": kind.label}
            )
    return kind


def _unpacked_size(opener: Callable[[], IO[bytes]]) -> int | None:
    """What the archive's directory says its entries unpack to, or None for an archive not to be opened at all
    (unreadable, or more entries than any document has). Nothing is unpacked to find out."""
    try:
        with zipfile.ZipFile(opener()) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                return None
            return sum(entry.file_size for entry in entries)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def _looks_like(kind: Kind, head: bytes, opener: Callable[[], IO[bytes]]) -> bool:
    if kind.extension == "pdf":
        return head.startswith(b"%PDF-")
    if kind.extension == "txt":
        return _is_text(head)
    if not head.startswith(b"PK\x03\x04"):
        return False
    if kind.extension == "odt":
        # ODF 1.2 part 3, 3.3: the first entry is "mimetype", stored uncompressed, so its content follows its name.
        return head[30:].startswith(ODT_MIMETYPE)
    try:
        with zipfile.ZipFile(opener()) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # The head may end inside a character: only an error in the last three bytes is forgiven.
        if error.start < len(head) - 3:
            return False
    return True


def read_head(file: IO[bytes]) -> bytes:
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    return head


def sample(kind: str) -> bytes:
    """A minimal valid file of `kind`, for tests and the browser journeys."""
    if kind == "pdf":
        return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    if kind == "txt":
        return "Remissvar från myndigheten.\n".encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if kind == "odt":
            archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
            archive.writestr("content.xml", "<office:document-content/>")
        else:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()
