"""Name normalisation for sender detection: slugs, folded keys and the shapes of words around a name."""

from __future__ import annotations

import re
import unicodedata

_TOKEN = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ&]+")
_JOIN_GAP = re.compile(r"[ \t\-–/]*")  # what may stand between the words of one name
_SPACE_GAP = re.compile(r"[ \t]+")
_PARENS = re.compile(r"^(?P<outer>.+?)\s*\((?P<inner>[^()]+)\)\s*$")
_SLUG_MAP = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "é": "e", "&": "og"})
_CONNECTORS = frozenset({"af", "for", "i", "og", "på", "til", "under", "mod", "de", "det", "den", "&"})


def slug(name: str) -> str:
    """The file-name form of a name: ``Dansk Socialrådgiverforening`` -> ``dansk-socialraadgiverforening``."""
    folded = name.casefold().translate(_SLUG_MAP)
    folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def _key(name: str) -> str:
    """Case, spaces, hyphens and punctuation folded: the key two spellings of one name share."""
    return "".join(t.casefold() for t in _TOKEN.findall(name))


def _capitalised(word: str) -> bool:
    return bool(word) and (word[0].isupper() or (word[0].isdigit() and any(c.isupper() for c in word)))


def _roman(word: str) -> bool:
    return bool(re.fullmatch(r"[IVXLC]+", word))


def _sentence_start(before: str) -> bool:
    """Whether a name stands where a sentence or line starts (a heading, a date line, a parenthesis aside)."""
    stripped = before.rstrip(" \t")
    return (
        not stripped
        or stripped.endswith(("\n", ".", "!", "?", ":", "”", '"'))
        or bool(re.search(r"(?:\s{2,}|\d)$", stripped))
    )


_PREPOSITIONS = frozenset(
    {"fra", "til", "af", "med", "hos", "for", "og", "end", "som", "ved", "mellem", "mod", "om", "på", "i", "at"}
)


def _after_preposition(before: str) -> bool:
    """Whether a name is the object of a preposition ("høringssvaret fra FH"), not a subject."""
    words = _TOKEN.findall(before[-30:])
    return bool(words) and words[-1].casefold() in _PREPOSITIONS and not before.rstrip(" \t").endswith("\n")


def _skip_parenthesis(text: str, pos: int) -> int:
    """After a name, skip its abbreviation in brackets: "Dansk Socialrådgiverforening (DS) takker"."""
    match = re.compile(r"\s*\([^()\n]{1,60}\)").match(text, pos)
    return match.end() if match else pos
