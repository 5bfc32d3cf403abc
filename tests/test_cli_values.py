"""Option values are read without pydantic, and read as Typer itself reads them."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import pytest
import typer.main
from typer._coercion import build_runtime_param
from typer.core import TyperArgument, TyperOption
from typer.models import OptionInfo
from typer.testing import CliRunner

from hoering.cli import app
from hoering.cli.values import install, plain_value

#: Values a user may type, good and bad, for each kind of option.
SAMPLES = {
    str: ["auto", "", " a b ", "ø"],
    int: ["0", "3", " 2", "-1", "abc", "1.5", ""],
    float: ["0", "85", "85.5", "100", "-1", "101", "abc", "nan", ""],
    Path: ["corpus", "-", "a/b.csv", "~x"],
    bool: ["true", "no", "1", "maybe"],
}


def _params():
    """Every parameter of every command, with the command's name."""
    found = []

    def walk(command, name):
        for param in command.params:
            if isinstance(param, TyperOption | TyperArgument):
                found.append((name, param))
        for sub, child in getattr(command, "commands", {}).items():
            walk(child, f"{name} {sub}".strip())

    walk(typer.main.get_command(app), "")
    return found


def _samples(annotation):
    inner = annotation.__args__[0] if getattr(annotation, "__origin__", None) is list else annotation
    if isinstance(inner, type) and issubclass(inner, Enum):
        values = [str(m.value) for m in inner] + ["nope", str(next(iter(inner)).value).upper()]
    else:
        values = SAMPLES.get(inner, [])
    return [(v,) if inner is not annotation else v for v in values] + [None]


def _outcome(runtime, param, value):
    try:
        return "ok", runtime.coerce(value, param=param, ctx=None)
    except typer.BadParameter:
        return "bad", None


@pytest.mark.parametrize(("command", "param"), _params(), ids=lambda p: getattr(p, "name", p))
def test_every_option_reads_a_value_as_typer_does(command, param):
    described = param.type_descriptor
    plain = plain_value(described.annotation, described.parameter_info)
    if plain is None:
        pytest.skip(f"{command} {param.name}: left to Typer")
    typers = build_runtime_param(described)
    for value in _samples(described.annotation):
        assert _outcome(plain, param, value) == _outcome(typers, param, value), (command, param.name, value)


def test_every_option_of_the_commands_is_read_here():
    # A new kind of option would bring pydantic back to every start: say so here first.
    left = [
        f"{command} {p.name}"
        for command, p in _params()
        if not (p.is_flag if isinstance(p, TyperOption) else False)
        and plain_value(p.type_descriptor.annotation, p.type_descriptor.parameter_info) is None
    ]
    assert left == []


def test_an_option_with_path_checks_is_left_to_typer():
    assert plain_value(Path, OptionInfo(exists=True)) is None
    assert plain_value(Path, OptionInfo(resolve_path=True)) is None
    assert plain_value(Path, OptionInfo()) is not None


def test_an_option_already_reading_its_values_is_left_alone():
    param = next(p for _, p in _params() if p.name == "jobs")
    param._runtime_param = marker = object()
    install(param)
    assert param._runtime_param is marker
    param._runtime_param = None


def test_a_bad_value_is_named_with_its_option():
    result = CliRunner().invoke(app, ["analyse", "corpus", "--jobs", "abc"])
    assert result.exit_code == 2
    assert "Invalid value for '--jobs' / '-j': 'abc' is not a whole number." in result.output
    result = CliRunner().invoke(app, ["analyse", "corpus", "--format", "xml"])
    assert "Invalid value for '--format' / '-f': 'xml' is not one of 'table', 'csv', 'json'." in result.output
