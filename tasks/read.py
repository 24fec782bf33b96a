"""Read a raw dump file: decompress, then decode to text without losing a file to a bad byte."""

from __future__ import annotations

import codecs
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePath

import charset_normalizer
import zstandard

from tasks.raw_store import RawDir, read_raw_bytes

# Suffixes newsflow picks up from raw_dir; compression suffixes may follow any of them.
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
COMPRESSION_SUFFIXES = (".gz", ".zst")


@dataclass
class Problem:
    """Something wrong with a file that did not stop it from being read."""

    reason: str
    detail: str
    record_no: int | None = None


@dataclass
class DecodedFile:
    text: str
    encoding: str
    problems: list[Problem] = field(default_factory=list)


class RawFileError(Exception):
    """The file as a whole could not be read; carries a reject reason code."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def logical_suffix(path: PurePath) -> str:
    """The format suffix under any compression suffix: `a.jsonl.gz` -> `.jsonl`."""
    suffixes = [s.lower() for s in path.suffixes]
    while suffixes and suffixes[-1] in COMPRESSION_SUFFIXES:
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def is_raw_file(path: PurePath) -> bool:
    return logical_suffix(path) in TEXT_SUFFIXES + JSONL_SUFFIXES


def _gunzip_salvaging(data: bytes) -> tuple[bytes, Problem | None]:
    """Decompress gzip, possibly multi-member; keep what precedes a truncation or corruption."""
    out: list[bytes] = []
    rest = data
    while rest:
        inflater = zlib.decompressobj(wbits=31)
        try:
            out.append(inflater.decompress(rest))
        except zlib.error as exc:
            return b"".join(out), Problem("corrupt_archive", f"gzip stream corrupt ({exc}); kept the bytes before it")
        if not inflater.eof:
            return b"".join(out), Problem("truncated_archive", "gzip stream ends early; kept what it held")
        rest = inflater.unused_data.lstrip(b"\x00")
    return b"".join(out), None


def _unzstd_salvaging(data: bytes) -> tuple[bytes, Problem | None]:
    """Decompress zstd, possibly multi-frame; keep what precedes a truncation or corruption."""
    out: list[bytes] = []
    rest = data
    while rest:
        inflater = zstandard.ZstdDecompressor().decompressobj()
        try:
            out.append(inflater.decompress(rest))
        except zstandard.ZstdError as exc:
            return b"".join(out), Problem("corrupt_archive", f"zstd stream corrupt ({exc}); kept the bytes before it")
        if not inflater.eof:
            return b"".join(out), Problem("truncated_archive", "zstd stream ends early; kept what it held")
        rest = inflater.unused_data
    return b"".join(out), None


def decompress(path: PurePath, data: bytes) -> tuple[bytes, Problem | None]:
    """Undo `.gz` / `.zst` compression named by the file's suffix."""
    suffix = path.suffix.lower()
    if suffix == ".gz":
        if not data.startswith(b"\x1f\x8b"):
            raise RawFileError("corrupt_archive", "named .gz but is not gzip data")
        return _gunzip_salvaging(data)
    if suffix == ".zst":
        if not data.startswith(b"\x28\xb5\x2f\xfd"):
            raise RawFileError("corrupt_archive", "named .zst but is not zstd data")
        return _unzstd_salvaging(data)
    return data, None


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read bytes that are not UTF-8 as cp1252 (latin-1 where cp1252 has a hole)."""
    assert isinstance(exc, UnicodeDecodeError)
    bad = exc.object[exc.start : exc.end]
    return bad.decode("cp1252", errors="ignore") or bad.decode("latin-1"), exc.end


codecs.register_error("newsflow_cp1252", _cp1252_fallback)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes) -> DecodedFile:
    """Decode raw bytes to text, recording the encoding used and anything repaired."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return DecodedFile(data.decode(encoding, errors="replace"), encoding.replace("-sig", ""))
    try:
        return DecodedFile(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as first_error:
        bad_at = first_error.start
    # Mostly UTF-8 with a few stray legacy bytes (text pasted from a cp1252 source)?
    # Then what decodes stays UTF-8 and only the stray bytes are re-read as cp1252.
    multibyte = _UTF8_MULTIBYTE.findall(data)
    high_bytes = len(data) - len(data.translate(None, _HIGH_BYTES))
    stray_high = high_bytes - sum(len(m) for m in multibyte)
    if len(multibyte) >= stray_high:
        text = data.decode("utf-8", errors="newsflow_cp1252")
        return DecodedFile(
            text,
            "utf-8",
            [Problem("mixed_encoding", f"bytes that are not UTF-8 (first at byte {bad_at}) read as cp1252")],
        )
    guess = charset_normalizer.from_bytes(data[: 1 << 20]).best()
    encoding = codecs.lookup(guess.encoding).name if guess is not None else "cp1252"
    # Detectors cannot tell the Latin code pages apart on short texts; news dumps in a
    # Latin script are cp1252 far more often than cp1250 or iso8859-x, so prefer it
    # whenever it decodes every byte.
    if encoding in _LATIN_CODEPAGES and _decodes(data, "cp1252"):
        encoding = "cp1252"
    return DecodedFile(data.decode(encoding, errors="replace"), encoding)


_LATIN_CODEPAGES = frozenset(
    codecs.lookup(name).name
    for name in (
        "cp1250",
        "cp1252",
        "cp1254",
        "cp1257",
        "latin_1",
        "iso8859_2",
        "iso8859_3",
        "iso8859_4",
        "iso8859_9",
        "iso8859_10",
        "iso8859_13",
        "iso8859_14",
        "iso8859_15",
        "iso8859_16",
        "mac_latin2",
        "mac_roman",
        "cp850",
        "cp437",
    )
)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


_HIGH_BYTES = bytes(range(0x80, 0x100))
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32), 127])
BINARY_SAMPLE_BYTES = 1 << 16


