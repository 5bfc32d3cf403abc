"""Make text that came from the input safe for where it goes out: spreadsheets, terminals, Markdown, SVG.

Everything here works on text a response, its file name or its metadata put
into an output, so a hostile file cannot turn into a formula in Excel, a
script in a rendered Markdown report, markup or escape sequences in the
terminal, or invalid XML in an SVG.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from . import lazy
from .models import NOTEBOOK_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

pd = lazy.module("pandas")  # csv_frame only: the rest is for every output, pandas or not

#: A cell starting with one of these is read as a formula by Excel, LibreOffice and
#: Google Sheets (OWASP, "CSV Injection"): it gets a leading apostrophe.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$")
# C0 and C1 controls (line breaks aside), and the bidirectional overrides and isolates
# that can make a name read backwards ("U+202E").
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_UNSAFE_INLINE = re.compile(_UNSAFE.pattern[:-1] + "\n\r\t]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~&])")


def csv_cell(value: object) -> object:
    """A value for a CSV cell: text that a spreadsheet would run as a formula gets a leading ``'``.

    Numbers (also negative ones, and text that is one, such as ``-3``) are left
    as they are, so the matrices keep their figures.
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_START) or _NUMBER.match(value):
        return value
    return "'" + value


def output_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` without the columns kept for a notebook only (`theme_list`): what a file or stdout gets."""
    extra = [c for c in NOTEBOOK_COLUMNS if c in frame.columns]
    return frame.drop(columns=extra) if extra else frame


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with every text cell passed through `csv_cell` (the frame itself is not changed)."""
    text_columns = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c].dtype)]
    risky = [c for c in text_columns if frame[c].astype(str).str.startswith(FORMULA_START).any()]
    if not risky:
        return frame
    safe = frame.copy()
    for column in risky:
        safe[column] = safe[column].astype(object).map(csv_cell)
    return safe


def plain(text: str) -> str:
    """`text` without control characters and bidirectional overrides; line breaks and tabs become spaces."""
    return _UNSAFE_INLINE.sub(lambda m: " " if m.group() in "\n\r\t" else "", text)


def plain_block(text: str) -> str:
    """`text` without control characters and bidirectional overrides, its line breaks kept."""
    return _UNSAFE.sub("", text)


def xml_text(text: str) -> str:
    """`text` with what XML 1.0 cannot hold taken out (C0 controls but tab and line breaks, lone surrogates)."""
    cleaned = plain_block(text)
    return "".join(c for c in cleaned if unicodedata.category(c) != "Cs")


def markdown(text: str) -> str:
    """`text` for Markdown prose or a table cell: every character Markdown or HTML could act on escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", plain(text))


def markdown_code(text: str) -> str:
    """`text` as an inline code span that no backtick in it can close: fenced by a longer run of backticks."""
    text = plain(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"
