"""Bytes to text: told-apart encodings, binary data refused by its signature or its control bytes.

Every guess is said: :func:`decode_text` returns the warnings that go with its text.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.errors import NotTextError
from kg.fileio import read_yaml

SIGNATURES_PATH = Path(__file__).resolve().parent.parent / "patterns" / "file_signatures.yaml"
SNIFF_BYTES = 8192
MAX_CONTROL_SHARE = 0.05  # decoded text with more control characters than this is binary data
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # all but \t \n \v \f \r
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose mark is a prefix of it
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from bytes, with warnings about how (none for plain UTF-8)."""

    text: str
    warnings: tuple[str, ...] = ()


def decode_text(raw: bytes) -> DecodedText:
    """Decode a file's bytes, saying so whenever the result is a guess.

    UTF-8 (with or without a byte-order mark) and UTF-16/32 with a mark decode silently;
    UTF-16 without a mark is told by its NUL bytes; other bytes decode as UTF-8 with
    replacement characters when they mostly are UTF-8, else as Windows-1252 or Latin-1.
    Line ends become ``\\n``.

    Raises:
        NotTextError: the bytes are binary: a known file signature, or too many NUL or control bytes.

    Examples:
        >>> decode_text("naïve\\r\\n".encode("utf-8"))
        DecodedText(text='naïve\\n', warnings=())
        >>> decode_text("naïve".encode("cp1252"))
        DecodedText(text='naïve', warnings=('not UTF-8 (byte 0xEF at offset 2): decoded as Windows-1252',))
        >>> decode_text(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
        Traceback (most recent call last):
        kg.errors.NotTextError: not text (PNG image)
    """
    kind = binary_signature(raw)
    if kind is not None:
        raise NotTextError(f"not text ({kind})")
    decoded = _decode_with_bom(raw) or _decode_utf16_without_bom(raw) or _decode_8bit(raw)
    if decoded.text and len(CONTROL_CHARACTERS.findall(decoded.text)) > MAX_CONTROL_SHARE * len(decoded.text):
        raise NotTextError("not text (binary content)")
    return DecodedText(decoded.text.replace("\r\n", "\n").replace("\r", "\n"), decoded.warnings)


@cache
def _file_signatures() -> tuple[tuple[bytes, str], ...]:
    table = read_yaml(SIGNATURES_PATH)
    return tuple(
        (bytes.fromhex(code), name)
        for name, codes in table.items()
        for code in ([codes] if isinstance(codes, str) else codes)
    )


def binary_signature(raw: bytes) -> str | None:
    """The binary format ``raw`` starts like (``"PNG image"``), from ``kg/patterns/file_signatures.yaml``."""
    return next((name for signature, name in _file_signatures() if raw.startswith(signature)), None)


def _decode_with_bom(raw: bytes) -> DecodedText | None:
    for mark, codec in BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            try:
                return DecodedText(raw.decode(codec))
            except UnicodeDecodeError as exc:
                raise NotTextError(f"not text (a {codec.upper()} byte-order mark, then invalid bytes)") from exc
    return None


def _decode_utf16_without_bom(raw: bytes) -> DecodedText | None:
    """UTF-16 text of mostly Latin script has a NUL in every other byte, the high byte of each unit."""
    sample = raw[: SNIFF_BYTES - SNIFF_BYTES % 2]
    units = len(sample) // 2
    if units == 0 or b"\x00" not in sample:
        return None
    nul_at_even, nul_at_odd = sample[0::2].count(0), sample[1::2].count(0)
    for codec, high_nuls, low_nuls in (("utf-16-le", nul_at_odd, nul_at_even), ("utf-16-be", nul_at_even, nul_at_odd)):
        if high_nuls >= 0.3 * units and low_nuls <= 0.02 * units:
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                return None
            return DecodedText(text, (f"no byte-order mark: decoded as {codec.upper()} (told by its NUL bytes)",))
    return None


def _decode_8bit(raw: bytes) -> DecodedText:
    try:
        return DecodedText(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        first_bad = f"byte 0x{raw[exc.start]:02X} at offset {exc.start}"
    replaced = raw.decode("utf-8", "replace")
    invalid = replaced.count("\ufffd")
    if sum(1 for char in replaced if char > "\x7f") - invalid > invalid:
        return DecodedText(replaced, (f"not valid UTF-8 ({first_bad}): {invalid:,} bad bytes replaced by U+FFFD",))
    try:
        return DecodedText(raw.decode("cp1252"), (f"not UTF-8 ({first_bad}): decoded as Windows-1252",))
    except UnicodeDecodeError:
        return DecodedText(raw.decode("latin-1"), (f"not UTF-8 ({first_bad}): decoded as Latin-1",))

