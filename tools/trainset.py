"""The annotated positions the linear models are fitted on, and the cross-validation they are judged by.

A development aid, not part of hoering (it needs scikit-learn, the [dev]
extra). Shared by tools/train_stance.py and tools/train_themes.py.

Training data: the gold positions of the sample corpus, the devset and the
tune half of realdev; never the test half. Each gold position is a unit with
the predicted position that overlaps it most (the one `hoering evaluate`
takes its stance from): its tokens and the rules' calls are what the model
sees at run time. A gold position no prediction overlaps is no unit.

Groups for cross-validation: one per consultation. Each corpus file answers
its own plan; the devset's five files answer one; the realdev files by the
`consultation` column of its sources.csv.
"""

from __future__ import annotations

import csv
import datetime
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from threadpoolctl import threadpool_limits

from hoering.corpus import read_corpus
from hoering.evaluate import GoldPosition, read_gold, select_split
from hoering.linear import Feature
from hoering.models import Document, Position
from hoering.nlp import build_pipeline
from hoering.pipeline import Analyser
from hoering.rules import Rules, load_rules

ROOT = Path(__file__).resolve().parent.parent
#: (set name, corpus folder, gold file, split), relative to the project.
SETS = (
    ("corpus", "corpus", "corpus/gold.csv", None),
    ("devset", "devset", "devset/gold.csv", None),
    ("realdev tune", "devset/realdev/responses", "devset/realdev/gold.csv", "tune"),
)
REALDEV_SOURCES = "devset/realdev/sources.csv"
#: The values of the L2 strength C tried, as the protocol in docs/evaluation.md fixes them.
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
SEED = 0
#: A word feature must occur in this many training positions to get a weight.
MIN_DF = 2
#: Folds, grouped by consultation, that choose C inside a fold of the cross-validation.
INNER_FOLDS = 5


@dataclass(frozen=True)
class Unit:
    """A gold position with the predicted position that overlaps it most (None: no prediction does)."""

    set: str
    group: str
    gold: GoldPosition
    position: Position | None


def _lead(gold: GoldPosition, positions: Sequence[Position]) -> Position | None:
    best, most = None, 0
    for p in positions:
        shared = max(0, min(p.end, gold.end) - max(p.start, gold.start))
        if shared > most:
            best, most = p, shared
    return best


def _consultations() -> dict[str, str]:
    with (ROOT / REALDEV_SOURCES).open(encoding="utf-8", newline="") as f:
        return {row["file"]: row["consultation"] for row in csv.DictReader(f)}


def units(rules: Rules | None = None) -> list[Unit]:
    """Every gold position of the training sets with its predicted position, in a fixed order."""
    rules = rules or load_rules()
    analyser = Analyser(rules, build_pipeline("blank"), redact=False)
    consultation = _consultations()
    found: list[Unit] = []
    for name, folder, gold_file, split in SETS:
        read = _documents(ROOT / folder)
        texts = {d.doc_id: d.text for d in read}
        gold = select_split(read_gold(ROOT / gold_file, texts, rules.codebook.themes), split, gold_file)
        wanted = {g.doc for g in gold}
        # Only the documents the gold rows name are analysed: never a test-half text.
        documents = {d.doc_id: d for d in read if d.doc_id in wanted}
        positions = {doc: analyser.document(documents[doc]) for doc in sorted(wanted)}
        for g in sorted(gold, key=lambda g: (g.doc, g.start, g.end)):
            if name == "corpus":
                group = f"corpus {g.doc}"
            elif name == "devset":
                group = "devset"
            else:
                group = f"realdev {consultation.get(g.doc, g.doc)}"
            found.append(Unit(name, group, g, _lead(g, positions[g.doc])))
    return found


def _documents(folder: Path) -> list[Document]:
    return [d for d in read_corpus(folder) if isinstance(d, Document)]


def logo(groups: Sequence[str]) -> list[tuple[list[int], list[int]]]:
    """Leave-one-group-out folds over unit indices, in sorted group order."""
    return [
        ([i for i, g in enumerate(groups) if g != held], [i for i, g in enumerate(groups) if g == held])
        for held in sorted(set(groups))
    ]


def accuracy(pairs: Sequence[tuple[Any, Any]]) -> float:
    return sum(1 for gold, got in pairs if gold == got) / len(pairs) if pairs else math.nan


def micro_f1(pairs: Sequence[tuple[frozenset[str], frozenset[str]]]) -> float:
    """Micro-F1 over the labels of (gold set, predicted set) pairs."""
    tp = sum(len(g & p) for g, p in pairs)
    fp = sum(len(p - g) for g, p in pairs)
    fn = sum(len(g - p) for g, p in pairs)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


