"""The builder of segmentation.toml: how blocks, headings, titles, dates and sentences are cut.

Read by `hoering.rules.load_rules` like the builders of `hoering.rulebuilders`:
every key checked, the patterns compiled, a problem reported as
``path:line: what is wrong``.
"""

from __future__ import annotations

import re

from .rulebook import RulesDoc
from .rulebook import check_keys as _check_keys
from .rulebook import get as _get
from .rulebuilders import _regex, _strings
from .ruletypes import GluedWords, SegmentationRules


def build_segmentation(doc: RulesDoc) -> SegmentationRules:
    allowed = {
        "abbreviations": {"no_break_after", "may_end_sentence", "opens_after_ordinal"},
        "hyphenation": {"keep_hyphen_before"},
        "headings": {
            "max_words",
            "clause_after_comma",
            "line_patterns",
            "inner_max_words",
            "inner_line_ratio",
            "inner_not_after",
        },
        "titles": {"openers", "endings", "max_words"},
        "letterhead": {"line_patterns", "name_max_words", "date_patterns"},
        "split_words": {"one_letter_words"},
        "not_but": {"contrasts", "negations", "limiters", "openers"},
        "glued_words": {
            "opens_no_compound",
            "closes_no_compound",
            "definite_endings",
            "definite_endings_after_e",
            "inflection_endings",
            "min_part",
            "min_word",
        },
    }
    _check_keys(doc, doc.data, set(allowed), "segmentation")
    table = {name: _get(doc, doc.data, name, dict, "segmentation") for name in allowed}
    for name, keys in allowed.items():
        _check_keys(doc, table[name], keys, name)

    def words(where: str, key: str) -> frozenset[str]:
        return frozenset(v.lower() for v in _strings(doc, table[where], key, where))

    def regexes(where: str, key: str) -> tuple[re.Pattern[str], ...]:
        found = _strings(doc, table[where], key, where)
        return tuple(_regex(doc, p, f"{where} -> {key}", re.IGNORECASE) for p in found)

    return SegmentationRules(
        no_break_after=words("abbreviations", "no_break_after"),
        may_end_sentence=words("abbreviations", "may_end_sentence"),
        keep_hyphen_before=words("hyphenation", "keep_hyphen_before"),
        heading_max_words=_get(doc, table["headings"], "max_words", int, "headings"),
        opens_after_ordinal=words("abbreviations", "opens_after_ordinal"),
        heading_clause_words=words("headings", "clause_after_comma"),
        heading_lines=regexes("headings", "line_patterns"),
        inner_heading_max_words=_get(doc, table["headings"], "inner_max_words", int, "headings"),
        inner_heading_ratio=_get(doc, table["headings"], "inner_line_ratio", float, "headings"),
        inner_heading_not_after=words("headings", "inner_not_after"),
        title_openers=regexes("titles", "openers"),
        title_endings=words("titles", "endings"),
        title_max_words=_get(doc, table["titles"], "max_words", int, "titles"),
        letterhead_lines=regexes("letterhead", "line_patterns"),
        letterhead_name_words=_get(doc, table["letterhead"], "name_max_words", int, "letterhead"),
        date_lines=regexes("letterhead", "date_patterns"),
        one_letter_words=words("split_words", "one_letter_words"),
        not_but_contrasts=words("not_but", "contrasts"),
        not_but_negations=words("not_but", "negations"),
        not_but_limiters=words("not_but", "limiters"),
        not_but_openers=words("not_but", "openers"),
        glued=GluedWords(
            opens_no_compound=words("glued_words", "opens_no_compound"),
            closes_no_compound=words("glued_words", "closes_no_compound"),
            definite_endings=words("glued_words", "definite_endings"),
            definite_endings_after_e=words("glued_words", "definite_endings_after_e"),
            inflection_endings=words("glued_words", "inflection_endings"),
            min_part=_get(doc, table["glued_words"], "min_part", int, "glued_words"),
            min_word=_get(doc, table["glued_words"], "min_word", int, "glued_words"),
        ),
    )
