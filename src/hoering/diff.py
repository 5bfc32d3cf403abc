"""Compare two consultation rounds: what changed per theme and body, which positions recur.

Two rounds are two sets of positions: two analysed folders, or two values of
the ``round`` metadata within one folder. Counts of support, concern and demand
are compared per theme and per body x theme. Positions are matched one to one
across the rounds; a matched pair is ``recurring``, a position of the later
round without a match is ``new`` and one of the earlier round ``dropped``.

How a pair is scored (0-100) is `hoering.similarity`'s, with the weights of
`Matching`:

* text (60 %): the share of the two positions' content words that have a
  counterpart in the other, each word weighted by its rarity in the two
  rounds. Words are counterparts when they share a concept (the lemma, a
  compound part: "vejlederressourcer" / "ressourcer", a synonym group of
  ``rules/synonyms.toml``: "forlængelse" / "forlænges") or are spelled alike.
* themes (25 %): shared themes over all themes of the two (Jaccard).
* body (15 %): both positions come from the same body, by canonical name.

Only pairs with a word in common are candidates. Candidates at or above the
threshold are matched greedily, best score first; a matched pair that changed
sides (support in one round, concern or demand in the other) is ``moved``.
Every pair carries the concepts the two share as its evidence. The default
threshold is the best F1 on the tune half of the recurrence gold
(``devset/recurrence/pairs.csv``, ``make recurrence``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import tally
from .bodies import BodyResolver, normalise_name
from .errors import DiffError
from .matrix import THEME_SEPARATOR
from .models import (
    COL_BODY,
    COL_STANCE,
    COL_THEME,
    DEFAULT_THRESHOLD,
    OPINION_STANCES,
    UNKNOWN_BODY,
    Position,
    Stance,
)
from .plan import Plan, coverage
from .plan_sections import user_rules_dir
from .redact import number_across
from .result import Result
from .similarity import Concepts, Matcher, Weights, load_synonyms, name_words

COL_FROM = "from"
COL_TO = "to"
COL_CHANGE = "change"
COL_STATUS = "status"
COL_SCORE = "score"
COL_TEXT_SCORE = "text_score"
COL_THEME_SCORE = "theme_score"
COL_SAME_BODY = "same_body"
COL_EVIDENCE = "evidence"
THEME_DIFF_COLUMNS: tuple[str, ...] = (COL_THEME, COL_STANCE, COL_FROM, COL_TO, COL_CHANGE, COL_STATUS)
MATRIX_DIFF_COLUMNS: tuple[str, ...] = (COL_BODY, *THEME_DIFF_COLUMNS)
_SIDE_FIELDS = ("doc", "position", "body", "stance", "themes", "text")
POSITION_DIFF_COLUMNS: tuple[str, ...] = (
    COL_STATUS,
    COL_SCORE,
    COL_TEXT_SCORE,
    COL_THEME_SCORE,
    COL_SAME_BODY,
    COL_EVIDENCE,
    *(f"from_{name}" for name in _SIDE_FIELDS),
    *(f"to_{name}" for name in _SIDE_FIELDS),
)


class Recurrence(str, Enum):
    """What became of a position between two rounds."""

    RECURRING = "recurring"
    MOVED = "moved"  # recurring, and the side changed: support in one round, concern or demand in the other
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

    @property
    def weights(self) -> Weights:
        return Weights(
            self.text_weight, self.theme_weight, self.body_weight, self.word_ratio, self.min_stem, self.stem_share
        )


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
    evidence: str = ""  # the concepts the pair shares, rarest first

    @property
    def paired(self) -> bool:
        return self.status in (Recurrence.RECURRING, Recurrence.MOVED)


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
    from_round: str | int | None = None,
    to_round: str | int | None = None,
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
        from_round, to_round: round values (the ``round`` metadata); compared as text, so
            ``2021`` and ``"2021"`` name the same round.
        threshold: the score (0-100) a pair needs to count as recurring.
        matching: all matching settings; its threshold wins over `threshold`.
        plan: the plan document (see `hoering.plan.read_plan`); the later
            round's feedback is set against it per theme.

    Raises:
        DiffError: a round has no positions, or a single corpus has fewer than two rounds.
    """
    # Rounds are text in the metadata; a caller writing from_round=2021 means the same round.
    from_round = None if from_round is None else str(from_round).strip()
    to_round = None if to_round is None else str(to_round).strip()
    settings = matching or Matching(threshold=threshold)
    if not 0 <= settings.threshold <= 100:
        raise DiffError(f"threshold must be between 0 and 100, not {settings.threshold:g}")
    if new is None:
        from_round, to_round = _default_rounds(old, from_round, to_round)
        new = old
    before = _select(old, from_round)
    after = _select(new, to_round)
    if new is not old and (old.citizens or new.citizens):
        before, after = number_across([(before, dict(old.citizens)), (after, dict(new.citizens))], new.rules.redaction)
    resolver = BodyResolver(new.rules.bodies)
    concepts = _concepts(user_rules_dir(new.rules))
    matches = match_positions(_relevant(before), _relevant(after), resolver, settings, concepts)
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
    old: Sequence[Position],
    new: Sequence[Position],
    resolver: BodyResolver,
    settings: Matching,
    concepts: Concepts | None = None,
) -> list[Match]:
    """Pair positions of two rounds one to one; the rest are dropped or new."""
    concepts = concepts or _concepts()
    words_old = [concepts.words(p.tokens, name_words(p.body)) for p in old]
    words_new = [concepts.words(q.tokens, name_words(q.body)) for q in new]
    matcher = Matcher(words_old, words_new, settings.weights)
    keys_old = [_body_key(p, resolver) if p.body != UNKNOWN_BODY else None for p in old]
    keys_new = [_body_key(q, resolver) if q.body != UNKNOWN_BODY else None for q in new]
    candidates = []
    for i, j in matcher.candidates(words_old, words_new):
        same = keys_old[i] is not None and keys_old[i] == keys_new[j]
        found = matcher.score(words_old[i], words_new[j], old[i].theme_ids, new[j].theme_ids, same)
        if found.score >= settings.threshold and found.text > 0:
            candidates.append((found.score, i, j, found))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    paired_old: dict[int, Match] = {}
    paired_new: set[int] = set()
    for _, i, j, found in candidates:
        if i in paired_old or j in paired_new:
            continue
        status = Recurrence.MOVED if _moved(old[i], new[j]) else Recurrence.RECURRING
        paired_old[i] = Match(
            status, old[i], new[j], found.score, found.text, found.themes, found.same_body, found.evidence
        )
        paired_new.add(j)
    recurring = sorted(paired_old.values(), key=lambda m: (-m.score, _order(m.old), _order(m.new)))
    fresh = [Match(Recurrence.NEW, None, q) for j, q in enumerate(new) if j not in paired_new]
    dropped = [Match(Recurrence.DROPPED, p, None) for i, p in enumerate(old) if i not in paired_old]
    return [*recurring, *fresh, *dropped]


def _moved(old: Position, new: Position) -> bool:
    """The body changed sides: support in one round, concern or demand in the other."""
    sides = {old.stance.stance, new.stance.stance}
    return Stance.SUPPORT in sides and bool(sides & {Stance.CONCERN, Stance.DEMAND})


@lru_cache(maxsize=4)
def _concepts(rules_dir: Path | None = None) -> Concepts:
    """Concepts with the synonyms of the user's rules folder, when it has synonyms.toml."""
    return Concepts(synonyms=load_synonyms(rules_dir))


def _order(position: Position | None) -> tuple[str, int]:
    return ("", 0) if position is None else (position.doc_id, position.index)


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
            COL_EVIDENCE: m.evidence,
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
