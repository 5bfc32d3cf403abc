"""Build the spaCy pipeline once: the Danish model when installed, else a blank one.

The blank pipeline is ``spacy.blank("da")`` with the lookup lemmatizer from
spacy-lookups-data. Both get hoering's sentence rules as the component
``hoering_sentences``, so a position is cut the same way whichever pipeline runs.

spaCy and the lemma table take a second or two to load, so nothing here imports
spaCy until a pipeline is built, and `LazyPipeline` builds it only when a text
must be analysed: a run whose files all come from the cache never loads it.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ModelError
from .morphology import share_lemma_table
from .rules import SegmentationRules, load_rules
from .segment import sentence_starts

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "da_core_news_sm"
AUTO = "auto"
BLANK = "blank"
BLANK_NAME = "blank:da + lookups"
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

    def __init__(
        self, no_break_after: Iterable[str], may_end_sentence: Iterable[str], opens_after_ordinal: Iterable[str] = ()
    ) -> None:
        self.no_break_after = frozenset(no_break_after)
        self.may_end_sentence = frozenset(may_end_sentence)
        self.opens_after_ordinal = frozenset(opens_after_ordinal)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        words = [t.text for t in doc]
        starts = sentence_starts(words, self.no_break_after, self.may_end_sentence, self.opens_after_ordinal)
        # All starts in one array assignment: setting `token.is_sent_start` one token
        # at a time makes spaCy check the whole Doc on each, quadratic on a long paragraph.
        import numpy  # here, with spaCy: a run from the cache imports neither
        from spacy.attrs import SENT_START

        flags = numpy.full(len(doc), -1, dtype="int64")
        flags[starts] = 1
        doc.from_array([SENT_START], flags.astype("uint64"))
        return doc


def _make_sentence_rules(
    nlp: Language, name: str, no_break_after: list[str], may_end_sentence: list[str], opens_after_ordinal: list[str]
) -> _SentenceRules:
    return _SentenceRules(no_break_after, may_end_sentence, opens_after_ordinal)


@lru_cache(maxsize=1)
def register_components() -> None:
    """Register hoering's spaCy components; needed before a pipeline is built or unpickled."""
    from spacy.language import Language

    if not Language.has_factory(SENTENCES_COMPONENT):
        Language.factory(
            SENTENCES_COMPONENT,
            default_config={"no_break_after": [], "may_end_sentence": [], "opens_after_ordinal": []},
        )(_make_sentence_rules)


class LazyPipeline:
    """A `Pipeline` that is built the first time a text is analysed.

    Its `name` (which the cache key holds) is known without loading spaCy: from the
    model's ``meta.json`` for a trained pipeline, a constant for the blank one.
    """

    def __init__(self, model: str = AUTO, segmentation: SegmentationRules | None = None) -> None:
        if segmentation is None:
            segmentation = load_rules().segmentation
        self.model = (DEFAULT_MODEL if model_installed() else BLANK) if model == AUTO else model
        self.segmentation = segmentation
        self._built: Pipeline | None = None
        self._name = _meta_name(self.model)

    @property
    def built(self) -> Pipeline:
        """The pipeline, loaded now if it was not yet."""
        if self._built is None:
            self._built = build_pipeline(self.model, self.segmentation)
        return self._built

    @property
    def loaded(self) -> bool:
        return self._built is not None

    @property
    def name(self) -> str:
        return self._name if self._name is not None else self.built.name

    @property
    def nlp(self) -> Language:
        return self.built.nlp

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> Iterable[Doc]:
        return self.built.pipe(texts, batch_size=batch_size)

    @property
    def finds_names(self) -> bool:
        return self.built.finds_names

    def __getstate__(self) -> dict[str, object]:
        # A spawned worker builds its own pipeline rather than receive a pickled one.
        return {**self.__dict__, "_built": None}


def _meta_name(model: str) -> str | None:
    """The name `_build` gives `model`, read from its meta.json without importing it; None when unknown."""
    if model == BLANK:
        return BLANK_NAME
    folder = Path(model)
    if not folder.is_dir():
        spec = importlib.util.find_spec(model) if model.isidentifier() else None
        locations = list(spec.submodule_search_locations or ()) if spec is not None else []
        if not locations:
            return None
        folder = Path(locations[0])
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("lang") != "da":
        return None  # _build reports the wrong language when it loads it
    return f"{meta.get('lang', '')}_{meta.get('name', model)} {meta.get('version', '')}".strip()


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
    register_components()
    if model == BLANK:
        nlp, name = _blank(), BLANK_NAME
    else:
        nlp = _load(model)
        name = f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', model)} {nlp.meta.get('version', '')}".strip()
        if nlp.lang != "da":
            raise ModelError(f"{model}: pipeline is for language '{nlp.lang}', not Danish ('da')")
    config = {
        "no_break_after": sorted(segmentation.no_break_after),
        "may_end_sentence": sorted(segmentation.may_end_sentence),
        "opens_after_ordinal": sorted(segmentation.opens_after_ordinal),
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
    from spacy.symbols import ORTH

    for abbreviation in sorted(abbreviations):
        for form in {abbreviation, abbreviation.capitalize()}:
            if len(nlp.tokenizer(form)) > 1:
                nlp.tokenizer.add_special_case(form, [{ORTH: form}])


def _blank() -> Language:
    import spacy

    nlp = spacy.blank("da")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    try:
        nlp.initialize()
    except (ValueError, OSError) as exc:  # lookup tables missing
        raise ModelError(f"blank Danish pipeline: lookup lemmatizer tables not available ({exc})") from exc
    # The compound splitter reads the same table: one copy in memory, loaded once.
    share_lemma_table(nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup"))
    return nlp


def _load(model: str) -> Language:
    if not Path(model).exists() and not model_installed(model):
        raise ModelError(
            f"spaCy model '{model}' is not installed (use --model blank, or install it with 'python -m spacy download {model}')"
        )
    import spacy

    try:
        # The trained dependency parser is not needed for cue matching; NER is kept:
        # redaction takes person names from it.
        return spacy.load(model)
    except (OSError, ValueError, ImportError) as exc:
        raise ModelError(f"spaCy model '{model}' cannot be loaded: {exc}") from exc
