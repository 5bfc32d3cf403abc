"""How alike two positions are in meaning: lemmas, compound parts, synonyms, themes, body.

A position's content words (spaCy's Danish stop words left out) are turned
into *concepts*: the word's lemma, the lemmas of its compound parts when the
lemma table knows both ("vejlederressourcer" -> vejleder + ressource,
"ungegruppen" -> unge + gruppe), and the synonym group of the lemma or of its
head when ``rules/synonyms.toml`` lists one ("bemanding" ~ "medarbejdere" ~
"stillinger"). Two words are counterparts when they share a concept, or when
they are spelled alike (a rapidfuzz ratio of 90 or more, or a shared start of
4+ letters covering 80 % of the shorter word: "forlængelse" / "forlænges").

The text score (0-100) is the share of the two positions' words with a
counterpart in the other, each word weighted by its rarity among the texts
compared (inverse document frequency). The pair score adds shared themes
(Jaccard) and the same body; its weights are in `Weights`. Every pair carries
its evidence: the concepts the two share, rarest first.

The lemma table is the Danish lookup table of spacy-lookups-data, the one the
blank pipeline's lemmatizer uses; the synonym list is reviewed rules data.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Prefix

from . import lazy
from .errors import RulesError
from .models import Position, Token
from .nlp import BLANK, build_pipeline
from .rules import read_merged_rules_file

SYNONYMS_FILE = "synonyms.toml"
_WORD = re.compile(r"^[a-zæøåéü-]+$")

Lookup = Callable[[str], str | None]

# Importing spaCy's stop words imports all of spaCy (about a second): done when words are first compared,
# not by every command that imports this module for a type or a table.
_spacy_stop_words = lazy.module("spacy.lang.da.stop_words")
numpy = lazy.module("numpy")  # for spelling across vocabularies only


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's Danish stop words."""
    return frozenset(_spacy_stop_words.STOP_WORDS)


@dataclass(frozen=True)
class Synonyms:
    """Words that say the same in this domain, by group: word (lemma) -> group name."""

    groups: Mapping[str, str]
    source: str = ""
    generic: frozenset[str] = frozenset()  # words too general to make two texts the same point

    def group(self, lemma: str) -> str | None:
        return self.groups.get(lemma)


def load_synonyms(directory: str | Path | None = None) -> Synonyms:
    """The packaged ``synonyms.toml``, with `directory`'s merged over it when it has one.

    The file holds ``[[group]]`` tables with a ``name`` and a list of ``words``
    (lemmas, lower case). A word may stand in one group only. A user's group
    with a packaged name replaces that group's words, a new name adds a group,
    and ``enabled = false`` takes a packaged group out.

    Raises:
        RulesError: the file is not valid TOML, or a group is malformed.
    """
    path, data = read_merged_rules_file(SYNONYMS_FILE, directory)
    groups: dict[str, str] = {}
    for i, entry in enumerate(data.get("group", [])):
        name = entry.get("name") if isinstance(entry, dict) else None
        words = entry.get("words") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not isinstance(words, list) or len(words) < 2:
            raise RulesError(f"{path} [group {i + 1}] expected a name and a list of at least two words")
        for word in words:
            if not isinstance(word, str) or not _WORD.match(word):
                raise RulesError(f"{path} [group -> {name} -> words] {word!r} is not a lower-case word")
            if word in groups and groups[word] != name:
                raise RulesError(f"{path} [group -> {name} -> words] '{word}' is already in group '{groups[word]}'")
            groups[word] = name
    generic = data.get("generic", {}).get("words", [])
    if not isinstance(generic, list) or not all(isinstance(w, str) for w in generic):
        raise RulesError(f"{path} [generic -> words] expected a list of words")
    return Synonyms(groups, str(path), frozenset(generic))


@lru_cache(maxsize=1)
def _packaged_lemmas() -> Lookup:
    # The blank pipeline holds the table and is built once per process: share it.
    return lemma_lookup(build_pipeline(BLANK).nlp)


def _lookup(table) -> Lookup:
    def find(word: str) -> str | None:
        return table.get(word) if word in table else None

    return find


def lemma_lookup(nlp=None) -> Lookup:
    """The Danish lemma lookup table: the pipeline's own when it has one, else the packaged one."""
    if nlp is not None and "lemmatizer" in nlp.pipe_names:
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is not None and lookups.has_table("lemma_lookup"):
            return _lookup(lookups.get_table("lemma_lookup"))
    return _packaged_lemmas()


