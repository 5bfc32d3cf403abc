"""Find the sender (afsender) of a response that neither header nor manifest names.

Two parts. The registry (`rules/organisations.csv`, the bodies of
`rules/bodies.toml`, a user's own organisations.csv merged row by row, and a
høringsliste) knows organisations by name, abbreviation, alias, e-mail domain
and file-name slug, and gives each one a stable `body_id`. Detection reads the
text for the patterns of `rules/senders.toml` and returns every candidate it
finds, each with the rule that found it, the matched text, its offset and a
confidence; `choose` takes the first rule that found one (see the order of
evidence in senders.toml).

A sender in no list is taken only where a rule names it and its name has the
shape of an organisation (a word ending like "forening", "rådet", "kommune",
or an abbreviation in capitals): a person's name never becomes a body. It keeps
its own name and is marked as not in the registry.

Canonicalisation: spellings, abbreviations and aliases of one registry row are
one body. A registry name followed by more capitalised words on the same line
("BUPL Århus", "3F Vestsjælland") is a branch: a body of its own, with the
parent's type and the parent's id as its `parent`. Successors (LO and FTF ->
FH in 2019) are recorded, not merged: an LO response stays LO.

The package's modules, each one concern: `names` (slugs, folded keys, word
shapes), `registry` (organisations.csv and look-ups), `ruleset`
(senders.toml), `detect` (the candidates and the choice), `loading` (the
setup of a rules folder, the detector, høringslister).
"""

from __future__ import annotations

from .detect import Candidate, Detector, choose
from .loading import (
    SenderSetup,
    detector_for,
    hearing_names,
    hearing_organisations,
    load_sender_setup,
    truth_body,
)
from .names import slug
from .registry import (
    BODY_TYPES,
    ORGANISATION_COLUMNS,
    ORGANISATIONS_FILE,
    Mention,
    Organisation,
    Registry,
    merge_organisations,
    read_organisations,
)
from .ruleset import (
    RULE_CITIZEN,
    RULE_FILE_METADATA,
    RULE_FILE_NAME,
    RULE_MAIL,
    RULE_MARKERS,
    RULE_METADATA,
    RULE_ON_BEHALF,
    RULE_OPENING,
    RULE_ORDER,
    RULE_SIGNATURE,
    RULE_SUBJECT,
    RULE_TITLE,
    SENDERS_FILE,
    SenderRules,
    load_sender_rules,
)

__all__ = [
    "BODY_TYPES",
    "ORGANISATIONS_FILE",
    "ORGANISATION_COLUMNS",
    "RULE_CITIZEN",
    "RULE_FILE_METADATA",
    "RULE_FILE_NAME",
    "RULE_MAIL",
    "RULE_MARKERS",
    "RULE_METADATA",
    "RULE_ON_BEHALF",
    "RULE_OPENING",
    "RULE_ORDER",
    "RULE_SIGNATURE",
    "RULE_SUBJECT",
    "RULE_TITLE",
    "SENDERS_FILE",
    "Candidate",
    "Detector",
    "Mention",
    "Organisation",
    "Registry",
    "SenderRules",
    "SenderSetup",
    "choose",
    "detector_for",
    "hearing_names",
    "hearing_organisations",
    "load_sender_rules",
    "load_sender_setup",
    "merge_organisations",
    "read_organisations",
    "slug",
    "truth_body",
]
