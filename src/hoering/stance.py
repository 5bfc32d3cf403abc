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
- a negated view: "Rådet finder ikke, at ..." negates the cues of the
  complement;
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
- a question with no other cue asks for an answer: a demand.

A comma before a subordinate clause is optional in Danish: the cue "vigtigt
at" also matches "vigtigt, at".
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from .models import Evidence, Stance, StanceCall, Token
from .morphology import default_splitter
from .patterns import PatternSet
from .rules import StanceRules, Term

_CLAUSE_BREAK = {",", ";", ":", "(", ")", "–", "—"}
_QUOTES = {'"', "”", "“", "„", "»", "«"}


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
        self._view_set = PatternSet(structure.negated_view_verbs)
        # Intensifiers and hedges are one word each, as negations are.
        self._intensifier_set = PatternSet([p for p in structure.intensifiers if len(p.pieces) == 1])
        self._hedge_set = PatternSet([p for p in structure.hedges if len(p.pieces) == 1])
        self._predicate_set = PatternSet([p for p in structure.predicate_verbs if len(p.pieces) == 1])
        self._condition_set = PatternSet(structure.conditions)
        self._near_condition_set = PatternSet(structure.near_conditions)
        self._reducer_set = PatternSet(structure.reducers)
        self._concession_set = PatternSet(structure.concessions)
        self._group_set = PatternSet(structure.group_nouns)

    def score(self, tokens: Sequence[Token]) -> StanceCall:
        """The primary stance of `tokens`, its score and the cues behind it."""
        contrast = self._last_contrast(tokens)
        structure = self.rules.structure
        framed = self._framed(tokens)
        relative = self._relative(tokens)
        described = self._described_groups(tokens)
        reported = self._after(tokens, self._reported_set)
        opinion = self._after(tokens, self._opinion_set)
        disputed = self._negated_opinion(tokens, contrast)
        conditions = self._conditions(tokens)
        reducers = self._reducer_ends(tokens)
        # A cue said twice ("skal ... skal") counts once, at its heaviest.
        weights: dict[tuple[Stance, str], float] = {}
        first = {stance: len(tokens) for stance in Stance}
        evidence: list[Evidence] = []
        for cue in self._cues(tokens):
            counted, notes = cue.stance, []
            negator = self._negator(tokens, cue)
            if negator is None and cue.i in disputed and not self._own[cue.term.pattern.source]:
                negator = disputed[cue.i]
            if negator is not None:
                counted = self.rules.negation_flip.get(cue.stance, cue.stance)
                notes.append(f"negated by '{negator}'")
            if counted is Stance.CONCERN and negator is None:
                reducer = self._reducer_of(tokens, cue, reducers)
                if reducer is not None:
                    counted = Stance.SUPPORT
                    notes.append(f"a harm taken away by '{reducer}': support")
            if counted is Stance.SUPPORT:
                condition = self._condition_of(cue, conditions)
                if condition is not None:
                    counted = Stance.DEMAND
                    notes.append(f"support on the condition '{condition}': a demand")
            if counted is Stance.SUPPORT:
                modal_word = self._governing_modal(tokens, cue.i, relative, reported)
                if modal_word is not None:
                    counted = Stance.DEMAND
                    notes.append(f"a quality asked for after '{modal_word}': a demand")
            weight = cue.term.weight
            how = self._cue_set.how(self._index[id(cue.term)], tokens[cue.i])
            if how:
                notes.append(how)
            if cue.term.predicate:
                notes.append(f"a predicate after '{self._predicate_verb(tokens, cue.i)}'")
            modal = cue.term.pattern.pieces[0].text in structure.modals
            if cue.stance is not Stance.NEUTRAL:
                weight, rule = self._structure_weight(tokens, cue, counted, modal, weight, framed, relative, reported)
                if weight and cue.i in described and cue.stance is not Stance.DEMAND:
                    weight, rule = 0.0, f"describes the group after '{described[cue.i]}': not counted"
                if rule:
                    notes.append(rule)
                if weight and modal and cue.stance is Stance.DEMAND and cue.i in opinion:
                    weight = max(weight, structure.opinion_modal_weight)
                    notes.append(f"in the body's view after '{opinion[cue.i]}'")
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
        if structure.question_weight and not weights and tokens and tokens[-1].text == "?":
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
        again. A quotation ("Aftale om en forenklet beskæftigelsesindsats")
        cites a title or someone else's words.
        """
        inside: set[int] = set()
        contrasts = sorted(i for spans in self._contrast_set.matches(tokens).values() for i, _ in spans)
        clause_words = self.rules.structure.frame_clause_words
        for spans in self._frame_set.matches(tokens).values():
            for i, j in spans:
                if j + 1 < len(tokens) and tokens[j].text == "," and tokens[j + 1].lower in clause_words:
                    continue  # "Vi takker for, at regeringen har lyttet": thanks for what was done
                end = next((c for c in contrasts if c > i), len(tokens))
                inside.update(range(0, end))
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
        """Tokens in a relative clause: after ", der" / ", som" up to the next clause break."""
        structure = self.rules.structure
        inside: dict[int, str] = {}
        for k, token in enumerate(tokens):
            if token.lower not in structure.relative_openers or k == 0:
                continue
            if tokens[k - 1].text != ",":
                continue
            _, hi = self._clause(tokens, k)
            for n in range(k + 1, hi):
                inside.setdefault(n, token.text)
        return inside

    def _described_groups(self, tokens: Sequence[Token]) -> dict[int, str]:
        """Tokens that describe a group of people: after "borgere med", "unge med", up to `group_window` words.

        "Borgere med komplekse og sammensatte problemer" names whom a bill is
        for; the problems are theirs, not the body's concern about the bill.
        The description ends at a clause break.
        """
        found: dict[int, str] = {}
        window = self.rules.structure.group_window
        for spans in self._group_set.matches(tokens).values():
            for i, j in spans:
                if j >= len(tokens) or tokens[j].lower != "med":
                    continue
                words = sys.intern(" ".join(t.text for t in tokens[i : j + 1]))
                for n in range(j + 1, min(j + 1 + window, len(tokens))):
                    if tokens[n].text in _CLAUSE_BREAK:
                        break
                    found.setdefault(n, words)
        return found

    def _after(self, tokens: Sequence[Token], patterns: PatternSet) -> dict[int, str]:
        """Tokens after a match of `patterns` in the same sentence, with the matched words."""
        found: dict[int, str] = {}
        starts = sorted((i, j) for spans in patterns.matches(tokens).values() for i, j in spans)
        for i, j in starts:
            words = sys.intern(" ".join(t.text for t in tokens[i:j]))
            for n in range(j, len(tokens)):
                found.setdefault(n, words)
        return found

    def _negated_opinion(self, tokens: Sequence[Token], contrast: tuple[int, str] | None) -> dict[int, str]:
        """Tokens in the complement of a negated verb of opinion, with the words that negate it.

        "Rådet finder ikke, at planens mål er ambitiøst": the negation of
        "finder" disputes its at-clause, so the cues there count as negated,
        up to a contrast word. The negation stands at most two words after
        the verb ("mener dog ikke") or before it ("er ikke enig i, at"), not
        across a clause break.
        """
        found: dict[int, str] = {}
        for spans in self._view_set.matches(tokens).values():
            for i, j in spans:
                k = self._negation_near(tokens, i, j)
                if k is None:
                    continue
                start = max(k, j - 1) + 1
                end = contrast[0] if contrast is not None and contrast[0] > start else len(tokens)
                words = sys.intern(f"{tokens[k].text}' of '{' '.join(t.text for t in tokens[i:j])}")
                for n in range(start, end):
                    found.setdefault(n, words)
        return found

    def _negation_near(self, tokens: Sequence[Token], i: int, j: int) -> int | None:
        """A negation at most two words after tokens[i:j] ("mener dog ikke") or before it ("ikke enig")."""
        for k in range(j, min(j + 3, len(tokens))):
            if tokens[k].text in _CLAUSE_BREAK:
                break
            if self._is_negation(tokens[k]):
                return k
        for k in range(i - 1, max(i - 3, -1), -1):
            if tokens[k].text in _CLAUSE_BREAK:
                break
            if self._is_negation(tokens[k]):
                return k
        return None

    def _conditions(self, tokens: Sequence[Token]) -> list[tuple[int, str, bool]]:
        """Where a condition stands: (token index, its words, whether it is a near condition such as "hvis")."""
        found: list[tuple[int, str, bool]] = []
        for near, patterns in ((False, self._condition_set), (True, self._near_condition_set)):
            for spans in patterns.matches(tokens).values():
                for i, j in spans:
                    found.append((i, sys.intern(" ".join(t.text for t in tokens[i:j])), near))
        return sorted(found)

    def _condition_of(self, cue: _Cue, conditions: Sequence[tuple[int, str, bool]]) -> str | None:
        """The condition a support cue is given on, if any.

        "KL kan støtte forslaget, forudsat at kommunerne kompenseres": a
        condition after the cue in its sentence; a near condition ("hvis")
        only at most `condition_window` words after it ("DA kan støtte
        forslaget, hvis ..."), as a later "hvis" usually belongs to what is
        supported. A condition opening the sentence ("Hvis kommunerne
        kompenseres, kan KL støtte forslaget") governs every cue after it.
        """
        window = self.rules.structure.condition_window
        for i, words, near in conditions:
            if i == 0 and cue.i > 0:
                return words
            if i >= cue.j and (not near or i - cue.j <= window):
                return words
        return None

    def _governing_modal(
        self, tokens: Sequence[Token], i: int, relative: dict[int, str], reported: dict[int, str]
    ) -> str | None:
        """The modal a support cue is asked for under, if any.

        "Reglerne skal være enkle", "Planen skal opleves meningsfuld af
        borgerne": a good quality after a modal at most
        `modal_predicate_window` words before it (not across a clause
        break) is what the body asks for. A modal the structure rules void
        (in a relative clause, in the text's own content) governs nothing.
        """
        structure = self.rules.structure
        for k in range(i - 1, max(i - 1 - structure.modal_predicate_window, -1), -1):
            if tokens[k].text in _CLAUSE_BREAK:
                return None
            if tokens[k].lower in structure.modals:
                return None if k in relative or k in reported else tokens[k].text
        return None

    def _reducer_ends(self, tokens: Sequence[Token]) -> dict[int, str]:
        """Where a reducer ("mindske", "afskaffelse af", "færre") ends, with its words."""
        return {
            j: sys.intern(" ".join(t.text for t in tokens[i:j]))
            for spans in self._reducer_set.matches(tokens).values()
            for i, j in spans
        }

    def _reducer_of(self, tokens: Sequence[Token], cue: _Cue, reducers: dict[int, str]) -> str | None:
        """The reducer a concern cue is the object of, if any.

        "Forslaget vil mindske bureaukratiet", "en afskaffelse af en række
        komplekse og administrativt tunge regler": a harm taken away is a
        good consequence. The reducer ends at most `reducer_window` words
        before the cue, not across a clause break.
        """
        for end in range(cue.i, max(cue.i - self.rules.structure.reducer_window, 0) - 1, -1):
            if end in reducers:
                return reducers[end]
            if end > 0 and tokens[end - 1].text in _CLAUSE_BREAK:
                return None
        return None

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

        After an existential "der" ("Der er en reel fare for ...", "Derfor er
        der en reel risiko") the verb introduces a noun, not a predicate; the
        "der" of a relative clause (", der er urimelige") is a subject.
        """
        for k in range(i - 1, max(i - 1 - self.rules.structure.predicate_window, -1), -1):
            if tokens[k].text in _CLAUSE_BREAK:
                return None
            if self._predicate_set.candidates(tokens[k]):
                return None if self._existential(tokens, k) else tokens[k].text
        return None

    def _existential(self, tokens: Sequence[Token], k: int) -> bool:
        """True when the verb at k has an existential subject before it ("der er") or after it ("er der")."""
        words = self.rules.structure.existential
        before = k > 0 and tokens[k - 1].lower in words and (k == 1 or tokens[k - 2].text != ",")
        after = k + 1 < len(tokens) and tokens[k + 1].lower in words
        return before or after

    def _cue_matches(self, tokens: Sequence[Token]) -> dict[int, list[tuple[int, int]]]:
        """The cue set's matches, with a comma before a subordinate clause optional.

        Danish may write "Det er vigtigt, at ..." or "Det er vigtigt at ...":
        the cues match as if a comma before one of `optional_comma_before`
        were not there, and their spans are given in the tokens as written.
        """
        optional = self.rules.structure.optional_comma_before
        kept = [
            k
            for k, token in enumerate(tokens)
            if not (token.text == "," and k + 1 < len(tokens) and tokens[k + 1].lower in optional)
        ]
        if len(kept) == len(tokens):
            return self._cue_set.matches(tokens)
        view = [tokens[k] for k in kept]
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

    def _turns(self, tokens: Sequence[Token]) -> list[tuple[int, str]]:
        """Where the sentence turns, in order: at a contrast word ("men", "dog"), and after a concession.

        A concession ("selvom", "selv om", "skønt") concedes a point in its
        clause; the clause after the comma that closes it carries the body's
        view, as after "men": "Selvom vi ser mange gode intentioner i
        forslaget, så er vi yderst bekymrede for ...".
        """
        spots = [(i, tokens[i].text) for spans in self._contrast_set.matches(tokens).values() for i, _ in spans]
        for spans in self._concession_set.matches(tokens).values():
            for i, j in spans:
                close = next((k for k in range(j, len(tokens)) if tokens[k].text in {",", ";"}), None)
                if close is not None and close + 1 < len(tokens):
                    words = " ".join(t.text for t in tokens[i:j])
                    spots.append((close + 1, sys.intern(f"the concession '{words} ...'")))
        return sorted(spots)

    def _last_contrast(self, tokens: Sequence[Token]) -> tuple[int, str] | None:
        spots = self._turns(tokens)
        return spots[-1] if spots else None


def _words(tokens: Sequence[Token]) -> int:
    return sum(1 for t in tokens if any(c.isalnum() for c in t.text))
