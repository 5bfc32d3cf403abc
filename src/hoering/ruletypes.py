"""The frozen types the rules files are read into: codebook, stance, segmentation, bodies, redaction."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

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
    shared: SharedTerms | None = None  # terms another theme uses too, in a document more about it


@dataclass(frozen=True)
class SharedTerms:
    """Terms of a theme that mean another theme in a document more about that one.

    "dagpenge" is the unemployment benefit (`akasser`), but "forlænge
    dagpengeretten på 52 uger" in a response on the sickness benefit act is
    the sickness benefit (`sygedagpenge`).
    """

    theme: str  # the other theme's id
    terms: frozenset[str]  # sources of the sharing theme's terms


@dataclass(frozen=True)
class Anaphora:
    """A claim that opens by pointing back ("Det er til gavn for alle") shares the themes before it."""

    openers: tuple[Pattern, ...]
    expletive_verbs: frozenset[str]  # "Det er positivt, at ...": the "det" stands for the at-clause
    expletive_window: int  # ... when "at" follows within this many words
    # "denne gruppe", "ordningen": a claim that refers back so also takes the themes of the claim before it
    # in the same section
    back_references: tuple[Pattern, ...] = ()


@dataclass(frozen=True)
class Procedure:
    """What carries no theme: procedural sentences, and the names in a claim that are not its point."""

    positions: tuple[Pattern, ...] = ()  # "har modtaget ... i høring": the whole position has no theme
    law_names: tuple[Pattern, ...] = ()  # "lov om": the next `law_window` words name the law (a title's subject)
    agreement_names: tuple[Pattern, ...] = ()  # "aftale om": ... name an agreement, never a claim's point
    law_window: int = 4
    law_suffixes: tuple[str, ...] = ()  # "integrationsloven": such a word is a law's name, the rest its subject
    groups: frozenset[str] = frozenset()  # "borgere, virksomheder eller medarbejdere": a list of these is in passing
    list_items: int = 3  # ... when it has this many items, two of them such group words
    # An enumeration of `list_items` or more items: a theme in fewer than half of them is mentioned in passing.
    list_markers: frozenset[str] = frozenset()  # "herunder", "fx": the first item starts after such a word
    clause_openers: frozenset[str] = frozenset()  # "at", "som", "hvis": a comma part opening so is a clause, no item
    list_item_words: int = 12  # a comma part longer than this is no item
    short_item_words: int = 2  # ... and with one comma only ("børn, unge og familier"), an item this long at most


@dataclass(frozen=True)
class BillSubject:
    """A claim about the bill's scheme that names no theme takes the bill's subject ("Ordningen bør gøres permanent")."""

    scheme: tuple[Pattern, ...] = ()  # "ordningen", "reglen", "lovforslaget": words that name the bill's scheme
    whole_bill: tuple[Pattern, ...] = ()  # "lovforslaget": ... the whole bill, which a general remark judges
    general_words: int = 10  # a claim this short on the whole bill is a general remark ("Vi støtter forslaget")


@dataclass(frozen=True)
class Codebook:
    themes: tuple[Theme, ...]
    fuzzy_threshold: float
    fuzzy_min_length: int
    bullets_inherit_heading: bool
    anaphora: Anaphora
    procedure: Procedure = Procedure()
    theme_threshold: float = 1.0  # a theme needs terms weighing this much together: one strong or two weak
    bill_subject: BillSubject = BillSubject()

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
    frame_clause_words: frozenset[str] = frozenset()  # "takker for, at ...": thanks for what was done, no frame
    relative_openers: frozenset[str] = frozenset()  # "der", "som" opening a relative clause ...
    not_relative_after: frozenset[str] = frozenset()  # ... unless after "at", "hvis", "og": "at der skal"
    relative_weight: float = 1.0  # opinion cues inside a relative clause count this much (demand: nothing)
    reported: tuple[Pattern, ...] = ()  # the bill's or others' content: "fremgår af ..., at": void modal demands
    opinion_verbs: tuple[Pattern, ...] = ()  # "mener, at": the body's own view, a modal in it is a demand
    negated_view_verbs: tuple[Pattern, ...] = ()  # "finder ikke, at ...": a negation here disputes the complement
    opinion_modal_weight: float = 1.0  # a modal demand cue in such a complement counts at least this
    modals: frozenset[str] = frozenset()  # which demand cues are modals ("skal", "bør", "må")
    intensifiers: tuple[Pattern, ...] = ()  # "meget", "yderst": the next cue counts more
    intensifier_weight: float = 1.0
    hedges: tuple[Pattern, ...] = ()  # "muligvis", "måske": the next cue counts less
    hedge_weight: float = 1.0
    question_weight: float = 0.0  # a question with no other cue asks for an answer: demand of this weight
    predicate_verbs: tuple[Pattern, ...] = ()  # "er", "finder": a predicate-only cue after one of these counts
    predicate_window: int = 0  # how many words before such a cue the verb may stand
    group_nouns: tuple[Pattern, ...] = ()  # "borgere med komplekse problemer": the words after "med" describe
    group_window: int = 0
    existential: frozenset[str] = frozenset()  # "der er en reel fare": the verb after "der" has no predicate
    optional_comma_before: frozenset[str] = frozenset()  # "vigtigt, at" matches the cue "vigtigt at"
    conditions: tuple[Pattern, ...] = ()  # "forudsat", "såfremt": support on a condition is a demand
    near_conditions: tuple[Pattern, ...] = ()  # "hvis": the same, at most `condition_window` words after the cue
    condition_window: int = 0
    reducers: tuple[Pattern, ...] = ()  # "mindske", "afskaffelse af": a harm they take away is support
    reducer_window: int = 0  # how many words before a concern cue the reducer may stand
    concessions: tuple[Pattern, ...] = ()  # "selvom X, så Y": the main clause after X turns like "men"
    modal_predicate_window: int = 0  # "skal være enkle": support this many words after a modal is a demand
    reflexives: frozenset[str] = frozenset()  # "os", "mig": a reflexive pronoun matches a cue's "sig"
    relative_heads: tuple[Pattern, ...] = ()  # "borgere der mister": a relative clause without its comma
    main_verbs: frozenset[str] = frozenset()  # "... har brug for": the main clause's verb ends such a clause
    inverted_subjects: frozenset[str] = frozenset()  # "Det støtter vi ikke": the negation after the subject
    difficulties: tuple[Pattern, ...] = ()  # "svært ved at leve op til": support made hard is a concern
    difficulty_window: int = 0  # how many words before the support cue the difficulty may end
    aims: tuple[Pattern, ...] = ()  # "formålet med lovforslaget er at ...": the bill's aim, not the body's view
    aim_ends: tuple[Pattern, ...] = ()  # ", hvilket KL bakker op om": the body's judgement after the aim
    rhetorical_openers: frozenset[str] = frozenset()  # "Hvordan skal kommunerne kunne ...?"
    rhetorical_problems: tuple[Pattern, ...] = ()  # "... med færre midler?": the problem the question points at
    rhetorical_weight: float = 0.0  # such a question is a concern of this weight
    fragment_openers: tuple[Pattern, ...] = ()  # "Og hvor ...": a fragment that completes the sentence before


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
class GluedWords:
    """When a word the lemma table lacks is read as two words a PDF's text layer glued (`hoering.wordsplit`)."""

    opens_no_compound: frozenset[str] = frozenset()  # a first part no compound starts with: "at|jobcentrene"
    closes_no_compound: frozenset[str] = frozenset()  # a last part no compound ends with: "lederne|skal"
    definite_endings: frozenset[str] = frozenset()  # a definite first part is no modifier: "periodens|længde"
    definite_endings_after_e: frozenset[str] = frozenset()  # the same after a lemma in -e: "periode|n"
    inflection_endings: frozenset[str] = frozenset()  # a known word with these is one word: "atlas|en"
    min_part: int = 3  # the shortest last part, and first part unless it opens no compound
    min_word: int = 5  # shorter words are not tried


