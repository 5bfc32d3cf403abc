"""--jobs: the same result from any number of processes; documents stream through the stages."""

from __future__ import annotations

import json
import types
from collections.abc import Iterator

import pandas as pd
import pytest
from typer.testing import CliRunner

import hoering
from hoering import pipeline as pipeline_module
from hoering.cli import app
from hoering.corpus import read_corpus
from hoering.errors import UsageError
from hoering.models import Document, FileReport
from hoering.parallel import WINDOW_PER_JOB, jobs_wanted
from hoering.pipeline import analysed

from conftest import CORPUS


def test_two_jobs_give_the_same_result_as_one(sample_result, blank_pipeline):
    two = hoering.analyse(CORPUS, model=blank_pipeline, jobs=2)
    assert two.items == sample_result.items
    assert two.files == sample_result.files
    pd.testing.assert_frame_equal(two.positions, sample_result.positions)
    pd.testing.assert_frame_equal(two.matrix, sample_result.matrix)
    pd.testing.assert_frame_equal(two.matrix_wide, sample_result.matrix_wide)


def test_two_jobs_with_a_cache_give_the_same_result(tmp_path, sample_result, blank_pipeline):
    cold = hoering.analyse(CORPUS, model=blank_pipeline, jobs=2, cache=tmp_path)
    warm = hoering.analyse(CORPUS, model=blank_pipeline, jobs=2, cache=tmp_path)
    assert (cold.cached, warm.cached) == (0, 5)
    assert cold.items == warm.items == sample_result.items


def test_cli_jobs_2_equals_jobs_1():
    one = CliRunner().invoke(app, ["analyse", str(CORPUS), "--format", "json", "--no-cache", "--jobs", "1"])
    two = CliRunner().invoke(app, ["analyse", str(CORPUS), "--format", "json", "--no-cache", "--jobs", "2"])
    assert one.exit_code == two.exit_code == 0, two.output
    assert json.loads(two.stdout)["positions"] == json.loads(one.stdout)["positions"]
    assert two.stdout == one.stdout


def test_cli_negative_jobs_is_a_usage_error():
    result = CliRunner().invoke(app, ["analyse", str(CORPUS), "--jobs", "-1"])
    assert result.exit_code == 2
    assert "--jobs" in result.stderr


def test_jobs_zero_means_one_per_core(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 6)
    assert jobs_wanted(0) == 6
    monkeypatch.setattr("os.cpu_count", lambda: None)  # unknown: one process
    assert jobs_wanted(0) == 1
    assert jobs_wanted(3) == 3
    with pytest.raises(UsageError, match="--jobs must be 0"):
        jobs_wanted(-2)


class Observed:
    """Documents of the sample corpus handed out one at a time, counting how many were taken."""

    def __init__(self) -> None:
        self.taken = 0

    def __iter__(self) -> Iterator[Document | FileReport]:
        for item in read_corpus(CORPUS):
            self.taken += 1
            yield item


@pytest.mark.parametrize("jobs", [1, 2])
def test_documents_are_drawn_as_results_are_wanted(analyser, jobs):
    source = Observed()
    stream = analysed(iter(source), analyser, jobs=jobs)
    assert isinstance(stream, types.GeneratorType)
    assert source.taken == 0  # nothing read before the first result is asked for
    _, found = next(stream)
    assert found is not None and found.positions
    assert source.taken <= (1 if jobs == 1 else jobs * WINDOW_PER_JOB)
    rest = list(stream)
    assert source.taken == 1 + len(rest) == 5


def test_analyse_streams_the_corpus_instead_of_listing_it(blank_pipeline, monkeypatch):
    source = Observed()
    opened = pipeline_module.open_corpus

    def observed_corpus(path, dedupe=False, manifest=True):
        total, _ = opened(path, dedupe, manifest)
        return total, iter(source)

    monkeypatch.setattr(pipeline_module, "open_corpus", observed_corpus)
    seen: list[tuple[int, int, int]] = []
    hoering.analyse(
        CORPUS, model=blank_pipeline, progress=lambda done, total, path: seen.append((done, total, source.taken))
    )
    # When file n is reported, exactly n files have been read: none is read ahead and held.
    assert seen == [(n, 5, n) for n in range(6)]
