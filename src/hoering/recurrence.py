"""Measure how well positions are matched across rounds, on a gold file of annotated pairs.

A pairs file (``devset/recurrence/pairs.csv``) holds pairs of gold positions
from two rounds, with ``same_point`` 1 when a reader calls them the same point
made again and 0 when not, and ``half`` (``tune`` or ``test``). Each side is
analysed from its own text (``a_text``, ``b_text``) with its body (``a_body``,
``b_body``), so the evaluation needs no other file, and every pair is scored
by `hoering.similarity` as `hoering diff` scores it. On the tune half the
score threshold with the best F1 is chosen from the measured precision /
recall curve; the test half is scored at that threshold. The lexical score of
lemmas and spelling alone (no compound parts, synonyms or generic words) is
measured beside it, its threshold chosen the same way, for comparison.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from .errors import HoeringError
from .models import Document, Metadata, Position
from .nlp import BLANK, Pipeline, build_pipeline
from .pipeline import Analyser
from .rules import Rules, load_rules
from .similarity import Concepts, Matcher, Synonyms, Weights, lemma_lookup, name_words

PAIR_COLUMNS = ("a_doc", "a_text", "a_body", "b_doc", "b_text", "b_body", "same_point", "half")
HALVES = ("tune", "test")


class PairsError(HoeringError):
    """The pairs file cannot be read or lacks what the evaluation needs."""


@dataclass(frozen=True)
class GoldPair:
    a_doc: str
    a_text: str
    a_body: str
    b_doc: str
    b_text: str
    b_body: str
    same: bool
    half: str
    line: int


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 at one threshold."""

    threshold: float
    precision: float
    recall: float
    f1: float
    pairs: int
    same: int


@dataclass(frozen=True)
class RecurrenceEvaluation:
    """The matcher measured on the pairs gold: the chosen threshold, both halves, the curve."""

    threshold: float
    tune: Scores
    test: Scores
    lexical_tune: Scores
    lexical_test: Scores
    curve: pd.DataFrame = field(repr=False)  # threshold, precision, recall, f1 on the tune half
    scored: pd.DataFrame = field(repr=False)  # one row per pair: half, same_point, score, lexical, evidence


def read_pairs(path: str | Path) -> list[GoldPair]:
    """The annotated pairs of a pairs file.

    Raises:
        PairsError: the file is missing, lacks a column, or a row has a bad value.
    """
    path = Path(path)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in PAIR_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise PairsError(f"{path}: missing column(s) {', '.join(missing)}")
            pairs = []
            for row in reader:
                line = reader.line_num
                if row["same_point"] not in ("0", "1"):
                    raise PairsError(f"{path}:{line}: same_point must be 0 or 1, not {row['same_point']!r}")
                if row["half"] not in HALVES:
                    raise PairsError(f"{path}:{line}: half must be tune or test, not {row['half']!r}")
                if not row["a_text"].strip() or not row["b_text"].strip():
                    raise PairsError(f"{path}:{line}: a_text and b_text must hold the positions' text")
                pairs.append(
                    GoldPair(
                        row["a_doc"],
                        row["a_text"],
                        row["a_body"],
                        row["b_doc"],
                        row["b_text"],
                        row["b_body"],
                        row["same_point"] == "1",
                        row["half"],
                        line,
                    )
                )
    except FileNotFoundError:
        raise PairsError(f"{path}: pairs file not found") from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise PairsError(f"{path}: cannot read pairs file ({exc})") from None
    return pairs


def _position(analyser: Analyser, doc: str, text: str, body: str) -> Position:
    """One gold position as the analysis sees it: all its claims' tokens and themes together."""
    found = analyser.document(Document(doc, Path(doc), text, Metadata(body=body, body_type="gold")))
    if not found:
        return Position(doc, body, "", "", "", "", 1, 0, len(text), text, body_id=analyser.resolver.body_id(body))
    tokens = tuple(t for p in found for t in p.tokens)
    themes = tuple(h for p in found for h in p.themes)
    opinion = next((p.stance for p in found if p.stance.stance.value != "neutral"), found[0].stance)
    return replace(found[0], text=text, end=len(text), tokens=tokens, themes=themes, stance=opinion)


