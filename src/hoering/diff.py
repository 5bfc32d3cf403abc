"""Compare two consultation rounds: what changed per theme and body, which positions recur.

Two rounds are two sets of positions: two analysed folders, or two values of
the ``round`` metadata within one folder. Counts of support, concern and demand
are compared per theme and per body x theme. Positions are matched one to one
across the rounds; a matched pair is ``recurring``, a position of the later
round without a match is ``new`` and one of the earlier round ``dropped``.

How a pair is scored (0-100), with the weights of `Matching`:

* text (60 %): the share of the two positions' content words (lemmas, spaCy's
  Danish stop words left out) that have a counterpart in the other position,
  each word weighted by how rare it is in the two rounds, so that "jobcenter"
  counts less than "a-kasse". Two words are counterparts when rapidfuzz finds
  them alike: a ratio of 90 or more (spelling and inflection), a shared start
  of at least 4 letters and 80 % of the shorter word ("investering" /
  "investere", "unge" / "ungegruppen"), or the shorter word, 6 letters or more,
  ending the longer one ("ressourcer" / "vejlederressourcer").
* themes (25 %): shared themes over all themes of the two (Jaccard).
* body (15 %): both positions come from the same body, by canonical name.

Only pairs with some text in common (a shared content word; for positions of
stop words only, rapidfuzz's ratio of the whole texts) that share a theme, or
both have none, are candidates. Candidates at or above the threshold are matched greedily,
best score first.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Postfix, Prefix
from spacy.lang.da.stop_words import STOP_WORDS

from . import tally
from .bodies import BodyResolver, normalise_name
from .errors import DiffError
from .matrix import THEME_SEPARATOR
from .models import (
    COL_BODY,
    COL_STANCE,
    COL_THEME,
    OPINION_STANCES,
    UNKNOWN_BODY,
    Position,
    Stance,
)
from .plan import Plan, coverage
from .result import Result

#: Pairs scoring at least this much (0-100) are recurring.
DEFAULT_THRESHOLD = 37.0

COL_FROM = "from"
COL_TO = "to"
COL_CHANGE = "change"
COL_STATUS = "status"
COL_SCORE = "score"
COL_TEXT_SCORE = "text_score"
COL_THEME_SCORE = "theme_score"
COL_SAME_BODY = "same_body"
THEME_DIFF_COLUMNS: tuple[str, ...] = (COL_THEME, COL_STANCE, COL_FROM, COL_TO, COL_CHANGE, COL_STATUS)
MATRIX_DIFF_COLUMNS: tuple[str, ...] = (COL_BODY, *THEME_DIFF_COLUMNS)
_SIDE_FIELDS = ("doc", "position", "body", "stance", "themes", "text")
POSITION_DIFF_COLUMNS: tuple[str, ...] = (
    COL_STATUS,
    COL_SCORE,
    COL_TEXT_SCORE,
    COL_THEME_SCORE,
    COL_SAME_BODY,
    *(f"from_{name}" for name in _SIDE_FIELDS),
    *(f"to_{name}" for name in _SIDE_FIELDS),
)


class Recurrence(str, Enum):
    """What became of a position between two rounds."""

    RECURRING = "recurring"
    NEW = "new"
    DROPPED = "dropped"


class Trend(str, Enum):
    """What became of a theme (or a body's theme) between two rounds."""

    APPEARED = "appeared"  # no opinion on it in the earlier round
    DISAPPEARED = "disappeared"  # none in the later round
    CHANGED = "changed"
    SAME = "same"


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


@dataclass(frozen=True)
class Diff:
    """Two rounds compared: count changes and matched positions."""

    from_round: str
    to_round: str
    matching: Matching
    old: tuple[Position, ...]
    new: tuple[Position, ...]
    matches: tuple[Match, ...]
    themes: pd.DataFrame = field(repr=False)
    matrix: pd.DataFrame = field(repr=False)
    positions: pd.DataFrame = field(repr=False)
    plan: Plan | None = None
    coverage: pd.DataFrame | None = field(repr=False, default=None)

    def count(self, status: Recurrence) -> int:
        return sum(1 for m in self.matches if m.status is status)

    def summary(self) -> dict[str, object]:
        """Counts for the summary line and the JSON output."""
        return {
            "from": self.from_round,
            "to": self.to_round,
            "threshold": self.matching.threshold,
            "from_positions": len(self.old),
            "to_positions": len(self.new),
            "plan": self.plan.path if self.plan is not None else None,
            "from_bodies": sorted({p.body for p in self.old}, key=str.casefold),
            "to_bodies": sorted({p.body for p in self.new}, key=str.casefold),
            **{status.value: self.count(status) for status in Recurrence},
        }


def rounds(result: Result) -> tuple[str, ...]:
    """The rounds of a result's positions, in order (positions without a round left out)."""
    return tuple(sorted({p.round for p in result.items if p.round}))


def diff(
    old: Result,
    new: Result | None = None,
    *,
    from_round: str | None = None,
    to_round: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    matching: Matching | None = None,
    plan: Plan | None = None,
) -> Diff:
    """Compare two rounds of responses.

    With one result, its rounds are compared: `from_round` and `to_round`
    default to the last two. With two results, `old` is the earlier round and
    `new` the later one; `from_round` and `to_round` then narrow either side
    to one round.

    Args:
        old: the earlier round, or the whole corpus.
        new: the later round, if it is a separate result.
        from_round, to_round: round values (the ``round`` metadata).
        threshold: the score (0-100) a pair needs to count as recurring.
        matching: all matching settings; its threshold wins over `threshold`.
        plan: the plan document (see `hoering.plan.read_plan`); the later
            round's feedback is set against it per theme.

    Raises:
        DiffError: a round has no positions, or a single corpus has fewer than two rounds.
    """
    settings = matching or Matching(threshold=threshold)
    if not 0 <= settings.threshold <= 100:
        raise DiffError(f"threshold must be between 0 and 100, not {settings.threshold:g}")
    if new is None:
        from_round, to_round = _default_rounds(old, from_round, to_round)
        new = old
    before = _select(old, from_round)
    after = _select(new, to_round)
    resolver = BodyResolver(new.rules.bodies)
    matches = match_positions(_relevant(before), _relevant(after), resolver, settings)
    theme_ids = _theme_order(old, new)
    return Diff(
        from_round=from_round or _label(old, before),
        to_round=to_round or _label(new, after),
        matching=settings,
        old=tuple(before),
        new=tuple(after),
        matches=tuple(matches),
        themes=theme_changes(before, after, theme_ids),
        matrix=theme_changes(before, after, theme_ids, by_body=resolver),
        positions=positions_frame(matches),
        plan=plan,
        coverage=coverage(plan, after, theme_ids) if plan is not None else None,
    )


def _default_rounds(result: Result, first: str | None, second: str | None) -> tuple[str, str]:
    found = rounds(result)
    for value in (first, second):
        if value is not None and value not in found:
            raise DiffError(f"{result.corpus}: no positions in round '{value}' (rounds: {_listing(found)})")
    if first is not None and second is not None:
        return first, second
    if second is None:
        later = [r for r in found if first is None or r > first]
        second = later[-1] if later else None
    if first is None and second is not None:
        earlier = [r for r in found if r < second]
        first = earlier[-1] if earlier else None
    if first is None or second is None:
        raise DiffError(
            f"{result.corpus}: needs two rounds to compare, found {_listing(found)}"
            " (set 'round' in the headers, use round folders such as 2021/, or give two folders)"
        )
    return first, second


def _listing(found: Sequence[str]) -> str:
    return ", ".join(found) if found else "none"


def _select(result: Result, round_: str | None) -> list[Position]:
    if result.items and not any(p.tokens for p in result.items):
        raise DiffError(f"{result.corpus}: positions carry no tokens to compare (analyse with keep_tokens=True)")
    if round_ is None:
        return list(result.items)
    chosen = [p for p in result.items if p.round == round_]
    if not chosen:
        raise DiffError(f"{result.corpus}: no positions in round '{round_}' (rounds: {_listing(rounds(result))})")
    return chosen


def _label(result: Result, positions: Sequence[Position]) -> str:
    found = {p.round for p in positions}
    return found.pop() if len(found) == 1 and "" not in found else Path(result.corpus).name


def _relevant(positions: Iterable[Position]) -> list[Position]:
    """Positions that say something: a theme, or an opinion."""
    return [p for p in positions if p.themes or p.stance.stance is not Stance.NEUTRAL]


def _theme_order(*results: Result) -> list[str]:
    ids: dict[str, None] = {}
    for result in results:
        ids.update(dict.fromkeys(result.rules.codebook.ids))
    return list(ids)


def _body_key(position: Position, resolver: BodyResolver) -> str:
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
            same = p.body != UNKNOWN_BODY and _body_key(p, resolver) == _body_key(q, resolver)
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


def _counts(positions: Iterable[Position], bodies: dict[str, str] | None) -> Counter[tuple[str, str, str]]:
    opinions = {s.value for s in OPINION_STANCES}
    return tally.cells(
        (bodies[body] if bodies is not None else "", themes, stance)
        for body, themes, stance in tally.rows(positions)
        if stance in opinions
    )


def _body_names(old: Sequence[Position], new: Sequence[Position], resolver: BodyResolver) -> dict[str, str]:
    """Each body name as written -> one display name per body; the later round's spelling wins."""
    shown: dict[str, str] = {}
    for p in [*new, *old]:
        shown.setdefault(_body_key(p, resolver), resolver.resolve(p.body)[0])
    return {p.body: shown[_body_key(p, resolver)] for p in [*old, *new]}


def theme_changes(
    old: Sequence[Position],
    new: Sequence[Position],
    theme_ids: Sequence[str],
    by_body: BodyResolver | None = None,
) -> pd.DataFrame:
    """Support, concern and demand per theme (or per body x theme) in both rounds, and the change.

    Only themes (bodies x themes) with an opinion in either round are listed;
    `status` says whether the theme appeared, disappeared, changed or stayed the same.
    """
    bodies = _body_names(old, new, by_body) if by_body is not None else None
    before, after = _counts(old, bodies), _counts(new, bodies)
    keys = {(body, theme) for body, theme, _ in [*before, *after]}
    order = {theme: i for i, theme in enumerate(theme_ids)}
    rows = []
    for body, theme in sorted(keys, key=lambda k: (k[0].casefold(), order.get(k[1], len(order)), k[1])):
        values = [(s.value, before[(body, theme, s.value)], after[(body, theme, s.value)]) for s in OPINION_STANCES]
        status = _trend(sum(v[1] for v in values), sum(v[2] for v in values), any(v[1] != v[2] for v in values))
        for stance, a, b in values:
            rows.append((body, theme, stance, a, b, b - a, status.value))
    frame = pd.DataFrame(rows, columns=list(MATRIX_DIFF_COLUMNS))
    frame = frame.astype({COL_FROM: "int64", COL_TO: "int64", COL_CHANGE: "int64"})
    return frame if by_body is not None else frame.drop(columns=[COL_BODY])


def _trend(before: int, after: int, changed: bool) -> Trend:
    if before == 0:
        return Trend.APPEARED
    if after == 0:
        return Trend.DISAPPEARED
    return Trend.CHANGED if changed else Trend.SAME


def positions_frame(matches: Sequence[Match]) -> pd.DataFrame:
    """One row per match: the two positions side by side with the scores."""
    rows = []
    for m in matches:
        row: dict[str, object] = {
            COL_STATUS: m.status.value,
            COL_SCORE: m.score,
            COL_TEXT_SCORE: m.text_score,
            COL_THEME_SCORE: m.theme_score,
            COL_SAME_BODY: m.same_body,
        }
        for side, p in (("from", m.old), ("to", m.new)):
            values = _side(p)
            row.update({f"{side}_{name}": value for name, value in zip(_SIDE_FIELDS, values)})
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(POSITION_DIFF_COLUMNS))
    return frame.astype({"from_position": "Int64", "to_position": "Int64"})


def _side(p: Position | None) -> tuple[object, ...]:
    if p is None:
        return ("", None, "", "", "", "")
    return (p.doc_id, p.index, p.body, p.stance.stance.value, THEME_SEPARATOR.join(p.theme_ids), p.text)


__all__ = [
    "DEFAULT_THRESHOLD",
    "Diff",
    "Match",
    "Matching",
    "Recurrence",
    "Trend",
    "diff",
    "rounds",
    "theme_changes",
]
