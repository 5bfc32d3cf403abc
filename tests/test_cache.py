"""The per-document cache: a second run reads results instead of analysing, and notices every change."""

from __future__ import annotations

import importlib.metadata
import json
import shutil
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
import pytest
from spacy.tokens import Doc
from typer.testing import CliRunner

import hoering
from hoering.cache import FORMAT, Cache, _version, default_dir, document_digest, settings_digest
from hoering.cli import app
from hoering.nlp import Pipeline

from conftest import CORPUS, ROOT

RULES = ROOT / "src" / "hoering" / "rules"


@dataclass(frozen=True)
class CountingPipeline(Pipeline):
    """The blank pipeline, counting the documents it is asked to process."""

    calls: list[int] = field(default_factory=list, compare=False)

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> Iterable[Doc]:
        self.calls.append(1)
        return super().pipe(texts, batch_size)


@pytest.fixture
def counting(blank_pipeline):
    return CountingPipeline(blank_pipeline.nlp, blank_pipeline.name)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    return folder


def entries(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*.json"))


def assert_same(a: hoering.Result, b: hoering.Result) -> None:
    assert a.items == b.items
    assert a.files == b.files
    pd.testing.assert_frame_equal(a.positions, b.positions)
    pd.testing.assert_frame_equal(a.matrix_wide, b.matrix_wide)


def test_second_run_reads_the_cache_and_never_calls_the_pipeline(corpus, tmp_path, counting, sample_result):
    first = hoering.analyse(corpus, model=counting, cache=tmp_path / "cache")
    assert len(counting.calls) == 5 and first.cached == 0
    assert len(entries(tmp_path / "cache")) == 5
    counting.calls.clear()
    second = hoering.analyse(corpus, model=counting, cache=tmp_path / "cache")
    assert counting.calls == []
    assert second.cached == 5
    assert_same(second, first)
    assert second.items == hoering.analyse(corpus, model=counting).items  # as without a cache


def test_cached_tokens_come_back_whole(corpus, tmp_path, blank_pipeline):
    first = hoering.analyse(corpus, model=blank_pipeline, cache=tmp_path / "cache", keep_tokens=True)
    second = hoering.analyse(corpus, model=blank_pipeline, cache=tmp_path / "cache", keep_tokens=True)
    assert second.cached == 5
    assert [p.tokens for p in second.items] == [p.tokens for p in first.items]
    assert all(p.tokens for p in second.items)


def test_changed_file_is_analysed_again_and_only_it(corpus, tmp_path, counting):
    hoering.analyse(corpus, model=counting, cache=tmp_path / "cache")
    changed = sorted(corpus.glob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nVi bakker fuldt op om planen.\n", encoding="utf-8")
    counting.calls.clear()
    again = hoering.analyse(corpus, model=counting, cache=tmp_path / "cache")
    assert len(counting.calls) == 1 and again.cached == 4
    assert_same(again, hoering.analyse(corpus, model=counting))
    assert any("bakker fuldt op om planen" in text for text in again.positions["text"])


def test_changed_manifest_metadata_is_a_changed_document(corpus, tmp_path, blank_pipeline):
    hoering.analyse(corpus, model=blank_pipeline, cache=tmp_path / "cache")
    name = sorted(p.name for p in corpus.glob("*.txt"))[0]
    (corpus / "manifest.csv").write_text(f"file,round\n{name},1999\n", encoding="utf-8")
    again = hoering.analyse(corpus, model=blank_pipeline, cache=tmp_path / "cache")
    assert again.cached == 4
    assert set(again.positions.loc[again.positions["doc"] == name, "round"]) == {"1999"}


def test_changed_rules_miss_the_cache(corpus, tmp_path, blank_pipeline):
    hoering.analyse(corpus, model=blank_pipeline, cache=tmp_path / "cache")
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    with (rules / "stance.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n# a comment is enough: the rules digest covers every byte\n")
    again = hoering.analyse(corpus, rules=rules, model=blank_pipeline, cache=tmp_path / "cache")
    assert again.cached == 0
    assert hoering.analyse(corpus, rules=rules, model=blank_pipeline, cache=tmp_path / "cache").cached == 5


def test_another_model_misses_the_cache(corpus, tmp_path, blank_pipeline, counting):
    hoering.analyse(corpus, model=blank_pipeline, cache=tmp_path / "cache")
    newer = CountingPipeline(blank_pipeline.nlp, "blank:da + lookups 2")
    again = hoering.analyse(corpus, model=newer, cache=tmp_path / "cache")
    assert again.cached == 0 and len(newer.calls) == 5


def test_redaction_setting_has_its_own_entries(corpus, tmp_path, blank_pipeline):
    hoering.analyse(corpus, model=blank_pipeline, cache=tmp_path / "cache")
    plain = hoering.analyse(corpus, model=blank_pipeline, cache=tmp_path / "cache", redact=False)
    assert plain.cached == 0 and plain.redaction is False


def test_settings_digest_changes_with_each_setting(rules):
    base = settings_digest(rules, "blank:da + lookups", True, False)
    assert base == settings_digest(rules, "blank:da + lookups", True, False)
    others = {
        settings_digest(rules, "da_core_news_sm 3.8.0", True, False),
        settings_digest(rules, "blank:da + lookups", False, False),
        settings_digest(rules, "blank:da + lookups", True, True),
        settings_digest(replace(rules, digest="0" * 64), "blank:da + lookups", True, False),
        settings_digest(rules, "blank:da + lookups", True, False, stance="trained"),
    }
    assert base not in others and len(others) == 5


def test_document_digest_covers_id_metadata_and_text(new_document):
    base = document_digest(new_document("Vi støtter planen.", round="2021"))
    assert base == document_digest(new_document("Vi støtter planen.", round="2021"))
    assert base != document_digest(new_document("Vi støtter planen!", round="2021"))
    assert base != document_digest(new_document("Vi støtter planen.", round="2023"))
    assert base != document_digest(new_document("Vi støtter planen.", doc_id="andet.txt", round="2021"))


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut off
        lambda text: "",  # empty
        lambda text: "\x00\xff not json",  # garbage
        lambda text: json.dumps({**json.loads(text), "key": "0" * 64}),  # another document's entry
        lambda text: json.dumps({**json.loads(text), "format": 0}),  # an older layout
        lambda text: json.dumps({**json.loads(text), "positions": [[1, 2, 3]]}),  # wrong shape
        lambda text: text.replace('"support"', '"enthusiasm"'),  # not a stance
        lambda text: json.dumps({**json.loads(text), "positions": [["x"] * 13]}),  # wrong types
    ],
    ids=["truncated", "empty", "garbage", "wrong-key", "old-format", "wrong-shape", "bad-stance", "wrong-types"],
)
def test_corrupt_entry_is_ignored_and_rewritten(corpus, tmp_path, blank_pipeline, damage):
    first = hoering.analyse(corpus, model=blank_pipeline, cache=tmp_path / "cache")
    entry = max(entries(tmp_path / "cache"), key=lambda p: p.stat().st_size)  # one with support cues
    entry.write_text(damage(entry.read_text(encoding="utf-8")), encoding="utf-8", errors="surrogateescape")
    again = hoering.analyse(corpus, model=blank_pipeline, cache=tmp_path / "cache")
    assert again.cached == 4
    assert_same(again, first)
    assert json.loads(entry.read_text(encoding="utf-8"))["format"] == FORMAT  # written anew
    assert hoering.analyse(corpus, model=blank_pipeline, cache=tmp_path / "cache").cached == 5


