"""Pair the positions of two rounds one to one: how alike two positions are, and the greedy match.

How a pair is scored is told in `hoering.diff`; `Matching` holds its weights.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Postfix, Prefix
from spacy.lang.da.stop_words import STOP_WORDS

from .bodies import BodyResolver, normalise_name
from .models import UNKNOWN_BODY, Position

#: Pairs scoring at least this much (0-100) are recurring.
DEFAULT_THRESHOLD = 37.0


class Recurrence(str, Enum):
    """What became of a position between two rounds."""

    RECURRING = "recurring"
    NEW = "new"
    DROPPED = "dropped"


@dataclass(frozen=True)
class Matching:
    """How positions are matched across rounds; see the module docstring."""

    threshold: float = DEFAULT_THRESHOLD
    text_weight: float = 0.6
    theme_weight: float = 0.25
    body_weight: float = 0.15
    word_ratio: float = 90.0
    min_stem: int = 4
    stem_share: float = 0.8
    min_head: int = 6


@dataclass(frozen=True)
class Match:
    """One row of the position comparison: a pair, or a position alone."""

    status: Recurrence
    old: Position | None
    new: Position | None
    score: float = 0.0
    text_score: float = 0.0
    theme_score: float = 0.0
    same_body: bool = False


def body_key(position: Position, resolver: BodyResolver) -> str:
    """The canonical name of a position's body, as two rounds compare it."""
    return normalise_name(resolver.resolve(position.body)[0])


def match_positions(
    old: Sequence[Position], new: Sequence[Position], resolver: BodyResolver, settings: Matching
) -> list[Match]:
    """Pair positions of two rounds one to one; the rest are dropped or new."""
    words_old = [_content_words(p) for p in old]
    words_new = [_content_words(p) for p in new]
    weights = _rarity([*words_old, *words_new])
    alike = _Alike(sorted({w for ws in words_old for w in ws}), sorted({w for ws in words_new for w in ws}), settings)
    candidates = []
    for i, p in enumerate(old):
        for j, q in enumerate(new):
            themes_p, themes_q = set(p.theme_ids), set(q.theme_ids)
            if (themes_p or themes_q) and not themes_p & themes_q:
                continue
            text = alike.similarity(words_old[i], words_new[j], weights)
            if not words_old[i] or not words_new[j]:  # nothing but stop words: compare the whole text
                text = fuzz.ratio(p.text.casefold(), q.text.casefold())
            if text == 0:
                continue
            theme = 100 * len(themes_p & themes_q) / len(themes_p | themes_q) if themes_p else 0.0
            same = p.body != UNKNOWN_BODY and body_key(p, resolver) == body_key(q, resolver)
            score = settings.text_weight * text + settings.theme_weight * theme + settings.body_weight * 100 * same
            score = round(score, 1)  # the threshold applies to the score as shown
            if score >= settings.threshold:
                candidates.append((score, round(text, 1), round(theme, 1), same, i, j))
    candidates.sort(key=lambda c: (-c[0], c[4], c[5]))
    paired_old: dict[int, Match] = {}
    paired_new: set[int] = set()
    for score, text, theme, same, i, j in candidates:
        if i in paired_old or j in paired_new:
            continue
        paired_old[i] = Match(Recurrence.RECURRING, old[i], new[j], score, text, theme, same)
        paired_new.add(j)
    recurring = sorted(paired_old.values(), key=lambda m: (-m.score, _order(m.old), _order(m.new)))
    fresh = [Match(Recurrence.NEW, None, q) for j, q in enumerate(new) if j not in paired_new]
    dropped = [Match(Recurrence.DROPPED, p, None) for i, p in enumerate(old) if i not in paired_old]
    return [*recurring, *fresh, *dropped]


def _order(position: Position | None) -> tuple[str, int]:
    return ("", 0) if position is None else (position.doc_id, position.index)


def _content_words(position: Position) -> tuple[str, ...]:
    """Lemmas of the words that carry content, each once, in text order."""
    words: dict[str, None] = {}
    for token in position.tokens:
        if not any(c.isalnum() for c in token.lower):
            continue
        if token.lower in STOP_WORDS or token.lemma in STOP_WORDS:
            continue
        words.setdefault(token.lemma or token.lower, None)
    return tuple(words)


def _rarity(documents: Sequence[Sequence[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency: rare words weigh more."""
    frequency = Counter(w for words in documents for w in set(words))
    n = len(documents)
    return {w: 1.0 + math.log((1 + n) / (1 + df)) for w, df in frequency.items()}


class _Alike:
    """Which words of one round have a counterpart in the other, computed once."""

    def __init__(self, left: Sequence[str], right: Sequence[str], settings: Matching) -> None:
        self.left = {w: i for i, w in enumerate(left)}
        self.right = {w: j for j, w in enumerate(right)}
        if not left or not right:
            self.table = np.zeros((len(left), len(right)), dtype=bool)
            return
        ratio = process.cdist(left, right, scorer=fuzz.ratio)
        prefix = process.cdist(left, right, scorer=Prefix.similarity)
        suffix = process.cdist(left, right, scorer=Postfix.similarity)
        shorter = np.minimum.outer(np.array([len(w) for w in left]), np.array([len(w) for w in right]))
        stem = (prefix >= settings.min_stem) & (prefix >= settings.stem_share * shorter)
        head = (shorter >= settings.min_head) & (suffix == shorter)
        self.table = (ratio >= settings.word_ratio) | stem | head

    def similarity(self, a: Sequence[str], b: Sequence[str], weights: dict[str, float]) -> float:
        """Weighted share (0-100) of the words of `a` and `b` with a counterpart in the other."""
        if not a or not b:
            return 0.0
        sub = self.table[np.ix_([self.left[w] for w in a], [self.right[w] for w in b])]
        found = sum(weights[w] for w, hit in zip(a, sub.any(axis=1)) if hit)
        found += sum(weights[w] for w, hit in zip(b, sub.any(axis=0)) if hit)
        return 100.0 * found / (sum(weights[w] for w in a) + sum(weights[w] for w in b))
