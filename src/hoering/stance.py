"""Decide a position's primary stance from the cues of the stance rules.

Each cue adds its weight to its stance. The cues are those of stance.toml and
of the lexicon files (rules/lexicon/: one per stance, cue families with their
sources); a neutral cue counts for nothing but stops the shorter cues it
overlaps ("anbefalingerne" are a report's, not a demand). A negation shortly
before a cue (or right after it, as in "vi støtter ikke") changes what it
counts as, by the rules' flip table. Cues after a contrast word ("men", "dog")
count more. The stance with the highest sum wins if it reaches the minimum
score.

Sentence structure changes what a cue counts for ([structure] in stance.toml;
each rule names itself in the cue's note):

- thanks and receipts: no cue in the sentence of "takker for", "har modtaget"
  counts up to a contrast word ("DS takker for muligheden ... komplekse
  problemer" is thanks), nor a cue inside quotation marks (a cited title);
- relative clauses: a demand cue after ", der" / ", som" describes and does
  not count ("den omsorg, der bør og skal drages for de unge"); other cues
  there count less;
- the text's own content: a modal after "fremgår", "lægger op til" is the
  bill's ("Det fremgår af lovforslaget, at kommunen skal ...");
- the body's view: a modal after "mener", "finder", "vurderer" is the body's
  demand ("DS mener, at borgerne skal ...");
- the clause rules of `hoering.clauses`: a negated view ("Rådet finder
  ikke, at ..." negates the cues of the complement);
- support on a condition ("KL kan støtte forslaget, forudsat at ...") is a
  demand;
- a harm taken away ("Forslaget vil mindske bureaukratiet") is support;
- a group described ("borgere med komplekse problemer") carries no stance;
- a good quality under a modal ("Planen skal opleves meningsfuld") is a
  demand;
- a concession ("Selvom vi ser gode intentioner ..., så er vi bekymrede")
  turns the sentence as "men" does;
- intensifiers and hedges scale the cue they precede ("yderst bekymrede",
  "muligvis problematisk");
- a question with no other cue asks for an answer: a demand; a rhetorical
  question that names a problem is a concern;
- V2 order: "Det støtter vi ikke" negates the verb after its subject;
- support made hard ("svært ved at leve op til") is a concern, the bill's aim
  ("Formålet med lovforslaget er at ...") is no view, and a relative clause
  may go without its comma ("de borgere der mister ydelsen").

A comma before a subordinate clause is optional in Danish: the cue "vigtigt
at" also matches "vigtigt, at".
"""

from __future__ import annotations

import sys
from collections.abc import Container, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from .clauses import CLAUSE_BREAK, SENTENCE_END, Clauses
from .models import Evidence, Stance, StanceCall, Token
from .morphology import default_splitter
from .patterns import PatternSet
from .rules import StanceRules, Term

