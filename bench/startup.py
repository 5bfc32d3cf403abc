"""Benchmark: the command as a user runs it, start-up included.

Times, each as a fresh `hoering` process (median of --repeat runs):

- `hoering --help` and `hoering --version`;
- `hoering analyse FOLDER --quiet --out OUT` with an empty cache (first run) and
  again with the cache the first run wrote (cached re-run), on the sample corpus
  and on generated corpora of 200 and 1,000 responses (bench.py's generator);
- for scale, `python -c pass` (the interpreter alone) on the same machine.

Beside each wall time the CPU time (user + system) of the process: on a shared
machine the wall time of a short command grows with the load, its CPU time far
less. The machine is shared and its load varies, so the targets are judged on
ratios taken in one run; the 1-minute load average is sampled between steps. The package runs from byte-code, as a pip install leaves it:
PYTHONDONTWRITEBYTECODE is dropped for the timed processes and their byte-code
goes to a scratch folder (PYTHONPYCACHEPREFIX), written by one untimed run of
each command first. Writes bench/STARTUP.md.

    python bench/startup.py
    python bench/startup.py --sizes 200 --repeat 3
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
HOERING = Path(sys.executable).parent / "hoering"


Timing = tuple[float, float]  # (wall, CPU) seconds


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed(args: list[str], env: dict[str, str], repeat: int) -> Timing:
    """The median wall time and median CPU time of `args` over `repeat` runs, in seconds."""
    walls, cpus = [], []
    for _ in range(repeat):
        cpu = _children_cpu()
        started = time.perf_counter()
        subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - started)
        cpus.append(_children_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def first_and_cached(folder: Path, work: Path, env: dict[str, str], repeat: int) -> tuple[Timing, Timing]:
    """Median first-run and cached re-run times of `hoering analyse folder`."""
    firsts, cached = [], []
    for n in range(repeat):
        cache = work / f"cache-{folder.name}-{n}"
        run_env = {**env, "HOERING_CACHE_DIR": str(cache)}
        args = [str(HOERING), "analyse", str(folder), "--quiet", "--out", str(work / "out")]
        firsts.append(timed(args, run_env, 1))
        cached.append(timed(args, run_env, 1))
        shutil.rmtree(cache, ignore_errors=True)
    return _median(firsts), _median(cached)


def _median(timings: list[Timing]) -> Timing:
    return statistics.median(t[0] for t in timings), statistics.median(t[1] for t in timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows: list[tuple[str, Timing, Timing]] = []
    with tempfile.TemporaryDirectory(prefix="hoering-startup-") as tmp:
        work = Path(tmp)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(COLUMNS="100", PYTHONPYCACHEPREFIX=str(work / "pycache"))
        warm = {**env, "HOERING_CACHE_DIR": str(work / "cache-warm")}
        timed([str(HOERING), "--help"], warm, 1)  # untimed: writes the byte-code
        timed([str(HOERING), "analyse", str(ROOT / "corpus"), "--quiet", "--out", str(work / "out")], warm, 1)
        loads = [os.getloadavg()[0]]
        python = timed([sys.executable, "-c", "pass"], env, args.repeat)
        help_time = timed([str(HOERING), "--help"], env, args.repeat)
        version_time = timed([str(HOERING), "--version"], env, args.repeat)
        loads.append(os.getloadavg()[0])
        rows.append(("sample corpus (5)", *first_and_cached(ROOT / "corpus", work, env, args.repeat)))
        loads.append(os.getloadavg()[0])
        if args.sizes:
            import bench

            pool = bench.sentences()
            for size in args.sizes:
                folder = work / f"corpus-{size}"
                bench.build(folder, size, pool)
                rows.append((f"{size:,} responses", *first_and_cached(folder, work, env, max(1, args.repeat - 2))))
                loads.append(os.getloadavg()[0])
    write(python, help_time, version_time, rows, loads)


def write(
    python: Timing, help_time: Timing, version_time: Timing, rows: list[tuple[str, Timing, Timing]], loads: list[float]
) -> None:
    import hoering

    lines = [
        "# Start-up and cached re-runs",
        "",
        "Made by `python bench/startup.py`: wall times of the `hoering` command in fresh",
        "processes, start-up included, median of repeated runs. The machine is shared, so",
        "compare the ratios of one run rather than seconds across runs. The package runs",
        "from byte-code, as a pip install leaves it (written by an untimed run first).",
        "",
        f"- machine: {os.cpu_count()} cores, {platform.machine()}, {platform.system()} {platform.release()}; "
        f"1-minute load average seen: {min(loads):.1f} to {max(loads):.1f}",
        f"- Python {platform.python_version()}, hoering {hoering.__version__}; date: {time.strftime('%Y-%m-%d')}",
        "",
        "| command | wall (s) | CPU (s) |",
        "|---|---:|---:|",
        f"| `python -c pass` (the interpreter alone) | {python[0]:.2f} | {python[1]:.2f} |",
        f"| `hoering --help` | {help_time[0]:.2f} | {help_time[1]:.2f} |",
        f"| `hoering --version` | {version_time[0]:.2f} | {version_time[1]:.2f} |",
        "",
        "| `hoering analyse` on | first run (s) | cached re-run (s) | speed-up | first run CPU (s) | cached CPU (s) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {name} | {first[0]:.2f} | {cached[0]:.2f} | {first[0] / cached[0]:.1f}x | {first[1]:.2f} | {cached[1]:.2f} |"
        for name, first, cached in rows
    ]
    sample = rows[0][2][0]
    lines += [
        "",
        "## Targets",
        "",
        f"- `hoering --help` under 0.3 s: {help_time[0]:.2f} s ({'met' if help_time[0] < 0.3 else '**not met**'}; "
        f"{help_time[0] / python[0]:.1f}x the bare interpreter)",
        f"- cached re-run on the sample corpus under 0.8 s: {sample:.2f} s ({'met' if sample < 0.8 else '**not met**'})",
    ]
    lines += [
        f"- cached re-run on {name} at least 10x faster than the first: {first[0] / cached[0]:.1f}x "
        f"({'met' if first[0] / cached[0] >= 10 else '**not met**'})"
        for name, first, cached in rows[1:]
    ]
    out = HERE / "STARTUP.md"
    notes = kept_notes(out)
    print("\n".join(lines))
    text = "\n".join(lines) + "\n" + (f"\n{NOTES}\n\n{notes}\n" if notes else "")
    tmp = out.with_suffix(".md.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)


NOTES = "## Notes"


def kept_notes(path: Path) -> str:
    """The hand-written notes under NOTES in the last STARTUP.md, kept across runs."""
    if not path.exists():
        return ""
    _, found, notes = path.read_text(encoding="utf-8").partition(f"\n{NOTES}\n")
    return notes.strip() if found else ""


if __name__ == "__main__":
    main()
