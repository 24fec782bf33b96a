from __future__ import annotations

import codecs
import gzip
from pathlib import Path

import pytest
import zstandard

from tasks.read import RawFileError, decode_bytes, logical_suffix, read_raw_file

TEXT = " date 2022-04-22 Café owners said “no”.\n\nSecond paragraph.\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_plain_utf8(tmp_path):
    decoded = read_raw_file(write(tmp_path, "a.txt", TEXT.encode()))
    assert decoded.text == TEXT
    assert decoded.encoding == "utf-8"
    assert decoded.problems == []


def test_gzip_and_zstd_round_trip(tmp_path):
    assert read_raw_file(write(tmp_path, "a.txt.gz", gzip.compress(TEXT.encode()))).text == TEXT
    zst = zstandard.ZstdCompressor().compress(TEXT.encode())
    assert read_raw_file(write(tmp_path, "a.jsonl.zst", zst)).text == TEXT


def test_truncated_gzip_keeps_what_it_can(tmp_path):
    big = (TEXT * 2000).encode()
    data = gzip.compress(big)
    decoded = read_raw_file(write(tmp_path, "cut.txt.gz", data[: len(data) // 2]))
    assert decoded.problems[0].reason == "truncated_archive"
    assert 0 < len(decoded.text) < len(big)
    assert big.decode().startswith(decoded.text[:1000])


def test_truncated_zstd_keeps_what_it_can(tmp_path):
    # Varied text, so the frame holds several blocks and the first ones survive the cut.
    big = "".join(f"date 2022-01-01 Article {i} about {i * 7919 % 10007}.\n" for i in range(40000)).encode()
    data = zstandard.ZstdCompressor().compress(big)
    decoded = read_raw_file(write(tmp_path, "cut.txt.zst", data[: len(data) // 2]))
    assert decoded.problems[0].reason == "truncated_archive"
    assert 0 < len(decoded.text) < len(big)
    assert big.decode().startswith(decoded.text)


def test_not_really_gzip_is_a_file_error(tmp_path):
    with pytest.raises(RawFileError) as err:
        read_raw_file(write(tmp_path, "fake.txt.gz", b"plain text pretending"))
    assert err.value.reason == "corrupt_archive"


def test_empty_and_binary_files_are_file_errors(tmp_path):
    with pytest.raises(RawFileError) as err:
        read_raw_file(write(tmp_path, "empty.txt", b"  \n"))
    assert err.value.reason == "empty_file"
    with pytest.raises(RawFileError) as err:
        read_raw_file(write(tmp_path, "junk.txt", bytes(range(256)) * 10))
    assert err.value.reason == "binary_file"


def test_cp1252_file_is_detected_and_recorded():
    decoded = decode_bytes("The café owner said “it’s time” — naïve.".encode("cp1252"))
    assert decoded.encoding == "cp1252"
    assert decoded.text == "The café owner said “it’s time” — naïve."


def test_cyrillic_legacy_encoding_is_detected():
    text = "Министр заявил в пятницу, что переговоры продолжатся на следующей неделе."
    decoded = decode_bytes(text.encode("cp1251"))
    assert decoded.text == text


def test_utf8_with_stray_cp1252_bytes_keeps_both():
    data = "Zürich “quoted”".encode() + " and naïve".encode("cp1252")
    decoded = decode_bytes(data)
    assert decoded.text == "Zürich “quoted” and naïve"
    assert decoded.encoding == "utf-8"
    assert decoded.problems[0].reason == "mixed_encoding"


def test_utf16_with_bom():
    data = codecs.BOM_UTF16_LE + "date 2022-01-01 Hello".encode("utf-16-le")
    decoded = decode_bytes(data)
    assert decoded.text == "date 2022-01-01 Hello"
    assert decoded.encoding == "utf-16"


@pytest.mark.parametrize(
    ("name", "suffix"),
    [("a.txt", ".txt"), ("a.jsonl.gz", ".jsonl"), ("x.y.ndjson.zst", ".ndjson"), ("README.md", ".md")],
)
def test_logical_suffix(name, suffix):
    assert logical_suffix(Path(name)) == suffix
