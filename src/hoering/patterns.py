"""The term pattern language shared by theme terms, stance cues and exclusions.

A pattern is one or more token patterns separated by spaces, matched against
each token's lowercase form and its lemma:

- ``enig``        the token is exactly ``enig`` (or its lemma is)
- ``sygedagpenge*``  the token starts with ``sygedagpenge``: inflection and
  compounds whose first part it is (``sygedagpengeområdet``)
- ``*fravær``     the token ends with ``fravær`` (compound head: ``sygefravær``)
- ``*ressource*`` the token contains ``ressource`` anywhere
- ``...``         up to `GAP` tokens of anything, as in ``bakke ... op``
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .models import Token
from .morphology import Compound, Splitter

GAP_TOKEN = "..."
GAP = 3  # how many tokens a `...` may skip
_VALID_PIECE = re.compile(r"^\*?[\wæøåÆØÅ.\-/'’]+\*?$")


@dataclass(frozen=True)
class TokenPattern:
    text: str
    prefix: bool  # pattern ends with *: token starts with text
    suffix: bool  # pattern starts with *: token ends with text

    def test(self, value: str) -> bool:
        if self.prefix and self.suffix:
            return self.text in value
        if self.prefix:
            return value.startswith(self.text)
        if self.suffix:
            return value.endswith(self.text)
        return value == self.text

    def matches(self, token: Token) -> bool:
        return self.test(token.lower) or self.test(token.lemma)


@dataclass(frozen=True)
class Pattern:
    """A compiled term pattern: token patterns with optional gaps between them."""

    source: str
    pieces: tuple[TokenPattern, ...]
    gaps: tuple[bool, ...]  # gaps[i]: a `...` stands before pieces[i]

    def match_at(self, tokens: Sequence[Token], i: int) -> int | None:
        """Return the end index (exclusive) of a match starting at token i."""
        return self._match(tokens, i, 0)

    def _match(self, tokens: Sequence[Token], i: int, k: int) -> int | None:
        if k == len(self.pieces):
            return i
        reach = GAP if (k > 0 and self.gaps[k]) else 0
        for j in range(i, min(i + reach, len(tokens) - 1) + 1):
            if j < len(tokens) and self.pieces[k].matches(tokens[j]):
                end = self._match(tokens, j + 1, k + 1)
                if end is not None:
                    return end
        return None

    def match_rest(self, tokens: Sequence[Token], i: int) -> int | None:
        """Like `match_at` for a token i the first piece is known to match."""
        return self._match(tokens, i + 1, 1)

    def find(self, tokens: Sequence[Token]) -> list[tuple[int, int]]:
        """All non-overlapping matches as (first token, end token) index pairs."""
        found: list[tuple[int, int]] = []
        i = 0
        while i < len(tokens):
            end = self.match_at(tokens, i)
            if end is None:
                i += 1
            else:
                found.append((i, end))
                i = end
        return found


def compile_pattern(source: str) -> Pattern:
    """Compile a pattern string, raising ValueError with the reason if it is bad."""
    words = source.strip().lower().split()
    if not words:
        raise ValueError("empty pattern")
    if words[0] == GAP_TOKEN or words[-1] == GAP_TOKEN:
        raise ValueError(f"'{GAP_TOKEN}' must stand between two words")
    pieces: list[TokenPattern] = []
    gaps: list[bool] = []
    gap_pending = False
    for word in words:
        if word == GAP_TOKEN:
            if gap_pending:
                raise ValueError(f"two '{GAP_TOKEN}' in a row")
            gap_pending = True
            continue
        if not _VALID_PIECE.match(word) or word.strip("*") == "":
            raise ValueError(f"bad word '{word}' (letters, digits, . - / ' and a leading or trailing *)")
        pieces.append(TokenPattern(word.strip("*"), prefix=word.endswith("*"), suffix=word.startswith("*")))
        gaps.append(gap_pending)
        gap_pending = False
    return Pattern(source=source, pieces=tuple(pieces), gaps=tuple(gaps))


class PatternSet:
    """Many patterns matched together: each word only tries the patterns its first piece allows.

    Matching every pattern at every word costs patterns x words; the set
    indexes patterns by their first piece (whole word, stem, compound head or
    infix), so a word is tried only against patterns that can start there.
    The patterns a word form can start are looked up once per (form, lemma)
    and remembered. `find` gives the same matches as calling `Pattern.find`
    on each pattern.

    With a `splitter`, the first piece of a pattern also matches what a
    compound the lemma table does not know is made of (see `morphology`): its
    lemma (``sagstallet`` as ``sagstal``) and, with `heads`, its head
    (``grundnormeringen`` as ``normering``), so that a theme term finds the
    compounds it is the last part of.
    """

    def __init__(self, patterns: Sequence[Pattern], splitter: Splitter | None = None, heads: bool = False) -> None:
        self.patterns = tuple(patterns)
        self.splitter = splitter
        self.heads = heads
        self._exact: dict[str, list[int]] = {}
        self._prefix: dict[str, list[int]] = {}
        self._suffix: dict[str, list[int]] = {}
        self._infix: list[int] = []
        for n, pattern in enumerate(self.patterns):
            first = pattern.pieces[0]
            if first.prefix and first.suffix:
                self._infix.append(n)
            elif first.prefix:
                self._prefix.setdefault(first.text, []).append(n)
            elif first.suffix:
                self._suffix.setdefault(first.text, []).append(n)
            else:
                self._exact.setdefault(first.text, []).append(n)
        self._longest_prefix = max(map(len, self._prefix), default=0)
        self._longest_suffix = max(map(len, self._suffix), default=0)
        self._single = tuple(len(p.pieces) == 1 for p in self.patterns)
        self._memo: dict[tuple[str, str], tuple[int, ...]] = {}

    def candidates(self, token: Token) -> tuple[int, ...]:
        """The patterns whose first piece matches `token`, in pattern order."""
        key = (token.lower, token.lemma)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()  # a bound for very large vocabularies
            found = self._memo[key] = tuple(sorted(self._candidates(token)))
        return found

    def compound(self, token: Token) -> Compound | None:
        """The compound reading of `token` this set matches with, if any."""
        if self.splitter is None or token.lemma != token.lower:
            return None  # the lemma table knows the word: its own lemma is enough
        return self.splitter.split(token.lower)

    def _candidates(self, token: Token) -> set[int]:
        found: set[int] = set()
        values = {token.lower, token.lemma}
        compound = self.compound(token)
        if compound is not None:
            values.update(compound.forms(self.heads))
        for value in values:
            found.update(self._exact.get(value, ()))
            for size in range(1, min(len(value), self._longest_prefix) + 1):
                found.update(self._prefix.get(value[:size], ()))
            for size in range(1, min(len(value), self._longest_suffix) + 1):
                found.update(self._suffix.get(value[-size:], ()))
        found.update(n for n in self._infix if any(self.patterns[n].pieces[0].test(v) for v in values))
        return found

    def how(self, n: int, token: Token) -> str:
        """Empty when pattern n's first piece matches `token` as written; else the compound reading it took."""
        piece = self.patterns[n].pieces[0]
        compound = self.compound(token)
        if piece.matches(token) or compound is None:
            return ""
        return compound.describe(by_head=not piece.test(compound.lemma))

    def matches(self, tokens: Sequence[Token]) -> dict[int, list[tuple[int, int]]]:
        """The non-overlapping matches of each pattern that matched, by pattern index.

        Keys come in no particular order; patterns without a match are absent.
        """
        found: dict[int, list[tuple[int, int]]] = {}
        for i, token in enumerate(tokens):
            for n in self.candidates(token):
                spans = found.get(n)
                if spans and spans[-1][1] > i:
                    continue  # inside this pattern's previous match
                # The first piece matches (that is what made n a candidate).
                end = i + 1 if self._single[n] else self.patterns[n].match_rest(tokens, i)
                if end is None:
                    continue
                if spans is None:
                    found[n] = [(i, end)]
                else:
                    spans.append((i, end))
        return found

    def find(self, tokens: Sequence[Token]) -> list[list[tuple[int, int]]]:
        """For each pattern, its non-overlapping matches as (first token, end token) pairs."""
        found = self.matches(tokens)
        return [found.get(n, []) for n in range(len(self.patterns))]


#: How many (form, lemma) pairs a PatternSet remembers before it starts over.
_MEMO_LIMIT = 200_000
