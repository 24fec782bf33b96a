"""Text cleaning as polars expressions; Python only for the few rows that need ftfy or html."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable

import ftfy
import polars as pl

# UTF-8 read as cp1252/latin-1: a lead byte shown as Â..ï followed by a continuation byte shown
# as a cp1252 punctuation sign or a latin-1 symbol. Only rows matching this go through ftfy.
MOJIBAKE_RE = (
    r"[ÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßâãäåæçèéêëìíîï]"
    r"[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    r"\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
# JavaScript `escape()` output left in text by legacy CMSs: `%u2014` for `—`, emoji as surrogate pairs
# (`%uD83D%uDE21`).
PERCENT_U_RE = r"%u[0-9A-Fa-f]{4}"
HTML_ENTITY_RE = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
# Spaces of every width become a plain space; line/paragraph separators become newlines.
ODD_SPACE_RE = r"[\t\x0b\x0c\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
# Zero-width and invisible marks. ZWNJ/ZWJ (U+200C/D) are kept: scripts and emoji need them.
INVISIBLE_RE = r"[\u200b\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069]"
C0_CONTROL_RE = r"[\x00-\x08\x0e-\x1f\x7f]"
# C1 controls are removed only after the mojibake repair, which needs them (`â€\x9d` is `”`).
CONTROL_RE = r"[\x00-\x08\x0e-\x1f\x7f\u0080-\u009f]"


def _fix_rows(series: pl.Series, pattern: str, fix: Callable[[str], str]) -> pl.Series:
    """Apply `fix` only to rows that match `pattern`; the rest are untouched and never leave Arrow."""
    mask = series.str.contains(pattern).fill_null(False)
    if not mask.any():
        return series
    fixed = pl.Series([fix(text) for text in series.filter(mask).to_list()], dtype=pl.String)
    return series.scatter(mask.arg_true(), fixed)


def repair_mojibake(series: pl.Series) -> pl.Series:
    """Undo double-decoded UTF-8 (`â€™` -> `’`) with ftfy, on the rows that show it."""
    config = ftfy.TextFixerConfig(unescape_html=False, normalization="NFC", uncurl_quotes=False, fix_line_breaks=False)
    return _fix_rows(series, MOJIBAKE_RE, lambda text: ftfy.fix_text(text, config=config))


def _unescape_fully(text: str) -> str:
    # Crawls sometimes escape twice (`&amp;amp;`); unescaping to a fixed point keeps
    # cleaning idempotent. Bounded: each pass shortens the text.
    for _ in range(4):
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    return text


def _decode_percent_u_once(text: str) -> str:
    def decode_run(run: re.Match[str]) -> str:
        written = re.findall(PERCENT_U_RE, run.group(0))
        units = [int(unit[2:], 16) for unit in written]
        out: list[str] = []
        i = 0
        while i < len(units):
            unit = units[i]
            following = units[i + 1] if i + 1 < len(units) else 0
            if 0xD800 <= unit <= 0xDBFF and 0xDC00 <= following <= 0xDFFF:
                out.append(chr(0x10000 + ((unit - 0xD800) << 10) + (following - 0xDC00)))
                i += 2
                continue
            # (a lone surrogate is no character: its escape stays as written)
            out.append(written[i] if 0xD800 <= unit <= 0xDFFF else chr(unit))
            i += 1
        return "".join(out)

    return re.sub(f"(?:{PERCENT_U_RE})+", decode_run, text)


def _decode_percent_u(text: str) -> str:
    # To a fixed point, as for entities (`%u0025u2014` is `%u2014` escaped once more). Bounded.
    for _ in range(4):
        decoded = _decode_percent_u_once(text)
        if decoded == text:
            break
        text = decoded
    return text


def decode_percent_u(series: pl.Series) -> pl.Series:
    """`%u2014` -> `—`, `%uD83D%uDE21` -> `😡`, on the rows that hold such escapes."""
    return _fix_rows(series, PERCENT_U_RE, _decode_percent_u)


def unescape_entities(series: pl.Series) -> pl.Series:
    """`&amp;` -> `&`, `&mdash;` -> `—`, on the rows that hold entities."""
    return _fix_rows(series, HTML_ENTITY_RE, _unescape_fully)


def to_nfc(series: pl.Series) -> pl.Series:
    """Unicode NFC, computed only for the rows that are not already NFC.

    CPython's quick check (`unicodedata.is_normalized`) clears almost every news article at
    memory speed; normalising every row costs more than all other cleaning steps together.
    """
    needs = pl.Series([not unicodedata.is_normalized("NFC", text) for text in series.to_list()], dtype=pl.Boolean)
    if not needs.any():
        return series
    rows = needs.arg_true()
    return series.scatter(rows, series.gather(rows).str.normalize("NFC"))


def normalise_text(column: str) -> pl.Expr:
    """Newlines, spaces, invisible and control characters; pure polars (NFC is `to_nfc`)."""
    return (
        pl.col(column)
        .str.replace_all(r"\r\n?|[\u2028\u2029\x85]", "\n")
        .str.replace_all(INVISIBLE_RE, "")
        .str.replace_all(ODD_SPACE_RE, " ")
        .str.replace_all(CONTROL_RE, "")
        .str.replace_all(r" {2,}", " ")
        .str.replace_all(r"(?m)^ +| +$", "")
        .str.strip_chars()
    )


def _clean_series(raw: pl.Series) -> pl.Series:
    # Invisible and control characters go first: left in place they can hide mojibake
    # from the repair step and then reveal it once removed.
    visible = raw.str.replace_all(INVISIBLE_RE, "").str.replace_all(C0_CONTROL_RE, "")
    # (escapes are decoded before the mojibake repair: a decoded `%u00C3%u00A9` is mojibake itself)
    repaired = repair_mojibake(decode_percent_u(unescape_entities(visible)))
    # NFC last: removing characters can leave a base letter next to a combining mark.
    return to_nfc(repaired.to_frame("t").select(normalise_text("t")).to_series().alias(raw.name))


def clean_text(frame: pl.DataFrame, source: str = "raw_text", target: str = "text") -> pl.DataFrame:
    """Add `target`: the cleaned form of `source`. Idempotent: cleaning clean text changes nothing."""
    cleaned = _clean_series(frame.get_column(source))
    # Normalising spaces can bring mojibake or entities together that were apart; the few rows
    # that still show either get another round, so that cleaning twice equals cleaning once.
    for _ in range(MAX_EXTRA_ROUNDS):
        again = cleaned.str.contains(f"{MOJIBAKE_RE}|{HTML_ENTITY_RE}|{PERCENT_U_RE}").fill_null(False)
        if not again.any():
            break
        rows = again.arg_true()
        cleaned = cleaned.scatter(rows, _clean_series(cleaned.gather(rows)))
    return frame.with_columns(cleaned.alias(target))


MAX_EXTRA_ROUNDS = 2
