"""Fit the linear stance model and write its weights, rules/stance_weights.toml (``make train``).

A development aid, not part of hoering: it needs scikit-learn (the [dev]
extra); hoering reads the weights it writes with plain Python
(`hoering.linear`). What it does, as docs/evaluation.md's protocol says:

1. takes the gold positions of the sample corpus, the devset and the realdev
   tune half, each with the features of its predicted position
   (`hoering.features`: the rules' verdict, cue families and structure
   rules; lemmas, compound heads and word pairs, negation scoped);
2. measures the rules as they are and a learned system by
   leave-one-consultation-out cross-validation, with the L2 strength C
   chosen inside each fold; with ``--compare`` every learned system (words,
   rule features, rules+words) and the protocol's verdict;
3. fits the system (by default the one the protocol chose, `SHIPPED`) on
   every unit, with C chosen by five folds grouped by consultation, and
   writes its weights with the figures in the header.

Deterministic: units in a fixed order, features sorted, lbfgs from zero
weights; the same data and rules give the same file but for its date.

    .venv/bin/python tools/train_stance.py              # write rules/stance_weights.toml
    .venv/bin/python tools/train_stance.py --check      # figures only, write nothing
    .venv/bin/python tools/train_stance.py --compare    # every system, and the protocol's verdict
"""

from __future__ import annotations

import argparse
import copy
import sys
import textwrap
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from sklearn.linear_model import LogisticRegression
from trainset import (
    MIN_DF,
    ROOT,
    SEED,
    SETS,
    FeatureMatrix,
    Fit,
    Unit,
    accuracy,
    choose_c,
    logo,
    one_thread,
    today,
    units,
    verdict,
)

from hoering.features import RULE_KINDS, WORD_KINDS, StanceFeatures
from hoering.fs import write_atomic
from hoering.linear import LinearModel, dump_model
from hoering.rules import load_rules
from hoering.stance_linear import WEIGHTS_FILE

#: lbfgs stops when no weight moves more than this: far finer than a prediction turns on, and quick.
TOL = 1e-4
SYSTEMS = {"words": WORD_KINDS, "rule features": RULE_KINDS, "rules+words": RULE_KINDS + WORD_KINDS}
#: The system the protocol chose (docs/evaluation.md): the learned one with the best pooled accuracy.
SHIPPED = "rule features"
COMMAND = "make train (python tools/train_stance.py)"


class Data:
    """The units' features and gold stances, ready for fitting: one sparse matrix over every feature seen."""

    def __init__(self, found: Sequence[Unit], extractor: StanceFeatures) -> None:
        self.units = list(found)
        self.gold = np.array([u.gold.stance.value for u in self.units])
        self.groups = [u.group for u in self.units]
        self.rules = [u.position.stance.stance.value if u.position else "neutral" for u in self.units]
        features = [extractor.extract(u.position.tokens, u.position.stance) if u.position else [] for u in self.units]
        self.matrix = FeatureMatrix(features, RULE_KINDS)
        self.x, self.names = self.matrix.x, self.matrix.names

    def trainable(self, indices: Sequence[int]) -> list[int]:
        return [i for i in indices if self.units[i].position is not None]

    def fitter(self, kinds: tuple[str, ...]) -> Fit:
        def fit(train: list[int], cs: Sequence[float]) -> list[Callable[[list[int]], list[str]]]:
            return [self._predictor(model, columns) for model, columns in self.fit(self.trainable(train), kinds, cs)]

        return fit

    def _predictor(self, model: LogisticRegression, columns: np.ndarray) -> Callable[[list[int]], list[str]]:
        def predict(test: list[int]) -> list[str]:
            out = ["neutral"] * len(test)  # a gold position no prediction overlaps, as `hoering evaluate` has it
            rows = [k for k, i in enumerate(test) if self.units[i].position is not None]
            if rows:
                for k, label in zip(rows, model.predict(self.x[[test[k] for k in rows]][:, columns])):
                    out[k] = str(label)
            return out

        return predict

    def fit(
        self, train: Sequence[int], kinds: tuple[str, ...], cs: Sequence[float]
    ) -> list[tuple[LogisticRegression, np.ndarray]]:
        """A model per C of `cs` (ascending), each started from the one before: the same fit, in fewer steps."""
        columns = self.matrix.vocabulary(train, kinds)
        x, y = self.x[list(train)][:, columns], self.gold[list(train)]
        fitted = []
        model = LogisticRegression(max_iter=5000, tol=TOL, random_state=SEED, warm_start=True)
        for c in cs:
            model.set_params(C=c)
            model.fit(x, y)
            fitted.append((copy.deepcopy(model), columns))
        return fitted


def cross_validate(data: Data, kinds: tuple[str, ...] | None) -> list[str]:
    """Out-of-fold predictions of a system (None: the rules), leave one consultation out, C chosen inside."""
    if kinds is None:
        return list(data.rules)
    fit = data.fitter(kinds)
    predicted = ["neutral"] * len(data.units)
    for train, test in logo(data.groups):
        c = choose_c(train, data.groups, data.gold, fit)
        for i, label in zip(test, fit(train, [c])[0](test)):
            predicted[i] = label
    return predicted


def figures(data: Data, predicted: Sequence[str]) -> dict[str, float]:
    by_set = {"all": accuracy(list(zip(data.gold, predicted)))}
    for name, *_ in SETS:
        pairs = [(g, p) for g, p, u in zip(data.gold, predicted, data.units) if u.set == name]
        by_set[name] = accuracy(pairs)
    return {k: round(v, 3) for k, v in by_set.items()}