def test_cache_that_cannot_be_written_is_a_warning_not_a_failure(corpus, tmp_path, blank_pipeline):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    result = hoering.analyse(corpus, model=blank_pipeline, cache=blocked)
    assert len(result.items) > 50 and result.cached == 0
    assert result.cache_problem.startswith(f"{blocked}: cache not written")


def test_cache_folders_are_private(corpus, tmp_path, blank_pipeline):
    hoering.analyse(corpus, model=blank_pipeline, cache=tmp_path / "cache")
    for path in [tmp_path / "cache", *(p for p in (tmp_path / "cache").rglob("*"))]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, (path, oct(mode))


def test_no_cache_when_none_is_given(corpus, tmp_path, blank_pipeline, monkeypatch):
    monkeypatch.setenv("HOERING_CACHE_DIR", str(tmp_path / "env-cache"))
    result = hoering.analyse(corpus, model=blank_pipeline)
    assert result.cached is None and not (tmp_path / "env-cache").exists()


def test_default_dir_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("HOERING_CACHE_DIR", str(tmp_path / "mine"))
    assert default_dir() == tmp_path / "mine"
    monkeypatch.delenv("HOERING_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if default_dir().parts[-3:-1] != ("Library", "Caches") and "LOCALAPPDATA" not in str(default_dir()):
        assert default_dir() == tmp_path / "xdg" / "hoering"


def test_entries_of_other_settings_live_apart(tmp_path, rules):
    a = Cache(tmp_path, settings_digest(rules, "one", True, False))
    b = Cache(tmp_path, settings_digest(rules, "two", True, False))
    assert a.folder != b.folder and a.folder.parent == b.folder.parent


# --- the command ----------------------------------------------------------------------------


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, ["analyse", *args], env=env)


