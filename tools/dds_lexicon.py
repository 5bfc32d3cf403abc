"""Write rules/lexicon/dds_support.toml and dds_concern.toml from Det Danske Sentimentleksikon.

A development aid, not part of hoering: it reads the lexicon's headword file
(DDS v0.2, https://github.com/dsldk/danish-sentiment-lexicon, CC BY-SA 4.0,
Det Danske Sprog- og Litteraturselskab and Center for Sprogteknologi,
Københavns Universitet) and writes the derivative cue files, which stay
CC BY-SA 4.0. What is kept, and each family's weight, is set in
tools/dds_filter.toml: parts of speech, polarity bands, the headwords left
out (words that name what a consultation is about, not a view of it), and the
words the hand-written lexicon already covers.

    git clone https://github.com/dsldk/danish-sentiment-lexicon /tmp/dds
    python tools/dds_lexicon.py /tmp/dds/2_headword_headword_polarity.csv
"""

from __future__ import annotations

import csv
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILTER = ROOT / "tools" / "dds_filter.toml"
LEXICON = ROOT / "rules" / "lexicon"
HAND = [ROOT / "rules" / "stance.toml", *(LEXICON / f"{n}.toml" for n in ("support", "concern", "demand", "neutral"))]
VALID = set("abcdefghijklmnopqrstuvwxyzæøåéü-")

HEADER = """\
# {stance_title} words from Det Danske Sentimentleksikon (DDS), version 0.2,
# 2022-12-20, by Sanni Nimb, Sussi Olsen and Thomas Troelsgård: Det Danske
# Sprog- og Litteraturselskab (DSL) and Center for Sprogteknologi, Københavns
# Universitet (CST). Source: https://github.com/dsldk/danish-sentiment-lexicon
# (file 2_headword_headword_polarity.csv, commit {commit}).
#
# Licence: this file is a derivative of DDS and, like it, is licensed under
# CC BY-SA 4.0 International, https://creativecommons.org/licenses/by-sa/4.0/
# (the rest of hoering keeps its own licence). Changes: only headwords of the
# parts of speech and polarity bands in tools/dds_filter.toml are kept, minus
# the headwords it excludes and the forms the hand-written lexicon already has;
# each headword is listed with its word forms; DDS's polarity (1-5) picks the
# family, whose weight was calibrated on the sample corpus, the devset and the
# tune half of devset/realdev. Written by tools/dds_lexicon.py: edit the filter
# and run it again rather than editing this file by hand.

stance = "{stance}"
"""


def hand_forms() -> tuple[set[str], tuple[str, ...]]:
    """Single-word cues of the hand-written lexicon: exact words, and stems written with a trailing *."""
    exact: set[str] = set()
    stems: list[str] = []
    for path in HAND:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        tables = [data.get(s, {}) for s in ("support", "concern", "demand")] + data.get("family", [])
        for table in tables:
            for cue in table.get("cues", []):
                source = cue if isinstance(cue, str) else cue["pattern"]
                if " " in source or source.startswith("*"):
                    continue
                (stems.append(source[:-1]) if source.endswith("*") else exact.add(source))
    return exact, tuple(stems)


def main(source: Path) -> None:
    rules = tomllib.loads(FILTER.read_text(encoding="utf-8"))
    excluded = {w for group in rules["exclude"].values() for w in group}
    exact, stems = hand_forms()
    by_form: dict[str, set[int]] = {}
    rows = []
    with source.open(encoding="utf-8", newline="") as handle:
        for head, _homograph, pos, _id, polarity, forms in csv.reader(handle):
            rows.append((head, pos, int(polarity), forms.split(";")))
            for form in forms.split(";"):
                by_form.setdefault(form.lower(), set()).add(1 if int(polarity) > 0 else -1)
    families: dict[tuple[str, str], set[str]] = {}
    for head, pos, polarity, forms in rows:
        band = rules["bands"].get(str(abs(polarity)))
        kind = rules["pos_names"].get(pos)
        if kind is None or band not in rules["weights"].get(kind, {}) or head.lower() in excluded:
            continue
        lowered = {form.lower() for form in forms}
        for form in sorted(lowered):
            if (
                form.endswith("'") or (form.endswith("s") and form[:-1] in lowered)  # genitives
            ) and form != head.lower():
                continue
            if (
                len(form) < rules["min_length"]
                or not set(form) <= VALID
                or len(by_form[form]) > 1  # positive in one sense, negative in another
                or form in exact
                or form.startswith(stems)
            ):
                continue
            stance = "support" if polarity > 0 else "concern"
            families.setdefault((stance, f"{kind}, polarity {band}"), set()).add(form)
    commit = rules["commit"]
    for stance in ("support", "concern"):
        out = [HEADER.format(stance_title=stance.capitalize(), stance=stance, commit=commit)]
        for (s, name), forms in sorted(families.items()):
            if s != stance:
                continue
            weight = rules["weights"][name.split(",")[0]][name.split("polarity ")[1]]
            out.append(
                f'\n[[family]]\nname = "{name}"\nsource = "DDS v0.2, {name}"\nweight = {weight}\npredicate = true\ncues = [\n'
            )
            line = " "
            for form in sorted(forms):
                item = f' "{form}",'
                if len(line) + len(item) > 100:
                    out.append(line + "\n")
                    line = " "
                line += item
            out.append(line + "\n]\n")
        (LEXICON / f"dds_{stance}.toml").write_text("".join(out), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
