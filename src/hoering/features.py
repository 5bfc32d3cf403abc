"""Features a person can read, for the linear models: what the rules found, and the position's words.

Word features (`word_features`), the same for every linear model:

- ``word <lemma>``: each word by its lemma; a compound the lemma table does
  not know by the compound's lemma (``sagstallet`` as ``word sagstal``, see
  `hoering.morphology`);
- ``part <head>``: the head of such a compound (``part tal``), so that a
  compound no training text had still counts by its last part;
- ``words <lemma> <lemma>``: two words in a row (not across punctuation);
- ``word not <lemma>``: a word in the scope of a negation, the rules' own
  negation words: from the word before the negation ("støtter ikke") to the
  next clause break ("ikke ... enig").

Rule features (`StanceRuleFeatures`), named by what the rules call them, so
that a cue added to a family changes no feature name:

- ``rules <stance>``: the rules' verdict;
- ``cue <stance>/<family>``: a cue of that stance's lexicon family fired
  (``cue demand/directive verbs``; ``stance.toml`` for the cues of
  stance.toml), with ``(negated)`` when a negation turned it and
  ``(not counted)`` when a structure rule voided it (both: ``(negated,
  not counted)``);
- ``rule <name>``: a structure rule changed a cue (``rule relative clause``),
  by the note the rule gives in the evidence (`RULE_NOTES`).
"""

from __future__ import annotations

from collections.abc import Sequence

from .linear import Feature
from .models import Evidence, Stance, StanceCall, Token
from .morphology import Splitter, default_splitter
from .patterns import PatternSet
from .ruletypes import StanceRules

#: Punctuation that ends a negation's scope (a clause break, as the stance rules have it).
CLAUSE_BREAKS = frozenset({",", ";", ":", "(", ")", "–", "—", ".", "!", "?"})
#: The family name of the cues written in stance.toml, which belong to no lexicon family.
OWN_CUES = "stance.toml"
#: The start of each note a structure rule of `hoering.stance` gives a cue, and the rule's feature name.
#: A note no entry starts (other than a compound reading, ``a -> b``) is a rule this table does not know yet.
RULE_NOTES: tuple[tuple[str, str], ...] = (
    ("negated by '", "negation"),
    ("in thanks, a receipt or a quotation", "thanks or receipt"),
    ("in a relative clause after '", "relative clause"),
    ("the text's own content after '", "the text's own content"),
    ("in the body's view after '", "the body's view"),
    ("intensified by '", "intensifier"),
    ("hedged by '", "hedge"),
    ("a predicate after '", "predicate"),
    ("after '", "contrast"),
    ("a question", "question"),
    ("describes the group after '", "group described"),
    ("a harm taken away by '", "harm taken away"),
    ("support on the condition '", "condition"),
    ("a quality asked for after '", "quality under a modal"),
    ("after the concession '", "concession"),
    ("support made hard by '", "difficulty"),
    ("the bill's aim after '", "the bill's aim"),
    ("in a rhetorical question after '", "demand in a rhetorical question"),
    ("a rhetorical question after '", "rhetorical question"),
    ("read with the sentence it completes", "fragment completing the sentence before"),
)
VOID = "not counted"
#: How the names of each kind of feature begin.
RULE_KINDS = ("rules ", "cue ", "rule ")
WORD_KINDS = ("word ", "part ", "words ")
_COMPOUND = " -> "


def rule_of(note: str) -> str | None:
    """The structure rule a note part names, "" for a compound reading, None for a note no rule here knows."""
    for start, name in RULE_NOTES:
        if note.startswith(start):
            return name
    return "" if _COMPOUND in note else None


def note_parts(evidence: Evidence) -> list[str]:
    """The parts of a cue's note: ``negated by 'ikke'; after 'men'`` -> two parts."""
    return [part for part in evidence.note.split("; ") if part]


def _is_word(token: Token) -> bool:
    return any(ch.isalpha() for ch in token.text)


class WordFeatures:
    """Lemma, compound-part and bigram features of a token sequence, negation scoped."""

    def __init__(self, negations: PatternSet, splitter: Splitter | None = None) -> None:
        self._negations = negations
        self._splitter = splitter or default_splitter()

    def lemma(self, token: Token) -> tuple[str, str]:
        """The word's lemma and, for a compound the lemma table does not know, its head's lemma (else "")."""
        if token.lemma == token.lower:
            compound = self._splitter.split(token.lower)
            if compound is not None:
                return compound.lemma, compound.head_lemma
        return token.lemma, ""

    def negated(self, tokens: Sequence[Token]) -> set[int]:
        """Tokens in the scope of a negation: the word before it and the words after, up to a clause break."""
        scope: set[int] = set()
        for k, token in enumerate(tokens):
            if not self._negations.candidates(token):
                continue
            if k > 0 and _is_word(tokens[k - 1]):
                scope.add(k - 1)
            n = k + 1
            while n < len(tokens) and tokens[n].text not in CLAUSE_BREAKS:
                scope.add(n)
                n += 1
        return scope - {k for k, t in enumerate(tokens) if self._negations.candidates(t)}

    def extract(self, tokens: Sequence[Token]) -> list[Feature]:
        """The word features of `tokens`, in text order (a feature may occur more than once)."""
        scope = self.negated(tokens)
        found: list[Feature] = []
        previous: tuple[Token, str] | None = None
        for k, token in enumerate(tokens):
            if not _is_word(token):
                previous = None
                continue
            lemma, head = self.lemma(token)
            name = f"word not {lemma}" if k in scope else f"word {lemma}"
            found.append(Feature(name, 1.0, token.start, token.end, token.text))
            if head:
                found.append(Feature(f"part {head}", 1.0, token.start, token.end, token.text))
            if previous is not None:
                first, first_lemma = previous
                found.append(
                    Feature(f"words {first_lemma} {lemma}", 1.0, first.start, token.end, f"{first.text} {token.text}")
                )
            previous = (token, lemma)
        return found