@dataclass(frozen=True)
class SegmentationRules:
    no_break_after: frozenset[str]
    may_end_sentence: frozenset[str]
    keep_hyphen_before: frozenset[str]
    heading_max_words: int
    opens_after_ordinal: frozenset[str] = frozenset()  # capitalised, these end a sentence after "13."
    letterhead_lines: tuple[re.Pattern[str], ...] = ()  # a whole line of contact data: no position
    letterhead_name_words: int = 3  # a line this short beside one belongs to its run
    heading_clause_words: frozenset[str] = frozenset()  # ", at ..." in a line: a sentence, not a heading
    heading_lines: tuple[re.Pattern[str], ...] = ()  # a whole line that heads what follows ("Til nr. 24")
    inner_heading_max_words: int = 0  # a short line inside a paragraph may head what follows ("Generelt")
    inner_heading_ratio: float = 0.7  # ... when at most this share of the longer line beside it
    inner_heading_not_after: frozenset[str] = frozenset()  # ... and it does not end in one of these ("med")
    title_openers: tuple[re.Pattern[str], ...] = ()  # how a subject line starts ("Høring over ...")
    title_endings: frozenset[str] = frozenset()  # a subject line may end in these ("m.v.")
    title_max_words: int = 40  # a subject line longer than a heading, up to this
    date_lines: tuple[re.Pattern[str], ...] = ()  # a whole line that dates the letter: no position
    one_letter_words: frozenset[str] = frozenset({"i", "å", "ø"})  # a letter alone that is a word
    glued: GluedWords = GluedWords()  # two words a PDF glued: "atjobcentrene"
    not_but_contrasts: frozenset[str] = frozenset()  # "ikke kun A, men B" is one claim: the contrast word
    not_but_negations: frozenset[str] = frozenset()  # ... the negation before it
    not_but_limiters: frozenset[str] = frozenset()  # ... and "kun" after that, or
    not_but_openers: frozenset[str] = frozenset()  # ... "at" after the contrast word


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


T = TypeVar("T")


class Deferred(Generic[T]):
    """A value made when first read: given for a `Rules` field, `make` is called once, on the field's first read.

    `make` should be picklable (a module-level function or a `functools.partial` of one):
    rules travel to worker processes before their deferred parts are needed.
    """

    def __init__(self, make: Callable[[], T]) -> None:
        self.make = make


class _DeferredField:
    """A dataclass field that takes its value or a `Deferred` of it, and is always read as the value.

    Frozen dataclasses set their fields through `object.__setattr__`, which this
    data descriptor receives; the value lives in the instance's ``__dict__``.
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            raise AttributeError(self.name)  # read on the class: the field has no default
        value = instance.__dict__[self.name]
        if isinstance(value, Deferred):
            value = instance.__dict__[self.name] = value.make()
        return value

    def __set__(self, instance: Any, value: Any) -> None:
        instance.__dict__[self.name] = value


@dataclass(frozen=True)
class Rules:
    """Everything the analysis reads from rules files, plus where it came from.

    `stance` may be given as a `Deferred`: `load_rules(lazy=True)` reads the
    stance rules and their lexicon (thousands of cues) only when a document is
    analysed, never in a run whose every file comes from the cache. The digest
    covers their bytes from the start.
    """

    codebook: Codebook
    stance: StanceRules = _DeferredField()  # type: ignore[assignment]
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