_CLAUSE_BREAK = CLAUSE_BREAK
_QUOTES = {'"', "”", "“", "„", "»", "«"}
_SENTENCE_END = SENTENCE_END


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
        # Compounds count by their lemma (an unknown "hovedproblemet" as "hovedproblem"), never by their head alone.
        self._cue_set = PatternSet([term.pattern for _, term in self._cue_terms], default_splitter())
        self._contrast_set = PatternSet(rules.contrasts)
        # A negation is one word: only single-word patterns can match it alone.
        self._negation_set = PatternSet([p for p in rules.negations if len(p.pieces) == 1])
        self._own = {term.pattern.source: self._own_negation(term) for _, term in self._cue_terms}
        self._index = {id(term): n for n, (_, term) in enumerate(self._cue_terms)}
        structure = rules.structure
        self._frame_set = PatternSet(structure.frames)
        self._reported_set = PatternSet(structure.reported)
        self._opinion_set = PatternSet(structure.opinion_verbs)
        # Intensifiers and hedges are one word each, as negations are.
        self._intensifier_set = PatternSet([p for p in structure.intensifiers if len(p.pieces) == 1])
        self._hedge_set = PatternSet([p for p in structure.hedges if len(p.pieces) == 1])
        self._predicate_set = PatternSet([p for p in structure.predicate_verbs if len(p.pieces) == 1])
        self._clauses = Clauses(rules, self._negation_set)

    def score(self, tokens: Sequence[Token]) -> StanceCall:
        """The primary stance of `tokens`, its score and the cues behind it."""
        contrast = self._last_contrast(tokens)
        structure = self.rules.structure
        framed = self._framed(tokens)
        relative = self._relative(tokens)
        reported = self._after(tokens, self._reported_set)
        opinion = self._after(tokens, self._opinion_set)
        clauses = self._clauses.read(tokens, contrast[0] if contrast is not None else None)
        cues = self._cues(tokens)
        # "ikke svært at støtte": the negation is the difficulty's, not the support's
        hard = {n for end, (start, _) in clauses.difficulties.items() for n in range(start, end)}
        rhetorical = self._clauses.rhetorical(tokens, {c.i for c in cues if c.stance is Stance.CONCERN})
        # A cue said twice ("skal ... skal") counts once, at its heaviest.
        weights: dict[tuple[Stance, str], float] = {}
        first = {stance: len(tokens) for stance in Stance}
        evidence: list[Evidence] = []
        for cue in cues:
            counted, notes = cue.stance, []
            negator = self._negator(tokens, cue, hard)
            if negator is None and cue.i in clauses.disputed and not self._own[cue.term.pattern.source]:
                negator = clauses.disputed[cue.i]
            if negator is not None:
                counted = self.rules.negation_flip.get(cue.stance, cue.stance)
                notes.append(f"negated by '{negator}'")
            counted, turned = self._clauses.turn(
                tokens, clauses, (cue.i, cue.j), counted, negator is not None, relative | reported
            )
            if turned:
                notes.append(turned)
            weight = cue.term.weight
            how = self._cue_set.how(self._index[id(cue.term)], tokens[cue.i])
            if how:
                notes.append(how)
            if cue.term.predicate:
                notes.append(f"a predicate after '{self._predicate_verb(tokens, cue.i)}'")
            modal = cue.term.pattern.pieces[0].text in structure.modals
            if cue.stance is not Stance.NEUTRAL:
                weight, rule = self._structure_weight(tokens, cue, counted, modal, weight, framed, relative, reported)
                if weight and cue.i in clauses.described and cue.stance is not Stance.DEMAND:
                    weight, rule = 0.0, f"describes the group after '{clauses.described[cue.i]}': not counted"
                if rule:
                    notes.append(rule)
                if weight and modal and cue.stance is Stance.DEMAND and cue.i in opinion:
                    weight = max(weight, structure.opinion_modal_weight)
                    notes.append(f"in the body's view after '{opinion[cue.i]}'")
                if weight and cue.i in clauses.aims:
                    weight = 0.0
                    notes.append(f"the bill's aim after '{clauses.aims[cue.i]}': not counted")
                if weight and counted is Stance.DEMAND and cue.i in rhetorical:
                    weight = 0.0
                    notes.append(f"in a rhetorical question after '{rhetorical[cue.i]}': not counted")
            if weight and contrast is not None and cue.i > contrast[0]:
                weight *= self.rules.contrast_weight
                notes.append(f"after {contrast[1]}" if contrast[1].startswith("the ") else f"after '{contrast[1]}'")
            if weight and counted is not Stance.NEUTRAL:
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
        if rhetorical and structure.rhetorical_weight:
            # A question that names a problem criticises: "Hvordan skal kommunerne kunne ... med færre midler?"
            last = tokens[max(rhetorical)]
            opener = rhetorical[max(rhetorical)]
            totals[Stance.CONCERN] += structure.rhetorical_weight
            first[Stance.CONCERN] = min(first[Stance.CONCERN], min(rhetorical))
            evidence.append(
                Evidence(
                    Stance.CONCERN.value, "?", "?", last.start, last.end, f"a rhetorical question after '{opener}'"
                )
            )
        elif structure.question_weight and not weights and tokens and tokens[-1].text == "?":
            # A question with no other cue asks the authority for an answer.
            totals[Stance.DEMAND] = structure.question_weight
            first[Stance.DEMAND] = len(tokens) - 1
            last = tokens[-1]
            evidence.append(Evidence(Stance.DEMAND.value, "?", "?", last.start, last.end, "a question"))
        ranked = sorted(
            self.rules.tie_order,
            key=lambda s: (-totals[s], first[s], self.rules.tie_order.index(s)),
        )
        best = ranked[0] if ranked else Stance.NEUTRAL
        if totals[best] < self.rules.min_score:
            return StanceCall(Stance.NEUTRAL, 0.0, tuple(evidence))
        return StanceCall(best, round(totals[best], 2), tuple(evidence))

    def _structure_weight(
        self,
        tokens: Sequence[Token],
        cue: _Cue,
        counted: Stance,
        modal: bool,
        weight: float,
        framed: set[int],
        relative: dict[int, str],
        reported: dict[int, str],
    ) -> tuple[float, str]:
        """A cue's weight after the structure rules, and the note naming the rule that changed it."""
        structure = self.rules.structure
        if cue.i in framed:
            return 0.0, "in thanks, a receipt or a quotation: not counted"
        if cue.i in relative:
            if cue.stance is Stance.DEMAND:
                return 0.0, f"in a relative clause after '{relative[cue.i]}': not counted"
            weight *= structure.relative_weight
            note = f"in a relative clause after '{relative[cue.i]}'"
        else:
            note = ""
        if modal and cue.stance is Stance.DEMAND and cue.i in reported:
            return 0.0, f"the text's own content after '{reported[cue.i]}': not counted"
        scale = self._scale(tokens, cue.i)
        if scale is not None:
            factor, word = scale
            weight *= factor
            note = "; ".join(n for n in (note, f"{'intensified' if factor > 1 else 'hedged'} by '{word}'") if n)
        return weight, note

    def _clause(self, tokens: Sequence[Token], i: int) -> tuple[int, int]:
        """The clause around token i: from after the previous clause break to before the next."""
        lo = i
        while lo > 0 and tokens[lo - 1].text not in _CLAUSE_BREAK:
            lo -= 1
        hi = i
        while hi < len(tokens) and tokens[hi].text not in _CLAUSE_BREAK:
            hi += 1
        return lo, hi

    def _framed(self, tokens: Sequence[Token]) -> set[int]:
        """Tokens a thanks or receipt frame covers, and tokens inside quotation marks.

        A frame ("takker for muligheden ...", "har modtaget ...") covers its
        sentence up to a contrast word: what follows "men" is the body's view
        again, and so is the next sentence of a position that holds several. A quotation ("Aftale om en forenklet beskæftigelsesindsats")
        cites a title or someone else's words.
        """
        inside: set[int] = set()
        contrasts = sorted(i for spans in self._contrast_set.matches(tokens).values() for i, _ in spans)
        clause_words = self.rules.structure.frame_clause_words
        for spans in self._frame_set.matches(tokens).values():
            for i, j in spans:
                if j + 1 < len(tokens) and tokens[j].text == "," and tokens[j + 1].lower in clause_words:
                    continue  # "Vi takker for, at regeringen har lyttet": thanks for what was done
                start, stop = _sentence(tokens, i)
                end = next((c for c in contrasts if c > i), stop)
                inside.update(range(start, min(end, stop)))
        opened: int | None = None
        for k, token in enumerate(tokens):
            if token.text in _QUOTES:
                if opened is None:
                    opened = k
                else:
                    inside.update(range(opened + 1, k))
                    opened = None
        return inside

    def _relative(self, tokens: Sequence[Token]) -> dict[int, str]:
        """Tokens in a relative clause: after ", der" / ", som" up to the next clause break, or without the comma after a person."""
        structure = self.rules.structure
        inside: dict[int, str] = {}
        reached = 0  # each token is given once: a clause inside another ends where it does
        for k, (end, _) in sorted(self._clauses.person_relatives(tokens).items()):
            if tokens[k - 1].text != ",":  # "de borgere der mister ydelsen": the comma left out
                inside.update((n, tokens[k].text) for n in range(max(k + 1, reached), end))
                reached = max(reached, end)
        for k, token in enumerate(tokens):
            if token.lower not in structure.relative_openers or k == 0:
                continue
            if tokens[k - 1].text != ",":
                continue
            _, hi = self._clause(tokens, k)
            for n in range(k + 1, min(hi, _sentence(tokens, k)[1])):
                inside.setdefault(n, token.text)
        return inside

    def _after(self, tokens: Sequence[Token], patterns: PatternSet) -> dict[int, str]:
        """Tokens after a match of `patterns` in the same sentence, with the matched words."""
        found: dict[int, str] = {}
        starts = sorted((i, j) for spans in patterns.matches(tokens).values() for i, j in spans)
        for i, j in starts:
            words = sys.intern(" ".join(t.text for t in tokens[i:j]))
            for n in range(j, _sentence(tokens, j - 1)[1]):
                found.setdefault(n, words)
        return found

    def _scale(self, tokens: Sequence[Token], i: int) -> tuple[float, str] | None:
        """An intensifier or hedge in the two words before token i, not across a clause break."""
        structure = self.rules.structure
        for k in range(i - 1, max(i - 3, -1), -1):
            if tokens[k].text in _CLAUSE_BREAK:
                return None
            if self._intensifier_set.candidates(tokens[k]):
                return structure.intensifier_weight, tokens[k].text
            if self._hedge_set.candidates(tokens[k]):
                return structure.hedge_weight, tokens[k].text
        return None

    def split_point(self, tokens: Sequence[Token]) -> int | None:
        """Where a contrast turns the stance of a long sentence, if it does.

        The sentence is split before a contrast word that follows a comma or
        semicolon, or after the comma that closes a concession ("selvom vi
        ser gode intentioner ..., så er vi bekymrede"), when both parts have
        at least `min_split_words` words and carry different stances.
        """
        for i, _ in self._turns(tokens):
            if i == 0 or tokens[i - 1].text not in {",", ";"}:
                continue
            left, right = tokens[: i - 1], tokens[i:]
            if min(_words(left), _words(right)) < self.rules.min_split_words:
                continue
            a, b = self.score(left).stance, self.score(right).stance
            if a != b:
                return i
        return None

    def _predicate_verb(self, tokens: Sequence[Token], i: int) -> str | None:
        """The verb ("er", "finder", "bliver") whose predicate token i is, at most `predicate_window` words back.

        After an existential "der" ("Der er en reel fare for ...") the verb has no predicate.
        """
        for k in range(i - 1, max(i - 1 - self.rules.structure.predicate_window, -1), -1):
            if tokens[k].text in _CLAUSE_BREAK:
                return None
            if self._predicate_set.candidates(tokens[k]):
                return None if self._clauses.existential(tokens, k) else tokens[k].text
        return None

    def _cue_matches(self, tokens: Sequence[Token]) -> dict[int, list[tuple[int, int]]]:
        """The cue set's matches, with a comma before a subordinate clause optional.

        Danish may write "Det er vigtigt, at ..." or "Det er vigtigt at ...":
        the cues match as if a comma before one of `optional_comma_before`
        were not there, and their spans are given in the tokens as written.
        A reflexive pronoun agrees with its subject ("KL tilslutter sig", "vi
        tilslutter os"): one of `reflexives` matches a cue's "sig".
        """
        kept = self._clauses.without_optional_commas(tokens)
        reflexives = self.rules.structure.reflexives
        if len(kept) == len(tokens) and not any(t.lower in reflexives for t in tokens):
            return self._cue_set.matches(tokens)
        # "Vi tilslutter os forslaget": a reflexive pronoun stands where a cue writes "sig".
        view = [replace(tokens[k], lemma="sig") if tokens[k].lower in reflexives else tokens[k] for k in kept]
        return {n: [(kept[i], kept[j - 1] + 1) for i, j in spans] for n, spans in self._cue_set.matches(view).items()}

    def _cues(self, tokens: Sequence[Token]) -> list[_Cue]:
        found = [
            _Cue(*self._cue_terms[n], i, j) for n, spans in sorted(self._cue_matches(tokens).items()) for i, j in spans
        ]
        # A predicate-only cue (the sentiment lexicon's words) away from its verb describes, as in
        # "borgere med komplekse problemer": it is not a cue at all.
        found = [c for c in found if not c.term.predicate or self._predicate_verb(tokens, c.i) is not None]
        # Where cues overlap the longest wins: "fuld opbakning" over "opbakning"; of two as long
        # a neutral one ("anbefalingerne", a report's) wins over the cue it is there to stop.
        found.sort(key=lambda c: (-(c.j - c.i), c.stance is not Stance.NEUTRAL, c.i, -c.term.weight))
        kept: list[_Cue] = []
        for cue in found:
            if all(cue.j <= k.i or k.j <= cue.i for k in kept):
                kept.append(cue)
        return sorted(kept, key=lambda c: (c.i, c.j))

    def _negator(self, tokens: Sequence[Token], cue: _Cue, stops: Container[int] = ()) -> str | None:
        if self._own[cue.term.pattern.source]:
            return None  # the cue carries its own negation: "ikke muligt"
        for k in range(cue.i + 1, cue.j - 1):
            if self._is_negation(tokens[k]):
                return tokens[k].text  # in a gap of the cue: "bakker ikke op"
        for k in range(cue.i - 1, max(cue.i - self.rules.negation_window, 0) - 1, -1):
            if tokens[k].text in _CLAUSE_BREAK or k in stops:
                break
            if self._is_negation(tokens[k]):
                return tokens[k].text
        if cue.j < len(tokens) and self._is_negation(tokens[cue.j]):
            return tokens[cue.j].text  # finite verb before its negation: "støtter ikke"
        return self._clauses.inverted_negation(tokens, cue.j)  # "Det støtter vi ikke"

    def _is_negation(self, token: Token) -> bool:
        return bool(self._negation_set.candidates(token))

    def _own_negation(self, term: Term) -> bool:
        """True for a cue written with a negation word in it, such as "ikke muligt"."""
        return any(neg.pieces[0].test(piece.text) for piece in term.pattern.pieces for neg in self.rules.negations)

    def _turns(self, tokens: Sequence[Token]) -> list[tuple[int, str]]:
        """Where the sentence turns, in order: at a contrast word ("men", "dog"), and after a concession.

        A concession ("selvom", "selv om", "skønt") concedes a point in its
        clause; the clause after the comma that closes it carries the body's
        view, as after "men": "Selvom vi ser mange gode intentioner i
        forslaget, så er vi yderst bekymrede for ...".
        """
        spots = [(i, tokens[i].text) for spans in self._contrast_set.matches(tokens).values() for i, _ in spans]
        return sorted(spots + self._clauses.concession_turns(tokens))

    def _last_contrast(self, tokens: Sequence[Token]) -> tuple[int, str] | None:
        spots = self._turns(tokens)
        return spots[-1] if spots else None


def _sentence(tokens: Sequence[Token], i: int) -> tuple[int, int]:
    """The sentence of a position that token i stands in: from after the last full stop before it to its own."""
    start = next((k + 1 for k in range(i - 1, -1, -1) if _ends_sentence(tokens, k)), 0)
    stop = next((k + 1 for k in range(i, len(tokens)) if _ends_sentence(tokens, k)), len(tokens))
    return start, stop


def _ends_sentence(tokens: Sequence[Token], k: int) -> bool:
    """A full stop, or a number with its stop before a capital ("side 13. Derfor"; not "21. juni")."""
    text = tokens[k].text
    if text in _SENTENCE_END:
        return True
    after = tokens[k + 1].text if k + 1 < len(tokens) else ""
    return text.endswith(".") and text[:-1].isdigit() and after[:1].isupper()


def _words(tokens: Sequence[Token]) -> int:
    return sum(1 for t in tokens if any(c.isalnum() for c in t.text))
