"""Clause structure that turns what a stance cue counts for, read from [structure] of stance.toml.

`stance.StanceScorer` finds the cues; this module reads the sentence around
them, each rule on its Danish case:

- a negated view: "Rådet finder ikke, at planens mål er ambitiøst" negates
  the cues of the complement;
- a harm taken away: "Forslaget vil mindske bureaukratiet" is support;
- support on a condition: "KL kan støtte forslaget, forudsat at ..." is a
  demand;
- a good quality under a modal: "Planen skal opleves meningsfuld" is a
  demand;
- a group described: "borgere med komplekse problemer" carries no stance;
- a concession: "Selvom vi ser gode intentioner ..., så er vi bekymrede"
  turns the sentence as "men" does;
- an existential "der": "Der er en reel fare for" has no predicate;
- a relative clause without its comma: "de borgere der mister ydelsen";
- support made hard: "KL har svært ved at leve op til kravene" is a concern;
- the bill's aim: "Formålet med lovforslaget er at forenkle ..." is no view;
- a rhetorical question: "Hvordan skal kommunerne kunne løfte opgaven med
  færre midler?" is a concern;
- the optional comma: the cue "vigtigt at" also matches "vigtigt, at".
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .models import Stance, Token
from .patterns import PatternSet
from .rules import StanceRules

# No rule reads across the end of a sentence: a position may hold several sentences.
SENTENCE_END = frozenset({".", "!", "?"})
CLAUSE_BREAK = frozenset({",", ";", ":", "(", ")", "–", "—"}) | SENTENCE_END


@dataclass(frozen=True)
class Reading:
    """What the clause rules found in one sentence, by token index."""

    disputed: Mapping[int, str]  # in the complement of a negated view: the words that negate it
    described: Mapping[int, str]  # describing a group ("borgere med ..."): the group's words
    conditions: Sequence[tuple[int, str, bool]]  # (index, words, near) of "forudsat", "hvis"
    reducers: Mapping[int, str]  # where a reducer ("mindske", "afskaffelse af") ends: its words
    difficulties: Mapping[int, tuple[int, str]]  # where a difficulty ("svært ved") ends: its start and words
    aims: Mapping[int, str]  # in the bill's aim described ("formålet med lovforslaget er at"): its words


class Clauses:
    """The clause rules of one set of stance rules."""

    def __init__(self, rules: StanceRules, negation: PatternSet) -> None:
        self.structure = rules.structure
        self._negation = negation
        self._view_set = PatternSet(self.structure.negated_view_verbs)
        self._condition_set = PatternSet(self.structure.conditions)
        self._near_condition_set = PatternSet(self.structure.near_conditions)
        self._reducer_set = PatternSet(self.structure.reducers)
        self._concession_set = PatternSet(self.structure.concessions)
        self._group_set = PatternSet(self.structure.group_nouns)
        self._head_set = PatternSet(self.structure.relative_heads)
        self._difficulty_set = PatternSet(self.structure.difficulties)
        self._aim_set = PatternSet(self.structure.aims)
        self._aim_end_set = PatternSet(self.structure.aim_ends)
        self._problem_set = PatternSet(self.structure.rhetorical_problems)

    def read(self, tokens: Sequence[Token], contrast: int | None) -> Reading:
        """The clause structure of `tokens`; `contrast` is where the sentence last turns, if it does."""
        return Reading(
            disputed=self._negated_views(tokens, contrast),
            described=self._described_groups(tokens) | self._described_by_relatives(tokens),
            conditions=self._conditions(tokens),
            reducers=self._reducer_ends(tokens),
            difficulties={
                j: (i, sys.intern(" ".join(t.text for t in tokens[i:j])))
                for spans in self._difficulty_set.matches(tokens).values()
                for i, j in spans
            },
            aims=self._aims(tokens, contrast),
        )

    def turn(
        self,
        tokens: Sequence[Token],
        reading: Reading,
        span: tuple[int, int],
        counted: Stance,
        negated: bool,
        voided: Mapping[int, str],
    ) -> tuple[Stance, str]:
        """What a cue at `span` counts as after the clause rules that change its stance, and their note.

        `voided` holds the tokens whose modals other rules void (relative
        clauses, the text's own content).
        """
        i, j = span
        if counted is Stance.CONCERN and not negated:
            reducer = self._reducer_of(tokens, i, reading.reducers)
            if reducer is not None:
                return Stance.SUPPORT, f"a harm taken away by '{reducer}': support"
        if counted is Stance.SUPPORT and not negated:
            difficulty = self._difficulty_of(tokens, i, reading.difficulties)
            if difficulty is not None:
                return Stance.CONCERN, f"support made hard by '{difficulty}': a concern"
        if counted is Stance.SUPPORT:
            condition = self._condition_of(i, j, reading.conditions)
            if condition is not None:
                return Stance.DEMAND, f"support on the condition '{condition}': a demand"
            modal = self._governing_modal(tokens, i, voided)
            if modal is not None:
                return Stance.DEMAND, f"a quality asked for after '{modal}': a demand"
        return counted, ""

    def _negated_views(self, tokens: Sequence[Token], contrast: int | None) -> dict[int, str]:
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
                end = next((n for n in range(start, len(tokens)) if tokens[n].text in SENTENCE_END), len(tokens))
                end = contrast if contrast is not None and start < contrast < end else end
                words = sys.intern(f"{tokens[k].text}' of '{' '.join(t.text for t in tokens[i:j])}")
                for n in range(start, end):
                    found.setdefault(n, words)
        return found

    def _negation_near(self, tokens: Sequence[Token], i: int, j: int) -> int | None:
        """A negation at most two words after tokens[i:j] ("mener dog ikke") or before it ("ikke enig")."""
        for k in range(j, min(j + 3, len(tokens))):
            if tokens[k].text in CLAUSE_BREAK:
                break
            if self._negation.candidates(tokens[k]):
                return k
        for k in range(i - 1, max(i - 3, -1), -1):
            if tokens[k].text in CLAUSE_BREAK:
                break
            if self._negation.candidates(tokens[k]):
                return k
        return None

    def _described_groups(self, tokens: Sequence[Token]) -> dict[int, str]:
        """Tokens that describe a group of people: after "borgere med", "unge med", up to `group_window` words.

        "Borgere med komplekse og sammensatte problemer" names whom a bill is
        for; the problems are theirs, not the body's concern about the bill.
        The description ends at a clause break.
        """
        found: dict[int, str] = {}
        window = self.structure.group_window
        for spans in self._group_set.matches(tokens).values():
            for i, j in spans:
                if j >= len(tokens) or tokens[j].lower != "med":
                    continue
                words = sys.intern(" ".join(t.text for t in tokens[i : j + 1]))
                for n in range(j + 1, min(j + 1 + window, len(tokens))):
                    if tokens[n].text in CLAUSE_BREAK:
                        break
                    found.setdefault(n, words)
        return found

    def _conditions(self, tokens: Sequence[Token]) -> list[tuple[int, str, bool]]:
        """Where a condition stands: (token index, its words, whether it is a near condition such as "hvis")."""
        found: list[tuple[int, str, bool]] = []
        for near, patterns in ((False, self._condition_set), (True, self._near_condition_set)):
            for spans in patterns.matches(tokens).values():
                for i, j in spans:
                    found.append((i, sys.intern(" ".join(t.text for t in tokens[i:j])), near))
        return sorted(found)

    def _condition_of(self, i: int, j: int, conditions: Sequence[tuple[int, str, bool]]) -> str | None:
        """The condition a support cue at tokens[i:j] is given on, if any.

        "KL kan støtte forslaget, forudsat at kommunerne kompenseres": a
        condition after the cue in its sentence; a near condition ("hvis")
        only at most `condition_window` words after it ("DA kan støtte
        forslaget, hvis ..."), as a later "hvis" usually belongs to what is
        supported. A condition opening the sentence ("Hvis kommunerne
        kompenseres, kan KL støtte forslaget") governs every cue after it.
        """
        window = self.structure.condition_window
        for at, words, near in conditions:
            if at == 0 and i > 0:
                return words
            if at >= j and (not near or at - j <= window):
                return words
        return None

    def _governing_modal(self, tokens: Sequence[Token], i: int, voided: Mapping[int, str]) -> str | None:
        """The modal a support cue at token i is asked for under, if any.

        "Reglerne skal være enkle", "Planen skal opleves meningsfuld af
        borgerne": a good quality after a modal at most
        `modal_predicate_window` words before it (not across a clause
        break) is what the body asks for. A modal the structure rules void
        (in a relative clause, in the text's own content) governs nothing.
        """
        for k in range(i - 1, max(i - 1 - self.structure.modal_predicate_window, -1), -1):
            if tokens[k].text in CLAUSE_BREAK:
                return None
            if tokens[k].lower in self.structure.modals:
                return None if k in voided else tokens[k].text
        return None

    def _reducer_ends(self, tokens: Sequence[Token]) -> dict[int, str]:
        """Where a reducer ("mindske", "afskaffelse af", "færre") ends, with its words."""
        return {
            j: sys.intern(" ".join(t.text for t in tokens[i:j]))
            for spans in self._reducer_set.matches(tokens).values()
            for i, j in spans
        }

    def _reducer_of(self, tokens: Sequence[Token], i: int, reducers: Mapping[int, str]) -> str | None:
        """The reducer a concern cue at token i is the object of, if any.

        "Forslaget vil mindske bureaukratiet", "en afskaffelse af en række
        komplekse og administrativt tunge regler": a harm taken away is a
        good consequence. The reducer ends at most `reducer_window` words
        before the cue, not across a clause break.
        """
        for end in range(i, max(i - self.structure.reducer_window, 0) - 1, -1):
            if end in reducers:
                return reducers[end]
            if end > 0 and tokens[end - 1].text in CLAUSE_BREAK:
                return None
        return None

    def concession_turns(self, tokens: Sequence[Token]) -> list[tuple[int, str]]:
        """Where a sentence turns after a concession: the index after the comma that closes it, and a label.

        A concession ("selvom", "selv om", "skønt") concedes a point in its
        clause; the clause after the comma that closes it carries the body's
        view, as after "men": "Selvom vi ser mange gode intentioner i
        forslaget, så er vi yderst bekymrede for ...".
        """
        spots: list[tuple[int, str]] = []
        for spans in self._concession_set.matches(tokens).values():
            for i, j in spans:
                close = next((k for k in range(j, len(tokens)) if tokens[k].text in {",", ";"}), None)
                if close is not None and close + 1 < len(tokens):
                    words = " ".join(t.text for t in tokens[i:j])
                    spots.append((close + 1, sys.intern(f"the concession '{words} ...'")))
        return spots

    def existential(self, tokens: Sequence[Token], k: int) -> bool:
        """True when the verb at k has an existential subject before it ("der er") or after it ("er der").

        After an existential "der" ("Der er en reel fare for ...", "Derfor er
        der en reel risiko") the verb introduces a noun, not a predicate; the
        "der" of a relative clause (", der er urimelige") is a subject.
        """
        words = self.structure.existential
        before = k > 0 and tokens[k - 1].lower in words and (k == 1 or tokens[k - 2].text != ",")
        after = k + 1 < len(tokens) and tokens[k + 1].lower in words
        return before or after

    def without_optional_commas(self, tokens: Sequence[Token]) -> list[int]:
        """The indices of `tokens` without the optional commas ("vigtigt, at" read as "vigtigt at").

        Danish may write "Det er vigtigt, at ..." or "Det er vigtigt at ...":
        a comma before one of `optional_comma_before` is left out.
        """
        optional = self.structure.optional_comma_before
        return [
            k
            for k, token in enumerate(tokens)
            if not (token.text == "," and k + 1 < len(tokens) and tokens[k + 1].lower in optional)
        ]

    def person_relatives(self, tokens: Sequence[Token]) -> dict[int, tuple[int, str]]:
        """Relative clauses that describe persons: opener index -> (end of the clause, head and opener).

        "De borgere der mister ydelsen har brug for støtte", "mennesker, som
        rammes af reformen": after a person or a pronoun of `relative_heads`
        "der" / "som" opens a relative clause, with its comma or without. It
        ends at a clause break or at the main clause's finite verb, the first
        of `main_verbs` after the clause's own verb (a negation before that
        verb is still the clause's: "borgere der ikke har arbejde har ...").
        """
        openers = self.structure.relative_openers
        found: dict[int, tuple[int, str]] = {}
        heads = {j for spans in self._head_set.matches(tokens).values() for _, j in spans}
        reached = 0  # a clause inside the one before ends where it does: each token is looked at once
        for head in sorted(heads):
            k = head + 1 if head < len(tokens) and tokens[head].text == "," else head
            if k >= len(tokens) - 1 or tokens[k].lower not in openers or k + 1 in heads:
                continue  # "både unge som voksne" compares
            started, end = False, len(tokens)
            if k + 1 < reached:  # inside the clause before: it ends there too
                found[k] = (reached, sys.intern(f"{tokens[head - 1].text} {tokens[k].text}"))
                continue
            for n in range(k + 1, len(tokens)):
                word = tokens[n]
                if word.text in CLAUSE_BREAK or (started and word.lower in self.structure.main_verbs):
                    end = n
                    break
                started = started or not self._negation.candidates(word)
            reached = end
            found[k] = (end, sys.intern(f"{tokens[head - 1].text} {tokens[k].text}"))
        return found

    def _described_by_relatives(self, tokens: Sequence[Token]) -> dict[int, str]:
        """Tokens of a relative clause after a person, with the head and opener: they describe the group."""
        found: dict[int, str] = {}
        reached = 0  # each token is given once: a clause inside another ends where it does
        for k, (end, words) in sorted(self.person_relatives(tokens).items()):
            found.update((n, words) for n in range(max(k + 1, reached), end))
            reached = max(reached, end)
        return found

    def inverted_negation(self, tokens: Sequence[Token], j: int) -> str | None:
        """The negation after the subject of a verb cue ending at j: "Det støtter vi ikke", "Det anbefaler KL ikke"."""
        if j + 1 >= len(tokens):
            return None
        subject = tokens[j]
        if subject.lower not in self.structure.inverted_subjects and not subject.text[:1].isupper():
            return None
        return tokens[j + 1].text if self._negation.candidates(tokens[j + 1]) else None

    def _difficulty_of(
        self, tokens: Sequence[Token], i: int, difficulties: Mapping[int, tuple[int, str]]
    ) -> str | None:
        """The difficulty a support cue at token i stands in the at-clause of, if any.

        "KL har svært ved at leve op til kravene", "Det er vanskeligt at bakke
        op om forslaget": the difficulty ends at most `difficulty_window` words
        before the cue, an "at" between them and no clause break; a negated
        difficulty ("ikke svært at støtte") makes nothing hard.
        """
        for end in range(i, max(i - self.structure.difficulty_window, 0) - 1, -1):
            if end in difficulties:
                start, words = difficulties[end]
                if not any(t.lower == "at" for t in tokens[end:i]):
                    return None
                negated = any(self._negation.candidates(t) for t in tokens[max(start - 2, 0) : start])
                return None if negated else words
            if end > 0 and tokens[end - 1].text in CLAUSE_BREAK:
                return None
        return None

    def _aims(self, tokens: Sequence[Token], contrast: int | None) -> dict[int, str]:
        """Tokens in the bill's aim described: from one of `aims` to the end of its sentence.

        "Formålet med lovforslaget er at forenkle reglerne" summarises the
        bill. The aim ends at a semicolon, a contrast word or one of
        `aim_ends` after a comma, where the body judges it (", hvilket KL
        bakker op om", ", og det støtter vi"). An aim in a relative clause
        (", der har til formål at ...") ends with it, at the main clause's
        finite verb: "Ændringerne, der har til formål at forenkle reglerne,
        kan vi kun bifalde".
        """
        found: dict[int, str] = {}
        ends = {
            i
            for spans in self._aim_end_set.matches(tokens).values()
            for i, _ in spans
            if i and tokens[i - 1].text == ","
        }
        ends |= {n for n, t in enumerate(tokens) if t.text == ";"}
        reached = 0  # an aim inside the one before ends where it does: each token is looked at once
        for i, j in sorted(span for spans in self._aim_set.matches(tokens).values() for span in spans):
            if i < reached:
                continue
            words = sys.intern(" ".join(t.text for t in tokens[i:j]))
            relative = i > 1 and tokens[i - 1].lower in self.structure.relative_openers and tokens[i - 2].text == ","
            reached = i
            while reached < len(tokens):
                n = reached
                if tokens[n].text in SENTENCE_END or (n > i and (n in ends or n == contrast)):
                    break
                if relative and n >= j and self._main_verb(tokens, n):
                    break
                found[n] = words
                reached += 1
        return found

    def _main_verb(self, tokens: Sequence[Token], n: int) -> bool:
        """Whether token `n` is a finite verb of `main_verbs` (not an infinitive after "at")."""
        return tokens[n].lower in self.structure.main_verbs and tokens[n - 1].lower != "at"

    def rhetorical(self, tokens: Sequence[Token], concern: set[int]) -> dict[int, str]:
        """Tokens of a rhetorical question, with its opening word.

        "Hvordan skal kommunerne kunne løfte opgaven med færre midler?": a
        question opened (in its first two words) by one of
        `rhetorical_openers` that names a problem, one of
        `rhetorical_problems` or a concern cue (its index in `concern`).
        """
        found: dict[int, str] = {}
        problems = {i for spans in self._problem_set.matches(tokens).values() for i, _ in spans} | concern
        openers = self.structure.rhetorical_openers
        start = 0
        for stop, token in enumerate(tokens):
            if token.text not in SENTENCE_END:
                continue
            opener = next((t.text for t in tokens[start : min(start + 2, stop)] if t.lower in openers), None)
            if token.text == "?" and opener is not None and any(start <= n < stop for n in problems):
                found.update((n, opener) for n in range(start, stop + 1))
            start = stop + 1
        return found
