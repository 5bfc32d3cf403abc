"""Control files a user edits in a spreadsheet: manifest.csv, corrections.csv, gold.csv.

Danish Excel saves "CSV (semikolonsepareret)" with `;` between fields and in
cp1252, or as "CSV UTF-8" with a byte order mark; other tools write `,` and plain
UTF-8. All of these read the same here. Stances and themes may be written as the
ids (``support``, ``unge``) or as the Danish or English labels the reports show
(``Støtte``, ``Unge``), in any case.
"""

from __future__ import annotations

import codecs
import csv
import tomllib
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path

from .models import Stance

#: Field separators a control file may use, in the order a tie is decided.
DELIMITERS = (";", ",", "\t")


def read_control_text(path: str | Path) -> tuple[str, str]:
    """The text of a control file and the encoding it was read in.

    UTF-8 (with or without a byte order mark) and UTF-16 with a byte order mark are
    recognised; anything else that is not valid UTF-8 is read as cp1252, what Excel on
    a Danish Windows writes.

    Raises:
        OSError: the file cannot be read.
        UnicodeDecodeError: the bytes are in none of these encodings.
    """
    data = Path(path).read_bytes()
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8 with BOM"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252"), "cp1252"


def delimiter_of(text: str) -> str:
    """The field separator of a CSV text, judged by its header line (outside quotes)."""
    header, quoted = [], False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char in "\r\n" and not quoted:
            break
        elif not quoted:
            header.append(char)
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


class ControlReader(csv.DictReader):
    """A DictReader with stripped column names that passes over rows with no value at all.

    Excel writes ``;;;;`` for a row whose cells were touched and emptied.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text.splitlines(keepends=True), delimiter=delimiter_of(text))

    @property
    def fieldnames(self):  # type: ignore[override]
        names = super().fieldnames
        return None if names is None else [(n or "").strip() for n in names]

    @fieldnames.setter
    def fieldnames(self, value) -> None:
        self._fieldnames = value

    def __next__(self) -> dict[str, str]:
        while True:
            row = super().__next__()
            if any((v or "").strip() for k, v in row.items() if k is not None and isinstance(v, str)):
                return row


def control_rows(path: str | Path) -> ControlReader:
    """A reader over the rows of a control file, whatever its separator and encoding.

    Raises:
        OSError: the file cannot be read.
        UnicodeDecodeError: the bytes are in no supported encoding.
    """
    text, _ = read_control_text(path)
    return ControlReader(text)


@cache
def _stance_names() -> dict[str, Stance]:
    text = (resources.files("hoering") / "report_strings.toml").read_text(encoding="utf-8")
    names: dict[str, Stance] = {}
    for strings in tomllib.loads(text).values():
        for stance in Stance:
            label = strings.get(f"stance_{stance.value}") if isinstance(strings, dict) else None
            if isinstance(label, str):
                names.setdefault(label.casefold().strip(), stance)
    for stance in Stance:
        names[stance.value] = stance
    return names


def stance_of(value: str) -> Stance:
    """The stance a cell names: its id or a report label (``Støtte``, ``Krav og ønsker``), any case.

    Raises:
        ValueError: the value names no stance; the message lists what is accepted.
    """
    found = _stance_names().get(" ".join(value.split()).casefold())
    if found is None:
        raise ValueError(f"unknown stance '{value}' (use {stance_choices()})")
    return found


def stance_choices() -> str:
    """The accepted stance values, for error messages."""
    labels = [n for n, s in _stance_names().items() if n != s.value]
    return ", ".join(s.value for s in Stance) + (f" or the labels {', '.join(labels)}" if labels else "")


def theme_names(themes: Iterable[object]) -> dict[str, str]:
    """Theme id, Danish and English label, case-folded, each to the theme id.

    Args:
        themes: the codebook's themes (with ``id``, ``label_da`` and ``label_en``), or bare theme ids.
    """
    names: dict[str, str] = {}
    for theme in themes:
        if isinstance(theme, str):
            names[theme.casefold()] = theme
            continue
        for name in (getattr(theme, "label_en", ""), getattr(theme, "label_da", ""), theme.id):
            if name:
                names[" ".join(str(name).split()).casefold()] = theme.id
    return names


def theme_ids_of(values: str, names: Mapping[str, str]) -> tuple[frozenset[str], list[str]]:
    """The theme ids of a ``|``-separated cell, and the parts that name no theme."""
    ids, unknown = set(), []
    for part in values.split("|"):
        key = " ".join(part.split()).casefold()
        if not key:
            continue
        if key in names:
            ids.add(names[key])
        else:
            unknown.append(part.strip())
    return frozenset(ids), unknown