def score_pairs(
    pairs: Sequence[GoldPair],
    rules: Rules,
    pipeline: Pipeline,
    weights: Weights | None = None,
    halves: Sequence[str] = HALVES,
) -> pd.DataFrame:
    """Each pair's score by the matcher and by the earlier lexical matcher; only the pairs of `halves`."""
    pairs = [p for p in pairs if p.half in halves]
    analyser = Analyser(rules, pipeline, redact=False)
    lemmas = lemma_lookup(pipeline.nlp)
    concepts = Concepts(lemmas)
    plain = Concepts(lemmas, Synonyms({}), compounds=False)
    left = [_position(analyser, p.a_doc, p.a_text, p.a_body) for p in pairs]
    right = [_position(analyser, p.b_doc, p.b_text, p.b_body) for p in pairs]
    rows = []
    for half in halves:
        chosen = [i for i, p in enumerate(pairs) if p.half == half]
        words_a = [concepts.words(left[i].tokens, name_words(pairs[i].a_body)) for i in chosen]
        words_b = [concepts.words(right[i].tokens, name_words(pairs[i].b_body)) for i in chosen]
        matcher = Matcher(words_a, words_b, weights)
        plain_a = [plain.words(left[i].tokens) for i in chosen]
        plain_b = [plain.words(right[i].tokens) for i in chosen]
        baseline = Matcher(plain_a, plain_b, weights)
        for k, i in enumerate(chosen):
            same_body = bool(left[i].body_id) and left[i].body_id == right[i].body_id  # as `hoering diff` pairs bodies
            themes = (left[i].theme_ids, right[i].theme_ids)
            score = matcher.score(words_a[k], words_b[k], *themes, same_body)
            lexical = baseline.score(plain_a[k], plain_b[k], *themes, same_body)
            rows.append(
                {
                    "line": pairs[i].line,
                    "a_doc": pairs[i].a_doc,
                    "half": half,
                    "same_point": int(pairs[i].same),
                    "score": score.score,
                    "text_score": score.text,
                    "theme_score": score.themes,
                    "same_body": same_body,
                    "lexical": lexical.score,
                    "evidence": score.evidence,
                    "a_text": pairs[i].a_text,
                    "b_text": pairs[i].b_text,
                }
            )
    return pd.DataFrame(rows).sort_values("line", kind="stable").reset_index(drop=True)


def scores_at(frame: pd.DataFrame, threshold: float, column: str = "score") -> Scores:
    """Precision, recall and F1 of calling a pair the same point when its score reaches `threshold`."""
    called = frame[column] >= threshold
    gold = frame["same_point"] == 1
    hits = int((called & gold).sum())
    precision = hits / int(called.sum()) if called.any() else 0.0
    recall = hits / int(gold.sum()) if gold.any() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(threshold, round(precision, 3), round(recall, 3), round(f1, 3), len(frame), int(gold.sum()))


def curve(frame: pd.DataFrame, column: str = "score") -> pd.DataFrame:
    """Precision, recall and F1 at every threshold from 0 to 100 in steps of 1."""
    rows = [scores_at(frame, float(t), column) for t in range(0, 101)]
    return pd.DataFrame(
        [(s.threshold, s.precision, s.recall, s.f1) for s in rows], columns=["threshold", "precision", "recall", "f1"]
    )


