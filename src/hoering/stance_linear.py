"""The linear stance model: logistic-regression weights over what the rules found and the position's words.

A `StanceModel` (see `hoering.stance`) that asks the rules first and then
weighs their verdict, the cue families and structure rules that fired, and
the position's lemmas and compound parts (`hoering.features`) with the
weights of rules/stance_weights.toml, fitted on annotated positions by
tools/train_stance.py (``make train``). The stance is the most probable one;
the score is its probability. Every call keeps the rules' cues as evidence
and adds the model's: a first entry with the probability and the rules'
verdict, then the features that pushed most towards the stance chosen, each
with its weight (``efterlyser [120:130] (linear: word efterlyse +1.42)``).

`stance_model` builds a model by the name the command line uses.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import RulesError, UsageError
from .features import WORD_KINDS, StanceFeatures
from .linear import Feature, LinearModel, load_model
from .models import Evidence, Stance, StanceCall, Token
from .rules import default_rules_dir
from .ruletypes import StanceRules
from .stance import StanceModel, StanceScorer

#: The packaged weights of the linear stance model, in the rules folder.
WEIGHTS_FILE = "stance_weights.toml"
#: The stance models by the name ``--stance-model`` takes; the first is the default.
STANCE_MODELS = ("rules", "linear")
#: How many of the features that counted most a call shows.
TOP_FEATURES = 5


def default_weights() -> Path:
    """The packaged weights file of the linear stance model."""
    return default_rules_dir() / WEIGHTS_FILE


class LinearStanceModel:
    """Stance by linear weights over rule and word features, with the features behind each call as evidence."""

    name = "linear"

    def __init__(self, rules: StanceRules, model: LinearModel | None = None, top: int = TOP_FEATURES) -> None:
        self.model = model if model is not None else load_model(default_weights())
        missing = sorted({s.value for s in Stance} - set(self.model.classes))
        if missing:
            raise RulesError(
                f"{WEIGHTS_FILE}: [model -> classes] a stance model needs every stance (missing: {', '.join(missing)})"
            )
        self.rules = StanceScorer(rules)
        self.extractor = StanceFeatures(rules)
        self._words = any(name.startswith(WORD_KINDS) for name in self.model.features())  # else not worth finding
        self.top = top
        # The weights shape every result: a re-trained file must not reuse results cached with the old one.
        self.cache_key = f"{self.name} {self.model.digest[:16]}"
        order = [*rules.tie_order, Stance.NEUTRAL]
        self._rank = {s.value: order.index(s) if s in order else len(order) for s in Stance}

    def features(self, tokens: Sequence[Token], call: StanceCall | None = None) -> list[Feature]:
        """The features the model reads of `tokens`: the rules' (of `call`, else scored here) and the words'."""
        return self.extractor.extract(tokens, call if call is not None else self.rules.score(tokens), self._words)

    def score(self, tokens: Sequence[Token]) -> StanceCall:
        """The most probable stance of `tokens`, its probability, and the evidence: the rules' cues and the model's."""
        call = self.rules.score(tokens)
        if not tokens:
            return call
        features = self.features(tokens, call)
        probabilities = self.model.probabilities(features)
        best = min(self.model.classes, key=lambda c: (-probabilities[c], self._rank.get(c, len(self._rank))))
        at = tokens[0].start
        summary = Evidence(
            best,
            "linear",
            "linear model",
            at,
            at,
            sys.intern(f"p {probabilities[best]:.2f}; rules: {call.stance.value}"),
        )
        shown = [(f, w) for f, w in self.model.contributions(features, best) if w > 0][: self.top]
        evidence = [summary, *(self._evidence(best, f, w, at) for f, w in shown)]
        return StanceCall(Stance(best), round(probabilities[best], 2), (*call.cues, *evidence))

    def _evidence(self, stance: str, feature: Feature, weight: float, at: int) -> Evidence:
        """``reduceret voldsomt [1109:1127] (linear: cue concern/stance.toml +0.36)``; a feature of the whole
        position (the rules' verdict) by its name at the position's start, ``rules neutral [771:771] (linear +0.82)``.
        """
        if feature.start < 0:
            return Evidence(stance, sys.intern(feature.name), feature.name, at, at, sys.intern(f"linear {weight:+.2f}"))
        note = sys.intern(f"linear: {feature.name} {weight:+.2f}")
        return Evidence(stance, sys.intern(feature.name), feature.matched, feature.start, feature.end, note)

    def split_point(self, tokens: Sequence[Token]) -> int | None:
        """Where a contrast turns the stance: as the rules cut it, so both models see the same positions."""
        return self.rules.split_point(tokens)


def stance_model(name: str, rules: StanceRules) -> StanceModel:
    """The stance model `name` (one of `STANCE_MODELS`) over `rules`.

    Raises:
        RulesError: the linear model's weights file is invalid.
        UsageError: no model has that name.
    """
    if name == "rules":
        return StanceScorer(rules)
    if name == "linear":
        return LinearStanceModel(rules)
    raise UsageError(f"unknown stance model '{name}' (use {', '.join(STANCE_MODELS)})")
