"""Load and validate the rules files: themes, stance cues, segmentation, bodies.

Rules are data. A rules directory holds up to five TOML files; any file a user's
directory lacks is taken from the packaged defaults. Every file is validated on
load and a problem is reported as ``path:line: what is wrong``.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import RulesError
from .models import PersonalData, Stance
from .patterns import Pattern, compile_pattern

THEMES_FILE = "themes.toml"
STANCE_FILE = "stance.toml"
SEGMENTATION_FILE = "segmentation.toml"
BODIES_FILE = "bodies.toml"
REDACTION_FILE = "redaction.toml"
RULES_FILES = (THEMES_FILE, STANCE_FILE, SEGMENTATION_FILE, BODIES_FILE, REDACTION_FILE)
#: The stance lexicon: one file per stance in the rules folder's lexicon/ folder, cue families with sources.
LEXICON_DIR = "lexicon"
LEXICON_FILES = tuple(f"{LEXICON_DIR}/{name}.toml" for name in ("support", "concern", "demand", "neutral"))
#: The tables of redaction.toml that hold patterns, and what their matches are.
PATTERN_TABLES: dict[str, PersonalData] = {
    "cpr": PersonalData.CPR,
    "email": PersonalData.EMAIL,
    "phone": PersonalData.PHONE,
    "address": PersonalData.ADDRESS,
}
CPR_GROUPS = ("dd", "mm", "yy", "serial")
_THEME_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_ID_LINE = re.compile(r"^\s*id\s*=")


@dataclass(frozen=True)
class Term:
    pattern: Pattern
    weight: float = 1.0


@dataclass(frozen=True)
class Theme:
    id: str
    label_da: str
    label_en: str
    description: str
    terms: tuple[Term, ...]
    exclude: tuple[Pattern, ...]
    fuzzy: bool


@dataclass(frozen=True)
class Anaphora:
    """A claim that opens by pointing back ("Det er til gavn for alle") shares the themes before it."""

    openers: tuple[Pattern, ...]
    expletive_verbs: frozenset[str]  # "Det er positivt, at ...": the "det" stands for the at-clause
    expletive_window: int  # ... when "at" follows within this many words


@dataclass(frozen=True)
class Procedure:
    """What carries no theme: procedural sentences, and the name of a law a sentence cites."""

    positions: tuple[Pattern, ...] = ()  # "har modtaget ... i høring": the whole position has no theme
    law_names: tuple[Pattern, ...] = ()  # "lov om": a term in the next `law_window` words names the law
    law_window: int = 4
    law_suffixes: tuple[str, ...] = ()  # "integrationsloven": a term inside such a word names the law
    groups: frozenset[str] = frozenset()  # "borgere, virksomheder eller medarbejdere": a list of these is in passing
    list_items: int = 3  # ... when it has this many items, two of them such group words


@dataclass(frozen=True)
class Codebook:
    themes: tuple[Theme, ...]
    fuzzy_threshold: float
    fuzzy_min_length: int
    bullets_inherit_heading: bool
    anaphora: Anaphora
    procedure: Procedure = Procedure()

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(theme.id for theme in self.themes)

    def theme(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)


@dataclass(frozen=True)
class Structure:
    """The sentence-structure rules of stance scoring (see `stance`), with their Danish words."""

    frames: tuple[Pattern, ...] = ()  # thanks and receipts: "takker for", "har modtaget": void their clause
    relative_openers: frozenset[str] = frozenset()  # "der", "som" opening a relative clause ...
    not_relative_after: frozenset[str] = frozenset()  # ... unless after "at", "hvis", "og": "at der skal"
    relative_weight: float = 1.0  # opinion cues inside a relative clause count this much (demand: nothing)
    reported: tuple[Pattern, ...] = ()  # the bill's or others' content: "fremgår af ..., at": void modal demands
    opinion_verbs: tuple[Pattern, ...] = ()  # "mener, at": the body's own view, a modal in it is a demand
    opinion_modal_weight: float = 1.0  # a modal demand cue in such a complement counts at least this
    modals: frozenset[str] = frozenset()  # which demand cues are modals ("skal", "bør", "må")
    intensifiers: tuple[Pattern, ...] = ()  # "meget", "yderst": the next cue counts more
    intensifier_weight: float = 1.0
    hedges: tuple[Pattern, ...] = ()  # "muligvis", "måske": the next cue counts less
    hedge_weight: float = 1.0
    question_weight: float = 0.0  # a question with no other cue asks for an answer: demand of this weight


@dataclass(frozen=True)
class StanceRules:
    cues: dict[Stance, tuple[Term, ...]]
    negations: tuple[Pattern, ...]
    negation_window: int
    negation_flip: dict[Stance, Stance]
    contrasts: tuple[Pattern, ...]
    contrast_weight: float
    min_split_words: int
    tie_order: tuple[Stance, ...]
    min_score: float
    structure: Structure = Structure()


@dataclass(frozen=True)
class SegmentationRules:
    no_break_after: frozenset[str]
    may_end_sentence: frozenset[str]
    keep_hyphen_before: frozenset[str]
    heading_max_words: int


@dataclass(frozen=True)
class BodyRule:
    name: str
    type: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class BodyDetection:
    """How to find the body in a text that neither header nor manifest attributes."""

    openings: tuple[re.Pattern[str], ...] = ()
    addressees: tuple[re.Pattern[str], ...] = ()
    signoffs: tuple[re.Pattern[str], ...] = ()
    opening_lines: int = 8
    signature_lines: int = 4
    generic: frozenset[str] = frozenset()


@dataclass(frozen=True)
class BodyRules:
    bodies: tuple[BodyRule, ...]
    markers: tuple[re.Pattern[str], ...]
    detection: BodyDetection = BodyDetection()


@dataclass(frozen=True)
class NameRules:
    """How names are found in greetings and signatures without a trained model."""

    cue: re.Pattern[str]  # any greeting or sign-off phrase, where a line or sentence starts
    lines_after: int
    max_line_words: int
    name_word: re.Pattern[str]
    particles: frozenset[str]
    organisation_endings: tuple[str, ...]
    not_names: frozenset[str]


@dataclass(frozen=True)
class RedactionRules:
    """Patterns of personal data, name cues, and how private persons are shown."""

    patterns: tuple[tuple[PersonalData, re.Pattern[str]], ...]
    names: NameRules
    citizen_type: str
    citizen_label: str


@dataclass(frozen=True)
class Rules:
    """Everything the analysis reads from rules files, plus where it came from."""

    codebook: Codebook
    stance: StanceRules
    segmentation: SegmentationRules
    bodies: BodyRules
    redaction: RedactionRules
    sources: tuple[str, ...]
    digest: str  # sha256 over the files' bytes: changes when any rule changes


def default_rules_dir() -> Path:
    """The packaged default rules (the project's rules/ folder)."""
    return Path(str(resources.files("hoering") / "rules"))


def load_rules(directory: str | Path | None = None) -> Rules:
    """Load rules from `directory`, falling back to the defaults file by file.

    Raises:
        RulesError: a file is missing, not valid TOML, or fails validation.
    """
    default_dir = default_rules_dir()
    user_dir = Path(directory) if directory is not None else None
    if user_dir is not None and not user_dir.is_dir():
        raise RulesError(f"{user_dir}: rules folder not found")
    paths: dict[str, Path] = {}
    for name in RULES_FILES:
        candidate = user_dir / name if user_dir is not None else None
        paths[name] = candidate if candidate is not None and candidate.is_file() else default_dir / name
    if user_dir is not None and not any((user_dir / name).is_file() for name in RULES_FILES):
        raise RulesError(f"{user_dir}: no rules files found (expected one of {', '.join(RULES_FILES)})")
    for name in LEXICON_FILES:
        candidate = user_dir / name if user_dir is not None else None
        paths[name] = candidate if candidate is not None and candidate.is_file() else default_dir / name
    docs = {name: _RulesFile(path) for name, path in paths.items()}
    digest = hashlib.sha256(b"".join(docs[name].raw for name in (*RULES_FILES, *LEXICON_FILES))).hexdigest()
    return Rules(
        codebook=_codebook(docs[THEMES_FILE]),
        stance=_stance(docs[STANCE_FILE], [docs[name] for name in LEXICON_FILES]),
        segmentation=_segmentation(docs[SEGMENTATION_FILE]),
        bodies=_bodies(docs[BODIES_FILE]),
        redaction=_redaction(docs[REDACTION_FILE]),
        sources=tuple(str(paths[name]) for name in RULES_FILES),
        digest=digest,
    )


class _RulesFile:
    """A parsed TOML file that can point at the line of a key or value."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.raw = path.read_bytes()
        except OSError as exc:
            raise RulesError(f"{path}: cannot read rules file ({exc.strerror})") from exc
        try:
            self.text = self.raw.decode("utf-8")
            self.data = tomllib.loads(self.text)
        except UnicodeDecodeError as exc:
            raise RulesError(f"{path}: rules file is not UTF-8 ({exc.reason})") from exc
        except tomllib.TOMLDecodeError as exc:
            raise RulesError(f"{path}: not valid TOML: {exc}") from exc
        self.lines = self.text.splitlines()

    def line_of(self, needle: str, after: int = 0) -> int:
        """1-based number of the first line at or after `after` containing needle, comments aside."""
        for number, line in enumerate(self.lines[after:], start=after + 1):
            if needle in line and not line.lstrip().startswith("#"):
                return number
        return 0

    def fail(self, where: str, message: str, needle: str | None = None, after: int = 0) -> RulesError:
        """An error at the line of `needle` (searched from line `after` on), or at line `after` + 1."""
        line = self.line_of(needle, after) if needle else after + 1 if after else 0
        place = f"{self.path}:{line}" if line else str(self.path)
        return RulesError(f"{place}: [{where}] {message}")


def _check_keys(doc: _RulesFile, table: dict[str, Any], allowed: set[str], where: str, after: int = 0) -> None:
    for key in table:
        if key not in allowed:
            raise doc.fail(where, f"unknown key '{key}' (allowed: {', '.join(sorted(allowed))})", key, after)


def _get(
    doc: _RulesFile, table: dict[str, Any], key: str, kind: type, where: str, default: Any = ..., after: int = 0
) -> Any:
    if key not in table:
        if default is ...:
            raise doc.fail(where, f"missing key '{key}'", None, after)
        return default
    value = table[key]
    ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value, ok = float(value), True
    if not ok:
        raise doc.fail(f"{where} -> {key}", f"expected {_KIND_NAMES.get(kind, kind.__name__)}", key, after)
    return value


_KIND_NAMES = {
    list: "a list",
    str: "a string",
    dict: "a table",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
}


def _pattern(doc: _RulesFile, source: Any, where: str, after: int = 0) -> Pattern:
    if not isinstance(source, str):
        raise doc.fail(where, f"expected a pattern string, got {source!r}", None)
    try:
        return compile_pattern(source)
    except ValueError as exc:
        raise doc.fail(where, f"bad pattern '{source}': {exc}", f'"{source}"', after) from exc


def _terms(doc: _RulesFile, items: list[Any], where: str, after: int = 0) -> tuple[Term, ...]:
    terms: list[Term] = []
    for item in items:
        if isinstance(item, dict):
            _check_keys(doc, item, {"pattern", "weight"}, where, after)
            pattern = _pattern(doc, _get(doc, item, "pattern", str, where, after=after), where, after)
            weight = _get(doc, item, "weight", float, where, 1.0, after)
            if weight <= 0:
                raise doc.fail(where, f"weight of '{pattern.source}' must be above 0", pattern.source, after)
            terms.append(Term(pattern, weight))
        else:
            terms.append(Term(_pattern(doc, item, where, after)))
    return tuple(terms)


def _codebook(doc: _RulesFile) -> Codebook:
    _check_keys(doc, doc.data, {"settings", "theme", "anaphora", "procedure"}, "themes")
    settings = _get(doc, doc.data, "settings", dict, "themes", {})
    _check_keys(doc, settings, {"fuzzy_threshold", "fuzzy_min_length", "bullets_inherit_heading"}, "settings")
    threshold = _get(doc, settings, "fuzzy_threshold", float, "settings", 90.0)
    if not 50 <= threshold <= 100:
        raise doc.fail("settings -> fuzzy_threshold", "must be between 50 and 100", "fuzzy_threshold")
    tables = _get(doc, doc.data, "theme", list, "themes")
    # tomllib keeps no line numbers: the n-th `id = ...` line belongs to the n-th theme.
    id_lines = [n for n, text in enumerate(doc.lines, start=1) if _ID_LINE.match(text)]
    themes: list[Theme] = []
    seen: dict[str, int] = {}
    for number, table in enumerate(tables):
        line = id_lines[number] if number < len(id_lines) else 0
        after = max(line - 1, 0)
        theme_id = _get(doc, table, "id", str, "theme")
        where = f"theme -> {theme_id}"
        if not _THEME_ID.match(theme_id):
            raise doc.fail(where, "id must be lowercase letters, digits and _", f'"{theme_id}"', after)
        if theme_id in seen:
            raise doc.fail(
                where, f"duplicate theme id '{theme_id}' (first at line {seen[theme_id]})", f'"{theme_id}"', after
            )
        seen[theme_id] = line
        _check_keys(
            doc, table, {"id", "label_da", "label_en", "description", "terms", "exclude", "fuzzy"}, where, after
        )
        terms = _terms(doc, _get(doc, table, "terms", list, where, after=after), f"{where} -> terms", after)
        if not terms:
            raise doc.fail(f"{where} -> terms", "a theme needs at least one term", f'"{theme_id}"', after)
        exclude = tuple(
            _pattern(doc, p, f"{where} -> exclude", after) for p in _get(doc, table, "exclude", list, where, [], after)
        )
        themes.append(
            Theme(
                id=theme_id,
                label_da=_get(doc, table, "label_da", str, where, after=after),
                label_en=_get(doc, table, "label_en", str, where, after=after),
                description=_get(doc, table, "description", str, where, "", after),
                terms=terms,
                exclude=exclude,
                fuzzy=_get(doc, table, "fuzzy", bool, where, True, after),
            )
        )
    if not themes:
        raise doc.fail("themes", "no [[theme]] tables")
    return Codebook(
        themes=tuple(themes),
        fuzzy_threshold=threshold,
        fuzzy_min_length=_get(doc, settings, "fuzzy_min_length", int, "settings", 8),
        bullets_inherit_heading=_get(doc, settings, "bullets_inherit_heading", bool, "settings", False),
        anaphora=_anaphora(doc),
        procedure=_procedure(doc),
    )


def _procedure(doc: _RulesFile) -> Procedure:
    table = _get(doc, doc.data, "procedure", dict, "themes", {})
    _check_keys(
        doc, table, {"positions", "law_names", "law_window", "law_suffixes", "groups", "list_items"}, "procedure"
    )

    def patterns(key: str) -> tuple[Pattern, ...]:
        return tuple(_pattern(doc, p, f"procedure -> {key}") for p in _get(doc, table, key, list, "procedure", []))

    window = _get(doc, table, "law_window", int, "procedure", 4)
    if not 0 <= window <= 20:
        raise doc.fail("procedure -> law_window", "must be between 0 and 20", "law_window")
    return Procedure(
        positions=patterns("positions"),
        law_names=patterns("law_names"),
        law_window=window,
        law_suffixes=tuple(w.lower() for w in _strings(doc, table, "law_suffixes", "procedure")),
        groups=frozenset(w.lower() for w in _strings(doc, table, "groups", "procedure")),
        list_items=max(2, _get(doc, table, "list_items", int, "procedure", 3)),
    )


def _anaphora(doc: _RulesFile) -> Anaphora:
    table = _get(doc, doc.data, "anaphora", dict, "themes", {})
    _check_keys(doc, table, {"openers", "expletive_verbs", "expletive_window"}, "anaphora")
    openers = tuple(_pattern(doc, p, "anaphora -> openers") for p in _get(doc, table, "openers", list, "anaphora", []))
    verbs = _get(doc, table, "expletive_verbs", list, "anaphora", [])
    if not all(isinstance(v, str) and v.strip() for v in verbs):
        raise doc.fail("anaphora -> expletive_verbs", "expected non-empty strings", "expletive_verbs")
    window = _get(doc, table, "expletive_window", int, "anaphora", 5)
    return Anaphora(openers, frozenset(v.strip().lower() for v in verbs), window)


def _stance_value(doc: _RulesFile, value: Any, where: str, needle: str | None = None) -> Stance:
    try:
        return Stance(value)
    except ValueError:
        message = f"unknown stance '{value}' (use {', '.join(s.value for s in Stance)})"
        raise doc.fail(where, message, needle or f'"{value}"') from None


def _lexicon(doc: _RulesFile) -> tuple[Stance, tuple[Term, ...]]:
    """A lexicon file: ``stance = "..."`` and [[family]] tables of cues, each with its source."""
    _check_keys(doc, doc.data, {"stance", "family"}, "lexicon")
    stance = _stance_value(doc, _get(doc, doc.data, "stance", str, "lexicon"), "lexicon -> stance")
    terms: list[Term] = []
    for table in _get(doc, doc.data, "family", list, "lexicon", []):
        if not isinstance(table, dict):
            raise doc.fail("lexicon", "expected [[family]] tables", "family")
        name = _get(doc, table, "name", str, "family")
        where = f"family -> {name}"
        after = max(doc.line_of(f'"{name}"') - 1, 0)
        _check_keys(doc, table, {"name", "source", "weight", "cues"}, where, after)
        _get(doc, table, "source", str, where, after=after)  # every family says where its words come from
        weight = _get(doc, table, "weight", float, where, 1.0, after)
        if weight <= 0:
            raise doc.fail(where, "weight must be above 0", "weight", after)
        for term in _terms(doc, _get(doc, table, "cues", list, where, after=after), f"{where} -> cues", after):
            terms.append(Term(term.pattern, round(term.weight * weight, 4)))
    return stance, tuple(terms)


def _structure(doc: _RulesFile) -> Structure:
    table = _get(doc, doc.data, "structure", dict, "stance", {})
    allowed = {
        "frames", "relative_openers", "not_relative_after", "relative_weight", "reported", "opinion_verbs",
        "opinion_modal_weight", "modals", "intensifiers", "intensifier_weight", "hedges", "hedge_weight",
        "question_weight",
    }  # fmt: skip
    _check_keys(doc, table, allowed, "structure", doc.line_of("[structure]"))

    def patterns(key: str) -> tuple[Pattern, ...]:
        return tuple(_pattern(doc, p, f"structure -> {key}") for p in _get(doc, table, key, list, "structure", []))

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in _strings(doc, table, key, "structure"))

    def number(key: str, default: float) -> float:
        value = _get(doc, table, key, float, "structure", default)
        if value < 0:
            raise doc.fail(f"structure -> {key}", "must be 0 or more", key)
        return value

    return Structure(
        frames=patterns("frames"),
        relative_openers=words("relative_openers"),
        not_relative_after=words("not_relative_after"),
        relative_weight=number("relative_weight", 1.0),
        reported=patterns("reported"),
        opinion_verbs=patterns("opinion_verbs"),
        opinion_modal_weight=number("opinion_modal_weight", 1.0),
        modals=words("modals"),
        intensifiers=patterns("intensifiers"),
        intensifier_weight=number("intensifier_weight", 1.0),
        hedges=patterns("hedges"),
        hedge_weight=number("hedge_weight", 1.0),
        question_weight=number("question_weight", 0.0),
    )


def _stance(doc: _RulesFile, lexicons: list[_RulesFile] | None = None) -> StanceRules:
    opinion = [s.value for s in Stance if s is not Stance.NEUTRAL]
    _check_keys(doc, doc.data, {"settings", "negation", "contrast", "structure", *opinion}, "stance")
    settings = _get(doc, doc.data, "settings", dict, "stance", {})
    _check_keys(doc, settings, {"contrast_weight", "min_split_words", "tie_order", "min_score"}, "settings")
    cues: dict[Stance, tuple[Term, ...]] = {}
    for name in opinion:
        table = _get(doc, doc.data, name, dict, "stance")
        _check_keys(doc, table, {"cues"}, name)
        cues[Stance(name)] = _terms(
            doc, _get(doc, table, "cues", list, name), f"{name} -> cues", doc.line_of(f"[{name}]")
        )
    for lexicon in lexicons or ():
        stance, terms = _lexicon(lexicon)
        cues[stance] = cues.get(stance, ()) + terms
    negation = _get(doc, doc.data, "negation", dict, "stance")
    _check_keys(doc, negation, {"cues", "window", "flip"}, "negation")
    flip_table = _get(doc, negation, "flip", dict, "negation", {})
    flip = {
        _stance_value(doc, key, "negation -> flip", f"{key} ="): _stance_value(doc, value, "negation -> flip")
        for key, value in flip_table.items()
    }
    contrast = _get(doc, doc.data, "contrast", dict, "stance")
    _check_keys(doc, contrast, {"cues"}, "contrast")
    tie_order = tuple(
        _stance_value(doc, v, "settings -> tie_order")
        for v in _get(doc, settings, "tie_order", list, "settings", opinion)
    )
    if sorted(s.value for s in tie_order) != sorted(opinion):
        raise doc.fail("settings -> tie_order", f"must name each of {', '.join(opinion)} once", "tie_order")
    return StanceRules(
        cues=cues,
        negations=tuple(_pattern(doc, p, "negation -> cues") for p in _get(doc, negation, "cues", list, "negation")),
        negation_window=_get(doc, negation, "window", int, "negation", 3),
        negation_flip=flip,
        contrasts=tuple(_pattern(doc, p, "contrast -> cues") for p in _get(doc, contrast, "cues", list, "contrast")),
        contrast_weight=_get(doc, settings, "contrast_weight", float, "settings", 2.0),
        min_split_words=_get(doc, settings, "min_split_words", int, "settings", 5),
        tie_order=tie_order,
        min_score=_get(doc, settings, "min_score", float, "settings", 0.5),
        structure=_structure(doc),
    )


def _segmentation(doc: _RulesFile) -> SegmentationRules:
    _check_keys(doc, doc.data, {"abbreviations", "hyphenation", "headings"}, "segmentation")
    abbr = _get(doc, doc.data, "abbreviations", dict, "segmentation")
    _check_keys(doc, abbr, {"no_break_after", "may_end_sentence"}, "abbreviations")
    hyph = _get(doc, doc.data, "hyphenation", dict, "segmentation", {})
    _check_keys(doc, hyph, {"keep_hyphen_before"}, "hyphenation")
    headings = _get(doc, doc.data, "headings", dict, "segmentation", {})
    _check_keys(doc, headings, {"max_words"}, "headings")

    def words(table: dict[str, Any], key: str, where: str) -> frozenset[str]:
        values = _get(doc, table, key, list, where, [])
        for value in values:
            if not isinstance(value, str) or not value.strip():
                raise doc.fail(f"{where} -> {key}", f"expected non-empty strings, got {value!r}", key)
        return frozenset(v.strip().lower() for v in values)

    return SegmentationRules(
        no_break_after=words(abbr, "no_break_after", "abbreviations"),
        may_end_sentence=words(abbr, "may_end_sentence", "abbreviations"),
        keep_hyphen_before=words(hyph, "keep_hyphen_before", "hyphenation"),
        heading_max_words=_get(doc, headings, "max_words", int, "headings", 20),
    )


def _bodies(doc: _RulesFile) -> BodyRules:
    _check_keys(doc, doc.data, {"body", "marker", "detect", "opening", "addressee", "signoff"}, "bodies")
    bodies: list[BodyRule] = []
    for table in _get(doc, doc.data, "body", list, "bodies", []):
        name = _get(doc, table, "name", str, "body")
        where = f"body -> {name}"
        _check_keys(doc, table, {"name", "type", "aliases"}, where, doc.line_of(f'"{name}"') - 1)
        aliases = _get(doc, table, "aliases", list, where, [])
        bodies.append(BodyRule(name, _get(doc, table, "type", str, where, ""), tuple(str(a) for a in aliases)))
    detect = _get(doc, doc.data, "detect", dict, "bodies", {})
    _check_keys(doc, detect, {"opening_lines", "signature_lines", "generic"}, "detect")
    counts = {}
    for key, default in (("opening_lines", 8), ("signature_lines", 4)):
        counts[key] = _get(doc, detect, key, int, "detect", default)
        if not 0 <= counts[key] <= 100:
            raise doc.fail(f"detect -> {key}", "must be between 0 and 100", key)
    generic = _get(doc, detect, "generic", list, "detect", [])
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


def _regexes(doc: _RulesFile, kind: str, needs_body: bool) -> tuple[re.Pattern[str], ...]:
    """The `pattern` of each [[kind]] table, compiled case-insensitively."""
    compiled_all: list[re.Pattern[str]] = []
    for table in _get(doc, doc.data, kind, list, "bodies", []):
        if not isinstance(table, dict):
            raise doc.fail(kind, "expected [[" + kind + "]] tables", f"{kind} =")
        _check_keys(doc, table, {"pattern"}, kind)
        source = _get(doc, table, "pattern", str, kind)
        try:
            compiled = re.compile(source, re.IGNORECASE)
        except re.error as exc:
            raise doc.fail(f"{kind} -> pattern", f"bad regular expression: {exc}", source[:20]) from exc
        if needs_body and "body" not in compiled.groupindex:
            raise doc.fail(f"{kind} -> pattern", "the pattern needs a (?P<body>...) group", source[:20])
        compiled_all.append(compiled)
    return tuple(compiled_all)


def _regex(doc: _RulesFile, source: Any, where: str, flags: int = 0) -> re.Pattern[str]:
    if not isinstance(source, str) or not source:
        raise doc.fail(where, f"expected a regular expression string, got {source!r}", None)
    try:
        return re.compile(source, flags)
    except re.error as exc:
        raise doc.fail(where, f"bad regular expression: {exc}", source[:20]) from exc


def _strings(doc: _RulesFile, table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    values = _get(doc, table, key, list, where, [])
    for value in values:
        if not isinstance(value, str) or not value.strip():
            raise doc.fail(f"{where} -> {key}", f"expected non-empty strings, got {value!r}", key)
    return tuple(v.strip() for v in values)


def _redaction(doc: _RulesFile) -> RedactionRules:
    _check_keys(doc, doc.data, {"settings", "names", *PATTERN_TABLES}, "redaction")
    settings = _get(doc, doc.data, "settings", dict, "redaction", {})
    _check_keys(doc, settings, {"citizen_type", "citizen_label"}, "settings")
    patterns: list[tuple[PersonalData, re.Pattern[str]]] = []
    for name, kind in PATTERN_TABLES.items():
        table = _get(doc, doc.data, name, dict, "redaction", {})
        _check_keys(doc, table, {"patterns"}, name, doc.line_of(f"[{name}]"))
        for source in _get(doc, table, "patterns", list, name, []):
            compiled = _regex(doc, source, f"{name} -> patterns")
            missing = [g for g in CPR_GROUPS if g not in compiled.groupindex] if kind is PersonalData.CPR else []
            if missing:
                message = f"a CPR pattern needs the groups {', '.join(CPR_GROUPS)} (missing: {', '.join(missing)})"
                raise doc.fail(f"{name} -> patterns", message, source[:20])
            patterns.append((kind, compiled))
    names = _get(doc, doc.data, "names", dict, "redaction", {})
    _check_keys(
        doc,
        names,
        {"cues", "lines_after", "max_line_words", "name_word", "particles", "organisation_endings", "not_names"},
        "names",
        doc.line_of("[names]"),
    )
    cues = sorted(_strings(doc, names, "cues", "names"), key=len, reverse=True)
    alternatives = "|".join(re.escape(c) for c in cues) or r"(?!)"
    # A cue starts a line, or a sentence inside one; it must not run into a word.
    cue = re.compile(rf"(?:^[ \t]*|(?<=[.!?])[ \t]+)(?P<cue>{alternatives})(?!\w)", re.IGNORECASE | re.MULTILINE)
    word = _regex(doc, _get(doc, names, "name_word", str, "names", r"[A-ZÆØÅ][a-zæøå]+"), "names -> name_word")
    return RedactionRules(
        patterns=tuple(patterns),
        names=NameRules(
            cue=cue,
            lines_after=_get(doc, names, "lines_after", int, "names", 4),
            max_line_words=_get(doc, names, "max_line_words", int, "names", 8),
            name_word=word,
            particles=frozenset(p.casefold() for p in _strings(doc, names, "particles", "names")),
            organisation_endings=tuple(e.casefold() for e in _strings(doc, names, "organisation_endings", "names")),
            not_names=frozenset(n.casefold() for n in _strings(doc, names, "not_names", "names")),
        ),
        citizen_type=_get(doc, settings, "citizen_type", str, "settings", "borger"),
        citizen_label=_get(doc, settings, "citizen_label", str, "settings", "Borger"),
    )
