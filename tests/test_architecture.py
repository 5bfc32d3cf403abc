"""docs/architecture.md lists every module of the package, and no module outgrows a reader's attention."""

from __future__ import annotations

import re

from conftest import ROOT

PACKAGE = ROOT / "src" / "hoering"
ARCHITECTURE = ROOT / "docs" / "architecture.md"

#: The most lines a module of the package may have: past this, it holds more than one concern.
MAX_LINES = 450
#: Modules allowed past MAX_LINES for now, each with the reason.
OVERSIZED = {
    "senders.py": "being split",
}


def _modules() -> set[str]:
    return {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")}


def _tabled() -> list[str]:
    """The modules the tables of docs/architecture.md name in their first column."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    return re.findall(r"^\| `([\w/]+\.py)` \|", text, re.MULTILINE)


def test_every_module_is_in_the_architecture_table():
    missing = sorted(_modules() - set(_tabled()))
    assert missing == [], f"add these to docs/architecture.md: {missing}"


def _landings() -> list[str]:
    """The modules the table "Where a new piece lands" names: a new output format, stance model, reader, executor."""
    text = ARCHITECTURE.read_text(encoding="utf-8").split("## Where a new piece lands", 1)[1]
    return re.findall(r"^\| [^|]+ \| `([\w/]+\.py)` \|", text, re.MULTILINE)


def test_every_module_in_the_architecture_doc_exists():
    gone = sorted(set(_tabled() + _landings()) - _modules())
    assert gone == [], f"docs/architecture.md names modules that no longer exist: {gone}"


def test_the_doc_names_where_each_new_piece_lands():
    text = ARCHITECTURE.read_text(encoding="utf-8").split("## Where a new piece lands", 1)[1]
    for piece in ("output format", "stance model", "reader", "executor"):
        assert re.search(rf"^\| {piece}\b[^|]*\| `[\w/]+\.py` \|", text, re.MULTILINE), piece


def test_each_module_is_listed_once():
    tabled = _tabled()
    assert sorted(m for m in set(tabled) if tabled.count(m) > 1) == []


def test_no_module_is_longer_than_the_limit():
    lines = {name: len((PACKAGE / name).read_text(encoding="utf-8").splitlines()) for name in _modules()}
    too_long = {name: n for name, n in sorted(lines.items()) if n > MAX_LINES and name not in OVERSIZED}
    assert too_long == {}, f"split these modules (at most {MAX_LINES} lines): {too_long}"


def test_the_exceptions_to_the_limit_still_exist():
    # An exception outlives its module's split only by mistake: then it would let the next long module through.
    assert sorted(set(OVERSIZED) - _modules()) == []
