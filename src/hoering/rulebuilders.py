"""One builder per rules file: validate its merged document and build its frozen rules.

`hoering.rules.load_rules` finds the files, merges each user file over its
packaged one (`hoering.rulebook.RulesDoc`) and calls the builder of each; a
builder reads every key it knows, compiles the patterns, and reports a problem
as ``path:line: what is wrong``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import Any

from .models import PersonalData, Stance
from .patterns import Pattern
from .rulebook import Anchor, RulesDoc
from .rulebook import check_keys as _check_keys
from .rulebook import get as _get
from .rulebook import optional as _optional
from .rulebook import pattern as _pattern
from .rulebook import terms as _terms
from .ruletypes import (
    Anaphora,
    BillSubject,
    BodyDetection,
    BodyRule,
    BodyRules,
    Codebook,
    NameRules,
    Procedure,
    RedactionRules,
    SharedTerms,
    StanceRules,
    Structure,
    Term,
    Theme,
)

#: The tables of redaction.toml that hold patterns, and what their matches are.
PATTERN_TABLES: dict[str, PersonalData] = {
    "cpr": PersonalData.CPR,
    "email": PersonalData.EMAIL,
    "phone": PersonalData.PHONE,
    "address": PersonalData.ADDRESS,
}
CPR_GROUPS = ("dd", "mm", "yy", "serial")
_THEME_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def build_codebook(doc: RulesDoc) -> Codebook:
    _check_keys(doc, doc.data, {"settings", "theme", "anaphora", "procedure", "bill_subject"}, "themes")
    settings = _get(doc, doc.data, "settings", dict, "themes")
    _check_keys(
        doc, settings, {"fuzzy_threshold", "fuzzy_min_length", "bullets_inherit_heading", "theme_threshold"}, "settings"
    )
    threshold = _get(doc, settings, "fuzzy_threshold", float, "settings")
    if not 50 <= threshold <= 100:
        raise doc.fail("settings -> fuzzy_threshold", "must be between 50 and 100", "fuzzy_threshold")
    theme_threshold = _optional(doc, settings, "theme_threshold", float, "settings", 1.0)
    if theme_threshold <= 0:
        raise doc.fail("settings -> theme_threshold", "must be above 0", "theme_threshold")
    tables = _get(doc, doc.data, "theme", list, "themes")
    themes: list[Theme] = []
    for table in tables:
        theme_id = _get(doc, table, "id", str, "theme")
        after = re.compile(rf"^\s*id\s*=\s*[\"']{re.escape(theme_id)}[\"']")  # the line of the theme's id
        where = f"theme -> {theme_id}"
        if not _THEME_ID.match(theme_id):
            raise doc.fail(where, "id must be lowercase letters, digits and _", f'"{theme_id}"', after)
        _check_keys(
            doc,
            table,
            {"id", "label_da", "label_en", "description", "terms", "exclude", "fuzzy", "shared"},
            where,
            after,
        )
        terms = _terms(doc, _get(doc, table, "terms", list, where, after=after), f"{where} -> terms", after)
        if not terms:
            raise doc.fail(f"{where} -> terms", "a theme needs at least one term", f'"{theme_id}"', after)
        exclude = tuple(
            _pattern(doc, p, f"{where} -> exclude", after)
            for p in _optional(doc, table, "exclude", list, where, [], after)
        )
        themes.append(
            Theme(
                id=theme_id,
                label_da=_get(doc, table, "label_da", str, where, after=after),
                label_en=_get(doc, table, "label_en", str, where, after=after),
                description=_optional(doc, table, "description", str, where, "", after),
                terms=terms,
                exclude=exclude,
                fuzzy=_optional(doc, table, "fuzzy", bool, where, True, after),
                shared=_shared(doc, table, terms, where, after),
            )
        )
    if not themes:
        raise doc.fail("themes", "no [[theme]] tables")
    ids = {theme.id for theme in themes}
    for theme in themes:
        if theme.shared is not None and theme.shared.theme not in ids:
            raise doc.fail(f"theme -> {theme.id} -> shared", f"unknown theme '{theme.shared.theme}'", "shared")
    return Codebook(
        themes=tuple(themes),
        fuzzy_threshold=threshold,
        fuzzy_min_length=_get(doc, settings, "fuzzy_min_length", int, "settings"),
        bullets_inherit_heading=_get(doc, settings, "bullets_inherit_heading", bool, "settings"),
        anaphora=_anaphora(doc),
        procedure=_procedure(doc),
        bill_subject=_bill_subject(doc),
        theme_threshold=theme_threshold,
    )


def _shared(
    doc: RulesDoc, table: dict[str, Any], terms: tuple[Term, ...], where: str, after: Anchor
) -> SharedTerms | None:
    """A theme's `shared = { theme = "...", terms = [...] }`: its terms another theme uses too."""
    shared = _optional(doc, table, "shared", dict, where, None, after)
    if shared is None:
        return None
    place = f"{where} -> shared"
    _check_keys(doc, shared, {"theme", "terms"}, place, after)
    other = _get(doc, shared, "theme", str, place, after=after)
    sources = {term.pattern.source for term in terms}
    words = _strings(doc, shared, "terms", place)
    for word in words:
        if word not in sources:
            raise doc.fail(place, f"'{word}' is not one of the theme's terms", f'"{word}"', after)
    return SharedTerms(other, frozenset(words))


