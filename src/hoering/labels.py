"""Stances and themes as a user writes them in a control file or an option.

corrections.csv and gold.csv (edited in a spreadsheet) and the ``--theme`` option
may name a stance or a theme by its id (``support``, ``unge``) or by the Danish
or English label the reports show (``Støtte``, ``Unge``), in any case. Reading
the files themselves (separator, encoding) is `hoering.fs.read_control_csv`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources

from .models import Stance


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
