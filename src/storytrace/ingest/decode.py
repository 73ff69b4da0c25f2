"""Bytes to text, safely: UTF-8 first, then a declared or detected charset, else an error."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from storytrace.model import InputError

from .binary import binary_reason

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 before UTF-16: the UTF-32-LE mark begins with the UTF-16-LE one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([a-z0-9_.:-]+)""",
    re.IGNORECASE,
)
# Browsers read pages labelled Latin-1 or ASCII as windows-1252 (WHATWG Encoding).
_WEB_ALIASES = {"latin_1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252"}
_WESTERN_FALLBACK = "cp1252"
_TIE = 0.01
_MIN_GOOD_PER_BROKEN = 10


def decode(data: bytes) -> tuple[str, str]:
    """The text, with newlines normalised to `\\n`, and the encoding it was read with.

    Raises InputError for binary data and for bytes no charset makes sense of.
    """
    text, encoding = _decode(data)
    return normalise_newlines(text.lstrip("\ufeff")), encoding


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise InputError(f"invalid {encoding} after a byte-order mark") from None
    reason = binary_reason(data)
    if reason:
        raise InputError(reason)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mended = _mostly_utf8(data)
    if mended is not None:
        return mended, "utf-8"
    declared = declared_charset(data)
    if declared:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # The label is wrong as often as not; let detection decide.
    return _detect(data)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few broken sequences (a cut or a bad byte), with U+FFFD for them.

    Reading it in a single-byte charset instead would garble every good character.
    """
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    good = sum(1 for char in text if char > "\x7f") - broken
    return text if good >= _MIN_GOOD_PER_BROKEN * broken else None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML head declares, as a Python codec name, if it is one."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii")
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _WEB_ALIASES.get(name.replace("-", "_"), name)


def _detect(data: bytes) -> tuple[str, str]:
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError("undecodable text (not UTF-8, and no charset fits)")
    # Short Western text fits several single-byte charsets equally well; among those
    # ties prefer windows-1252, the web's default, as browsers do.
    for match in matches:
        tied = match.chaos <= best.chaos + _TIE and match.coherence >= best.coherence - _TIE
        if tied and _WESTERN_FALLBACK in match.could_be_from_charset:
            try:
                return data.decode(_WESTERN_FALLBACK), _WESTERN_FALLBACK
            except UnicodeDecodeError:
                break
    return str(best), best.encoding
