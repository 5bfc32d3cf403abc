"""The spaCy pipeline: the trained model when installed, else blank + lookups."""

from __future__ import annotations

import pytest
import spacy

from hoering import nlp
from hoering.errors import ModelError
from hoering.nlp import BLANK, DEFAULT_MODEL, SENTENCES_COMPONENT, build_pipeline, model_installed
from hoering.pipeline import Analyser

from conftest import make_document

needs_model = pytest.mark.skipif(not model_installed(), reason=f"{DEFAULT_MODEL} is not installed")


def test_blank_pipeline_has_lookup_lemmas_and_sentence_rules(blank_pipeline):
    assert blank_pipeline.name == "blank:da + lookups"
    assert blank_pipeline.nlp.pipe_names[0] == SENTENCES_COMPONENT
    doc = blank_pipeline.nlp("Rådet bakker op om investeringerne.")
    assert [t.lemma_ for t in doc][1:5] == ["bakke", "oppe", "om", "investering"]


def test_sentence_component_keeps_abbreviations_inside_sentence(blank_pipeline):
    doc = blank_pipeline.nlp("Der er bl.a. unge. Med ca. 90 sager pr. sagsbehandler er det for mange.")
    assert [s.text for s in doc.sents] == ["Der er bl.a. unge.", "Med ca. 90 sager pr. sagsbehandler er det for mange."]


def test_pipeline_is_built_once_per_process(blank_pipeline):
    assert build_pipeline(BLANK) is blank_pipeline


def test_auto_falls_back_to_blank_without_the_model(monkeypatch):
    monkeypatch.setattr(nlp, "model_installed", lambda name=DEFAULT_MODEL: False)
    assert build_pipeline("auto").name == "blank:da + lookups"


def test_auto_takes_the_model_when_installed(monkeypatch):
    asked = []
    monkeypatch.setattr(nlp, "model_installed", lambda name=DEFAULT_MODEL: True)
    monkeypatch.setattr(nlp, "_build", lambda model, segmentation: asked.append(model))
    build_pipeline("auto")
    assert asked == [DEFAULT_MODEL]


@pytest.mark.skipif(model_installed(), reason=f"{DEFAULT_MODEL} is installed")
def test_named_model_that_is_not_installed_is_a_clear_error():
    with pytest.raises(ModelError, match=f"spaCy model '{DEFAULT_MODEL}' is not installed.*--model blank"):
        build_pipeline(DEFAULT_MODEL)


def test_a_saved_pipeline_loads_by_path_and_cuts_positions_like_blank(tmp_path, rules, blank_pipeline):
    # The code path of an installed model: spacy.load on a name or path, with
    # hoering's sentence rules put first.
    saved = spacy.blank("da")
    saved.add_pipe("lemmatizer", config={"mode": "lookup"})
    saved.initialize()
    saved.to_disk(tmp_path / "da_pipeline")
    loaded = build_pipeline(str(tmp_path / "da_pipeline"))
    assert loaded.nlp.pipe_names == [SENTENCES_COMPONENT, "lemmatizer"]
    text = "Rådet er enige i, at det er afgørende med en tidlig indsats. Der er bl.a. behov for flere midler."
    document = make_document(text)
    by_path = [(p.start, p.end, p.stance.stance) for p in Analyser(rules, loaded).document(document)]
    by_blank = [(p.start, p.end, p.stance.stance) for p in Analyser(rules, blank_pipeline).document(document)]
    assert by_path == by_blank
    assert len(by_path) == 2


def test_a_pipeline_for_another_language_is_refused(tmp_path):
    spacy.blank("en").to_disk(tmp_path / "english")
    with pytest.raises(ModelError, match="not Danish"):
        build_pipeline(str(tmp_path / "english"))


@pytest.mark.model
@needs_model
def test_trained_model_gives_the_same_positions_as_blank(rules, blank_pipeline):
    model = build_pipeline(DEFAULT_MODEL)
    text = "Vi støtter forslaget. Der er dog bl.a. risiko for, at f.eks. de unge tabes. Ca. 90 sager pr. medarbejder er for mange."
    document = make_document(text)
    with_model = [(p.start, p.end) for p in Analyser(rules, model).document(document)]
    with_blank = [(p.start, p.end) for p in Analyser(rules, blank_pipeline).document(document)]
    assert with_model == with_blank