def _procedure(doc: RulesDoc) -> Procedure:
    table = _optional(doc, doc.data, "procedure", dict, "themes", {})
    _check_keys(
        doc,
        table,
        {
            "positions",
            "law_names",
            "agreement_names",
            "law_window",
            "law_suffixes",
            "groups",
            "list_items",
            "list_markers",
            "clause_openers",
            "list_item_words",
            "short_item_words",
        },
        "procedure",
    )

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in _strings(doc, table, key, "procedure")) if key in table else frozenset()

    def patterns(key: str) -> tuple[Pattern, ...]:
        return tuple(_pattern(doc, p, f"procedure -> {key}") for p in _optional(doc, table, key, list, "procedure", []))

    window = _optional(doc, table, "law_window", int, "procedure", 4)
    if not 0 <= window <= 20:
        raise doc.fail("procedure -> law_window", "must be between 0 and 20", "law_window")
    return Procedure(
        positions=patterns("positions"),
        law_names=patterns("law_names"),
        agreement_names=patterns("agreement_names"),
        law_window=window,
        law_suffixes=tuple(w.lower() for w in _strings(doc, table, "law_suffixes", "procedure")),
        groups=frozenset(w.lower() for w in _strings(doc, table, "groups", "procedure")),
        list_items=max(2, _optional(doc, table, "list_items", int, "procedure", 3)),
        list_markers=words("list_markers"),
        clause_openers=words("clause_openers"),
        list_item_words=max(1, _optional(doc, table, "list_item_words", int, "procedure", 12)),
        short_item_words=max(1, _optional(doc, table, "short_item_words", int, "procedure", 2)),
    )


def _bill_subject(doc: RulesDoc) -> BillSubject:
    table = _optional(doc, doc.data, "bill_subject", dict, "themes", {})
    _check_keys(doc, table, {"scheme", "whole_bill", "general_words"}, "bill_subject")

    def patterns(key: str) -> tuple[Pattern, ...]:
        found = _optional(doc, table, key, list, "bill_subject", [])
        return tuple(_pattern(doc, p, f"bill_subject -> {key}") for p in found)

    words = _optional(doc, table, "general_words", int, "bill_subject", 10)
    return BillSubject(patterns("scheme"), patterns("whole_bill"), max(0, words))