def _cue(family: str, negated: bool, void: bool) -> str:
    """``cue demand/modal verbs``, ``cue support/agreement (negated)``, ``... (negated, not counted)``."""
    marks = ", ".join(m for m, on in (("negated", negated), (VOID, void)) if on)
    return f"cue {family} ({marks})" if marks else f"cue {family}"


class StanceRuleFeatures:
    """The rules' verdict, the cue families that fired and the structure rules that changed them."""

    def __init__(self, rules: StanceRules) -> None:
        self.rules = rules
        # The family of each cue, by its stance as written and its pattern; of two cues alike the
        # heavier, as the scorer keeps it.
        self._family: dict[tuple[Stance, str], str] = {}
        heaviest: dict[tuple[Stance, str], float] = {}
        for stance, terms in rules.cues.items():
            for term in terms:
                key = (stance, term.pattern.source)
                if key not in heaviest or term.weight > heaviest[key]:
                    heaviest[key] = term.weight
                    self._family[key] = term.family or OWN_CUES
        # What a negated cue was written as: the flip table read backwards.
        self._unflip: dict[Stance, list[Stance]] = {}
        for written, counted in rules.negation_flip.items():
            self._unflip.setdefault(counted, []).append(written)

    def families(self) -> tuple[str, ...]:
        """Every ``<stance>/<family>`` the rules have, sorted: what a ``cue`` feature can name."""
        return tuple(sorted({f"{stance.value}/{family}" for (stance, _), family in self._family.items()}))

    def names(self) -> frozenset[str]:
        """Every rule feature name these rules can give."""
        cues = {
            _cue(family, negated, void)
            for family in self.families()
            for negated in (False, True)
            for void in (False, True)
        }
        verdicts = {f"rules {s.value}" for s in Stance}
        return frozenset(cues | verdicts | {f"rule {name}" for _, name in RULE_NOTES})

    def written(self, cue: Evidence, negated: bool) -> Stance:
        """The stance a cue was written with: its counted stance, or for a negated cue what the flip made it from."""
        counted = Stance(cue.label)
        if not negated:
            return counted
        for stance in self._unflip.get(counted, [counted]):
            if (stance, cue.term) in self._family:
                return stance
        return counted

    def extract(self, call: StanceCall) -> list[Feature]:
        """The rule features of a call of the rules, in the order of its cues, the verdict first."""
        found = [Feature(f"rules {call.stance.value}")]
        for cue in call.cues:
            parts = note_parts(cue)
            fired = [rule for rule in map(rule_of, parts) if rule]
            negated = "negation" in fired
            if "question" in fired:  # the question rule's own evidence: no cue of any family
                found.append(Feature("rule question", 1.0, cue.start, cue.end, cue.matched))
                continue
            stance = self.written(cue, negated)
            family = f"{stance.value}/{self._family.get((stance, cue.term), OWN_CUES)}"
            void = any(part.endswith(VOID) for part in parts)
            found.append(Feature(_cue(family, negated, void), 1.0, cue.start, cue.end, cue.matched))
            found.extend(Feature(f"rule {rule}", 1.0, cue.start, cue.end, cue.matched) for rule in fired)
        return found


def word_features(rules: StanceRules) -> WordFeatures:
    """Word features scoped by the stance rules' negations (each one word, as the rules count them)."""
    return WordFeatures(PatternSet([p for p in rules.negations if len(p.pieces) == 1]))


class StanceFeatures:
    """Every feature the linear stance model reads: the rules' (of a call of theirs) and the words'."""

    def __init__(self, rules: StanceRules) -> None:
        self.rules = StanceRuleFeatures(rules)
        self.words = word_features(rules)

    def extract(self, tokens: Sequence[Token], call: StanceCall, words: bool = True) -> list[Feature]:
        """The features of `tokens`, whose call by the rules is `call`: rule features first, then (`words`) words."""
        return self.rules.extract(call) + (self.words.extract(tokens) if words else [])
