"""Start-up: nothing heavy is imported before it is needed, and a cached run never loads the pipeline."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

import hoering
from hoering.nlp import BLANK, LazyPipeline

from conftest import CORPUS


def imported_after(code: str) -> set[str]:
    """The top-level modules a fresh interpreter has imported after running `code`."""
    probe = f"{code}\nimport sys\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def test_the_command_line_imports_neither_spacy_nor_pandas_until_a_command_runs():
    assert not {"spacy", "pandas", "numpy", "rapidfuzz", "pypdf"} & imported_after("import hoering.cli")


def test_help_and_version_import_neither_spacy_nor_pandas():
    for argv in (["--help"], ["--version"], ["analyse", "--help"]):
        code = f"import sys\nsys.argv = ['hoering', *{argv!r}]\nfrom hoering.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass"
        assert not {"spacy", "pandas"} & imported_after(code), argv


HEAVY = {"spacy", "pandas", "numpy", "rapidfuzz", "openpyxl", "pypdf", "docx", "pydantic"}


def _command(argv: list[str]) -> str:
    """Code that runs `hoering ARGV` in the probe's interpreter, its stdout kept out of the probe's."""
    return (
        "import contextlib, io, sys\n"
        f"sys.argv = ['hoering', *{argv!r}]\n"
        "from hoering.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        main()\n    except SystemExit:\n        pass"
    )


def test_help_loads_neither_the_rules_nor_the_pipeline_nor_rich():
    # --help lists the commands; the rules, the pipeline and the terminal output are for a command that runs.
    loaded = imported_after(f"{_command(['--help'])}\nprint(' '.join(sorted(sys.modules)))")
    assert not {"hoering.rules", "hoering.pipeline", "hoering.nlp", "rich"} & loaded
    assert not HEAVY & loaded


def test_a_cached_analyse_with_out_imports_neither_pandas_nor_spacy(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    out = tmp_path / "out"
    argv = [
        "analyse",
        str(corpus),
        "--out",
        str(out),
        "--quiet",
        "--model",
        "blank",
        "--cache-dir",
        str(tmp_path / "c"),
    ]
    assert "spacy" in imported_after(_command(argv))  # the first run analyses every file
    (out / "positions.csv").unlink()
    loaded = imported_after(f"{_command(argv)}\nprint(' '.join(sorted(sys.modules)))")
    assert not HEAVY & loaded
    assert "importlib.metadata" not in loaded  # the versions in the cache key come from .dist-info names
    assert (out / "positions.csv").read_text(encoding="utf-8").startswith("doc,body,")


@pytest.mark.parametrize(
    ("command", "keep_tokens"),
    [
        (["positions"], False),
        (["report", "--out", "notat.html"], True),
        (["report", "--out", "notat.md"], True),
        (["evaluate"], True),
    ],
    ids=["positions", "report html", "report md", "evaluate"],
)
def test_a_cached_positions_report_or_evaluate_never_loads_spacy_nor_more_than_its_output_needs(
    tmp_path, blank_pipeline, command, keep_tokens
):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    # The cache filled as the command fills it (its settings: blank model, tokens kept or not).
    hoering.analyse(corpus, model=blank_pipeline, cache=tmp_path / "c", keep_tokens=keep_tokens)
    name, *rest = command
    argv = [name, str(corpus), *[str(tmp_path / a) if a.startswith("notat") else a for a in rest]]
    argv += ["--quiet", "--model", "blank", "--cache-dir", str(tmp_path / "c")]
    # The notat finds campaigns (near-identical responses) with rapidfuzz, cached or not; the scores are
    # computed with pandas. Neither loads spaCy when every file comes from the cache.
    heavy = {"report": HEAVY - {"rapidfuzz"}, "evaluate": HEAVY - {"rapidfuzz", "pandas", "numpy"}}.get(name, HEAVY)
    assert heavy & imported_after(_command(argv)) == set(), argv
    if name == "report":
        assert (tmp_path / rest[-1]).stat().st_size > 0


def test_the_package_imports_nothing_heavy_until_a_name_is_used():
    assert not {"spacy", "pandas", "pypdf", "docx"} & imported_after("import hoering")


def test_a_run_whose_files_all_come_from_the_cache_never_loads_the_pipeline(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    first = hoering.analyse(corpus, model=BLANK, cache=tmp_path / "cache")
    lazy = LazyPipeline(BLANK)
    again = hoering.analyse(corpus, model=lazy, cache=tmp_path / "cache")
    assert not lazy.loaded
    assert again.cached == len(again.read)
    assert again.positions.equals(first.positions)
    assert again.model == first.model == "blank:da + lookups"


def test_a_changed_file_loads_the_pipeline_for_that_file_only(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    hoering.analyse(corpus, model=BLANK, cache=tmp_path / "cache")
    (corpus / "ny.txt").write_text("---\nbody: FagMED\n---\nVi støtter planen.\n", encoding="utf-8")
    lazy = LazyPipeline(BLANK)
    again = hoering.analyse(corpus, model=lazy, cache=tmp_path / "cache")
    assert lazy.loaded
    assert again.cached == len(again.read) - 1


def test_report_module_is_reached_from_the_package_without_importing_it():
    done = subprocess.run(
        [sys.executable, "-c", "import hoering; print(callable(hoering.report.render))"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "True"


def test_diff_stays_the_function_after_its_module_is_imported():
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import hoering, hoering.diff; print(hoering.diff.__name__, type(hoering.diff).__name__)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["diff", "function"]