def _anaphora(doc: RulesDoc) -> Anaphora:
    table = _get(doc, doc.data, "anaphora", dict, "themes")
    _check_keys(doc, table, {"openers", "expletive_verbs", "expletive_window", "back_references"}, "anaphora")
    openers = tuple(_pattern(doc, p, "anaphora -> openers") for p in _get(doc, table, "openers", list, "anaphora"))
    verbs = _get(doc, table, "expletive_verbs", list, "anaphora")
    if not all(isinstance(v, str) and v.strip() for v in verbs):
        raise doc.fail("anaphora -> expletive_verbs", "expected non-empty strings", "expletive_verbs")
    window = _get(doc, table, "expletive_window", int, "anaphora")
    back = tuple(
        _pattern(doc, p, "anaphora -> back_references")
        for p in _optional(doc, table, "back_references", list, "anaphora", [])
    )
    return Anaphora(openers, frozenset(v.strip().lower() for v in verbs), window, back)


def _stance_value(doc: RulesDoc, value: Any, where: str, needle: str | None = None) -> Stance:
    try:
        return Stance(value)
    except ValueError:
        message = f"unknown stance '{value}' (use {', '.join(s.value for s in Stance)})"
        raise doc.fail(where, message, needle or f'"{value}"') from None


def _lexicon(doc: RulesDoc) -> tuple[Stance, tuple[Term, ...]]:
    """A lexicon file: ``stance = "..."`` and [[family]] tables of cues, each with its source."""
    _check_keys(doc, doc.data, {"stance", "family"}, "lexicon")
    stance = _stance_value(doc, _get(doc, doc.data, "stance", str, "lexicon"), "lexicon -> stance")
    terms: list[Term] = []
    for table in _optional(doc, doc.data, "family", list, "lexicon", []):
        if not isinstance(table, dict):
            raise doc.fail("lexicon", "expected [[family]] tables", "family")
        name = _get(doc, table, "name", str, "family")
        where = f"family -> {name}"
        after = f'"{name}"'
        _check_keys(doc, table, {"name", "source", "weight", "predicate", "cues"}, where, after)
        _get(doc, table, "source", str, where, after)  # every family says where its words come from
        weight = _optional(doc, table, "weight", float, where, 1.0, after)
        if weight <= 0:
            raise doc.fail(where, "weight must be above 0", "weight", after)
        predicate = _optional(doc, table, "predicate", bool, where, False, after)
        for term in _terms(doc, _get(doc, table, "cues", list, where, after), f"{where} -> cues", after):
            terms.append(Term(term.pattern, round(term.weight * weight, 4), predicate, name))
    return stance, tuple(terms)


def _structure(doc: RulesDoc) -> Structure:
    """[structure] of stance.toml: each key is a field of `Structure`, read by the field's type."""
    table = _optional(doc, doc.data, "structure", dict, "stance", {})
    fields = {f.name: str(f.type) for f in dataclasses.fields(Structure)}
    _check_keys(doc, table, set(fields), "structure", "[structure]")
    values: dict[str, Any] = {}
    for key, kind in fields.items():
        if key not in table:
            continue
        if kind.startswith("tuple[Pattern"):
            found = _optional(doc, table, key, list, "structure", [])
            values[key] = tuple(_pattern(doc, p, f"structure -> {key}") for p in found)
        elif kind.startswith("frozenset"):
            values[key] = frozenset(w.lower() for w in _strings(doc, table, key, "structure"))
        elif kind == "int":
            values[key] = _optional(doc, table, key, int, "structure", 0)
        else:
            value = _optional(doc, table, key, float, "structure", 0.0)
            if value < 0:
                raise doc.fail(f"structure -> {key}", "must be 0 or more", key)
            values[key] = value
    return Structure(**values)


