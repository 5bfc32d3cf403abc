"""Propose synonym groups for rules/synonyms.toml from the Danish thesaurus (mythes-da).

A development aid, not part of hoering: it prints, for each word given, the
thesaurus's synonyms (hyponyms left out). A person reviews them and writes the
groups worth keeping into rules/synonyms.toml by hand.

    apt-get install mythes-da
    python tools/propose_synonyms.py bemanding forlængelse ledig
"""

from __future__ import annotations

import sys
from pathlib import Path

THESAURUS = Path("/usr/share/mythes/th_da_DK.dat")


def entries(path: Path = THESAURUS) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    head = None
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if not line.startswith("|"):
            head = line.split("|")[0].strip().lower()
            found.setdefault(head, [])
            continue
        for word in line.strip("|").split("|"):
            if head and "(underbegreb)" not in word and "(overbegreb)" not in word:
                found[head].append(word.strip().lower())
    return found


def main(words: list[str]) -> None:
    thesaurus = entries()
    for word in words:
        print(f"{word}: {', '.join(dict.fromkeys(thesaurus.get(word.lower(), []))) or '-'}")


if __name__ == "__main__":
    main(sys.argv[1:])
