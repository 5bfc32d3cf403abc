"""The names of laws, bills and agreements in a position, and when a name is the position's point.

In a title or a receipt a law's name is what the bill is about (`ThemeTagger.subject`)
and the position itself is procedure. In a claim the law a position names is
what it speaks of: "en revision af sygedagpengeloven er påkrævet", "Forslaget
til ny lov om sygedagpenge er et godt bud", "efter de gældende regler i
udlændingeloven" are about the sickness benefit and integration. What a claim
names without it being the point is left out: a political agreement or reform
(where the bill comes from: "siden reformen vedr. førtidspension og fleksjob
trådte i kraft"), a quoted title ("en følge af ”Aftale om ...”"), the list of
laws an omnibus bill amends, and a law whose name names no subject of its own
(`finansloven`, the budget act a political deal rides on).
"""

from __future__ import annotations

from collections.abc import Sequence

from .models import Token
from .patterns import PatternSet, TokenPattern
from .ruletypes import Procedure

QUOTES = frozenset({'"', "”", "“", "„", "«", "»"})
NAME_BREAKS = frozenset({".", ":", ";", "!", "?"})
_QUOTED_NAME_TOKENS = 40  # a quote or parenthesis left open this long is no title
_LINKING = "s"  # integration|s|loven, arbejdsløshedsforsikring|s|loven


class LawNames:
    """Finds the names of laws, bills and agreements in a position's tokens."""

    def __init__(self, procedure: Procedure) -> None:
        self.procedure = procedure
        self._laws = PatternSet(procedure.law_names)
        self._agreements = PatternSet(procedure.agreement_names)

    def inside(self, tokens: Sequence[Token], agreements: bool = True) -> set[int]:
        """Token indices that are part of a name: a law's, a bill's or (with `agreements`) an agreement's."""
        found = self._windows(tokens, self._laws) | self.law_words(tokens)
        return found | self._windows(tokens, self._agreements) if agreements else found

    def not_the_point(self, tokens: Sequence[Token]) -> set[int]:
        """Token indices of the names in a claim whose words are not what the claim is about.

        An agreement's or a reform's name, a quoted title, and the names of an
        omnibus bill's amended laws (`list_items` or more "lov om"); a law's
        own word (`sygedagpengeloven`) is judged term by term (`names_subject`).
        """
        amended = amended_laws(tokens) >= self.procedure.list_items
        return self._windows(tokens, self._agreements) | self._windows(tokens, self._laws, quoted_only=not amended)

    def quotes_a_title(self, tokens: Sequence[Token]) -> bool:
        """True when a name opens a quotation: "en følge af ”Aftale om ...”" tells where the bill comes from."""
        return any(
            quoted_name_end(tokens, i) is not None
            for names in (self._laws, self._agreements)
            for spans in names.matches(tokens).values()
            for i, _ in spans
        )

    def law_words(self, tokens: Sequence[Token]) -> set[int]:
        """Token indices of words that are a law's own name ("integrationsloven", "lovforslaget")."""
        suffixes = self.procedure.law_suffixes
        return {i for i, t in enumerate(tokens) if suffixes and t.lower.endswith(suffixes)}

    def names_subject(self, token: Token, piece: TokenPattern) -> bool:
        """True when a term's first piece matches what the law `token` names is about.

        "sygedagpenge*" in "sygedagpengeloven", "integration*" in
        "integrationslovens": the word less its law suffix (and a linking s)
        is the law's subject. "finanslov*" in "finansloven" is not: "finans"
        names no subject, and the finance act is the occasion of a political
        deal ("aftalepartierne bag finansloven"), not its point.
        """
        word = token.lower
        suffix = next((s for s in self.procedure.law_suffixes if word.endswith(s)), None)
        if suffix is None:
            return False
        stem = word[: len(word) - len(suffix)]
        stems = {stem, stem.removesuffix(_LINKING)} - {""}
        return any(piece.test(s) for s in stems)

    def _windows(self, tokens: Sequence[Token], names: PatternSet, quoted_only: bool = False) -> set[int]:
        """The words after each name's opening ("lov om" + `law_window` words, a subtitle, a quoted title)."""
        window = self.procedure.law_window
        inside: set[int] = set()
        for spans in names.matches(tokens).values():
            for i, j in spans:
                quoted = quoted_name_end(tokens, i)
                if quoted_only and quoted is None:
                    continue
                end = quoted or min(j + window, len(tokens))
                inside.update(range(j, subtitle_end(tokens, j, window) or end))
        return inside


def amended_laws(tokens: Sequence[Token]) -> int:
    """How many laws a bill's title amends: each "lov om" but the bill's own "lov om ændring af"."""
    words = [t.lower for t in tokens]
    return sum(
        1
        for k in range(len(words) - 1)
        if words[k] == "lov" and words[k + 1] == "om" and words[k + 2 : k + 3] != ["ændring"]
    )


def quoted_name_end(tokens: Sequence[Token], i: int) -> int | None:
    """The closing quote's index when the name at token i opens a quotation, else None.

    A quoted title is a name to its end, however long: in "”Aftale om reform af
    beskæftigelsesindsatsen – mere værdighed, støtte frihed og færre regler”"
    no word is the response's own point.
    """
    if i == 0 or tokens[i - 1].text not in QUOTES:
        return None
    for k in range(i + 1, min(i + 1 + _QUOTED_NAME_TOKENS, len(tokens))):
        if tokens[k].text in QUOTES:
            return k
    return None


def subtitle_end(tokens: Sequence[Token], j: int, window: int) -> int | None:
    """The end of a parenthesis that follows a law's name (its subtitle), or None.

    "lov om sygedagpenge m.fl. (En styrket sygefraværsindsats med ny
    visitation)" names the bill to the closing parenthesis. The parenthesis
    must open within three windows of the name, before the sentence goes on
    (a full stop, a colon).
    """
    for k in range(j, min(j + 3 * window, len(tokens))):
        text = tokens[k].text
        if text in NAME_BREAKS:
            return None
        if text == "(":
            for m in range(k + 1, min(k + 1 + _QUOTED_NAME_TOKENS, len(tokens))):
                if tokens[m].text == ")":
                    return m + 1
            return None
    return None
