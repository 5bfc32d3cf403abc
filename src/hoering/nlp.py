"""Build the spaCy pipeline once: the Danish model when installed, else a blank one.

The blank pipeline is ``spacy.blank("da")`` with the lookup lemmatizer from
spacy-lookups-data. Both get hoering's sentence rules as the component
``hoering_sentences``, so a position is cut the same way whichever pipeline runs.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc

from .errors import ModelError
from .rules import SegmentationRules, load_rules
from .segment import sentence_starts

DEFAULT_MODEL = "da_core_news_sm"
AUTO = "auto"
BLANK = "blank"
SENTENCES_COMPONENT = "hoering_sentences"
NER_COMPONENT = "ner"


@dataclass(frozen=True)
class Pipeline:
    """A loaded spaCy pipeline and a name for the run summary."""

    nlp: Language
    name: str  # e.g. "da_core_news_sm 3.8.0" or "blank:da + lookups"

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> Iterable[Doc]:
        return self.nlp.pipe(texts, batch_size=batch_size)

    @property
    def finds_names(self) -> bool:
        """True when the pipeline has an entity recogniser ("ner") to find person names."""
        return NER_COMPONENT in self.nlp.pipe_names


class _SentenceRules:
    """A pipeline component that sets sentence starts by hoering's rules."""

    def __init__(self, no_break_after: Iterable[str], may_end_sentence: Iterable[str]) -> None:
        self.no_break_after = frozenset(no_break_after)
        self.may_end_sentence = frozenset(may_end_sentence)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        starts = sentence_starts([t.text for t in doc], self.no_break_after, self.may_end_sentence)
        # All starts in one array assignment: setting `token.is_sent_start` one token
        # at a time makes spaCy check the whole Doc on each, quadratic on a long paragraph.
        flags = numpy.full(len(doc), -1, dtype="int64")
        flags[starts] = 1
        doc.from_array([SENT_START], flags.astype("uint64"))
        return doc


@Language.factory(SENTENCES_COMPONENT, default_config={"no_break_after": [], "may_end_sentence": []})
def _make_sentence_rules(
    nlp: Language, name: str, no_break_after: list[str], may_end_sentence: list[str]
) -> _SentenceRules:
    return _SentenceRules(no_break_after, may_end_sentence)


def model_installed(name: str = DEFAULT_MODEL) -> bool:
    """True when the spaCy package `name` can be imported."""
    return importlib.util.find_spec(name) is not None


def build_pipeline(model: str = AUTO, segmentation: SegmentationRules | None = None) -> Pipeline:
    """Load the pipeline hoering runs on.

    The pipeline is built once per process for each model and set of
    segmentation rules; later calls return the same one.

    Args:
        model: ``"auto"`` (the Danish model if installed, else blank), ``"blank"``,
            or the name or path of a spaCy pipeline.
        segmentation: abbreviation rules for sentence starts; the packaged
            defaults when None.

    Raises:
        ModelError: a named model is not installed or cannot be loaded.
    """
    if segmentation is None:
        segmentation = load_rules().segmentation
    if model == AUTO:
        model = DEFAULT_MODEL if model_installed() else BLANK
    return _build(model, segmentation)


@lru_cache(maxsize=4)
def _build(model: str, segmentation: SegmentationRules) -> Pipeline:
    if model == BLANK:
        nlp, name = _blank(), "blank:da + lookups"
    else:
        nlp = _load(model)
        name = f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', model)} {nlp.meta.get('version', '')}".strip()
        if nlp.lang != "da":
            raise ModelError(f"{model}: pipeline is for language '{nlp.lang}', not Danish ('da')")
    config = {
        "no_break_after": sorted(segmentation.no_break_after),
        "may_end_sentence": sorted(segmentation.may_end_sentence),
    }
    _keep_abbreviations_whole(nlp, segmentation.no_break_after | segmentation.may_end_sentence)
    if SENTENCES_COMPONENT in nlp.pipe_names:
        nlp.remove_pipe(SENTENCES_COMPONENT)
    # First in line, so that a parser respects the boundaries instead of setting its own.
    nlp.add_pipe(SENTENCES_COMPONENT, config=config, first=True)
    return Pipeline(nlp, name)


def _keep_abbreviations_whole(nlp: Language, abbreviations: Iterable[str]) -> None:
    """Make the tokenizer keep each rules abbreviation ("mhp.", "a/s.") as one token.

    spaCy's Danish exceptions cover the common ones; those it would split into
    word + full stop would otherwise look like a sentence end.
    """
    for abbreviation in sorted(abbreviations):
        for form in {abbreviation, abbreviation.capitalize()}:
            if len(nlp.tokenizer(form)) > 1:
                nlp.tokenizer.add_special_case(form, [{ORTH: form}])


def _blank() -> Language:
    nlp = spacy.blank("da")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    try:
        nlp.initialize()
    except (ValueError, OSError) as exc:  # lookup tables missing
        raise ModelError(f"blank Danish pipeline: lookup lemmatizer tables not available ({exc})") from exc
    return nlp


def _load(model: str) -> Language:
    if not Path(model).exists() and not model_installed(model):
        raise ModelError(
            f"spaCy model '{model}' is not installed (use --model blank, or install it with 'python -m spacy download {model}')"
        )
    try:
        # The trained dependency parser is not needed for cue matching; NER is kept:
        # redaction takes person names from it.
        return spacy.load(model)
    except (OSError, ValueError, ImportError) as exc:
        raise ModelError(f"spaCy model '{model}' cannot be loaded: {exc}") from exc
