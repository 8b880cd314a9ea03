"""What an attachment is: loa, invoice, csr, rejection_notice or other, from name and content.

Archives and executables are recognised by name, declared type and magic bytes, and flagged:
they are never opened, unpacked or run.
"""

from __future__ import annotations

import re

from bot.model import Attachment

KINDS = ("loa", "invoice", "csr", "rejection_notice", "other")

_EXECUTABLE_EXTENSIONS = (
    ".exe", ".bat", ".cmd", ".com", ".js", ".jse", ".vbs", ".vbe", ".wsf", ".ps1", ".scr",
    ".msi", ".dll", ".jar", ".apk", ".hta", ".lnk", ".pif", ".cpl", ".sh", ".dmg", ".app",
)  # fmt: skip
_ARCHIVE_EXTENSIONS = (
    ".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".cab", ".iso", ".arj",
    ".lz", ".zst",
)  # fmt: skip
_EXECUTABLE_MAGIC = (
    (b"MZ", "Windows program"),
    (b"\x7fELF", "ELF program"),
    (b"\xcf\xfa\xed\xfe", "Mach-O program"),
    (b"\xce\xfa\xed\xfe", "Mach-O program"),
    (b"\xca\xfe\xba\xbe", "Mach-O or Java program"),
    (b"#!", "script"),
)
_ARCHIVE_MAGIC = (
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"MSCF", "CAB"),
)
# Office files are ZIP containers; they are documents (not read yet), not archives.
_OFFICE_EXTENSIONS = (".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp")
_EXECUTABLE_TYPES = re.compile(r"msdownload|executable|dosexec|x-msi|java-archive|x-sh\b", re.I)
_ARCHIVE_TYPES = re.compile(r"zip|x-rar|7z|x-tar|gzip|x-bzip|x-xz", re.I)


def never_open(attachment: Attachment) -> str | None:
    """Why the attachment must not be opened (executable or archive), or None if it may be."""
    name = attachment.filename.lower()
    declared = attachment.content_type.lower()
    executable = _executable(name, attachment.payload[:8], declared)
    if executable:
        return f"executable ({executable}): never opened"
    archive = _archive(name, attachment.payload, declared)
    return f"archive ({archive}): never opened" if archive else None


def _executable(name: str, head: bytes, declared: str) -> str | None:
    # Only the last extension counts, so "invoice.pdf.exe" is an executable.
    if name.endswith(_EXECUTABLE_EXTENSIONS):
        return name.rsplit(".", 1)[-1]
    by_magic = next((what for magic, what in _EXECUTABLE_MAGIC if head.startswith(magic)), None)
    return by_magic or (declared if _EXECUTABLE_TYPES.search(declared) else None)


def _archive(name: str, payload: bytes, declared: str) -> str | None:
    if name.endswith(_OFFICE_EXTENSIONS):
        return None
    if name.endswith(_ARCHIVE_EXTENSIONS):
        return name.rsplit(".", 1)[-1]
    by_magic = next((what for magic, what in _ARCHIVE_MAGIC if payload.startswith(magic)), None)
    if by_magic or payload[257:262] == b"ustar":
        return by_magic or "tar"
    if _ARCHIVE_TYPES.search(declared) and "officedocument" not in declared:
        return declared
    return None


_BY_NAME = (
    ("rejection_notice", re.compile(r"reject|rejection|exception|ablehnung|rifiuto|rechazo", re.I)),
    ("loa", re.compile(r"\bloa\b|letter.of.(agency|authori[sz]ation)|vollmacht|delega", re.I)),
    ("csr", re.compile(r"\bcsr\b|customer.service.record", re.I)),
    ("invoice", re.compile(r"invoice|\bbill|statement|rechnung|fattura|factura|facture", re.I)),
)  # fmt: skip

# (weight, pattern): each pattern counts once. Titles weigh most; a rejection notice names the
# LOA and CSR it rejects, so its own words must outweigh theirs.
_BY_CONTENT: dict[str, tuple[tuple[int, re.Pattern[str]], ...]] = {
    "rejection_notice": (
        (3, re.compile(r"\b(rejected|rejection|reject notice|exception notice)\b", re.I)),
        (2, re.compile(r"reason\s+for\s+(the\s+)?rejection|rejection\s+(code|reason)", re.I)),
        (1, re.compile(r"\bre-?submit|could\s+not\s+be\s+(processed|completed)", re.I)),
    ),
    "loa": (
        (3, re.compile(r"letter\s+of\s+(agency|authori[sz]ation)", re.I)),
        (2, re.compile(r"\bLOA\b")),
        (2, re.compile(r"authori[sz]e\b.{0,120}\b(agent|port)", re.I | re.S)),
        (1, re.compile(r"numbers?\s+to\s+(be\s+)?port", re.I)),
        (1, re.compile(r"\bsignature\b", re.I)),
    ),
    "csr": (
        (3, re.compile(r"customer\s+service\s+record", re.I)),
        (2, re.compile(r"\bCSR\b")),
        (1, re.compile(r"working\s+(telephone\s+)?numbers|end\s+user\s+name", re.I)),
    ),
    "invoice": (
        (3, re.compile(r"\binvoice\b", re.I)),
        (2, re.compile(r"(amount|total|balance)\s+due", re.I)),
        (1, re.compile(r"billing\s+period|statement\s+date|bill\s+date|due\s+date", re.I)),
    ),
}
_NAME_WEIGHT = 4
_MIN_SCORE = 3


def kind_from_name(filename: str) -> str | None:
    name = re.sub(r"[_\-.]+", " ", filename)
    for kind, pattern in _BY_NAME:
        if pattern.search(name):
            return kind
    return None


def kind_of(filename: str, text: str) -> str:
    """The kind with the highest score from content keywords plus the name; ties go to the
    earlier kind in rejection, loa, csr, invoice order. "other" when nothing scores enough."""
    named = kind_from_name(filename)
    best, best_score = "other", 0
    for kind, patterns in _BY_CONTENT.items():
        score = sum(weight for weight, pattern in patterns if pattern.search(text))
        score += _NAME_WEIGHT if kind == named else 0
        if score > best_score:
            best, best_score = kind, score
    return best if best_score >= _MIN_SCORE else named or "other"
