"""Load and validate the rules files: themes, stance cues, segmentation, bodies, redaction.

Rules are data. The packaged files in rules/ hold every default; a user's
rules folder holds any of the files, each saying only what differs, merged key
by key over the packaged one (see `hoering.rulebook`). Every file is validated
on load and a problem is reported as ``path:line: what is wrong``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import RulesError
from .rulebook import RulesDoc, read_rules_bytes
from .rulebuilders import build_bodies, build_codebook, build_redaction, build_stance
from .ruletypes import (
    Anaphora,
    BodyDetection,
    BodyRule,
    BodyRules,
    Codebook,
    Deferred,
    NameRules,
    Procedure,
    RedactionRules,
    Rules,
    SegmentationRules,
    StanceRules,
    Structure,
    Term,
    Theme,
)
from .segrules import build_segmentation
from .senders import ORGANISATIONS_FILE, SENDERS_FILE, load_sender_setup

__all__ = [
    "Anaphora",
    "BodyDetection",
    "BodyRule",
    "BodyRules",
    "Codebook",
    "NameRules",
    "Procedure",
    "RedactionRules",
    "Rules",
    "SegmentationRules",
    "StanceRules",
    "Structure",
    "Term",
    "Theme",
    "default_rules_dir",
    "load_rules",
]

THEMES_FILE = "themes.toml"
STANCE_FILE = "stance.toml"
SEGMENTATION_FILE = "segmentation.toml"
BODIES_FILE = "bodies.toml"
REDACTION_FILE = "redaction.toml"
#: The stance lexicon: one file per stance in the rules folder's lexicon/ folder, cue families with sources.
LEXICON_DIR = "lexicon"
LEXICON_FILES = tuple(
    f"{LEXICON_DIR}/{name}.toml" for name in ("support", "concern", "demand", "neutral", "dds_support", "dds_concern")
)


def default_rules_dir() -> Path:
    """The packaged default rules (the project's rules/ folder)."""
    return Path(str(resources.files("hoering") / "rules"))


def read_merged_rules_file(name: str, directory: str | Path | None = None) -> tuple[Path, dict[str, Any]]:
    """A rules file read on its own (``plan.toml``, ``synonyms.toml``): `directory`'s merged over the packaged one.

    Merged as `load_rules` merges the others (`hoering.rulebook`): a user file
    says only what differs. The path returned is the user's file when there is one.

    Raises:
        RulesError: the file cannot be read or is not valid TOML.
    """
    user = Path(directory) / name if directory is not None and (Path(directory) / name).is_file() else None
    doc = RulesDoc(default_rules_dir() / name, user)
    return doc.path, doc.data


def load_rules(directory: str | Path | None = None, lazy: bool = False) -> Rules:
    """Load the packaged rules, with each file of `directory` merged over its packaged one.

    Args:
        lazy: read ``stance.toml`` and the lexicon only when `Rules.stance` is
            first used, and report a problem in them then (`analyse` uses it
            before the first document it analyses): a run whose every file
            comes from the cache never reads them. Their bytes are in the
            digest at once.

    Raises:
        RulesError: a file is missing, not valid TOML, or fails validation.
    """
    default_dir = default_rules_dir()
    user_dir = Path(directory) if directory is not None else None
    if user_dir is not None and not user_dir.is_dir():
        raise RulesError(f"{user_dir}: rules folder not found")
    known = (*RULES_FILES, SENDERS_FILE, ORGANISATIONS_FILE)
    if user_dir is not None and not any((user_dir / name).is_file() for name in known):
        raise RulesError(f"{user_dir}: no rules files found (expected one of {', '.join(known)})")
    if user_dir is not None and user_dir.resolve() == default_dir.resolve():
        user_dir = None  # the packaged folder named explicitly: nothing to merge
    files = {name: _layers(default_dir, user_dir, name) for name in (*RULES_FILES, *LEXICON_FILES)}
    stance_files = {name: files[name] for name in (STANCE_FILE, *LEXICON_FILES)}
    # The digest is of the bytes; the stance files are parsed from the bytes read here, so they match it.
    raw = {path: read_rules_bytes(path) for path in _paths(files)}
    docs = {name: RulesDoc(*layers, raw) for name, layers in files.items() if name not in stance_files}
    senders = load_sender_setup(default_dir, user_dir)
    joined = b"".join(raw[path] for path in _paths(files))
    digest = hashlib.sha256(joined + senders.raw).hexdigest()
    built = {name: build(docs[name]) for name, build in LOADERS.items() if name != STANCE_FILE}
    stance_raw = {path: raw[path] for path in _paths(stance_files)}
    stance = Deferred(partial(_build_stance, stance_files, stance_raw))
    return Rules(
        codebook=built[THEMES_FILE],
        stance=stance if lazy else stance.make(),
        segmentation=built[SEGMENTATION_FILE],
        bodies=built[BODIES_FILE],
        redaction=built[REDACTION_FILE],
        sources=tuple(str(files[name][1] or files[name][0]) for name in RULES_FILES),
        digest=digest,
        senders=senders,
    )


def _paths(files: dict[str, tuple[Path, Path | None]]) -> list[Path]:
    """Every file of `files` that exists, packaged and the user's, in their order."""
    return [path for layers in files.values() for path in layers if path is not None]


def _layers(default_dir: Path, user_dir: Path | None, name: str) -> tuple[Path, Path | None]:
    """The packaged file `name` and the user's, if there is one."""
    user = user_dir / name if user_dir is not None and (user_dir / name).is_file() else None
    return default_dir / name, user


def _build_stance(files: dict[str, tuple[Path, Path | None]], raw: dict[Path, bytes]) -> StanceRules:
    """stance.toml with the lexicon files, parsed from their bytes `raw`."""
    docs = {name: RulesDoc(*layers, raw) for name, layers in files.items()}
    return build_stance(docs[STANCE_FILE], [docs[name] for name in LEXICON_FILES])


#: Each rules file and what builds it (`hoering.rulebuilders`); a new rules file is one line here (and a field of `Rules`).
LOADERS: dict[str, Callable[[RulesDoc], Any]] = {
    THEMES_FILE: build_codebook,
    STANCE_FILE: build_stance,
    SEGMENTATION_FILE: build_segmentation,
    BODIES_FILE: build_bodies,
    REDACTION_FILE: build_redaction,
}
RULES_FILES = tuple(LOADERS)