@dataclass(frozen=True)
class Weights:
    """How the parts of a pair score add up (each part 0-100)."""

    text: float = 0.6
    themes: float = 0.25
    body: float = 0.15
    word_ratio: float = 90.0
    min_stem: int = 4
    stem_share: float = 0.8


@dataclass(frozen=True)
class Word:
    """A content word of a position and the concepts it stands for."""

    lemma: str
    surface: str  # as written, for the evidence
    concepts: frozenset[str]


@dataclass(frozen=True)
class Score:
    """How alike two texts are, with the concepts they share as evidence."""

    score: float
    text: float
    themes: float
    same_body: bool
    shared: tuple[str, ...] = ()  # "ressource (vejlederressourcer ~ ressourcer)", rarest first

    @property
    def evidence(self) -> str:
        return "; ".join(self.shared)


class Concepts:
    """Turns tokens into content words with their concepts; remembers what it has split."""

    def __init__(self, lemmas: Lookup | None = None, synonyms: Synonyms | None = None, compounds: bool = True) -> None:
        self.lemmas = lemmas or _packaged_lemmas()
        self.synonyms = synonyms if synonyms is not None else load_synonyms()
        self.compounds = compounds  # False: a compound is one word only (the lexical baseline)
        self._parts: dict[str, tuple[str, ...]] = {}

    def parts(self, word: str) -> tuple[str, ...]:
        """The lemmas of a compound's modifier and head, longest head first; () for a simple word."""
        if word not in self._parts:
            self._parts[word] = self._split(word) if self.compounds else ()
        return self._parts[word]

    def _split(self, word: str) -> tuple[str, ...]:
        if len(word) < 9 or not word.isalpha():
            return ()
        for i in range(4, len(word) - 3):
            head, modifier = word[i:], word[:i]
            head_lemma = self.lemmas(head)
            if head_lemma is None or head in stop_words():
                continue
            for m in (modifier, modifier[:-1] if modifier[-1] in "se" else ""):
                if len(m) >= 4 and m not in stop_words() and self.lemmas(m) is not None:
                    return (self.lemmas(m) or m, head_lemma)
        return ()

    def words(self, tokens: Iterable[Token], leave_out: Iterable[str] = ()) -> tuple[Word, ...]:
        """The content words of a text, each lemma once, in text order.

        Stop words, the synonym file's generic words and the words of
        `leave_out` (the body's own name: "KL", "DA") are left out.
        """
        skip = stop_words() | self.synonyms.generic | {w.casefold() for w in leave_out}
        seen: dict[str, Word] = {}
        for token in tokens:
            lower = token.lower
            if not any(c.isalpha() for c in lower) or lower in skip or token.lemma in skip:
                continue
            lemma = token.lemma or lower
            if lemma in seen:
                continue
            concepts = {lemma}
            parts = self.parts(lower) or self.parts(lemma)
            concepts.update(p for p in parts if p not in skip and len(p) > 2)
            for key in (lemma, *(parts[-1:] if parts else ())):
                group = self.synonyms.group(key)
                if group:
                    concepts.add(f"≈{group}")
            seen[lemma] = Word(lemma, token.text, frozenset(concepts))
        return tuple(seen.values())


def name_words(name: str) -> frozenset[str]:
    """The words of a body's name ("Lokalt Arbejdsmarkedsråd" -> lokalt, arbejdsmarkedsråd)."""
    return frozenset(w.casefold() for w in re.findall(r"[\w-]+", name))


def rarity(texts: Sequence[Sequence[Word]]) -> dict[str, float]:
    """Smoothed inverse document frequency of each concept: rare concepts weigh more."""
    frequency = Counter(c for words in texts for c in {c for w in words for c in w.concepts})
    n = len(texts)
    return {c: 1.0 + math.log((1 + n) / (1 + df)) for c, df in frequency.items()}