def best_threshold(points: pd.DataFrame) -> float:
    """The threshold with the best F1; of equals, the middle of the widest run (a stable choice)."""
    best = points["f1"].max()
    tops = list(points[points["f1"] == best]["threshold"])
    return float(tops[len(tops) // 2])


def evaluate_recurrence(
    path: str | Path, rules: Rules, pipeline: Pipeline, weights: Weights | None = None
) -> RecurrenceEvaluation:
    """Score the pairs gold, choose the threshold on its tune half, and measure both halves."""
    frame = score_pairs(read_pairs(path), rules, pipeline, weights)
    tune, test = frame[frame["half"] == "tune"], frame[frame["half"] == "test"]
    if tune.empty or test.empty:
        raise PairsError(f"{path}: needs pairs in both halves (tune and test)")
    points = curve(tune)
    threshold = best_threshold(points)
    lexical_threshold = best_threshold(curve(tune, "lexical"))
    return RecurrenceEvaluation(
        threshold=threshold,
        tune=scores_at(tune, threshold),
        test=scores_at(test, threshold),
        lexical_tune=scores_at(tune, lexical_threshold, "lexical"),
        lexical_test=scores_at(test, lexical_threshold, "lexical"),
        curve=points,
        scored=frame,
    )


@dataclass(frozen=True)
class TuneEvaluation:
    """The matcher measured on the tune half alone, in sample and cross-validated."""

    tune: Scores  # at the threshold with the best F1 on the whole tune half (in sample)
    out_of_fold: Scores  # each group scored at the threshold chosen on the other groups
    lexical_tune: Scores
    lexical_out_of_fold: Scores
    every_pair: Scores  # calling every pair the same point
    groups: int
    curve: pd.DataFrame = field(repr=False)
    scored: pd.DataFrame = field(repr=False)


def out_of_fold(frame: pd.DataFrame, column: str = "score", group: str = "a_doc") -> Scores:
    """Leave one group out: each group's pairs called at the best threshold of the other groups' curve.

    Grouped by the earlier document (for realdev one consultation's response), so that the
    threshold a pair is called at was never chosen on that pair or its neighbours. The
    pooled calls give precision, recall and F1; `threshold` is the median of the folds'.
    """
    called = pd.Series(False, index=frame.index)
    thresholds = []
    for _, held in frame.groupby(group, sort=True):
        rest = frame.drop(held.index)
        if rest.empty:
            continue
        threshold = best_threshold(curve(rest, column))
        thresholds.append(threshold)
        called[held.index] = held[column] >= threshold
    pooled = frame.assign(_called=called.astype(float))
    found = scores_at(pooled, 1.0, "_called")
    middle = float(pd.Series(thresholds).median()) if thresholds else 0.0
    return replace(found, threshold=middle)


def evaluate_tune(path: str | Path, rules: Rules, pipeline: Pipeline, weights: Weights | None = None) -> TuneEvaluation:
    """Score the tune half alone (the test half is not read past its `half` column)."""
    frame = score_pairs(read_pairs(path), rules, pipeline, weights, halves=("tune",))
    if frame.empty:
        raise PairsError(f"{path}: no pairs in the tune half")
    points = curve(frame)
    lexical = best_threshold(curve(frame, "lexical"))
    return TuneEvaluation(
        tune=scores_at(frame, best_threshold(points)),
        out_of_fold=out_of_fold(frame),
        lexical_tune=scores_at(frame, lexical, "lexical"),
        lexical_out_of_fold=out_of_fold(frame, "lexical"),
        every_pair=scores_at(frame, 0.0),
        groups=frame["a_doc"].nunique(),
        curve=points,
        scored=frame,
    )


__all__ = [
    "GoldPair",
    "PairsError",
    "RecurrenceEvaluation",
    "Scores",
    "TuneEvaluation",
    "best_threshold",
    "curve",
    "evaluate_recurrence",
    "evaluate_tune",
    "out_of_fold",
    "read_pairs",
    "recurrence_summary",
    "score_pairs",
    "scores_at",
]


def recurrence_summary(found: RecurrenceEvaluation) -> dict[str, object]:
    """The figures as plain values, for JSON."""

    def half(s: Scores) -> dict[str, object]:
        return {"pairs": s.pairs, "same_point": s.same, "precision": s.precision, "recall": s.recall, "f1": s.f1}

    return {
        "threshold": found.threshold,
        "tune": half(found.tune),
        "test": half(found.test),
        "lexical": {
            "threshold": found.lexical_tune.threshold,
            "tune": half(found.lexical_tune),
            "test": half(found.lexical_test),
        },
    }


def _line(name: str, s: Scores) -> str:
    return f"{name}: precision {s.precision:.3f} recall {s.recall:.3f} F1 {s.f1:.3f}"


def print_tune(found: TuneEvaluation) -> None:
    """The tune half's figures, in sample and out of fold (``--half tune``)."""
    t, o = found.tune, found.out_of_fold
    print(f"tune: {t.pairs} pairs ({t.same} same point), {found.groups} groups by earlier document")
    print(_line(f"  in sample, threshold {t.threshold:g}", t))
    print(_line(f"  out of fold (leave one group out, median threshold {o.threshold:g})", o))
    lt, lo = found.lexical_tune, found.lexical_out_of_fold
    print(_line(f"  lemmas and spelling alone, in sample, threshold {lt.threshold:g}", lt))
    print(_line("  lemmas and spelling alone, out of fold", lo))
    print(_line("  every pair called the same point", found.every_pair))


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m hoering.recurrence PAIRS [--half tune]``: print the figures (``make recurrence``).

    With ``--half tune`` only the tune half is scored and printed, with the
    cross-validated figures: the measure to develop against.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    tune_only = "--half" in args
    if tune_only:
        at = args.index("--half")
        if args[at + 1 : at + 2] != ["tune"]:
            print("hoering: error: --half takes only 'tune' (the test half is measured without it)", file=sys.stderr)
            return 2
        del args[at : at + 2]
    path = args[0] if args else "devset/recurrence/pairs.csv"
    if tune_only:
        try:
            print_tune(evaluate_tune(path, load_rules(), build_pipeline(BLANK)))
        except HoeringError as exc:
            print(f"hoering: error: {exc}", file=sys.stderr)
            return 1
        return 0
    try:
        found = evaluate_recurrence(path, load_rules(), build_pipeline(BLANK))
    except HoeringError as exc:
        print(f"hoering: error: {exc}", file=sys.stderr)
        return 1
    print(f"threshold {found.threshold:g} (best F1 on the tune half)")
    for name, s, lexical in (("tune", found.tune, found.lexical_tune), ("test", found.test, found.lexical_test)):
        print(
            f"{name}: {s.pairs} pairs ({s.same} same point) · precision {s.precision:.3f} recall {s.recall:.3f}"
            f" F1 {s.f1:.3f} · lemmas and spelling alone (threshold {lexical.threshold:g}):"
            f" precision {lexical.precision:.3f} recall {lexical.recall:.3f} F1 {lexical.f1:.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