class FeatureMatrix:
    """The features of every unit in one sparse matrix, one column per feature name, sorted.

    Each unit's features also remember which were written in lower case at
    least once, for `vocabulary`.
    """

    def __init__(self, features: Sequence[Sequence[Feature]], exempt: tuple[str, ...]) -> None:
        vectorizer = DictVectorizer(sort=True)
        self.x = vectorizer.fit_transform([{f.name: f.value for f in reversed(fs)} for fs in features]).tocsr()
        self.names = [str(n) for n in vectorizer.get_feature_names_out()]
        lower = [{f.name: 1.0 for f in fs if f.matched == f.matched.lower()} for fs in features]
        self.lower = (vectorizer.transform(lower).tocsr() > 0).astype(np.int8)
        self._exempt = np.array([n.startswith(exempt) for n in self.names], dtype=bool)
        self._kinds: dict[tuple[str, ...], np.ndarray] = {}

    def vocabulary(self, rows: Sequence[int], kinds: tuple[str, ...]) -> np.ndarray:
        """The columns of `kinds` a model fitted on `rows` weighs.

        A word feature needs `MIN_DF` positions and to be written in lower case
        once: a name ("Jensen") or an organisation's acronym says who, not how.
        Features of the `exempt` kinds (the rules') need only to occur.
        """
        rows = list(rows)
        df = np.asarray((self.x[rows] > 0).sum(axis=0)).ravel()
        lower = np.asarray(self.lower[rows].sum(axis=0)).ravel()
        wanted = self._kinds.get(kinds)
        if wanted is None:
            wanted = self._kinds[kinds] = np.array([n.startswith(kinds) for n in self.names], dtype=bool)
        words = (df >= MIN_DF) & (lower > 0)
        return np.flatnonzero(wanted & (df > 0) & (self._exempt | words))


def one_thread() -> Any:
    """A context in which numpy and scikit-learn use one thread: the fits are small, and threads only fight
    over a shared machine's cores."""
    return threadpool_limits(1)


def today() -> str:
    return datetime.datetime.now(datetime.UTC).date().isoformat()


#: Fits a model on the units `train` for each C of a grid, and gives for each a predictor of units.
Fit = Callable[[list[int], Sequence[float]], list[Callable[[list[int]], list[Any]]]]


def grouped_folds(groups: Sequence[str], k: int = INNER_FOLDS) -> list[tuple[list[int], list[int]]]:
    """`k` folds over unit indices, each consultation in one: the largest groups first, each to the smallest fold."""
    sizes: dict[str, int] = {}
    for g in groups:
        sizes[g] = sizes.get(g, 0) + 1
    folds: list[list[str]] = [[] for _ in range(min(k, len(sizes)))]
    load = [0] * len(folds)
    for g in sorted(sizes, key=lambda g: (-sizes[g], g)):
        n = load.index(min(load))
        folds[n].append(g)
        load[n] += sizes[g]
    return [
        ([i for i, g in enumerate(groups) if g not in held], [i for i, g in enumerate(groups) if g in held])
        for held in map(set, folds)
    ]


def choose_c(
    train: list[int],
    groups: Sequence[str],
    gold: Sequence[Any],
    fit: Fit,
    metric: Callable[[Sequence[tuple[Any, Any]]], float] = accuracy,
) -> float:
    """The C of `C_GRID` with the best grouped `INNER_FOLDS`-fold `metric` on `train` (the smaller C on a tie)."""
    pairs: list[list[tuple[Any, Any]]] = [[] for _ in C_GRID]
    for inner_train, inner_test in grouped_folds([groups[i] for i in train]):
        test = [train[i] for i in inner_test]
        for n, predict in enumerate(fit([train[i] for i in inner_train], C_GRID)):
            pairs[n].extend(zip([gold[i] for i in test], predict(test)))
    scores = [metric(p) for p in pairs]
    return C_GRID[scores.index(max(scores))]


def verdict(cv: dict[str, dict[str, float]], systems: Iterable[str], metric: str, otherwise: str) -> list[str]:
    """The protocol of docs/evaluation.md, points (a) to (c), for the learned system with the best pooled `metric`.

    `systems` are the learned systems in order of preference on a tie; `otherwise` is what is
    said when the candidate fails a point.
    """
    order = list(systems)
    learned = {k: v for k, v in cv.items() if k in order}
    best = max(learned, key=lambda k: (learned[k]["all"], -order.index(k)))
    mine, rules = learned[best], cv["rules"]
    checks = [
        (f"(a) pooled {metric} 3 points above the rules'", mine["all"] >= rules["all"] + 0.03),
        ("(b) realdev tune 3 points above the rules'", mine["realdev tune"] >= rules["realdev tune"] + 0.03),
        ("(c) corpus 0.88 or more", mine["corpus"] >= 0.88),
        ("(c) devset not below the rules'", mine["devset"] >= rules["devset"]),
    ]
    lines = [f"candidate: {best} ({mine['all']:.3f} pooled, rules {rules['all']:.3f})"]
    lines += [f"  {'yes' if ok else 'no '} {text}" for text, ok in checks]
    return [
        *lines,
        f"  -> {'(d) remains: hoering evaluate on corpus and devset' if all(ok for _, ok in checks) else otherwise}",
    ]
