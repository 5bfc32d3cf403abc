"""Benchmark: hoering against the bare spaCy pipeline on generated corpora.

Builds corpora of N responses by recombining the sentences of the sample
corpus (fixed seed; 150-1,500 words each; several bodies; two rounds), then,
for each size, in a fresh process: the wall time of `hoering.analyse`, words
per second, peak memory (RSS), and the time of `nlp.pipe` over the same texts
with the same pipeline and no hoering work. Writes bench/RESULTS.md.

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


def measure(folder: str) -> dict[str, float]:
    """Run in a fresh process: analyse, then the bare pipeline on the same texts."""
    import hoering
    from hoering.corpus import read_corpus
    from hoering.models import Document
    from hoering.nlp import build_pipeline

    started = time.perf_counter()
    pipeline = build_pipeline("blank")
    load = time.perf_counter() - started
    started = time.perf_counter()
    result = hoering.analyse(folder, model=pipeline, corrections=False, keep_tokens=False)
    total = time.perf_counter() - started
    rss_analyse = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    texts = [d.text[d.body_start :] for d in read_corpus(folder) if isinstance(d, Document)]
    started = time.perf_counter()
    for _ in pipeline.nlp.pipe(texts, batch_size=64):
        pass
    spacy_only = time.perf_counter() - started
    return {
        "load": load,
        "total": total,
        "spacy": spacy_only,
        "positions": len(result.items),
        "rss_mb": rss_analyse,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    pool = sentences()
    rows = []
    with tempfile.TemporaryDirectory(prefix="hoering-bench-") as tmp:
        for size in args.sizes:
            folder = Path(tmp) / str(size)
            words = build(folder, size, pool)
            out = subprocess.run(
                [sys.executable, __file__, "--measure", str(folder)], check=True, capture_output=True, text=True
            )
            figures = json.loads(out.stdout.strip().splitlines()[-1])
            figures.update(size=size, words=words)
            rows.append(figures)
            print(
                f"{size:>6} responses {words:>10,} words: hoering {figures['total']:.1f} s, "
                f"spaCy alone {figures['spacy']:.1f} s, ratio {figures['total'] / figures['spacy']:.2f}, "
                f"peak RSS {figures['rss_mb']:.0f} MB",
                flush=True,
            )
    write_results(rows)


def write_results(rows: list[dict[str, float]]) -> None:
    import pandas
    import spacy

    import hoering

    lines = [
        "# Benchmark results",
        "",
        "Made by `make bench` (bench/bench.py): generated corpora recombining the sample corpus's",
        "sentences (fixed seed, 150-1,500 words per response, 7 bodies, 2 rounds), blank Danish",
        "pipeline with lookup lemmas, one process, no cache. `spaCy alone` is `nlp.pipe` over the",
        "same texts with the same pipeline; the ratio is hoering's total time over it. Peak RSS is",
        "the analysing process's maximum resident memory (pipeline and lookup tables included).",
        "",
        f"- machine: {os.cpu_count()} cores, {platform.machine()}, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}, spaCy {spacy.__version__}, pandas {pandas.__version__},"
        f" hoering {hoering.__version__}",
        f"- date: {time.strftime('%Y-%m-%d')}",
        "",
        "| responses | words | positions | hoering total (s) | words/s | spaCy alone (s) | ratio | peak RSS (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['size']:,} | {r['words']:,} | {r['positions']:,} | {r['total']:.1f} | {r['words'] / r['total']:,.0f}"
            f" | {r['spacy']:.1f} | {r['total'] / r['spacy']:.2f} | {r['rss_mb']:.0f} |"
        )
    (HERE / "RESULTS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
