"""Benchmark: hoering against the bare spaCy pipeline on generated corpora.

Builds corpora of N responses by recombining the sentences of the sample
corpus (fixed seed; 150-1,500 words each; several bodies; two rounds), then,
for each size, each in a fresh process: the wall time of `hoering.analyse`
with an empty cache, words per second, peak memory (RSS), and the time of
`nlp.pipe` over the same texts with the same pipeline and no hoering work;
the time with one worker process per core; and the second run, from the
cache. Writes bench/RESULTS.md.

    python bench/bench.py                 # 100, 1000 and 10000 responses
    python bench/bench.py --sizes 100 1000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = 20261123
BODIES = [
    ("Lokalt Arbejdsmarkedsråd", "raad"),
    ("FagMED", "med"),
    ("Sektor MED", "med"),
    ("Ledergruppen", "ledelse"),
    ("Handicaprådet", "raad"),
    ("3F", "fagforening"),
    ("Dansk Erhverv", "erhverv"),
]
ROUNDS = ["2022", "2023"]


def sentences() -> list[str]:
    """The sentences of the sample corpus, as the tool cuts them."""
    import hoering

    result = hoering.analyse(ROOT / "corpus", model="blank", corrections=False)
    return [p.text for p in result.items if len(p.text.split()) >= 4]


def build(folder: Path, size: int, pool: list[str]) -> int:
    """Write `size` responses into `folder`; return the number of words."""
    rng = random.Random(SEED + size)
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for n in range(size):
        body, body_type = rng.choice(BODIES)
        target = rng.randint(150, 1500)
        lines = [f"---\nbody: {body}\nbody_type: {body_type}\nround: {rng.choice(ROUNDS)}\n---\n"]
        count = 0
        while count < target:
            if rng.random() < 0.15:
                lines.append(f"\nIndsatsområde {rng.randint(1, 9)}\n")
            paragraph = [rng.choice(pool) for _ in range(rng.randint(2, 6))]
            bullet = rng.random() < 0.3
            lines.append("\n".join(f"- {s}" for s in paragraph) if bullet else " ".join(paragraph))
            lines.append("")
            count += sum(len(s.split()) for s in paragraph)
        (folder / f"svar_{n:05d}.txt").write_text("\n".join(lines), encoding="utf-8")
        words += count
    return words


def measure(folder: str, mode: str, cache: str) -> dict[str, float]:
    """Run in a fresh process: one analysis of `folder` as `mode` says, timed.

    first:  one process, a cold cache (as `hoering analyse` runs by default), then
            the bare pipeline on the same texts;
    jobs:   one worker process per core, no cache;
    second: one process, the cache `first` wrote.
    """
    import hoering
    from hoering.corpus import read_corpus
    from hoering.models import Document
    from hoering.nlp import build_pipeline

    started = time.perf_counter()
    pipeline = build_pipeline("blank")
    figures: dict[str, float] = {"load": time.perf_counter() - started, "rss_base_mb": _rss_mb("VmRSS")}
    options = {
        "first": {"cache": cache},
        "jobs": {"jobs": os.cpu_count() or 1},
        "second": {"cache": cache},
    }[mode]
    started = time.perf_counter()
    result = hoering.analyse(folder, model=pipeline, corrections=False, keep_tokens=False, **options)
    figures.update(
        total=time.perf_counter() - started,
        rss_mb=_rss_mb(),
        rss_end_mb=_rss_mb("VmRSS"),
        positions=len(result.items),
    )
    figures["cached"] = result.cached or 0
    if mode == "first":
        del result
        texts = [d.text[d.body_start :] for d in read_corpus(folder) if isinstance(d, Document)]
        started = time.perf_counter()
        for _ in pipeline.nlp.pipe(texts, batch_size=64):
            pass
        figures["spacy"] = time.perf_counter() - started
    return figures


def _rss_mb(kind: str = "VmHWM") -> float:
    """Resident memory of this process in MB: the peak so far (VmHWM) or now (VmRSS)."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith(f"{kind}:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--measure", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--rewrite", action="store_true", help="write RESULTS.md again from bench/results.json")
    args = parser.parse_args()
    if args.rewrite:
        saved = json.loads((HERE / "results.json").read_text(encoding="utf-8"))
        write_results(saved["rows"], saved["load"])
        return
    if args.measure:
        print(json.dumps(measure(*args.measure)))
        return
    pool = sentences()
    rows = []
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="hoering-bench-") as tmp:
        for size in args.sizes:
            folder = Path(tmp) / str(size)
            cache = Path(tmp) / f"cache-{size}"
            words = build(folder, size, pool)
            figures: dict[str, float] = {"size": size, "words": words}
            for mode in ("first", "jobs", "second"):
                out = subprocess.run(
                    [sys.executable, __file__, "--measure", str(folder), mode, str(cache)],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                measured = json.loads(out.stdout.strip().splitlines()[-1])
                figures.update({f"{mode}_{k}": v for k, v in measured.items()})
            rows.append(figures)
            load = max(load, os.getloadavg()[0])
            print(
                f"{size:>6} responses {words:>10,} words: hoering {figures['first_total']:.1f} s, "
                f"spaCy alone {figures['first_spacy']:.1f} s, ratio {figures['first_total'] / figures['first_spacy']:.2f}, "
                f"peak RSS {figures['first_rss_mb']:.0f} MB; {os.cpu_count()} jobs {figures['jobs_total']:.1f} s; "
                f"second run {figures['second_total']:.1f} s ({figures['second_cached']:.0f} cached)",
                flush=True,
            )
    write_results(rows, load)


def write_results(rows: list[dict[str, float]], load: float) -> None:
    import pandas
    import spacy

    import hoering

    cores = os.cpu_count()
    lines = [
        "# Benchmark results",
        "",
        "Made by `make bench` (bench/bench.py): generated corpora recombining the sample corpus's",
        "sentences (fixed seed, 150-1,500 words per response, 7 bodies, 2 rounds), blank Danish",
        "pipeline with lookup lemmas. Each figure comes from a fresh process; pipeline loading is",
        "not counted.",
        "",
        "- **first run**: `analyse` in one process with an empty cache, as `hoering analyse` runs by",
        "  default (cache entries are written). **spaCy alone** is `nlp.pipe` over the same texts",
        "  with the same pipeline and no hoering work; **ratio** is first run over spaCy alone.",
        f"- **{cores} jobs**: `analyse(..., jobs={cores})` (one worker per core), no cache.",
        "- **second run**: one process, every file found in the cache the first run wrote.",
        "- **peak RSS**: the first run's process, maximum resident memory, pipeline and lookup",
        "  tables included; **base** is its resident memory right after loading the pipeline, so",
        "  peak minus base is what the analysis and its result take.",
        "",
        f"- machine: {cores} cores, {platform.machine()}, {platform.system()} {platform.release()};"
        f" highest 1-minute load average seen during the run: {load:.1f}"
        + (" (other processes were running: times are noisy)" if load > 0.5 else ""),
        f"- Python {platform.python_version()}, spaCy {spacy.__version__}, pandas {pandas.__version__},"
        f" hoering {hoering.__version__}",
        f"- date: {time.strftime('%Y-%m-%d')}",
        "",
        "| responses | words | positions | first run (s) | words/s | spaCy alone (s) | ratio"
        f" | {cores} jobs (s) | second run (s) | speed-up | peak RSS (MB) | base (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['size']:,} | {r['words']:,} | {r['first_positions']:,} | {r['first_total']:.1f}"
            f" | {r['words'] / r['first_total']:,.0f} | {r['first_spacy']:.1f}"
            f" | {r['first_total'] / r['first_spacy']:.2f} | {r['jobs_total']:.1f} | {r['second_total']:.2f}"
            f" | {r['first_total'] / r['second_total']:.0f}x | {r['first_rss_mb']:.0f} | {r['first_rss_base_mb']:.0f} |"
        )
    lines += ["", "## Targets", "", *targets(rows)]
    notes = ""
    if (HERE / "RESULTS.md").is_file():  # the hand-written notes below the figures stay
        old = (HERE / "RESULTS.md").read_text(encoding="utf-8")
        notes = old[old.index(NOTES) :] if NOTES in old else ""
    (HERE / "RESULTS.md").write_text("\n".join(lines) + "\n" + ("\n" + notes if notes else ""), encoding="utf-8")
    (HERE / "results.json").write_text(json.dumps({"load": load, "rows": rows}, indent=1) + "\n", encoding="utf-8")


NOTES = "## Notes"


def targets(rows: list[dict[str, float]]) -> list[str]:
    """Each target, met or not, and by how much."""

    def verdict(ok: bool) -> str:
        return "met" if ok else "**not met**"

    lines = []
    for r in rows:
        ratio = r["first_total"] / r["first_spacy"]
        speedup = r["first_total"] / r["second_total"]
        lines.append(
            f"- {r['size']:,} responses: time {ratio:.2f}x bare spaCy (target at most 1.5x: {verdict(ratio <= 1.5)});"
            f" second run {speedup:.0f}x faster (target at least 10x: {verdict(speedup >= 10)});"
            f" peak RSS {r['first_rss_mb']:.0f} MB (target under 1,024 MB: {verdict(r['first_rss_mb'] < 1024)})"
        )
        if r["size"] >= 10000:
            lines.append(
                f"- {r['size']:,} responses in one process: {r['first_total']:.0f} s"
                f" (target under 180 s: {verdict(r['first_total'] < 180)});"
                f" with {os.cpu_count()} jobs: {r['jobs_total']:.0f} s ({verdict(r['jobs_total'] < 180)})"
            )
    for r in rows:
        held = r["first_rss_end_mb"] - r["first_rss_base_mb"]
        lines.append(
            f"- {r['size']:,} responses: the result (positions, frames) holds {held:.0f} MB above the loaded"
            f" pipeline at the end of the run, {held * 1024 / r['first_positions']:.1f} KB per position"
        )
    return lines


if __name__ == "__main__":
    main()