def build_stance(doc: RulesDoc, lexicons: Sequence[RulesDoc] = ()) -> StanceRules:
    opinion = [s.value for s in Stance if s is not Stance.NEUTRAL]
    _check_keys(doc, doc.data, {"settings", "negation", "contrast", "structure", *opinion}, "stance")
    settings = _get(doc, doc.data, "settings", dict, "stance")
    _check_keys(doc, settings, {"contrast_weight", "min_split_words", "tie_order", "min_score"}, "settings")
    cues: dict[Stance, tuple[Term, ...]] = {}
    for name in opinion:
        table = _get(doc, doc.data, name, dict, "stance")
        _check_keys(doc, table, {"cues"}, name)
        cues[Stance(name)] = _terms(doc, _get(doc, table, "cues", list, name), f"{name} -> cues", f"[{name}]")
    for lexicon in lexicons:
        stance, terms = _lexicon(lexicon)
        cues[stance] = cues.get(stance, ()) + terms
    negation = _get(doc, doc.data, "negation", dict, "stance")
    _check_keys(doc, negation, {"cues", "window", "flip"}, "negation")
    flip_table = _get(doc, negation, "flip", dict, "negation")
    flip = {
        _stance_value(doc, key, "negation -> flip", f"{key} ="): _stance_value(doc, value, "negation -> flip")
        for key, value in flip_table.items()
    }
    contrast = _get(doc, doc.data, "contrast", dict, "stance")
    _check_keys(doc, contrast, {"cues"}, "contrast")
    order = _get(doc, settings, "tie_order", list, "settings")
    tie_order = tuple(_stance_value(doc, v, "settings -> tie_order") for v in order)
    if sorted(s.value for s in tie_order) != sorted(opinion):
        raise doc.fail("settings -> tie_order", f"must name each of {', '.join(opinion)} once", "tie_order")
    return StanceRules(
        cues=cues,
        negations=tuple(_pattern(doc, p, "negation -> cues") for p in _get(doc, negation, "cues", list, "negation")),
        negation_window=_get(doc, negation, "window", int, "negation"),
        negation_flip=flip,
        contrasts=tuple(_pattern(doc, p, "contrast -> cues") for p in _get(doc, contrast, "cues", list, "contrast")),
        contrast_weight=_get(doc, settings, "contrast_weight", float, "settings"),
        min_split_words=_get(doc, settings, "min_split_words", int, "settings"),
        tie_order=tie_order,
        min_score=_get(doc, settings, "min_score", float, "settings"),
        structure=_structure(doc),
    )


def build_bodies(doc: RulesDoc) -> BodyRules:
    _check_keys(doc, doc.data, {"body", "marker", "detect", "opening", "addressee", "signoff"}, "bodies")
    bodies: list[BodyRule] = []
    for table in _get(doc, doc.data, "body", list, "bodies"):
        name = _get(doc, table, "name", str, "body")
        where = f"body -> {name}"
        _check_keys(doc, table, {"name", "type", "aliases"}, where, f'"{name}"')
        aliases = _optional(doc, table, "aliases", list, where, [])
        bodies.append(BodyRule(name, _optional(doc, table, "type", str, where, ""), tuple(str(a) for a in aliases)))
    detect = _get(doc, doc.data, "detect", dict, "bodies")
    _check_keys(doc, detect, {"opening_lines", "signature_lines", "generic"}, "detect")
    counts = {}
    for key in ("opening_lines", "signature_lines"):
        counts[key] = _get(doc, detect, key, int, "detect")
        if not 0 <= counts[key] <= 100:
            raise doc.fail(f"detect -> {key}", "must be between 0 and 100", key)
    generic = _get(doc, detect, "generic", list, "detect")
    if not all(isinstance(g, str) and g.strip() for g in generic):
        raise doc.fail("detect -> generic", "expected a list of names", "generic")
    detection = BodyDetection(
        openings=_regexes(doc, "opening", needs_body=True),
        addressees=_regexes(doc, "addressee", needs_body=False),
        signoffs=_regexes(doc, "signoff", needs_body=False),
        opening_lines=counts["opening_lines"],
        signature_lines=counts["signature_lines"],
        generic=frozenset(generic),
    )
    return BodyRules(tuple(bodies), _regexes(doc, "marker", needs_body=True), detection)


