"""Shared fixtures: one blank Danish pipeline per session, the default rules, the sample corpus."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import settings

import hoering
from hoering.models import Document, Evidence, Metadata, Position, StanceCall, Token
from hoering.nlp import Pipeline, build_pipeline
from hoering.pipeline import Analyser, Result
from hoering.rules import Rules, load_rules
from hoering.stance import StanceScorer
from hoering.themes import ThemeTagger

# `pytest --hypothesis-profile=deep` for a longer search than the default 100 examples.
settings.register_profile("deep", max_examples=3000)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite tests/golden/*/expected from the current outputs (read the diff before committing).",
    )


ROOT = Path(__file__).parents[1]
CORPUS = ROOT / "corpus"
CODEBOOK = ROOT.parent / "shared" / "CODEBOOK.md"


def make_document(text: str, doc_id: str = "svar.txt", **meta: str | None) -> Document:
    """A Document for `text` as if read from a file without a header."""
    return Document(doc_id, Path(doc_id), text, Metadata(**meta))


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands write their cache into a fresh folder of each test, never the user's."""
    monkeypatch.setenv("HOERING_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def codebook_md() -> Path:
    return CODEBOOK


@pytest.fixture(scope="session")
def new_document() -> Callable[..., Document]:
    """``new_document(text, doc_id=..., body=..., ...)``: see `make_document`."""
    return make_document


@pytest.fixture(scope="session")
def blank_pipeline() -> Pipeline:
    return build_pipeline("blank")


@pytest.fixture(scope="session")
def rules() -> Rules:
    return load_rules()


@pytest.fixture(scope="session")
def analyser(rules: Rules, blank_pipeline: Pipeline) -> Analyser:
    return Analyser(rules, blank_pipeline)


@pytest.fixture(scope="session")
def sample_result(blank_pipeline: Pipeline) -> Result:
    return hoering.analyse(CORPUS, model=blank_pipeline)


@pytest.fixture(scope="session")
def positions_of(analyser: Analyser) -> Callable[..., list[Position]]:
    """``positions_of(text, body=..., ...)``: the positions of a one-document response."""

    def run(text: str, doc_id: str = "svar.txt", **meta: str | None) -> list[Position]:
        return analyser.document(make_document(text, doc_id, **meta))

    return run


@pytest.fixture(scope="session")
def tokens(blank_pipeline: Pipeline) -> Callable[[str], tuple[Token, ...]]:
    """``tokens(text)``: the Tokens of `text`, offsets indexing `text`."""

    def run(text: str) -> tuple[Token, ...]:
        return tuple(
            Token(t.text, t.lower_, (t.lemma_ or t.text).lower(), t.idx, t.idx + len(t.text))
            for t in blank_pipeline.nlp(text)
            if not t.is_space
        )

    return run


@pytest.fixture(scope="session")
def score(rules: Rules, tokens: Callable[[str], tuple[Token, ...]]) -> Callable[[str], StanceCall]:
    """``score(text)``: the stance rules' call on `text` (the default stance rules, no pipeline)."""
    scorer = StanceScorer(rules.stance)

    def run(text: str) -> StanceCall:
        return scorer.score(tokens(text))

    return run


@pytest.fixture(scope="session")
def tag(rules: Rules, tokens: Callable[[str], tuple[Token, ...]]) -> Callable[[str], tuple[Evidence, ...]]:
    """``tag(text)``: the theme hits of the default codebook on `text` (no pipeline)."""
    tagger = ThemeTagger(rules.codebook)

    def run(text: str) -> tuple[Evidence, ...]:
        return tagger.tag(tokens(text))

    return run


@pytest.fixture(scope="session")
def themes(tag: Callable[[str], tuple[Evidence, ...]]) -> Callable[[str], set[str]]:
    """``themes(text)``: the theme ids the default codebook finds in `text`."""
    return lambda text: theme_ids(tag(text))


def theme_ids(hits: Sequence[Evidence]) -> set[str]:
    """The theme ids of a sequence of theme hits."""
    return {hit.label for hit in hits}


def texts(positions: Sequence[Position]) -> list[str]:
    """The texts of positions, in order."""
    return [p.text for p in positions]


def cue_notes(call: StanceCall) -> dict[str, str]:
    """Each cue of a stance call, by the words it matched: its note (the rule or family that counted it)."""
    return {cue.matched: cue.note for cue in call.cues}


# --- files in every supported format, built by the tests themselves --------------


def make_docx(
    paragraphs: Sequence[str] = (),
    items: Sequence[str] = (),
    table: Sequence[Sequence[str]] = (),
    author: str = "",
    title: str = "",
    header: str = "",
    footer: str = "",
) -> bytes:
    """A .docx written by python-docx: paragraphs, then bullet items, then a table."""
    import docx

    document = docx.Document()
    document.core_properties.author = author
    document.core_properties.title = title
    if header:
        document.sections[0].header.paragraphs[0].text = header
    if footer:
        document.sections[0].footer.paragraphs[0].text = footer
    for text in paragraphs:
        document.add_paragraph(text)
    for text in items:
        document.add_paragraph(text, style="List Bullet")
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def replace_zip_member(data: bytes, name: str, content: bytes) -> bytes:
    """The same zip file with one member's content replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, content if info.filename == name else source.read(info.filename))
    return out.getvalue()


def make_pdf(
    pages: Sequence[Sequence[str]], running_header: str = "", numbered: bool = False, author: str = ""
) -> bytes:
    """A PDF written by fpdf2 (a dev dependency): each page a list of paragraphs.

    A paragraph ending in a hyphen is set at the foot of its page, so the word
    runs on to the next page. `running_header` repeats on top of every page,
    `numbered` puts "Side N af M" at the foot of every page.
    """
    from fpdf import FPDF

    class Pdf(FPDF):
        def header(self) -> None:
            if running_header:
                self.set_font("Helvetica", size=9)
                self.cell(0, 6, running_header, new_x="LMARGIN", new_y="NEXT")
                self.ln(6)

        def footer(self) -> None:
            if numbered:
                self.set_y(-15)
                self.set_font("Helvetica", size=9)
                self.cell(0, 6, f"Side {self.page_no()} af {{nb}}", align="C")

    pdf = Pdf()
    pdf.set_font("Helvetica", size=11)
    if author:
        pdf.set_author(author)
    for paragraphs in pages:
        pdf.add_page()
        for text in paragraphs:
            if text.endswith("-"):
                pdf.set_y(-40)
            pdf.multi_cell(0, 6, text)
            pdf.ln(6)
    return bytes(pdf.output())


def make_scanned_pdf(pages: int = 2) -> bytes:
    """A PDF whose pages hold only drawings: no text layer, as a scan."""
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        pdf.rect(20, 20, 100, 150, style="F")
    return bytes(pdf.output())


ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)


def make_odt(body_xml: str, creator: str = "", prolog: str = "") -> bytes:
    """An .odt zip with `body_xml` inside office:text (the XML written by hand)."""
    content = f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content {ODT_NS}><office:body><office:text>{body_xml}</office:text></office:body></office:document-content>'
    meta = f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {ODT_NS}><office:meta><meta:initial-creator>{creator}</meta:initial-creator></office:meta></office:document-meta>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
        archive.writestr("meta.xml", meta)
    return out.getvalue()


def make_rtf(*paragraphs: str) -> bytes:
    """An .rtf in code page 1252 with æøå as \\'xx escapes and other characters as \\uN."""

    def escape(text: str) -> str:
        out = []
        for char in text:
            if char in "\\{}":
                out.append("\\" + char)
            elif ord(char) < 128:
                out.append(char)
            elif char.encode("cp1252", errors="ignore"):
                out.append(f"\\'{char.encode('cp1252')[0]:02x}")
            else:
                out.append(f"\\u{ord(char)}?")
        return "".join(out)

    body = "".join(f"{escape(p)}\\par\n" for p in paragraphs)
    return ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Calibri;}}\n\\f0 " + body + "}").encode("ascii")


def make_eml(
    body: str,
    organization: str = "",
    sender: str = "Jens Hansen <jh@example.org>",
    html: bool = False,
    attachments: Sequence[str] = (),
) -> bytes:
    """An e-mail built with the standard library's email package."""
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = sender
    message["To"] = "hoering@example.org"
    message["Subject"] = "Høringssvar"
    if organization:
        message["Organization"] = organization
    if html:
        message.set_content(body, subtype="html")
    else:
        message.set_content(body)
    for name in attachments:
        message.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf", filename=name)
    return message.as_bytes()
