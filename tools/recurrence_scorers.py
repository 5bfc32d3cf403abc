"""Compare learned pair scorers for matching across rounds, out of fold on the recurrence tune half.

A development aid, not part of hoering: it needs scikit-learn (the [dev]
extra). For each pair of the tune half of devset/recurrence/pairs.csv it
computes a handful of readable features (the concept text score, the lexical
text score, shared themes, same body, same stance, moved, shared concepts,
their summed rarity, synonym groups shared, length ratio; with
``--embeddings`` a wordllama sentence cosine, when wordllama is installed)
and measures, leaving one earlier document out at a time, the shipped score
and a logistic regression over each feature set, the threshold chosen on the
other groups' curve. The test half is never read past its ``half`` column.

    .venv/bin/python tools/recurrence_scorers.py [--embeddings]
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

from hoering.nlp import BLANK, build_pipeline
from hoering.pipeline import Analyser
from hoering.recurrence import _position, best_threshold, curve, out_of_fold, read_pairs, scores_at
from hoering.rules import load_rules
from hoering.similarity import Concepts, Matcher, Synonyms, name_words

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "devset" / "recurrence" / "pairs.csv"
BASE = ["text", "themes", "body"]
EXTRAS = ["lexical", "same_stance", "moved", "shared", "rarity", "synonyms", "length_ratio", "embedding"]


def features(embeddings: bool) -> pd.DataFrame:
    pairs = [p for p in read_pairs(PAIRS) if p.half == "tune"]
    pipeline = build_pipeline(BLANK)
    analyser = Analyser(load_rules(), pipeline, redact=False)
    left = [_position(analyser, p.a_doc, p.a_text, p.a_body) for p in pairs]
    right = [_position(analyser, p.b_doc, p.b_text, p.b_body) for p in pairs]
    concepts = Concepts()
    plain = Concepts(concepts.lemmas, Synonyms({}), compounds=False)
    wa = [concepts.words(q.tokens, name_words(p.a_body)) for p, q in zip(pairs, left)]
    wb = [concepts.words(q.tokens, name_words(p.b_body)) for p, q in zip(pairs, right)]
    pa, pb = [plain.words(q.tokens) for q in left], [plain.words(q.tokens) for q in right]
    matcher, lexical = Matcher(wa, wb), Matcher(pa, pb)
    cosine = _cosines(pairs) if embeddings else [0.0] * len(pairs)
    rows = []
    for k, p in enumerate(pairs):
        same = bool(left[k].body_id) and left[k].body_id == right[k].body_id
        score = matcher.score(wa[k], wb[k], left[k].theme_ids, right[k].theme_ids, same)
        shared = {c for w in wa[k] for c in w.concepts} & {c for w in wb[k] for c in w.concepts}
        sides = {left[k].stance.stance.value, right[k].stance.stance.value}
        rows.append(
            {
                "a_doc": p.a_doc,
                "same_point": int(p.same),
                "score": score.score,
                "text": score.text,
                "themes": score.themes,
                "body": float(same),
                "lexical": lexical.text(pa[k], pb[k])[0],
                "same_stance": float(len(sides) == 1),
                "moved": float("support" in sides and bool(sides & {"concern", "demand"})),
                "shared": float(len(score.shared)),
                "rarity": sum(matcher.idf.get(c, 1.0) for c in shared),
                "synonyms": float(sum(c.startswith("≈") for c in shared)),
                "length_ratio": min(len(wa[k]), len(wb[k])) / max(1, len(wa[k]), len(wb[k])),
                "embedding": cosine[k],
                "candidate": float(score.text > 0),
            }
        )
    return pd.DataFrame(rows)


def _cosines(pairs) -> list[float]:
    import wordllama
    from wordllama import WordLlama

    # The tokenizer ships in the wheel under tokenizers/; found there as the cache, nothing downloads.
    model = WordLlama.load(disable_download=True, cache_dir=Path(wordllama.__file__).parent)
    return [float(model.similarity(p.a_text, p.b_text)) for p in pairs]


def learned(frame: pd.DataFrame, columns: list[str], c: float, gate: bool) -> pd.DataFrame:
    """Out-of-fold probabilities (0-100): each group scored by a model fitted on the others, threshold too."""
    x = frame[columns].to_numpy(float)
    y = frame["same_point"].to_numpy()
    called = np.zeros(len(frame), dtype=float)
    for doc in sorted(set(frame["a_doc"])):
        held = (frame["a_doc"] == doc).to_numpy()
        mean, std = x[~held].mean(0), x[~held].std(0) + 1e-9
        model = LogisticRegression(C=c, max_iter=1000).fit((x[~held] - mean) / std, y[~held])
        p = 100 * model.predict_proba((x - mean) / std)[:, 1]
        if gate:  # as hoering diff: a pair with no word in common is no candidate
            p = np.where(frame["candidate"].to_numpy() > 0, p, 0.0)
        rest = frame[~held].assign(p=p[~held])
        called[held] = p[held] >= best_threshold(curve(rest, "p"))
    return frame.assign(called=called)


def main(argv: list[str]) -> None:
    warnings.filterwarnings("ignore")
    frame = features("--embeddings" in argv)
    every = scores_at(frame, 0.0)
    print(f"tune: {len(frame)} pairs, {frame['a_doc'].nunique()} groups; every pair the same point F1 {every.f1:.3f}")
    for column in ("score", "text", "lexical", "embedding"):
        s = out_of_fold(frame, column)
        print(f"{column:>40}: out-of-fold P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}")
    for c in (0.1, 1.0):
        for gate in (True, False):
            for extra in [None, *EXTRAS]:
                columns = BASE + ([extra] if extra else [])
                s = scores_at(learned(frame, columns, c, gate), 1.0, "called")
                name = f"LR C={c} {'gated' if gate else 'ungated'} {'+'.join(columns)}"
                print(f"{name:>60}: out-of-fold P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
