"""Shared fixtures: one blank Danish pipeline per session, the default rules, the sample corpus."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import hoering
from hoering.models import Document, Metadata, Position, Token
from hoering.nlp import Pipeline, build_pipeline
from hoering.pipeline import Analyser, Result
from hoering.rules import Rules, load_rules

ROOT = Path(__file__).parents[1]
CORPUS = ROOT / "corpus"
CODEBOOK = ROOT.parent / "shared" / "CODEBOOK.md"


def make_document(text: str, doc_id: str = "svar.txt", **meta: str | None) -> Document:
    """A Document for `text` as if read from a file without a header."""
    return Document(doc_id, Path(doc_id), text, Metadata(**meta))


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands write their cache into a fresh folder of each test, never the user's."""
    monkeypatch.setenv("HOERING_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def codebook_md() -> Path:
    return CODEBOOK


@pytest.fixture(scope="session")
def new_document() -> Callable[..., Document]:
    """``new_document(text, doc_id=..., body=..., ...)``: see `make_document`."""
    return make_document


@pytest.fixture(scope="session")
def blank_pipeline() -> Pipeline:
    return build_pipeline("blank")


@pytest.fixture(scope="session")
def rules() -> Rules:
    return load_rules()


@pytest.fixture(scope="session")
def analyser(rules: Rules, blank_pipeline: Pipeline) -> Analyser:
    return Analyser(rules, blank_pipeline)


@pytest.fixture(scope="session")
def sample_result(blank_pipeline: Pipeline) -> Result:
    return hoering.analyse(CORPUS, model=blank_pipeline)


@pytest.fixture(scope="session")
def positions_of(analyser: Analyser) -> Callable[..., list[Position]]:
    """``positions_of(text, body=..., ...)``: the positions of a one-document response."""

    def run(text: str, doc_id: str = "svar.txt", **meta: str | None) -> list[Position]:
        return analyser.document(make_document(text, doc_id, **meta))

    return run


@pytest.fixture(scope="session")
def tokens(blank_pipeline: Pipeline) -> Callable[[str], tuple[Token, ...]]:
    """``tokens(text)``: the Tokens of `text`, offsets indexing `text`."""

    def run(text: str) -> tuple[Token, ...]:
        return tuple(
            Token(t.text, t.lower_, (t.lemma_ or t.text).lower(), t.idx, t.idx + len(t.text))
            for t in blank_pipeline.nlp(text)
            if not t.is_space
        )

    return run
