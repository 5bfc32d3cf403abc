"""The frozen types the rules files are read into: codebook, stance, segmentation, bodies, redaction."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .models import PersonalData, Stance
from .patterns import Pattern
from .senders import SenderSetup


@dataclass(frozen=True)
class Term:
    pattern: Pattern
    weight: float = 1.0
    predicate: bool = False  # a stance cue that counts only as a predicate: "forslaget er urimeligt"
    family: str = ""  # the lexicon family a stance cue comes from ("directive verbs"); empty for stance.toml's


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
    theme_threshold: float = 1.0  # a theme needs terms weighing this much together: one strong or two weak

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
    predicate_verbs: tuple[Pattern, ...] = ()  # "er", "finder": a predicate-only cue after one of these counts
    predicate_window: int = 0  # how many words before such a cue the verb may stand


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
    senders: SenderSetup  # senders.toml and the organisation registry (shipped + the user's rows)

    def __repr__(self) -> str:
        """Counts and the digest: the whole rules are hundreds of KB, too much for a failing test's message."""
        themes = self.codebook.themes
        cues = ", ".join(f"{stance.value} {len(terms)}" for stance, terms in self.stance.cues.items())
        return (
            f"<hoering.Rules {len(themes)} themes ({sum(len(t.terms) for t in themes)} terms); "
            f"stance cues: {cues}; {len(self.redaction.patterns)} redaction patterns; "
            f"{len(self.bodies.bodies)} known bodies, {len(self.senders.organisations)} organisations; "
            f"digest {self.digest[:12]}; from {', '.join(dict.fromkeys(str(Path(f).parent) for f in self.sources))}>"
        )
