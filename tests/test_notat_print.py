"""The notat printed: HTML on A4 in headless chromium, the .docx through LibreOffice.

Each test is skipped, saying so, where its program is missing (`apt-get install
chromium`, which .ci/run does; `apt-get install libreoffice-writer-nogui`).
The page bounds are generous: the sample corpus's latest round prints on 6
pages from chromium and 5 from LibreOffice, every round on 13 and 12.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

import hoering
from hoering.report.notat import build_notat
from hoering.report.notat_html import render_notat_html
from hoering.report.word import render_docx
from hoering.selection import LATEST, Selection, select

CHROMIUM = shutil.which("chromium")
SOFFICE = shutil.which("soffice")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium); the print test needs it"
)
needs_soffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui); the .docx print test needs it",
)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
DAY = dt.date(2024, 5, 1)
A4 = (595, 842)  # points


def chromium(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def printed(page: Path, tmp_path: Path) -> PdfReader:
    pdf = tmp_path / "notat.pdf"
    done = chromium(page, tmp_path / "profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    assert done.returncode == 0 and pdf.exists(), done.stderr[-2000:]
    return PdfReader(io.BytesIO(pdf.read_bytes()))


def sizes(reader: PdfReader) -> list[tuple[int, int]]:
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages]


def html_of(result, tmp_path: Path, selection: Selection, **kwargs) -> Path:
    notat = build_notat(select(result, selection, default_round=LATEST), date=DAY, **kwargs)
    page = tmp_path / "notat.html"
    page.write_text(render_notat_html(notat), encoding="utf-8")
    return page


@needs_chromium
def test_the_latest_round_prints_on_a_handful_of_a4_pages(sample_result, tmp_path):
    reader = printed(html_of(sample_result, tmp_path, Selection()), tmp_path)
    pages = sizes(reader)
    assert 3 <= len(pages) <= 8
    assert set(pages) <= {A4, A4[::-1]} and pages[0] == A4
    assert A4[::-1] in pages  # the matrix on its landscape page
    text = "".join(p.extract_text() for p in reader.pages)
    assert "1. Indledning" in text and "Administrationens bemærkninger" in text


@needs_chromium
def test_every_round_still_prints_within_bounds(sample_result, tmp_path):
    reader = printed(html_of(sample_result, tmp_path, Selection(rounds=("all",))), tmp_path)
    assert len(reader.pages) <= 16


# Appended to a copy of the notat only: the smallest font in the matrix and any cell whose text overflows.
PROBE = """<script>
(() => {
  const cells = Array.from(document.querySelectorAll('table.matrix td'));
  const out = {
    rows: document.querySelectorAll('table.matrix tbody tr').length,
    smallest: Math.min(...cells.map(c => parseFloat(getComputedStyle(c).fontSize))),
    overflowing: cells.filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent),
  };
  const pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>"""


@needs_chromium
def test_the_matrix_stays_readable_with_30_bodies(tmp_path, blank_pipeline):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(30):
        text = "Vi støtter indsatsen for de unge. Vi er bekymrede for sagsantallet i jobcentret. Kommunen bør investere mere i opkvalificering."
        (corpus / f"svar_{i:02}.txt").write_text(
            f"---\nbody: Høringspart nummer {i:02} med et langt navn\nround: 2024\n---\n{text} Svar nr. {i}.\n",
            encoding="utf-8",
        )
    result = hoering.analyse(corpus, model=blank_pipeline)
    page = html_of(result, tmp_path, Selection(), campaign_similarity=101)  # alike texts, but a layout test
    probe = tmp_path / "probe.html"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    done = chromium(probe, tmp_path / "profile", "--window-size=900,1200", "--dump-dom")
    found = re.search(r"<pre id=\"probe\">(.*?)</pre>", done.stdout)
    assert found, done.stderr[-2000:]
    measured = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert measured["rows"] == 31  # 30 bodies and the total
    assert measured["smallest"] >= 11  # px: 8.5 pt and up, however many bodies
    assert measured["overflowing"] == []


@needs_soffice
def test_the_docx_prints_through_libreoffice_on_a4(sample_result, tmp_path):
    notat = build_notat(select(sample_result, Selection(), default_round=LATEST), date=DAY)
    source = tmp_path / "notat.docx"
    source.write_bytes(render_docx(notat))
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / "notat.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stderr[-2000:]
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    assert 3 <= len(reader.pages) <= 8
    assert set(sizes(reader)) <= {A4, A4[::-1]}
    text = "".join(p.extract_text() for p in reader.pages)
    # The theme sections are numbered under 3 (their order follows how many bodies spoke to each theme).
    assert "Administrationens bemærkninger" in text and re.search(r"\b3\.1 [A-ZÆØÅ]", text)
    assert re.search(r"\b3\.\d Sagsantal og ressourcer", text)
