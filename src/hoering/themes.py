"""Tag a position with the themes of the codebook, with the evidence for each."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace

from . import lazy
from .law_names import NAME_BREAKS, LawNames, amended_laws
from .models import Evidence, Token
from .morphology import default_splitter
from .patterns import Pattern, PatternSet
from .rules import Codebook

fuzz = lazy.module("rapidfuzz.fuzz")  # a cached run tags nothing and needs none of it

_FUZZY_SLACK = (0, -1, 1)
_LIST_JOINS = frozenset({",", "og", "eller", "samt"})  # compare the stem with word prefixes this much longer or shorter
_ITEM_JOINS = frozenset({"og", "eller", "samt"})
_ITEM_WORD = 3  # an item holds a word of this many letters: "stk. 1" and "nr. 4" are references, no items


class ThemeTagger:
    """Finds codebook terms in a position's tokens.

    Terms match a word's lower-case form or lemma (see `patterns`), and the
    lemma or head of a compound the lemma table does not know (see
    `morphology`; the evidence note shows the split). An exclude
    pattern cancels the term matches it overlaps. Words no term matched are
    compared with the themes' literal stems by rapidfuzz, to catch misspellings.
    """

    def __init__(self, codebook: Codebook) -> None:
        self.codebook = codebook
        # One indexed set for every term and exclusion: (theme id, is exclusion, pattern source).
        self._roles: list[tuple[str, bool, str]] = []
        self._weights: dict[tuple[str, str], float] = {}  # (theme id, term source) -> the term's weight
        self._law_terms: set[int] = set()  # terms written as a law's own name ("aktivloven"): they name the point
        suffixes = codebook.procedure.law_suffixes
        patterns: list[Pattern] = []
        for theme in codebook.themes:
            for term in theme.terms:
                if suffixes and term.pattern.source.endswith(suffixes):
                    self._law_terms.add(len(self._roles))
                self._roles.append((theme.id, False, term.pattern.source))
                self._weights[theme.id, term.pattern.source] = term.weight
                patterns.append(term.pattern)
            for pattern in theme.exclude:
                self._roles.append((theme.id, True, pattern.source))
                patterns.append(pattern)
        self._patterns = PatternSet(patterns, default_splitter(), heads=True)
        procedure = codebook.procedure
        self._procedure = PatternSet(procedure.positions)
        self._names = LawNames(procedure)
        self._back_references = PatternSet(codebook.anaphora.back_references)
        self._scheme = PatternSet(codebook.bill_subject.scheme)
        self._whole_bill = PatternSet(codebook.bill_subject.whole_bill)
        self._order = {theme_id: n for n, theme_id in enumerate(codebook.ids)}
        # Literal stems for misspellings, by first letter: a misspelling seldom
        # hits the first letter, and comparing only within it keeps this cheap.
        self._fuzzy_stems: dict[str, list[tuple[str, str, Pattern]]] = {}
        for theme in codebook.themes:
            for term in theme.terms if theme.fuzzy else ():
                (piece, *rest) = term.pattern.pieces
                if (
                    not rest
                    and not piece.suffix
                    and len(piece.text) >= codebook.fuzzy_min_length
                    and piece.text.isalpha()
                ):
                    self._fuzzy_stems.setdefault(piece.text[0], []).append((theme.id, piece.text, term.pattern))

    def tag(self, tokens: Sequence[Token], subject: frozenset[str] = frozenset()) -> tuple[Evidence, ...]:
        """All theme evidence in `tokens`, in codebook order then text order.

        A weak term of a theme in `subject` (what the bill is about, see
        `subject`, or the heading above) counts as a strong one: "sanktion"
        in a response on the cash benefit.

        A procedural position ("KL har modtaget lovforslag om ... i høring")
        has no theme, but what follows a colon after its procedural words
        does ("... har følgende bemærkninger: Fradraget i hjælpen ..."). In
        a claim the law it names is what it speaks of ("en revision af
        sygedagpengeloven", "lov om sygedagpenge"), but not an agreement's
        name, a quoted title or an omnibus bill's amended laws (`LawNames`).
        """
        if self.procedural(tokens):
            after = self._after_procedure(tokens)
            return self.tag(after, subject) if after else ()
        laws = self._names.not_the_point(tokens) | self._in_group_lists(tokens)
        law_words = self._names.law_words(tokens)
        matches = sorted(self._patterns.matches(tokens).items())  # in codebook order, as the roles
        excluded: dict[str, list[tuple[int, int]]] = {}
        for n, spans in matches:
            theme_id, is_exclusion, _ = self._roles[n]
            if is_exclusion:
                excluded.setdefault(theme_id, []).extend(spans)
        hits: list[Evidence] = []
        covered: set[int] = set()
        for n, spans in matches:
            theme_id, is_exclusion, source = self._roles[n]
            if is_exclusion:
                continue
            against = excluded.get(theme_id, ())
            for i, j in spans:
                if any(i < b and a < j for a, b in against):
                    continue
                law_term = n in self._law_terms and i in law_words  # "aktivloven" written as the term
                if i in laws and not law_term:
                    continue
                how = self._patterns.how(n, tokens[i])
                if i in law_words and not law_term:
                    if not self._names.names_subject(tokens[i], self._patterns.patterns[n].pieces[0]):
                        continue  # "finansloven", "lovforslaget": the name says nothing of the point
                    how = f"{how}; the law's subject" if how else "the law's subject"
                covered.update(range(i, j))
                hits.append(_evidence(theme_id, source, tokens, i, j, how))
        covered.update(laws | law_words)
        hits.extend(self._fuzzy(tokens, covered, excluded))
        hits = self._not_in_passing(tokens, hits)
        order = self._order
        unique: dict[tuple[str, int, int], Evidence] = {}
        for hit in hits:  # of two terms on the same words, the stronger is the evidence
            key = (hit.label, hit.start, hit.end)
            if key not in unique or self._weight(hit) > self._weight(unique[key]):
                unique[key] = hit
        kept = self._enough(self._outer(list(unique.values())), subject)
        return tuple(sorted(kept, key=lambda h: (order[h.label], h.start, h.end)))

    def refers_back(self, tokens: Sequence[Token]) -> bool:
        """True when a claim names what an earlier claim spoke of ("denne gruppe", "de pågældende")."""
        return bool(self.codebook.anaphora.back_references) and bool(self._back_references.matches(tokens))

    def scheme_claim(self, tokens: Sequence[Token]) -> Evidence | None:
        """The word by which a claim names the bill's scheme ("Ordningen bør gøres permanent"), or None.

        None for procedure, a lead-in to the points that follow (it ends in
        a colon), a claim that quotes a title (the bill's origin), and a
        general remark on the whole bill: at most `general_words` words,
        the bill its only such word ("Vi hilser lovforslaget velkommen").
        The document decides whether the claim takes the bill's subject
        (`theme_context.from_the_bills_subject`).
        """
        rules = self.codebook.bill_subject
        if not rules.scheme or not tokens or tokens[-1].text == ":" or self.procedural(tokens):
            return None
        found = sorted((s, n) for n, spans in self._scheme.matches(tokens).items() for s in spans)
        if not found or self._names.quotes_a_title(tokens):
            return None
        whole = {s for spans in self._whole_bill.matches(tokens).values() for s in spans}
        if sum(1 for t in tokens if t.text.isalnum()) <= rules.general_words and all(s in whole for s, _ in found):
            return None
        (i, j), n = found[0]
        return _evidence("", self._scheme.patterns[n].source, tokens, i, j)

    def subject(self, tokens: Sequence[Token], act: bool = False) -> frozenset[str]:
        """The themes a title or receipt names by strong terms, its law names included, up to the colon after it.

        "KL har modtaget lovforslag om reform af kontanthjælpssystemet" names
        `kontanthjaelp`; what follows "har følgende bemærkninger:" is the
        response, not its subject. Of a title that names a law, only the
        name and its subtitle count (`LawNames.inside`). An omnibus bill that amends three laws or
        more ("lov om sygedagpenge, lov om ..., lov om aktiv socialpolitik og
        lov om arbejdsløshedsforsikring") names its subject in its subtitle
        in parentheses, if anywhere: the amended laws are boilerplate. With
        `act`, only what the name of a law or bill (or the subtitle) names:
        the act the response answers, not an agreement's name or the sender
        before "har følgende bemærkninger:".
        """
        return self._subject(tokens, act) if self.procedural(tokens) else frozenset()

    def subjects(self, sentences: Iterable[Sequence[Token]]) -> tuple[frozenset[str], frozenset[str]]:
        """What the titles and receipts among `sentences` name, and what the act they answer names.

        Both `subject` readings, with each sentence's procedure found once.
        """
        subject: set[str] = set()
        act: set[str] = set()
        for tokens in sentences:
            if self.procedural(tokens):
                subject |= self._subject(tokens, act=False)
                act |= self._subject(tokens, act=True)
        return frozenset(subject), frozenset(act)

    def _subject(self, tokens: Sequence[Token], act: bool) -> frozenset[str]:
        first = min(j for spans in self._procedure.matches(tokens).values() for _, j in spans)
        tokens = tokens[: next((k for k in range(first, len(tokens)) if tokens[k].text == ":"), len(tokens))]
        named: set[int] = set()
        omnibus = amended_laws(tokens) >= self.codebook.procedure.list_items
        if omnibus:
            opened = [k for k, t in enumerate(tokens) if t.text == "("]
            tokens = tokens[opened[-1] + 1 :] if opened else ()
            tokens = tokens[: next((k for k, t in enumerate(tokens) if t.text == ")"), len(tokens))]
        else:
            named = self._names.inside(tokens, agreements=not act)  # the bill's name and subtitle, if any
            if act and not named:
                return frozenset()
        matches = self._patterns.matches(tokens)
        found = [(n, s) for n, spans in matches.items() for s in spans if not named or s[0] in named]
        out = [s for n, s in found if self._roles[n][1]]
        threshold = self.codebook.theme_threshold
        return frozenset(
            theme_id
            for n, (i, j) in found
            for theme_id, exclusion, term in [self._roles[n]]
            if not exclusion
            and self._weights.get((theme_id, term), 1.0) >= threshold
            and not any(i < b and a < j for a, b in out)
        )

    def _weight(self, hit: Evidence) -> float:
        return self._weights.get((hit.label, hit.term), 1.0)

    def _outer(self, hits: list[Evidence]) -> list[Evidence]:
        """Hits less a weaker term inside a stronger one of the same theme (`tillid` in `tillid til medarbejdere`)."""
        return [
            hit
            for hit in hits
            if not any(
                other is not hit
                and other.label == hit.label
                and other.start <= hit.start
                and hit.end <= other.end
                and self._weight(other) > self._weight(hit)
                for other in hits
            )
        ]

    def _enough(self, hits: list[Evidence], subject: frozenset[str] = frozenset()) -> list[Evidence]:
        """The hits of the themes whose distinct terms weigh `theme_threshold` together.

        A term of weight 1 (the default) tags its theme alone; a weak term
        ("arbejdsgiveren", "økonomiske") tags it only beside another term of
        the theme, and its evidence says so; of a theme in `subject` it tags
        alone. The same weak term twice, or a term on words another term has
        counted already, adds nothing.
        """
        threshold = self.codebook.theme_threshold
        weights = {k: max(w, threshold) if k[0] in subject else w for k, w in self._weights.items()}
        total: dict[str, float] = {}
        alone: dict[str, float] = {}  # the same without the subject: does the theme need it?
        seen: set[tuple[str, str]] = set()
        spans: dict[str, list[tuple[int, int]]] = {}
        for hit in sorted(hits, key=lambda h: -self._weight(h)):
            key = (hit.label, hit.term)
            counted = spans.setdefault(hit.label, [])
            if key not in seen and not any(hit.start < b and a < hit.end for a, b in counted):
                fuzzy = hit.note.startswith("fuzzy")  # a guessed spelling gets no sense from the subject
                total[hit.label] = total.get(hit.label, 0.0) + (self._weights if fuzzy else weights).get(key, 1.0)
                alone[hit.label] = alone.get(hit.label, 0.0) + self._weights.get(key, 1.0)
            seen.add(key)
            counted.append((hit.start, hit.end))
        kept: list[Evidence] = []
        for hit in hits:
            if total[hit.label] < threshold - 1e-9:
                continue
            own = self._weights.get((hit.label, hit.term), 1.0)
            if own < threshold:
                note = f"{hit.note}; " if hit.note else ""
                needed = alone[hit.label] < threshold - 1e-9
                how = "the subject of the bill or heading" if needed else "with another of the theme"
                hit = replace(hit, note=sys.intern(f"{note}weak term ({own:g}), {how}"))
            kept.append(hit)
        return kept

    def procedural(self, tokens: Sequence[Token]) -> bool:
        """True for a position about the consultation itself: a receipt, thanks, the bill's name."""
        return bool(self._procedure.matches(tokens))

    def _after_procedure(self, tokens: Sequence[Token]) -> Sequence[Token]:
        """The words after the first colon that follows every procedural match, or nothing."""
        last = max(j for spans in self._procedure.matches(tokens).values() for _, j in spans)
        for k in range(last, len(tokens) - 1):
            if tokens[k].text == ":":
                rest = tokens[k + 1 :]
                return rest if not self.procedural(rest) else self._after_procedure(rest)
        return ()

    def _in_group_lists(self, tokens: Sequence[Token]) -> set[int]:
        """Words of a list of affected groups ("børn, unge og familier"): mentioned in passing.

        A list is single words joined by commas and og / eller / samt; it is in
        passing when it has `list_items` items and two of them are group words.
        """
        procedure = self.codebook.procedure
        if not procedure.groups:
            return set()
        inside: set[int] = set()
        k = 0
        while k < len(tokens):
            items = [k]
            n = k
            while n + 2 < len(tokens) and tokens[n + 1].lower in _LIST_JOINS and tokens[n + 2].text.isalpha():
                n += 2
                items.append(n)
            if len(items) >= procedure.list_items:
                groups = sum(1 for i in items if tokens[i].lower in procedure.groups)
                if groups >= 2:
                    inside.update(items)
            k = n + 1 if len(items) > 1 else k + 1
        return inside

    def _not_in_passing(self, tokens: Sequence[Token], hits: list[Evidence]) -> list[Evidence]:
        """Hits less those of a theme an enumeration mentions in passing.

        In "mulighed for månedlige opgørelser, agterskrivelse med partshøring,
        skærpet rådighedssanktion, ophør af kontanthjælp ved manglende
        fremmøde og Job-log ved første samtale" the point is the list, not
        any one item: a theme found in fewer than half of an enumeration's
        items, while some item carries no theme at all, is mentioned in
        passing there, unless the position names it outside the list too.
        A list whose items all carry themes ("unge, sygemeldte og
        flygtninge") keeps them.
        """
        if not hits:
            return hits
        starts = [t.start for t in tokens]
        passing: set[int] = set()
        for items in self._enumerations(tokens):
            spans = [(starts[a], tokens[b - 1].end) for a, b in items]
            lo, hi = spans[0][0], spans[-1][1]
            found: dict[str, set[int]] = {}
            outside: set[str] = set()
            for hit in hits:
                where = [n for n, (a, b) in enumerate(spans) if a <= hit.start and hit.end <= b]
                if where:
                    found.setdefault(hit.label, set()).update(where)
                elif not (lo <= hit.start and hit.end <= hi):
                    outside.add(hit.label)
            themed = set().union(*found.values()) if found else set()
            if len(themed) == len(items):
                continue  # every item carries a theme: the list is the point
            for label, where in found.items():
                if label not in outside and 2 * len(where) < len(items):
                    passing.update(id(hit) for hit in hits if hit.label == label and lo <= hit.start < hi)
        return [hit for hit in hits if id(hit) not in passing] if passing else hits

    def _enumerations(self, tokens: Sequence[Token]) -> list[list[tuple[int, int]]]:
        """Enumerations in `tokens`: runs of `list_items` or more items, each a (first, end) token range.

        Items are comma parts that are short (`list_item_words`), hold a word
        (not only "stk. 1") and open no clause (`clause_openers`: "at", "som",
        "hvis" ...); the last part splits at its last og / eller / samt. The
        first item is what follows a list marker ("herunder", "fx") in the
        part before, or else the last words of that part, as many as the
        shortest other item has and one more; a part that ends in a clause
        opener ("er", "at") is no list's start. With a single comma ("børn, unge og
        familier") every item must be short (`short_item_words`): "..., får
        én plan og én koordinerende sagsbehandler" is a clause, no list.
        """
        procedure = self.codebook.procedure
        if not procedure.clause_openers:
            return []
        end = len(tokens) - 1 if tokens and tokens[-1].text in NAME_BREAKS else len(tokens)
        commas = [k for k in range(end) if tokens[k].text == ","]
        parts = list(zip([0, *(k + 1 for k in commas)], [*commas, end]))
        found: list[list[tuple[int, int]]] = []
        n = 0
        while n < len(parts) - 1:
            a, b = parts[n]
            if b > a and tokens[b - 1].lower in procedure.clause_openers:
                n += 1  # "Forslaget ... er, overordnet set, et godt bud": the clause goes on across the commas
                continue
            m = n + 1
            while m < len(parts) and self._item_like(tokens, *parts[m]):
                m += 1
            if n + 1 < m < len(parts) and self._item_like(tokens, *self._before_join(tokens, *parts[m])):
                m += 1  # a last part "X og Y" may be longer than one item
            if m > n + 1:
                items = self._items(tokens, parts[n:m])
                short = m - n > 2 or all(j - i <= procedure.short_item_words for i, j in items[1:])
                if len(items) >= procedure.list_items and short:
                    found.append(items)
                n = m
            else:
                n += 1
        return found

    def _item_like(self, tokens: Sequence[Token], a: int, b: int) -> bool:
        """A comma part that can be an item: short, with a word, opening no clause."""
        procedure = self.codebook.procedure
        return (
            0 < b - a <= procedure.list_item_words
            and not self._opens_clause(tokens, a, b)
            and any(len(t.text) >= _ITEM_WORD and t.text.isalpha() for t in tokens[a:b])
        )

    def _opens_clause(self, tokens: Sequence[Token], a: int, b: int) -> bool:
        first = a + 1 if tokens[a].lower in _ITEM_JOINS and b - a > 1 else a  # ", og at ..." opens a clause too
        return tokens[first].lower in self.codebook.procedure.clause_openers

    def _before_join(self, tokens: Sequence[Token], a: int, b: int) -> tuple[int, int]:
        """The words of a comma part before its last og / eller / samt that joins an item (else none)."""
        joins = [k for k in range(a + 1, b - 1) if tokens[k].lower in _ITEM_JOINS]
        return (a, joins[-1]) if joins and not self._opens_clause(tokens, joins[-1] + 1, b) else (a, a)

    def _items(self, tokens: Sequence[Token], run: list[tuple[int, int]]) -> list[tuple[int, int]]:
        (a, b), *rest = run
        last_a, last_b = rest[-1]
        _, join = self._before_join(tokens, last_a, last_b)
        if join > last_a:
            rest[-1:] = [(last_a, join), (join + 1, last_b)]
        markers = [k for k in range(a, b) if tokens[k].lower in self.codebook.procedure.list_markers]
        a = markers[-1] + 1 if markers else max(a, b - min(j - i for i, j in rest) - 1)
        return [(i, j) for i, j in [(a, b), *rest] if i < j]

    def _fuzzy(
        self, tokens: Sequence[Token], covered: set[int], excluded: dict[str, list[tuple[int, int]]]
    ) -> list[Evidence]:
        hits: list[Evidence] = []
        threshold = self.codebook.fuzzy_threshold
        ratio = fuzz.ratio  # bound once: rapidfuzz is imported when a file is first tagged, not at start-up
        for i, token in enumerate(tokens):
            word = token.lower
            if i in covered or len(word) < self.codebook.fuzzy_min_length or not word.isalpha():
                continue
            for theme_id, stem, pattern in self._fuzzy_stems.get(word[0], ()):
                if len(word) < len(stem) or any(a <= i < b for a, b in excluded.get(theme_id, ())):
                    continue  # an exclusion holds for misspellings too
                score = max(ratio(stem, word[: len(stem) + d]) for d in _FUZZY_SLACK)
                if threshold <= score < 100:
                    hits.append(_evidence(theme_id, pattern.source, tokens, i, i + 1, f"fuzzy {score:.0f}"))
                    break
        return hits


def _evidence(label: str, term: str, tokens: Sequence[Token], i: int, j: int, note: str = "") -> Evidence:
    matched = sys.intern(" ".join(t.text for t in tokens[i:j]))  # the same terms recur in thousands of positions
    return Evidence(label, term, matched, tokens[i].start, tokens[j - 1].end, sys.intern(note))
