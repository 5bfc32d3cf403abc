"""The HTML report in a real browser: headless Debian chromium renders it without errors.

Skipped where chromium is not installed (`apt-get install chromium`; .ci/run does it).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from hoering.report import render_html

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium); the browser test needs it"
)

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--window-size=1280,2000",
]

# Appended to a copy of the report only: measures what the browser laid out and
# writes it into the DOM, where --dump-dom shows it.
PROBE = """<script>
(() => {
  const svg = document.querySelector('svg.heatmap');
  const box = svg.getBoundingClientRect();
  const out = {
    heatmap: [box.width, box.height],
    cells: document.querySelectorAll('svg.heatmap g.cell rect').length,
    labels: Array.from(svg.querySelectorAll('text')).filter(t => t.getBBox().width > 0).length,
    themes: Array.from(document.querySelectorAll('section.theme')).map(
      s => [s.id, s.getBoundingClientRect().height, s.querySelectorAll('blockquote').length, s.innerText.trim().length]),
  };
  const pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>"""


def chromium(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def console_errors(stderr: str) -> list[str]:
    """Lines where the page logged to the console or failed: uncaught errors, failed loads."""
    return [
        line
        for line in stderr.splitlines()
        if ":CONSOLE" in line or "Uncaught" in line or "Failed to load resource" in line
    ]


@pytest.fixture(scope="module")
def report_file(sample_result, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_html(sample_result, date=dt.date(2024, 5, 1)), encoding="utf-8")
    return path


def test_heatmap_and_every_theme_section_render_with_content(sample_result, report_file, tmp_path):
    probe = tmp_path / "probe.html"
    probe.write_text(report_file.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    done = chromium(probe, tmp_path / "profile", "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    found = re.search(r"<pre id=\"probe\">(.*?)</pre>", done.stdout)
    assert found, done.stdout[-2000:]
    measured = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    width, height = measured["heatmap"]
    assert width > 600 and height > 300
    touched = [t for t in sample_result.rules.codebook.ids if any(t in p.theme_ids for p in sample_result.items)]
    assert measured["cells"] == len(touched) * len(sample_result.bodies)
    assert measured["labels"] > len(touched) + len(sample_result.bodies)
    assert [section[0] for section in measured["themes"]] == [f"theme-{t}" for t in touched]
    for theme_id, section_height, quotes, text in measured["themes"]:
        assert section_height > 40 and quotes >= 1 and text > 40, theme_id


def test_report_shows_without_console_errors_and_a_screenshot_is_saved(report_file, tmp_path):
    shot = tmp_path / "report.png"
    done = chromium(report_file, tmp_path / "profile", "--enable-logging=stderr", "--v=0", f"--screenshot={shot}")
    assert done.returncode == 0, done.stderr[-2000:]
    assert console_errors(done.stderr) == []
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert struct.unpack(">II", data[16:24]) == (1280, 2000)
    assert len(data) > 50_000  # a blank page compresses to a few kilobytes


def test_the_console_check_catches_a_script_error(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><meta charset='utf-8'><p>x</p><script>notDefined();</script>", encoding="utf-8")
    done = chromium(page, tmp_path / "profile", "--enable-logging=stderr", "--v=0", "--dump-dom")
    assert any("notDefined" in line for line in console_errors(done.stderr)), done.stderr[-2000:]
