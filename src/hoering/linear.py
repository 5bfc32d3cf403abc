"""Sparse linear scoring over named features, with weights read from a reviewable TOML file.

A linear model here is a bias per class and, per class, a weight per feature
name: a position's score for a class is the bias plus the weights of the
features it has (times their values). A multinomial model turns the scores
into probabilities that sum to 1 (softmax); a one-vs-rest model gives each
class its own probability (logistic). The weights are fitted elsewhere
(tools/train_stance.py, with scikit-learn) and shipped as a TOML file with
one table per class, features sorted, so that a reviewer can read what
pushes a position towards a class; running a model needs nothing but this
module.

The file::

    [model]
    kind = "multinomial"            # or "one-vs-rest"
    classes = ["concern", "demand", "neutral", "support"]
    ...                             # anything else: how it was trained (kept as `meta`)

    [bias]
    concern = -0.12

    [weights.concern]
    "word bekymring" = 1.31
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .rulebook import RulesDoc

KINDS = ("multinomial", "one-vs-rest")
#: Decimals a weight is written with: finer than any difference a prediction turns on.
DECIMALS = 4


@dataclass(frozen=True, slots=True)
class Feature:
    """A named feature of a position, with the words it stands on (for evidence).

    `start` and `end` are source offsets of those words; both -1 for a feature
    of the whole position (the rules' verdict).
    """

    name: str
    value: float = 1.0
    start: int = -1
    end: int = -1
    matched: str = ""


@dataclass(frozen=True)
class LinearModel:
    """Weights per class over feature names, and how they were made (`meta`)."""

    kind: str
    classes: tuple[str, ...]
    bias: Mapping[str, float]
    weights: Mapping[str, Mapping[str, float]]  # class -> feature -> weight
    meta: Mapping[str, Any] = field(default_factory=dict)
    digest: str = ""  # of the file it was read from: part of a cache key

    def features(self) -> frozenset[str]:
        """Every feature name some class weighs."""
        return frozenset(name for table in self.weights.values() for name in table)

    def scores(self, features: Sequence[Feature]) -> dict[str, float]:
        """Each class's bias plus the weights of `features` (a name counted once)."""
        values = _values(features)
        return {
            c: self.bias.get(c, 0.0) + sum(self.weights[c].get(n, 0.0) * v for n, v in values.items())
            for c in self.classes
        }

    def probabilities(self, features: Sequence[Feature]) -> dict[str, float]:
        """The probability of each class: softmax over the scores, or a logistic per class for one-vs-rest."""
        scores = self.scores(features)
        if self.kind == "one-vs-rest":
            return {c: _logistic(s) for c, s in scores.items()}
        top = max(scores.values())
        exp = {c: math.exp(s - top) for c, s in scores.items()}
        total = sum(exp.values())
        return {c: e / total for c, e in exp.items()}

    def contributions(self, features: Sequence[Feature], cls: str) -> list[tuple[Feature, float]]:
        """The features that count for `cls`, with what each adds to its score, largest first.

        A feature named twice counts once, with its first occurrence's words;
        features the class does not weigh are left out. Ties keep text order.
        """
        table = self.weights[cls]
        seen: dict[str, Feature] = {}
        for f in features:
            seen.setdefault(f.name, f)
        values = _values(features)
        found = [(f, table[name] * values[name]) for name, f in seen.items() if table.get(name)]
        return sorted(found, key=lambda fw: -fw[1])


def _values(features: Iterable[Feature]) -> dict[str, float]:
    values: dict[str, float] = {}
    for f in features:
        values.setdefault(f.name, f.value)
    return values


def _logistic(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def load_model(path: str | Path) -> LinearModel:
    """Read and check a weights file.

    Raises:
        RulesError: the file is missing, not TOML, or a table or value is not as above.
    """
    doc = RulesDoc(Path(path))
    data = doc.data
    model = data.get("model")
    if not isinstance(model, dict):
        raise doc.fail("model", "expected a [model] table", "[model]")
    kind = model.get("kind")
    if kind not in KINDS:
        raise doc.fail("model -> kind", f"expected one of {', '.join(KINDS)}", "kind")
    classes = model.get("classes")
    if not isinstance(classes, list) or not classes or not all(isinstance(c, str) and c for c in classes):
        raise doc.fail("model -> classes", "expected a list of class names", "classes")
    if len(set(classes)) != len(classes):
        raise doc.fail("model -> classes", "names a class twice", "classes")
    bias = _numbers(doc, data.get("bias", {}), "bias", classes)
    tables = data.get("weights", {})
    if not isinstance(tables, dict):
        raise doc.fail("weights", "expected [weights.<class>] tables", "[weights")
    weights = {c: _numbers(doc, tables.get(c, {}), f"weights.{c}") for c in classes}
    unknown = sorted(set(tables) - set(classes))
    if unknown:
        raise doc.fail(f"weights.{unknown[0]}", "is not one of the model's classes", f"[weights.{unknown[0]}]")
    meta = {k: v for k, v in model.items() if k not in {"kind", "classes"}}
    digest = hashlib.sha256(doc.raw).hexdigest()
    return LinearModel(kind, tuple(classes), bias, weights, meta, digest)


def _numbers(doc: RulesDoc, table: Any, where: str, allowed: Sequence[str] | None = None) -> dict[str, float]:
    if not isinstance(table, dict):
        raise doc.fail(where, "expected a table of numbers", f"[{where}]")
    out: dict[str, float] = {}
    for name, value in table.items():
        if allowed is not None and name not in allowed:
            raise doc.fail(where, f"'{name}' is not one of the model's classes", f"{name} =")
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise doc.fail(where, f"'{name}' expected a number", json.dumps(name))
        out[name] = float(value)
    return out


def dump_model(model: LinearModel, header: Sequence[str] = ()) -> str:
    """The TOML text of a model: `header` as comments, then [model], [bias] and one sorted table per class.

    Weights are rounded to `DECIMALS`; a weight that rounds to 0 is left out.
    The same model gives the same text.
    """
    lines = [f"# {line}".rstrip() for line in header]
    lines += ["", "[model]", f"kind = {_toml(model.kind)}", f"classes = {_toml(list(model.classes))}"]
    lines += [f"{_key(k)} = {_toml(v)}" for k, v in model.meta.items() if not isinstance(v, dict)]
    for name, table in model.meta.items():
        if isinstance(table, dict):
            lines += ["", f"[model.{_key(name)}]", *(f"{_key(k)} = {_toml(v)}" for k, v in table.items())]
    lines += ["", "[bias]", *(f"{_key(c)} = {_toml(round(model.bias.get(c, 0.0), DECIMALS))}" for c in model.classes)]
    for c in model.classes:
        lines += ["", f"[weights.{_key(c)}]"]
        for name in sorted(model.weights[c]):
            weight = round(model.weights[c][name], DECIMALS)
            if weight:
                lines.append(f"{_key(name)} = {_toml(weight)}")
    return "\n".join(lines) + "\n"


def _key(name: str) -> str:
    bare = name and all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in name)
    return name if bare else json.dumps(name, ensure_ascii=False)


def _toml(value: Any) -> str:
    """A TOML value: strings, numbers, booleans, lists and inline tables of them (JSON spells them alike)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int | str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"no TOML for {type(value).__name__}")
