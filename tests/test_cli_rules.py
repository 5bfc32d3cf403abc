"""`hoering rules`: check a rules folder and list its themes."""

from __future__ import annotations

from typer.testing import CliRunner

from hoering.cli import app

runner = CliRunner()


def test_default_rules_are_listed_and_ok():
    result = runner.invoke(app, ["rules"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "sygedagpenge" in result.stdout and "Sickness benefit and sick leave" in result.stdout
    assert result.stderr.startswith("rules OK: 17 themes; stance cues: support ")


def test_broken_rules_folder_is_one_line(tmp_path):
    (tmp_path / "themes.toml").write_text('[[theme]]\nid = "cykel"\nlabel_da = "Cykel"\n', encoding="utf-8")
    result = runner.invoke(app, ["rules", "--rules", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == f"hoering: error: {tmp_path / 'themes.toml'}:2: [theme -> cykel] missing key 'terms'\n"
