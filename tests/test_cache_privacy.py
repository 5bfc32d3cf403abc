"""The cache lives outside the corpus: with redaction on, no entry holds a personal string."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import hoering
from hoering.cli import app

runner = CliRunner()

#: What the response below holds that no cache file may.
PERSONAL = (
    "Jens Hansen",
    "Jens",
    "Hansen",
    "010190-1234",
    "0101901234",
    "jens.hansen@example.dk",
    "jens@example.dk",
    "23 45 67 89",
    "Mehmet",
    "Öztürk",
    "Nørregade",
    "pension",  # the file's name is no business of the cache either
)


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    # A private person named in the header, personal data in the round and plan fields
    # (as a careless manifest or header writes them), in the text and under the sign-off.
    (folder / "jens_pension.txt").write_text(
        "---\nbody: Jens Hansen\nbody_type: borger\nround: 2024 jens@example.dk\nplan: Lokalplan 12 tlf 23 45 67 89\n---\n"
        "Jeg er imod planen for skolen. Mit CPR-nr. er 010190-1234, ring på 23 45 67 89 "
        "eller skriv til jens.hansen@example.dk.\n\nMed venlig hilsen\nJens Hansen\n",
        encoding="utf-8",
    )
    # No header: the sender is found under the sign-off, a name in no Danish spelling.
    (folder / "svar2.txt").write_text(
        "Vi støtter planen for de unge, men vi savner cykelstier. Ring på 0101901234 hvis det er.\n\n"
        "Venlig hilsen\nMehmet Öztürk\nNørregade 12, 8000 Aarhus C\n",
        encoding="utf-8",
    )
    return folder


def _leaks(cache: Path) -> dict[str, list[str]]:
    files = [p for p in cache.rglob("*") if p.is_file()]
    assert files, "the run stored nothing in the cache"
    found: dict[str, list[str]] = {}
    for path in files:
        data = path.read_bytes().decode("utf-8", "replace").casefold()
        for word in PERSONAL:
            if word.casefold() in data:
                found.setdefault(word, []).append(path.name)
    return found


@pytest.mark.parametrize("command", ["analyse", "report"])  # report keeps the tokens, analyse does not
def test_no_cache_file_holds_a_personal_string_after_a_run(tmp_path, command):
    corpus = _corpus(tmp_path / "corpus")
    cache = tmp_path / "cache"
    extra = ["--out", str(tmp_path / "notat.md")] if command == "report" else ["-f", "json"]
    args = [command, str(corpus), *extra, "--model", "blank", "-q", "--cache-dir", str(cache)]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert _leaks(cache) == {}
    again = runner.invoke(app, args)  # read back from the cache: the same output
    assert again.exit_code == 0 and again.stdout == first.stdout


def test_a_result_read_from_the_cache_equals_one_analysed_afresh(tmp_path, blank_pipeline):
    corpus = _corpus(tmp_path / "corpus")
    fresh = hoering.analyse(corpus, model=blank_pipeline, keep_tokens=True)
    hoering.analyse(corpus, model=blank_pipeline, cache=tmp_path / "cache", keep_tokens=True)
    cached = hoering.analyse(corpus, model=blank_pipeline, cache=tmp_path / "cache", keep_tokens=True)
    assert cached.cached == 2
    assert cached.items == fresh.items and cached.files == fresh.files
    assert {p.body for p in cached.items} == {"Borger 1", "Borger 2"}
    assert _leaks(tmp_path / "cache") == {}


def test_kept_tokens_hold_placeholders_where_the_text_does(tmp_path, blank_pipeline):
    corpus = _corpus(tmp_path / "corpus")
    result = hoering.analyse(corpus, model=blank_pipeline, keep_tokens=True)
    words = {t.text for p in result.items for t in p.tokens}
    assert {"[CPR]", "[EMAIL]", "[NAVN]"} <= words
    assert not words & {"Jens", "Hansen", "010190-1234", "Mehmet", "Öztürk"}


def test_without_redaction_the_cache_keeps_its_entries_apart(tmp_path, blank_pipeline):
    corpus = _corpus(tmp_path / "corpus")
    hoering.analyse(corpus, model=blank_pipeline, cache=tmp_path / "cache")
    plain = hoering.analyse(corpus, model=blank_pipeline, cache=tmp_path / "cache", redact=False)
    assert plain.cached == 0 and "Jens Hansen" in {p.body for p in plain.items}