def _regexes(doc: RulesDoc, kind: str, needs_body: bool) -> tuple[re.Pattern[str], ...]:
    """The `pattern` of each [[kind]] table, compiled case-insensitively."""
    compiled_all: list[re.Pattern[str]] = []
    for table in _get(doc, doc.data, kind, list, "bodies"):
        if not isinstance(table, dict):
            raise doc.fail(kind, "expected [[" + kind + "]] tables", f"{kind} =")
        _check_keys(doc, table, {"pattern"}, kind)
        source = _get(doc, table, "pattern", str, kind)
        compiled = _regex(doc, source, f"{kind} -> pattern", re.IGNORECASE)
        if needs_body and "body" not in compiled.groupindex:
            raise doc.fail(f"{kind} -> pattern", "the pattern needs a (?P<body>...) group", source[:20])
        compiled_all.append(compiled)
    return tuple(compiled_all)


def _regex(doc: RulesDoc, source: Any, where: str, flags: int = 0) -> re.Pattern[str]:
    if not isinstance(source, str) or not source:
        raise doc.fail(where, f"expected a regular expression string, got {source!r}", None)
    try:
        return re.compile(source, flags)
    except re.error as exc:
        raise doc.fail(where, f"bad regular expression: {exc}", source[:20]) from exc


def _strings(doc: RulesDoc, table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    values = _get(doc, table, key, list, where)
    for value in values:
        if not isinstance(value, str) or not value.strip():
            raise doc.fail(f"{where} -> {key}", f"expected non-empty strings, got {value!r}", key)
    return tuple(v.strip() for v in values)


def build_redaction(doc: RulesDoc) -> RedactionRules:
    _check_keys(doc, doc.data, {"settings", "names", *PATTERN_TABLES}, "redaction")
    settings = _get(doc, doc.data, "settings", dict, "redaction")
    _check_keys(doc, settings, {"citizen_type", "citizen_label"}, "settings")
    patterns: list[tuple[PersonalData, re.Pattern[str]]] = []
    for name, kind in PATTERN_TABLES.items():
        table = _get(doc, doc.data, name, dict, "redaction")
        _check_keys(doc, table, {"patterns"}, name, f"[{name}]")
        for source in _get(doc, table, "patterns", list, name):
            compiled = _regex(doc, source, f"{name} -> patterns")
            missing = [g for g in CPR_GROUPS if g not in compiled.groupindex] if kind is PersonalData.CPR else []
            if missing:
                message = f"a CPR pattern needs the groups {', '.join(CPR_GROUPS)} (missing: {', '.join(missing)})"
                raise doc.fail(f"{name} -> patterns", message, source[:20])
            patterns.append((kind, compiled))
    names = _get(doc, doc.data, "names", dict, "redaction")
    _check_keys(
        doc,
        names,
        {"cues", "lines_after", "max_line_words", "name_word", "particles", "organisation_endings", "not_names"},
        "names",
        "[names]",
    )
    cues = sorted(_strings(doc, names, "cues", "names"), key=len, reverse=True)
    alternatives = "|".join(re.escape(c) for c in cues) or r"(?!)"
    # A cue starts a line, or a sentence inside one; it must not run into a word.
    cue = re.compile(rf"(?:^[ \t]*|(?<=[.!?])[ \t]+)(?P<cue>{alternatives})(?!\w)", re.IGNORECASE | re.MULTILINE)
    word = _regex(doc, _get(doc, names, "name_word", str, "names"), "names -> name_word")
    return RedactionRules(
        patterns=tuple(patterns),
        names=NameRules(
            cue=cue,
            lines_after=_get(doc, names, "lines_after", int, "names"),
            max_line_words=_get(doc, names, "max_line_words", int, "names"),
            name_word=word,
            particles=frozenset(p.casefold() for p in _strings(doc, names, "particles", "names")),
            organisation_endings=tuple(e.casefold() for e in _strings(doc, names, "organisation_endings", "names")),
            not_names=frozenset(n.casefold() for n in _strings(doc, names, "not_names", "names")),
        ),
        citizen_type=_get(doc, settings, "citizen_type", str, "settings"),
        citizen_label=_get(doc, settings, "citizen_label", str, "settings"),
    )