def _is_binary(data: bytes) -> bool:
    """Text, even dirty text, has few control bytes; images, archives and executables many.
    A stray NUL or two is cleaned later, not a reason to drop the file."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return False
    sample = data[:BINARY_SAMPLE_BYTES]
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    # A short text with a handful of stray controls is still text: require a count as well as a share.
    return control > max(len(sample) * 0.05, 32)


def read_file_bytes(path: Path) -> bytes:
    """A local file's bytes; a file that vanished or cannot be read is a RawFileError, not a crash."""
    return read_raw_file_bytes(path.parent, path.name)


def read_raw_file_bytes(raw_dir: RawDir, relative: str) -> bytes:
    """A raw file's bytes (local or through fsspec); unreadable or vanished is a RawFileError, not a crash."""
    try:
        return read_raw_bytes(raw_dir, relative)
    except OSError as exc:
        raise RawFileError("unreadable_file", f"{type(exc).__name__}: {exc.strerror or exc}") from exc


def read_raw_file(path: Path) -> DecodedFile:
    """Bytes on disk -> decoded text; raises RawFileError when nothing usable can be read."""
    return decode_file_bytes(path, read_file_bytes(path))


def decode_file_bytes(path: PurePath, data: bytes) -> DecodedFile:
    """A file's bytes (as named by `path`'s suffixes) -> decoded text, or RawFileError."""
    raw, archive_problem = decompress(path, data)
    if not raw.strip():
        if archive_problem is not None:
            raise RawFileError(archive_problem.reason, archive_problem.detail + " (nothing readable)")
        raise RawFileError("empty_file", "file holds no text")
    if _is_binary(raw):
        raise RawFileError("binary_file", "over 5% control bytes (and over 32) in the first 64 KiB: not a text dump")
    decoded = decode_bytes(raw)
    if archive_problem is not None:
        decoded.problems.insert(0, archive_problem)
    return decoded
