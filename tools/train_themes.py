"""Measure a learned theme model by the protocol of docs/evaluation.md ("Learned theme model").

A development aid, not part of hoering: it needs scikit-learn (the [dev]
extra). Logistic regression one theme against the rest, over the word
features of `hoering.features` (lemmas, compound heads, word pairs) and the
rules' themes (``rules <theme>``), on the same units, groups and
cross-validation as tools/train_stance.py. It prints the figures of four
systems and the protocol's verdict; it writes no weights (the protocol adds
a run-time theme model only if one passes).

    .venv/bin/python tools/train_themes.py
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sklearn.linear_model import LogisticRegression
from trainset import SEED, SETS, FeatureMatrix, Unit, choose_c, logo, micro_f1, one_thread, units, verdict

from hoering.features import WORD_KINDS, word_features
from hoering.linear import Feature
from hoering.rules import load_rules

TOL = 1e-4
RULE_KINDS = ("rules ",)
#: A theme needs this many positive units in a fold's training part to get a model there.
MIN_POSITIVE = 3
#: `rules, corrected`: a theme added at this probability or more, a rule theme removed below the other.
ADD, REMOVE = 0.8, 0.1
Themes = frozenset[str]
#: Per C: each modelled theme's classifier and the columns it reads.
Models = dict[str, tuple[LogisticRegression, Sequence[int]]]


class Data:
    """The units' gold themes, the rules' themes and the features, in one sparse matrix."""

    def __init__(self, found: Sequence[Unit], theme_ids: Sequence[str], extract: Callable) -> None:
        self.units = list(found)
        self.themes = tuple(theme_ids)
        self.groups = [u.group for u in self.units]
        self.gold: list[Themes] = [frozenset(u.gold.themes) for u in self.units]
        self.rules: list[Themes] = [frozenset(u.position.theme_ids) if u.position else frozenset() for u in self.units]
        features = [
            [Feature(f"rules {t}") for t in sorted(rules)] + (extract(u.position.tokens) if u.position else [])
            for u, rules in zip(self.units, self.rules)
        ]
        self.matrix = FeatureMatrix(features, RULE_KINDS)

    def fit(self, train: Sequence[int], kinds: tuple[str, ...], cs: Sequence[float]) -> list[Models]:
        """For each C of `cs` (ascending, each started from the one before), a classifier per theme with enough examples."""
        rows = [i for i in train if self.units[i].position is not None]
        columns = self.matrix.vocabulary(rows, kinds)
        x = self.matrix.x[rows][:, columns]
        fitted: list[Models] = [{} for _ in cs]
        for theme in self.themes:
            y = [theme in self.gold[i] for i in rows]
            if sum(y) < MIN_POSITIVE:
                continue
            model = LogisticRegression(max_iter=5000, tol=TOL, random_state=SEED, warm_start=True)
            for n, c in enumerate(cs):
                model.set_params(C=c)
                model.fit(x, y)
                fitted[n][theme] = (copy.deepcopy(model), columns)
        return fitted

    def probabilities(self, models: Models, test: Sequence[int]) -> list[dict[str, float]]:
        out: list[dict[str, float]] = [{} for _ in test]
        rows = [k for k, i in enumerate(test) if self.units[i].position is not None]
        if not rows:
            return out
        for theme, (model, columns) in models.items():
            p = model.predict_proba(self.matrix.x[[test[k] for k in rows]][:, columns])[:, 1]
            for k, value in zip(rows, p):
                out[k][theme] = float(value)
        return out


def decide(system: str, rules: Themes, p: dict[str, float]) -> Themes:
    """A system's themes of a unit from the rules' themes and the modelled themes' probabilities."""
    if system == "words":
        return frozenset(t for t, v in p.items() if v >= 0.5)
    if system == "rules+words":
        return frozenset(t for t, v in p.items() if v >= 0.5) | frozenset(t for t in rules if t not in p)
    added = frozenset(t for t, v in p.items() if v >= ADD)
    removed = frozenset(t for t in rules if t in p and p[t] < REMOVE)
    return (rules | added) - removed


SYSTEMS = {"words": WORD_KINDS, "rules+words": RULE_KINDS + WORD_KINDS, "rules, corrected": RULE_KINDS + WORD_KINDS}


def cross_validate(data: Data, system: str) -> list[Themes]:
    kinds = SYSTEMS[system]

    def fit(train: list[int], cs: Sequence[float]) -> list[Callable[[list[int]], list[Themes]]]:
        def predictor(models: Models) -> Callable[[list[int]], list[Themes]]:
            def predict(test: list[int]) -> list[Themes]:
                ps = data.probabilities(models, test)
                return [decide(system, data.rules[i], p) for i, p in zip(test, ps)]

            return predict

        return [predictor(models) for models in data.fit(train, kinds, cs)]

    predicted: list[Themes] = [frozenset()] * len(data.units)
    for train, test in logo(data.groups):
        c = choose_c(train, data.groups, data.gold, fit, micro_f1)
        for i, themes in zip(test, fit(train, [c])[0](test)):
            predicted[i] = themes
    return predicted


def figures(data: Data, predicted: Sequence[Themes]) -> dict[str, float]:
    out = {"all": micro_f1(list(zip(data.gold, predicted)))}
    for name, *_ in SETS:
        out[name] = micro_f1([(g, p) for g, p, u in zip(data.gold, predicted, data.units) if u.set == name])
    return {k: round(v, 3) for k, v in out.items()}


def main(argv: Sequence[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    with one_thread():
        began = time.monotonic()
        rules = load_rules()
        data = Data(units(rules), rules.codebook.ids, word_features(rules.stance).extract)
        cv = {"rules": figures(data, data.rules)}
        for system in SYSTEMS:
            cv[system] = figures(data, cross_validate(data, system))
        for system, values in cv.items():
            print(f"  {system:<17} " + "  ".join(f"{k} {v:.3f}" for k, v in values.items()))
        print("\n".join(verdict(cv, SYSTEMS, "micro-F1", "no run-time theme model")))
        print(f"{time.monotonic() - began:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
