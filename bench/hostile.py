"""Benchmark of hostile input: the slow and expanding cases of issue 16 against ordinary files.

Writes one folder of hostile files (blanks after a street number, a run of
quote marks, a 300 KB letter with single line breaks, long runs of blanks
after a phone cue and inside a header value, a marker line of repeated date
words, 200,000 one-word bullets, a PDF of 500 pages sharing one content
stream) and one folder of ordinary responses of the same total size, then
analyses each in a fresh process (blank pipeline, no cache, loading not
counted) and reports both times, their ratio and the peak memory. The target:
the hostile folder within 2x the time of the ordinary one, memory bounded.

    python bench/hostile.py              # prints the line and writes it into bench/RESULTS.md
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PROSE = (
    "Vi støtter planen og den tidlige indsats for sygemeldte borgere. "
    "Der er dog behov for flere ressourcer, hvis sagsantallet skal ned. "
    "Rådet ønsker, at virksomhederne inddrages i opkvalificeringen."
)
TARGET = 2.0
SECTION = "## Hostile input"


def shared_stream_pdf(pages: int = 500) -> bytes:
    """A small PDF whose pages all draw one content stream (fpdf2 and pypdf write it)."""
    from fpdf import FPDF
    from pypdf import PdfReader, PdfWriter

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 5, (PROSE.replace("ø", "o").replace("å", "a").replace("æ", "ae") + " ") * 30)
    page = PdfReader(io.BytesIO(bytes(pdf.output()))).pages[0]
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def hostile_files() -> dict[str, bytes]:
    letter = "\n".join(PROSE[i : i + 70] for i in range(0, len(PROSE), 70))
    return {
        "adresse.txt": ("Vi bor på Nørregade 12" + " " * 5000 + "\n").encode(),
        "citater.txt": ("'\" " * 20000).encode(),
        "brev.txt": ((letter + "\n") * (300_000 // (len(letter) + 1))).encode(),
        "telefon.txt": ("Ring på tlf" + " " * 100_000 + "x\n").encode(),
        "hoved.txt": ("---\nbody: a" + " " * 100_000 + "b\n---\nVi støtter planen.\n").encode(),
        "markoer.txt": ("Referat fra a" + " den a" * 25_000 + "\n").encode(),
        "punkter.txt": ("- a\n" * 200_000).encode(),
        "sider.pdf": shared_stream_pdf(),
    }


def ordinary_files(total: int) -> dict[str, bytes]:
    """Ordinary responses of about 20 KB each, `total` bytes in all."""
    paragraph = (PROSE + " ") * 3 + "\n\n"
    one = ("Lokalt Arbejdsmarkedsråd har drøftet planen.\n\n" + paragraph * 40).encode()
    return {f"svar_{n:03d}.txt": one for n in range(max(1, total // len(one)))}


def measure(folder: str) -> dict[str, float]:
    """In a fresh process: the analysis of `folder`, timed, and the peak memory."""
    import hoering
    from hoering.nlp import build_pipeline

    pipeline = build_pipeline("blank")
    started = time.perf_counter()
    result = hoering.analyse(folder, model=pipeline, corrections=False, keep_tokens=False)
    took = time.perf_counter() - started
    peak = 0.0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) / 1024
    skipped = {f.path: f.reason for f in result.files if f.status.value == "skipped"}
    return {"seconds": took, "peak_mb": peak, "positions": len(result.items), "skipped": skipped}


def run(folder: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--measure", str(folder)], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.splitlines()[-1])


def main() -> None:
    if sys.argv[1:2] == ["--measure"]:
        print(json.dumps(measure(sys.argv[2])))
        return
    with tempfile.TemporaryDirectory(prefix="hoering-hostile-") as tmp:
        hostile, ordinary = Path(tmp) / "hostile", Path(tmp) / "ordinary"
        files = hostile_files()
        size = sum(len(data) for data in files.values())
        for folder, content in ((hostile, files), (ordinary, ordinary_files(size))):
            folder.mkdir()
            for name, data in content.items():
                (folder / name).write_bytes(data)
        bad, good = run(hostile), run(ordinary)
    ratio = bad["seconds"] / good["seconds"]
    verdict = "met" if ratio <= TARGET else "**not met**"
    skipped = ", ".join(f"{name} ({reason.split(':')[0]})" for name, reason in sorted(bad["skipped"].items()))
    line = (
        f"- hostile: {len(files)} files, {size / 1e6:.1f} MB, in {bad['seconds']:.1f} s and {bad['peak_mb']:.0f} MB peak; "
        f"ordinary files of the same size: {good['seconds']:.1f} s and {good['peak_mb']:.0f} MB; "
        f"ratio {ratio:.2f} (target at most {TARGET:.0f}x: {verdict}); "
        f"skipped: {skipped or 'none'}"
    )
    print(line)
    results = HERE / "RESULTS.md"
    text = results.read_text(encoding="utf-8")
    block = f"{SECTION}\n\nMade by `python bench/hostile.py` (`make bench-hostile`).\n\n{line}\n"
    if SECTION in text:
        text = re.sub(rf"{re.escape(SECTION)}\n.*?(?=\n## |\Z)", block.rstrip("\n") + "\n", text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + block
    results.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
