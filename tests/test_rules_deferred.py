"""The stance rules and their lexicon are read only when a document is analysed; their bytes key the cache at once."""

from __future__ import annotations

import pickle
import shutil

import pytest
from typer.testing import CliRunner

import hoering
import hoering.rules
from hoering.cli import app
from hoering.errors import RulesError
from hoering.models import Stance
from hoering.rules import load_rules

from conftest import CORPUS

MARK = "blåbærgrød"  # a word no rules file and no response holds


@pytest.fixture
def counted(monkeypatch):
    """How often the stance rules are built."""
    calls = []
    real = hoering.rules.build_stance

    def build(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(hoering.rules, "build_stance", build)
    return calls


def _own_rules(tmp_path, cue="støtter"):
    """A rules folder whose lexicon adds a family with `cue` (and an empty segmentation.toml: a folder needs one file)."""
    folder = tmp_path / "rules"
    (folder / "lexicon").mkdir(parents=True)
    (folder / "segmentation.toml").write_text("", encoding="utf-8")
    (folder / "lexicon" / "support.toml").write_text(
        f'stance = "support"\n\n[[family]]\nname = "egne"\nsource = "a test"\ncues = ["{cue}"]\n', encoding="utf-8"
    )
    return folder


def test_a_run_from_the_cache_never_builds_the_stance_rules(tmp_path, counted):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    first = hoering.analyse(corpus, model="blank", cache=tmp_path / "cache")
    assert counted == [1]
    again = hoering.analyse(corpus, model="blank", cache=tmp_path / "cache")
    assert counted == [1]
    assert again.cached == len(again.read)
    assert again.positions.equals(first.positions)


def test_a_changed_lexicon_file_is_noticed(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "ny.txt").write_text(f"---\nbody: FagMED\n---\nVi ønsker {MARK} til alle.\n", encoding="utf-8")
    rules = _own_rules(tmp_path, MARK)
    hoering.analyse(corpus, rules=rules, model="blank", cache=tmp_path / "cache")
    before = hoering.analyse(corpus, rules=rules, model="blank", cache=tmp_path / "cache")
    assert before.cached == len(before.read)
    lexicon = rules / "lexicon" / "support.toml"
    lexicon.write_text(lexicon.read_text(encoding="utf-8").replace(MARK, "hurra"), encoding="utf-8")
    after = hoering.analyse(corpus, rules=rules, model="blank", cache=tmp_path / "cache")
    assert after.cached == 0

    def cues(result):
        return {c.term for p in result.items if p.doc_id == "ny.txt" for c in p.stance.cues}

    assert MARK in cues(before)
    assert MARK not in cues(after)


def test_a_bad_lexicon_file_stops_the_run_with_its_error(tmp_path):
    rules = _own_rules(tmp_path)
    (rules / "lexicon" / "support.toml").write_text('stance = "support"\n[[family]]\nname = "x"\n', encoding="utf-8")
    with pytest.raises(RulesError, match=r"support\.toml.*source"):
        hoering.analyse(CORPUS, rules=rules, model="blank", cache=tmp_path / "cache")
    result = CliRunner().invoke(app, ["analyse", str(CORPUS), "-r", str(rules), "-m", "blank", "-q"])
    assert result.exit_code != 0
    assert "support.toml" in result.stderr and "Traceback" not in result.stderr


def test_deferred_rules_are_the_rules_once_read_and_travel_to_workers(tmp_path):
    rules = _own_rules(tmp_path)
    eager, lazy = load_rules(rules), load_rules(rules, lazy=True)
    assert lazy.digest == eager.digest
    moved = pickle.loads(pickle.dumps(lazy))
    assert moved.stance == eager.stance
    assert lazy == eager
    assert any(t.pattern.source == "støtter" for t in lazy.stance.cues[Stance.SUPPORT])


def test_load_rules_reports_a_bad_stance_file_at_once(tmp_path):
    rules = _own_rules(tmp_path)
    (rules / "stance.toml").write_text("[settings\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"stance\.toml"):
        load_rules(rules)
    assert load_rules(rules, lazy=True).digest  # deferred: read when first used
    with pytest.raises(RulesError, match=r"stance\.toml"):
        _ = load_rules(rules, lazy=True).stance
