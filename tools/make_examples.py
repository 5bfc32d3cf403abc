"""Write examples/: the folders and files the documentation's examples name.

    .venv/bin/python tools/make_examples.py

The binary files (Word, PDF, e-mail) are built with the same builders the
tests use (tests/conftest.py; fpdf2 is a test tool, so run this after
`make setup`); the texts are the project's own synthetic responses. Run it
again only to change an example, and then run the docs examples test
(`tests/test_docs_examples.py`), which runs every example in these folders.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_redact_corpus import CITIZEN, COUNCIL, SECOND_CITIZEN  # noqa: E402

from conftest import make_docx, make_eml, make_pdf, make_scanned_pdf  # noqa: E402

EXAMPLES = ROOT / "examples"

UNGERAADET = """Ungerådets høringssvar til Beskæftigelsesplan 2025

Ungerådet er rigtig glade for, at planen sætter fokus på unge uden job og uddannelse. Vi mener, at hver ung skal have én fast kontaktperson i hele forløbet.

Der bør være mulighed for at tage de første samtaler på telefon eller video.

Venlig hilsen
Ungerådet
"""

# Addressed to the committee and signed by nobody: no rule can name its sender.
UNSIGNED = """Til BSU

Vi er bekymrede for, at seniorer over 60 år ikke nævnes i planen. Der bør afsættes midler til at fastholde ældre medarbejdere på arbejdsmarkedet.
"""

LAR = [
    "Lokalt Arbejdsmarkedsråd har drøftet udkastet til Beskæftigelsesplan 2025 på rådets møde.",
    "Rådet støtter, at jobcentret opkvalificerer ledige til brancher med mangel på arbejdskraft.",
    "Rådet er bekymret for, at sagsantallet pr. sagsbehandler stiger i 2025.",
    "Der bør afsættes flere midler til virksomhedsrettede forløb.",
]

HANDICAPRAADET = [
    "Høringssvar vedr. Beskæftigelsesplan 2025",
    "Vi bakker op om, at planen har et selvstændigt afsnit om borgere med handicap.",
    "Der bør afsættes midler i budgettet, så de socialøkonomiske virksomheder kan fortsætte efter 2025.",
    "Med venlig hilsen\nHandicaprådet",
]

HEARING_LIST = """Handicaprådet
3F Vestsjælland
Ungerådet
Ældrerådet
Integrationsrådet
"""


def inbox(folder: Path) -> None:
    """A municipal inbox: Word, PDF, e-mail and text, with a duplicate, a scan and a broken file."""
    folder.mkdir(parents=True)
    (folder / "Høringssvar LAR.docx").write_bytes(make_docx(LAR))
    (folder / "handicapraadet.pdf").write_bytes(make_pdf([HANDICAPRAADET]))
    mail = make_eml(
        UNGERAADET, organization="Ungerådet", sender="Ungerådet <ungeraadet@example.org>", attachments=["bilag.pdf"]
    )
    (folder / "ungeraadet.eml").write_bytes(mail)
    (folder / "ungeraadet kopi.eml").write_bytes(mail)
    (folder / "høringssvar.txt").write_text(UNSIGNED, encoding="cp1252")  # as an older Windows program saves it
    (folder / "afkortet.docx").write_bytes(make_docx(["Vi støtter planen."])[:600])
    (folder / "skannet.pdf").write_bytes(make_scanned_pdf(3))


def rounds(folder: Path) -> None:
    """Two rounds as two folders, from the sample corpus."""
    for name in ("responses-2021", "responses-2023"):
        target = folder / name
        target.mkdir(parents=True)
        for path in sorted((ROOT / "corpus").glob(f"{name[-4:]}_*.txt")):
            shutil.copyfile(path, target / path.name)


def personal_data(folder: Path) -> None:
    """Two citizens' responses and a council's signed by name: synthetic personal data."""
    folder.mkdir(parents=True)
    for name, text in (("borger_a.txt", CITIZEN), ("borger_b.txt", SECOND_CITIZEN), ("raad.txt", COUNCIL)):
        (folder / name).write_text(text, encoding="utf-8")


def my_rules(folder: Path) -> None:
    """A user's rules folder that says only what differs from the packaged rules."""
    folder.mkdir(parents=True)
    (folder / "themes.toml").write_text(
        '# Unge is not a theme of this plan.\n[[theme]]\nid = "unge"\nenabled = false\n', encoding="utf-8"
    )
    (folder / "stance.toml").write_text(
        "# A position needs a little more evidence before it is called support, concern or demand.\n"
        "[settings]\nmin_score = 1.0\n",
        encoding="utf-8",
    )


def main() -> None:
    keep = EXAMPLES / "README.md"
    readme = keep.read_text(encoding="utf-8") if keep.exists() else None
    shutil.rmtree(EXAMPLES, ignore_errors=True)
    inbox(EXAMPLES / "inbox")
    rounds(EXAMPLES)
    personal_data(EXAMPLES / "personal-data")
    my_rules(EXAMPLES / "my-rules")
    (EXAMPLES / "hoeringsliste.txt").write_text(HEARING_LIST, encoding="utf-8")
    if readme is not None:
        keep.write_text(readme, encoding="utf-8")


if __name__ == "__main__":
    main()
