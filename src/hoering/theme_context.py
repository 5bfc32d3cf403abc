"""Themes and stance across the claims of one document.

A claim that points back takes the themes of the one before, a detached
subordinate clause is read with the sentence it completes, terms two
themes share take the document's sense, and a claim about the bill's
scheme that names no theme takes the bill's subject.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from .clauses import CLAUSE_BREAK, SENTENCE_END
from .models import Evidence, Position, StanceCall, Token
from .rules import Anaphora, Codebook
from .ruletypes import SharedTerms, Structure
from .stance import StanceModel

_CARRIED = "from position "  # the note of a theme a claim carries from the one before
_MOST_JOINED = 200  # tokens of the sentence a fragment completes that it is read with


def points_back(tokens: Sequence[Token], anaphora: Anaphora) -> bool:
    """True when a claim opens with an anaphor ("Det gælder eksempelvis Hjørring")."""
    if not any(opener.match_at(tokens, 0) for opener in anaphora.openers):
        return False
    words = [t.lower for t in tokens[: anaphora.expletive_window + 1]]
    expletive = len(words) > 1 and words[1] in anaphora.expletive_verbs and "at" in words[2:]
    return not expletive


def carry_themes(position: Position, previous: Position) -> Position:
    """Give a claim that points back the themes of the claim before it.

    Only the themes the claim before found itself: a reference reaches one
    claim back, not along a chain of references.
    """
    own = set(position.theme_ids)
    carried = tuple(
        replace(hit, note=sys.intern(f"{_CARRIED}{previous.index}, which it points back to"))
        for hit in previous.themes
        if hit.label not in own and not hit.note.startswith(_CARRIED)
    )
    return replace(position, themes=position.themes + carried) if carried else position


def completes(tokens: Sequence[Token], structure: Structure) -> str | None:
    """The opening words of a claim that completes the sentence before it, or None.

    "Og hvor indsatsen opleves meningsfuld for borgeren.", "Og at der er
    politisk opbakning til denne holdning.": a subordinate clause set off as
    a sentence (it opens with one of `fragment_openers`) that asks nothing
    and has no main clause of its own ("Hvor der er behov, skal kommunen
    ..." has one after its comma).
    """
    if not tokens or tokens[-1].text == "?":
        return None
    end = next((end for p in structure.fragment_openers if (end := p.match_at(tokens, 0)) is not None), None)
    if end is None:
        return None
    for k in range(end, len(tokens) - 1):
        if tokens[k].text in CLAUSE_BREAK and tokens[k + 1].lower in structure.main_verbs:
            return None
    return " ".join(t.text for t in tokens[:end])


def item_lead(lead: list[Token], kind: str, tokens: Sequence[Token]) -> list[Token]:
    """The lead-in a list item completes ("Regeringen bør:" for "• tage initiativer, der ..."), or [].

    An item that goes on with its lead-in's sentence keeps that sentence's
    small letter; one that opens with a capital is a sentence of its own
    (Danish grammar: a list after a colon continues the sentence). Only an
    item's first claim is asked about: a part after a split ("men ...") is the
    item's own.
    """
    return lead if kind == "bullet" and tokens and tokens[0].text[:1].islower() else []


def next_lead(lead: list[Token], kind: str, last: list[Token]) -> list[Token]:
    """The lead-in for the blocks after one: its last claim if that ends in a colon; a list item keeps the one before."""
    if last and last[-1].text == ":":
        return last
    return lead if kind == "bullet" else []


def read_with(scorer: StanceModel, before: Sequence[Token], tokens: Sequence[Token], opener: str) -> StanceCall:
    """The stance of a claim that completes the sentence before, read as one sentence with it.

    The full stop between them is read as a comma; the evidence keeps the
    cues inside the claim and names the rule.
    """
    call = scorer.score(joined(before, tokens))
    start, end = tokens[0].start, tokens[-1].end
    own = tuple(cue for cue in call.cues if cue.start >= start)
    note = sys.intern(f"read with the sentence it completes, after '{opener}'")
    matched = sys.intern(opener)
    return StanceCall(call.stance, call.score, (*own, Evidence(call.stance.value, "...", matched, start, end, note)))


def joined(before: Sequence[Token], tokens: Sequence[Token]) -> list[Token]:
    """A sentence and the claim that completes it as one sentence: the full stop between them read as a comma.

    Of a long chain of fragments only the last `_MOST_JOINED` tokens before
    are kept, so a chain costs no more than its length.
    """
    before = before[-_MOST_JOINED:]
    if not before or before[-1].text not in SENTENCE_END:
        return [*before, *tokens]
    stop = before[-1]
    return [*before[:-1], Token(",", ",", ",", stop.start, stop.end), *tokens]


def in_document_sense(positions: Sequence[Position], codebook: Codebook) -> list[Position]:
    """The positions of one document, with the terms two themes share given the document's sense.

    A theme's `shared` terms ("dagpenge*" of `akasser`) mean the other theme
    (`sygedagpenge`) in a document where more positions are about that
    theme than about the sharing one by its other terms: in a response on
    the sickness benefit act, "forlænge dagpengeretten på 52 uger" is the
    sickness benefit. The evidence keeps its term and says why.
    """
    result = list(positions)
    order = {theme_id: n for n, theme_id in enumerate(codebook.ids)}
    for theme in codebook.themes:
        shared = theme.shared
        if shared is None:
            continue
        own = sum(1 for p in result if any(h.label == theme.id and h.term not in shared.terms for h in p.themes))
        other = sum(1 for p in result if shared.theme in p.theme_ids)
        if other <= own:
            continue
        note = sys.intern(f"the document's sense: {shared.theme}")
        for n, position in enumerate(result):
            if any(h.label == theme.id and h.term in shared.terms for h in position.themes):
                result[n] = _relabel(position, theme.id, shared, note, order)
    return result


def _relabel(position: Position, theme_id: str, shared: SharedTerms, note: str, order: dict[str, int]) -> Position:
    themes: list[Evidence] = []
    seen = {(h.label, h.start, h.end) for h in position.themes if h.label == shared.theme}
    for hit in position.themes:
        if hit.label == theme_id and hit.term in shared.terms:
            if (shared.theme, hit.start, hit.end) in seen:
                continue
            hit = replace(hit, label=shared.theme, note=sys.intern(f"{hit.note}; {note}" if hit.note else note))
        themes.append(hit)
    return replace(position, themes=tuple(sorted(themes, key=lambda h: order[h.label])))


def across_document(
    positions: Sequence[Position], schemes: Sequence[Evidence | None], subject: frozenset[str], codebook: Codebook
) -> list[Position]:
    """The positions of one document after the rules that read the whole document: its sense, the bill's subject."""
    return from_the_bills_subject(in_document_sense(positions, codebook), schemes, subject)


def from_the_bills_subject(
    positions: Sequence[Position], schemes: Sequence[Evidence | None], subject: frozenset[str]
) -> list[Position]:
    """The positions of one document, a claim about the bill's scheme given the bill's subject.

    In a response about one subject (its title or receipt names the theme,
    `ThemeTagger.subject`, and no theme is found in more of its positions), a
    claim that names the scheme and no theme ("Ordningen bør gøres
    permanent", "Reglen gælder kun for ...": `schemes`, one entry per
    position, see `ThemeTagger.scheme_claim`) is about that subject. The
    evidence is the word that names the scheme, and the note says where the
    subject comes from.
    """
    result = list(positions)
    counts = Counter(theme for p in result for theme in p.theme_ids)
    most = max(counts.values(), default=0)
    leading = [theme for theme in sorted(subject) if most and counts[theme] == most]
    if len(leading) != 1:
        return result
    note = sys.intern(f"from the bill's subject: {leading[0]} (named in the title or receipt)")
    for n, (position, scheme) in enumerate(zip(result, schemes)):
        if scheme is not None and not position.themes:
            result[n] = replace(position, themes=(replace(scheme, label=leading[0], note=note),))
    return result