def test_cli_caches_under_cache_dir_and_says_so(tmp_path):
    cache = tmp_path / "cache"
    first = run(str(CORPUS), "--cache-dir", str(cache), "--format", "json")
    second = run(str(CORPUS), "--cache-dir", str(cache), "--format", "json")
    assert first.exit_code == second.exit_code == 0, first.output
    assert len(entries(cache)) == 5
    assert " · 0 of 5 from cache · " in first.stderr
    assert " · 5 of 5 from cache · " in second.stderr
    assert second.stdout == first.stdout  # the output does not tell a cached run apart


def test_cli_cache_dir_defaults_to_the_environment(tmp_path):
    result = run(str(CORPUS), "--quiet", env={"HOERING_CACHE_DIR": str(tmp_path / "env")})
    assert result.exit_code == 0, result.output
    assert len(entries(tmp_path / "env")) == 5


def test_cli_no_cache_reads_and_writes_nothing(tmp_path):
    cache = tmp_path / "cache"
    result = run(str(CORPUS), "--no-cache", "--cache-dir", str(cache), env={"HOERING_CACHE_DIR": str(cache)})
    assert result.exit_code == 0, result.output
    assert not cache.exists()
    assert "from cache" not in result.stderr


def test_cli_unwritable_cache_warns_and_goes_on(tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("not a folder", encoding="utf-8")
    result = run(str(CORPUS), "--cache-dir", str(blocked))
    assert result.exit_code == 0, result.output
    assert f"warning: {blocked}: cache not written" in result.stderr


def test_cache_of_the_command_holds_redacted_texts_only(tmp_path, blank_pipeline):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "svar.txt").write_text(
        "---\nbody: Handicaprådet\nbody_type: raad\n---\n"
        "Vi bakker op om planen. Mit CPR-nr. er 010190-1234, og min mail er jens@example.dk.\n",
        encoding="utf-8",
    )
    result = hoering.analyse(
        corpus, model=blank_pipeline, cache=tmp_path / "cache", keep_tokens=False
    )  # as the command
    (entry,) = entries(tmp_path / "cache")
    stored = entry.read_text(encoding="utf-8")
    assert "[CPR]" in stored and "[EMAIL]" in stored
    assert "010190-1234" not in stored and "jens@example.dk" not in stored
    again = hoering.analyse(corpus, model=blank_pipeline, cache=tmp_path / "cache", keep_tokens=False)
    assert again.items == result.items and again.cached == 1


def test_cache_info_and_clear_see_and_empty_the_cache_and_touch_nothing_else(tmp_path):
    from typer.testing import CliRunner

    from hoering.cli import app

    folder = tmp_path / "cache"
    runner = CliRunner()
    from conftest import CORPUS

    assert runner.invoke(app, ["analyse", str(CORPUS), "-m", "blank", "-q", "--cache-dir", str(folder)]).exit_code == 0
    (folder / "mine.txt").write_text("not the cache's")
    info = json.loads(runner.invoke(app, ["cache", "info", "--cache-dir", str(folder)]).stdout)
    assert info["entries"] == 5 and info["bytes"] > 0 and info["settings"] == 1
    cleared = runner.invoke(app, ["cache", "clear", "--cache-dir", str(folder)])
    assert cleared.exit_code == 0 and f"removed 5 cache entries from {folder}" in cleared.stderr
    assert json.loads(runner.invoke(app, ["cache", "info", "--cache-dir", str(folder)]).stdout)["entries"] == 0
    assert (folder / "mine.txt").read_text() == "not the cache's"


@pytest.mark.parametrize("package", ["spacy", "spacy-lookups-data", "Spacy_Lookups.Data", "hoering", "no-such-package"])
def test_the_versions_in_the_settings_are_those_importlib_metadata_reads(package):
    # The settings read them from the .dist-info folder's name, without importlib.metadata.
    try:
        expected = importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        expected = ""
    assert _version(package) == expected