def final_model(
    data: Data, system: str, c: float, extractor: StanceFeatures, cv: dict[str, dict[str, float]]
) -> LinearModel:
    """`system` fitted on every unit with `c`, and how it was made."""
    ((model, columns),) = data.fit(data.trainable(range(len(data.units))), SYSTEMS[system], [c])
    names = [data.names[k] for k in columns]
    classes = [str(c) for c in model.classes_]
    weights = {cls: {str(n): float(w) for n, w in zip(names, model.coef_[k])} for k, cls in enumerate(classes)}
    bias = {cls: float(model.intercept_[k]) for k, cls in enumerate(classes)}
    sizes = Counter(u.set for u in data.units)
    meta = {
        "system": system,
        "trained": today(),
        "command": COMMAND + ("" if system == SHIPPED else f" --system '{system}'"),
        "training": [
            f"{name}: {gold}{f' split={split}' if split else ''} ({sizes[name]} positions)"
            for name, _, gold, split in SETS
        ],
        "C": c,
        "min_df": MIN_DF,
        "families": list(extractor.rules.families()),
        "cv": {_key(name): values for name, values in cv.items()},
    }
    return LinearModel("multinomial", tuple(classes), bias, weights, meta)


def _key(system: str) -> str:
    return system.replace(" ", "_").replace("+", "_")


KIND_TEXT = {
    "rules ": 'the rules\' verdict ("rules demand")',
    "cue ": 'the cue families that fired ("cue demand/directive verbs")',
    "rule ": 'the structure rules that changed a cue ("rule relative clause")',
    "word ": 'lemmas ("word efterlyse"; "word not enig" in a negation\'s scope)',
    "part ": 'compound heads ("part normering")',
    "words ": 'word pairs ("words skal sikre")',
}


def header(meta: dict, cv: dict[str, dict[str, float]]) -> list[str]:
    """The comment lines above the weights: what the model reads, how it was made, its figures."""
    kinds = SYSTEMS[meta["system"]]
    paragraphs = [
        "Weights of the linear stance model (hoering --stance-model linear): a multinomial logistic "
        f"regression over features a person can read (see hoering.features), here those of the system "
        f'"{meta["system"]}": ' + "; ".join(KIND_TEXT[k] for k in kinds) + ". A stance's score is its bias "
        "plus the weights of the features a position has; the most probable stance wins.",
        f"Written by {meta['command']} on {meta['trained']}; do not edit by hand, re-train.",
        "Fitted on the gold positions of " + "; ".join(meta["training"]) + ". Never the realdev test half.",
        f"C = {meta['C']} (L2, chosen by five folds grouped by consultation)"
        + (
            f"; a word feature needs {meta['min_df']}+ positions and to be written in lower case once."
            if "word " in kinds
            else "."
        ),
        "Stance accuracy by leave-one-consultation-out cross-validation (C chosen inside each fold), "
        "out-of-fold predictions, beside the rules as they are:",
    ]
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += [*textwrap.wrap(paragraph, 76), ""]
    sets = ["all", *(name for name, *_ in SETS)]
    lines.append(f"  {'system':<14}" + "".join(f"{s:>14}" for s in sets))
    lines += [f"  {system:<14}" + "".join(f"{values[s]:>14.3f}" for s in sets) for system, values in cv.items()]
    lines += [
        "",
        *textwrap.wrap(
            "The rules were written from the corpus and tuned on the realdev tune half: these figures "
            "flatter the rules and every system that leans on them.",
            76,
        ),
    ]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="print the figures, write nothing")
    parser.add_argument("--compare", action="store_true", help="cross-validate every system, as the protocol does")
    parser.add_argument(
        "--system", choices=list(SYSTEMS), default=SHIPPED, help=f"the system to write (default: {SHIPPED})"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "rules" / WEIGHTS_FILE)
    args = parser.parse_args(argv)
    with one_thread():
        return _train(args)


def _train(args: argparse.Namespace) -> int:
    began = time.monotonic()
    rules = load_rules()
    extractor = StanceFeatures(rules.stance)
    data = Data(units(rules), extractor)
    print(f"{len(data.units)} gold positions, {len(set(data.groups))} consultations", file=sys.stderr)
    cv: dict[str, dict[str, float]] = {"rules": figures(data, cross_validate(data, None))}
    for system, kinds in SYSTEMS.items():
        if args.compare or system == args.system:
            cv[system] = figures(data, cross_validate(data, kinds))
    for system, values in cv.items():
        print(f"  {system:<14} " + "  ".join(f"{k} {v:.3f}" for k, v in values.items()), file=sys.stderr)
    if args.compare:
        print("\n".join(verdict(cv, SYSTEMS, "accuracy", "not the default")), file=sys.stderr)
    c = choose_c(list(range(len(data.units))), data.groups, data.gold, data.fitter(SYSTEMS[args.system]))
    model = final_model(data, args.system, c, extractor, cv)
    text = dump_model(model, header(dict(model.meta), cv))
    if not args.check:
        write_atomic(args.out, text)
        print(f"wrote {args.out} ({args.system}, C = {c}, {len(model.features())} features)", file=sys.stderr)
    print(f"{time.monotonic() - began:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
