"""Danish compounds: split a word the lemma table does not know into modifier and head.

Danish writes compounds as one word (``sagstallet``, ``grundnormeringen``,
``kontanthjælpssager``), and a policy text is full of compounds no dictionary
lists. A term pattern such as ``sagstal*`` or ``*normering*`` should still find
them, and so should an exact term against the compound's inflection. The
splitter takes the Danish lemma table of spacy-lookups-data (553,116 word
forms, MIT licence; the same table the blank pipeline lemmatises with) as its
dictionary: a word it does not know is cut where the last part is a known
word form (the head, inflected: ``tallet``) and the first part a known word,
possibly with a linking ``s`` or ``e`` (``sags``). The head's lemma gives the
compound's lemma: ``sagstallet -> sagstal``. Of several cuts the longest
known head wins (``kontanthjælps|sager``, not ``kontanthjælpssa|ger``).

A word with a hyphen is cut at its last hyphen (``SHO-ydelsen -> sho-ydelse``).
Each word form is analysed once per process and remembered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

#: Shortest word the splitter tries, and the shortest modifier and head it accepts.
MIN_WORD = 7
MIN_PART = 3
_LINKERS = ("s", "e", "")  # fugebogstaver: arbejds|marked, syge|dagpenge, job|center
_MEMO_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class Compound:
    """A word split into modifier and head, with the compound's lemma."""

    word: str  # the lower-case word form, as written
    modifier: str  # the first part with its linking letter: "sags"
    head: str  # the last part as written: "tallet"
    head_lemma: str  # its lemma: "tal"

    @property
    def lemma(self) -> str:
        """The compound's lemma: the modifier and the head's lemma, ``sagstal``."""
        return self.modifier + self.head_lemma

    def describe(self, by_head: bool = False) -> str:
        """How the word was read, for evidence notes: ``sagstallet -> sagstal``, ``... -> grund + normering``."""
        return f"{self.word} -> {self.modifier} + {self.head_lemma}" if by_head else f"{self.word} -> {self.lemma}"

    def forms(self, heads: bool) -> tuple[str, ...]:
        """What a pattern may match besides the word itself: the lemma, and with `heads` the head."""
        return (self.lemma, self.head, self.head_lemma) if heads else (self.lemma,)


class Splitter:
    """Splits compounds with a lemma table (word form -> lemma)."""

    def __init__(self, table: Mapping[str, str] | None = None) -> None:
        self._table = table
        self._memo: dict[str, Compound | None] = {}
        self._lemmas: frozenset[str] | None = None

    @property
    def table(self) -> Mapping[str, str]:
        if self._table is None:
            self._table = lemma_table()
        return self._table

    def known(self, word: str) -> bool:
        return self.table.get(word) is not None

    def lemma(self, word: str) -> str | None:
        """The lemma the table gives a lower-case word form, or None."""
        return self.table.get(word)

    def is_lemma(self, word: str) -> bool:
        """Whether a form is the lemma of some form of the table (``viden`` is, besides a form of ``vide``)."""
        if self._lemmas is None:  # made once, on the first question: most texts never ask
            self._lemmas = frozenset(self.table.values())
        return word in self._lemmas

    def split(self, word: str) -> Compound | None:
        """The compound reading of a lower-case word form, or None when it is known or no cut fits."""
        found = self._memo.get(word, _UNSEEN)
        if found is _UNSEEN:
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            found = self._memo[word] = self._split(word)
        return found  # type: ignore[return-value]

    def _split(self, word: str) -> Compound | None:
        if len(word) < MIN_WORD or self.known(word):
            return None
        if "-" in word:
            modifier, _, head = word.rpartition("-")
            if len(head) >= MIN_PART and modifier and head.isalpha():
                lemma = self.table.get(head) or head
                return Compound(word, modifier + "-", head, lemma)
            return None
        if not word.isalpha():
            return None
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            head = word[cut:]
            lemma = self.table.get(head)
            if lemma is None:
                continue
            modifier = word[:cut]
            if self._modifier(modifier):
                return Compound(word, modifier, head, lemma)
        return None

    def _modifier(self, part: str) -> bool:
        for linker in _LINKERS:
            stem = part[: len(part) - len(linker)] if linker else part
            if linker and not part.endswith(linker):
                continue
            if len(stem) >= MIN_PART and (self.known(stem) or self._inner(stem)):
                return True
        return False

    def _inner(self, stem: str) -> bool:
        """A modifier that is itself a compound of known words: ``kontant|hjælps``."""
        for cut in range(MIN_PART, len(stem) - MIN_PART + 1):
            if self.known(stem[cut:]) and self.known(stem[:cut]):
                return True
        return False


_UNSEEN = object()


_shared: list[Mapping[str, str]] = []


def share_lemma_table(table: Mapping[str, str]) -> None:
    """Use the lemma table a pipeline has loaded already (the blank pipeline's), not a second copy."""
    if not _shared:
        _shared.append(table)


def lemma_table() -> Mapping[str, str]:
    """The Danish lemma lookup table of spacy-lookups-data: the pipeline's, or loaded once per process."""
    if not _shared:
        from spacy.lookups import load_lookups

        _shared.append(load_lookups("da", ["lemma_lookup"]).get_table("lemma_lookup"))
    return _shared[0]


@lru_cache(maxsize=1)
def default_splitter() -> Splitter:
    """One splitter per process over the packaged lemma table, so its memory of words is shared."""
    return Splitter()
