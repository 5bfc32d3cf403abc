"""Decide a position's primary stance from the cues of the stance rules.

Each cue adds its weight to its stance. A negation shortly before a cue (or
right after it, as in "vi støtter ikke") changes what it counts as, by the
rules' flip table. Cues after a contrast word ("men", "dog") count more. The
stance with the highest sum wins if it reaches the minimum score.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from .models import Evidence, Stance, StanceCall, Token
from .patterns import PatternSet
from .rules import StanceRules, Term

_CLAUSE_BREAK = {",", ";", ":", "(", ")", "–", "—"}


@dataclass(frozen=True)
class _Cue:
    stance: Stance  # as written, before negation
    term: Term
    i: int
    j: int


class StanceModel(Protocol):
    """What the analysis asks of a stance model: the rules today, a trained model later.

    `name` is part of the cache key, so results of one model are never read as another's.
    """

    name: str

    def score(self, tokens: Sequence[Token]) -> StanceCall:
        """The primary stance of `tokens`, its score and the cues behind it."""
        ...

    def split_point(self, tokens: Sequence[Token]) -> int | None:
        """Where a contrast turns the stance within a sentence: the index opening the second half, or None."""
        ...


class StanceScorer:
    """Scores token sequences with one set of stance rules."""

    name = "rules"

    def __init__(self, rules: StanceRules) -> None:
        self.rules = rules
        self._cue_terms = [(stance, term) for stance, terms in rules.cues.items() for term in terms]
        self._cue_set = PatternSet([term.pattern for _, term in self._cue_terms])
        self._contrast_set = PatternSet(rules.contrasts)
        # A negation is one word: only single-word patterns can match it alone.
        self._negation_set = PatternSet([p for p in rules.negations if len(p.pieces) == 1])
        self._own = {term.pattern.source: self._own_negation(term) for _, term in self._cue_terms}

    def score(self, tokens: Sequence[Token]) -> StanceCall:
        """The primary stance of `tokens`, its score and the cues behind it."""
        contrast = self._last_contrast(tokens)
        # A cue said twice ("skal ... skal") counts once, at its heaviest.
        weights: dict[tuple[Stance, str], float] = {}
        first = {stance: len(tokens) for stance in Stance}
        evidence: list[Evidence] = []
        for cue in self._cues(tokens):
            counted, notes = cue.stance, []
            negator = self._negator(tokens, cue)
            if negator is not None:
                counted = self.rules.negation_flip.get(cue.stance, cue.stance)
                notes.append(f"negated by '{negator}'")
            weight = cue.term.weight
            if contrast is not None and cue.i > contrast[0]:
                weight *= self.rules.contrast_weight
                notes.append(f"after '{contrast[1]}'")
            key = (counted, cue.term.pattern.source)
            weights[key] = max(weights.get(key, 0.0), weight)
            first[counted] = min(first[counted], cue.i)
            # Interned: the same cue words and notes recur in thousands of positions.
            matched = sys.intern(" ".join(t.text for t in tokens[cue.i : cue.j]))
            evidence.append(
                Evidence(
                    counted.value,
                    cue.term.pattern.source,
                    matched,
                    tokens[cue.i].start,
                    tokens[cue.j - 1].end,
                    sys.intern("; ".join(notes)),
                )
            )
        totals = {stance: sum(w for (s, _), w in weights.items() if s is stance) for stance in Stance}
        ranked = sorted(
            self.rules.tie_order,
            key=lambda s: (-totals[s], first[s], self.rules.tie_order.index(s)),
        )
        best = ranked[0] if ranked else Stance.NEUTRAL
        if totals[best] < self.rules.min_score:
            return StanceCall(Stance.NEUTRAL, 0.0, tuple(evidence))
        return StanceCall(best, round(totals[best], 2), tuple(evidence))

    def split_point(self, tokens: Sequence[Token]) -> int | None:
        """Where a contrast turns the stance of a long sentence, if it does.

        The sentence is split before a contrast word that follows a comma or
        semicolon when both parts have at least `min_split_words` words and
        carry different, non-neutral stances.
        """
        for spans in self._contrast_set.find(tokens):
            for i, _ in spans:
                if i == 0 or tokens[i - 1].text not in {",", ";"}:
                    continue
                left, right = tokens[: i - 1], tokens[i:]
                if min(_words(left), _words(right)) < self.rules.min_split_words:
                    continue
                a, b = self.score(left).stance, self.score(right).stance
                if a != b:
                    return i
        return None

    def _cues(self, tokens: Sequence[Token]) -> list[_Cue]:
        found = [
            _Cue(*self._cue_terms[n], i, j)
            for n, spans in sorted(self._cue_set.matches(tokens).items())
            for i, j in spans
        ]
        # Where cues overlap the longest wins: "fuld opbakning" over "opbakning".
        found.sort(key=lambda c: (-(c.j - c.i), c.i, -c.term.weight))
        kept: list[_Cue] = []
        for cue in found:
            if all(cue.j <= k.i or k.j <= cue.i for k in kept):
                kept.append(cue)
        return sorted(kept, key=lambda c: (c.i, c.j))

    def _negator(self, tokens: Sequence[Token], cue: _Cue) -> str | None:
        if self._own[cue.term.pattern.source]:
            return None  # the cue carries its own negation: "ikke muligt"
        for k in range(cue.i + 1, cue.j - 1):
            if self._is_negation(tokens[k]):
                return tokens[k].text  # in a gap of the cue: "bakker ikke op"
        for k in range(cue.i - 1, max(cue.i - self.rules.negation_window, 0) - 1, -1):
            if tokens[k].text in _CLAUSE_BREAK:
                break
            if self._is_negation(tokens[k]):
                return tokens[k].text
        if cue.j < len(tokens) and self._is_negation(tokens[cue.j]):
            return tokens[cue.j].text  # finite verb before its negation: "støtter ikke"
        return None

    def _is_negation(self, token: Token) -> bool:
        return bool(self._negation_set.candidates(token))

    def _own_negation(self, term: Term) -> bool:
        """True for a cue written with a negation word in it, such as "ikke muligt"."""
        return any(neg.pieces[0].test(piece.text) for piece in term.pattern.pieces for neg in self.rules.negations)

    def _last_contrast(self, tokens: Sequence[Token]) -> tuple[int, str] | None:
        spots = [(i, tokens[i].text) for spans in self._contrast_set.matches(tokens).values() for i, _ in spans]
        return max(spots) if spots else None


def _words(tokens: Sequence[Token]) -> int:
    return sum(1 for t in tokens if any(c.isalnum() for c in t.text))