class Matcher:
    """Scores pairs of texts from two sides, the spelling table computed once per vocabulary."""

    def __init__(
        self,
        left: Sequence[Sequence[Word]],
        right: Sequence[Sequence[Word]],
        weights: Weights | None = None,
    ) -> None:
        self.weights = weights or Weights()
        self.idf = rarity([*left, *right])
        left_vocab = sorted({w.lemma for ws in left for w in ws})
        right_vocab = sorted({w.lemma for ws in right for w in ws})
        self._li = {w: i for i, w in enumerate(left_vocab)}
        self._rj = {w: j for j, w in enumerate(right_vocab)}
        if left_vocab and right_vocab:
            ratio = process.cdist(left_vocab, right_vocab, scorer=fuzz.ratio)
            prefix = process.cdist(left_vocab, right_vocab, scorer=Prefix.similarity)
            lengths = numpy.array([len(w) for w in left_vocab]), numpy.array([len(w) for w in right_vocab])
            shorter = numpy.minimum.outer(*lengths)
            stem = (prefix >= self.weights.min_stem) & (prefix >= self.weights.stem_share * shorter)
            self._spelled = (ratio >= self.weights.word_ratio) | stem
        else:
            self._spelled = numpy.zeros((len(left_vocab), len(right_vocab)), dtype=bool)

    def candidates(self, left: Sequence[Sequence[Word]], right: Sequence[Sequence[Word]]) -> list[tuple[int, int]]:
        """The (i, j) of the texts of the two sides that have a word in common, in order."""
        by_concept: dict[str, set[int]] = {}
        by_lemma: dict[str, set[int]] = {}
        for j, words in enumerate(right):
            for w in words:
                by_lemma.setdefault(w.lemma, set()).add(j)
                for c in w.concepts:
                    by_concept.setdefault(c, set()).add(j)
        right_vocab = sorted(self._rj, key=self._rj.__getitem__)
        pairs = []
        for i, words in enumerate(left):
            found: set[int] = set()
            for w in words:
                for c in w.concepts:
                    found |= by_concept.get(c, set())
                row = self._spelled[self._li[w.lemma]] if right_vocab else ()
                for k in (k for k, hit in enumerate(row) if hit):
                    found |= by_lemma.get(right_vocab[k], set())
            pairs.extend((i, j) for j in sorted(found))
        return pairs

    def text(self, a: Sequence[Word], b: Sequence[Word]) -> tuple[float, tuple[str, ...]]:
        """The weighted share (0-100) of words with a counterpart, and the shared concepts."""
        if not a or not b:
            return 0.0, ()
        found_a = [False] * len(a)
        found_b = [False] * len(b)
        shared: dict[str, float] = {}
        for i, x in enumerate(a):
            for j, y in enumerate(b):
                common = x.concepts & y.concepts
                if common:
                    key = max(common, key=lambda c: (self.idf.get(c, 1.0), not c.startswith("≈"), c))
                    label = key.lstrip("≈") if x.lemma == y.lemma else f"{key.lstrip('≈')} ({x.surface} ~ {y.surface})"
                    shared[label] = max(shared.get(label, 0.0), self.idf.get(key, 1.0))
                elif self._spelled[self._li[x.lemma], self._rj[y.lemma]]:
                    label = f"{x.surface} ~ {y.surface}"
                    shared[label] = max(
                        shared.get(label, 0.0), min(self.idf.get(x.lemma, 1.0), self.idf.get(y.lemma, 1.0))
                    )
                else:
                    continue
                found_a[i] = found_b[j] = True
        weight_a = [self.idf.get(w.lemma, 1.0) for w in a]
        weight_b = [self.idf.get(w.lemma, 1.0) for w in b]
        found = sum(w for w, hit in zip(weight_a, found_a) if hit) + sum(w for w, hit in zip(weight_b, found_b) if hit)
        total = sum(weight_a) + sum(weight_b)
        order = sorted(shared, key=lambda label: (-shared[label], label))
        return 100.0 * found / total, tuple(order)

    def score(
        self,
        a: Sequence[Word],
        b: Sequence[Word],
        themes_a: Iterable[str] = (),
        themes_b: Iterable[str] = (),
        same_body: bool = False,
    ) -> Score:
        """The pair score (0-100) of two texts, with its parts and evidence."""
        text, shared = self.text(a, b)
        if text == 0:  # no word in common: not a candidate, whatever the themes and body
            return Score(0.0, 0.0, 0.0, same_body)
        ta, tb = set(themes_a), set(themes_b)
        themes = 100.0 * len(ta & tb) / len(ta | tb) if ta | tb else 0.0
        w = self.weights
        score = w.text * text + w.themes * themes + w.body * 100.0 * same_body
        return Score(round(score, 1), round(text, 1), round(themes, 1), same_body, shared)


def position_words(concepts: Concepts, positions: Sequence[Position]) -> list[tuple[Word, ...]]:
    """The content words of each position."""
    return [concepts.words(p.tokens) for p in positions]


__all__ = [
    "Concepts",
    "Matcher",
    "Score",
    "Synonyms",
    "Weights",
    "Word",
    "lemma_lookup",
    "load_synonyms",
    "name_words",
    "position_words",
    "rarity",
]
