"""Tell binary data from text before any decoding is tried."""

from __future__ import annotations

_HEAD = 8192
_MAX_CONTROL_SHARE = 0.10
# Control bytes that real text files do carry: tab, newlines, form feed, escape.
_TEXT_CONTROLS = frozenset(b"\t\n\v\f\r\x1b")
_CONTROLS = bytes(b for b in range(32) if b not in _TEXT_CONTROLS) + b"\x7f"

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh91AY&SY", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x7fELF", "ELF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office"),
    (b"SQLite format 3\x00", "SQLite"),
    (b"OggS", "Ogg"),
    (b"ID3", "MP3"),
    (b"\x1a\x45\xdf\xa3", "Matroska"),
    (b"wOFF", "WOFF"),
    (b"wOF2", "WOFF2"),
)


def binary_reason(data: bytes) -> str | None:
    """Why `data` is binary ("binary data (looks like PNG)"), or None if it may be text."""
    kind = _magic_kind(data)
    if kind:
        return f"binary data (looks like {kind})"
    head = data[:_HEAD]
    if b"\x00" in head:
        return "binary data (contains NUL bytes)"
    controls = len(head) - len(head.translate(None, _CONTROLS))
    if head and controls / len(head) > _MAX_CONTROL_SHARE:
        return f"binary data ({controls / len(head):.0%} control bytes)"
    return None


def _magic_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return data[8:12].decode().strip()
    if data[4:8] == b"ftyp":
        return "MP4"
    return None
