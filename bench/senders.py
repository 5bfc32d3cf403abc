"""Measure sender detection on real responses: ../shared/realdev (or REALDEV=folder).

For each file of responses/ the sender found without a manifest is set against
the `sender` column of senders.csv. Both sides go through the registry: the
truth is reduced to a body by taking the text before " – " (an explanatory
tail), then the registry name that spells it whole, else the name before its
bracket ("Lønmodtagersiden (høringssvar publiceret på fho.dk)" ->
Lønmodtagersiden), else the bracket's content. A file matches when both have
the same body_id.

    python bench/senders.py            # neutral file names (svar-NN.txt)
    python bench/senders.py --named    # each file named <sender-slug>.txt
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
from pathlib import Path

from hoering.roster import build_detector
from hoering.senders import truth_body

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--named", action="store_true", help="name each file after its sender's slug")
    parser.add_argument("--verbose", "-v", action="store_true", help="one line per file")
    args = parser.parse_args()
    realdev = Path(os.environ.get("REALDEV", ROOT.parent / "shared" / "realdev"))
    if not (realdev / "senders.csv").is_file():
        print(f"no realdev folder at {realdev}: nothing measured", file=sys.stderr)
        return 0
    detector = build_detector()
    rows = list(csv.DictReader(io.StringIO((realdev / "senders.csv").read_text(encoding="utf-8"))))
    hits = 0
    for row in rows:
        truth = truth_body(row["sender"], detector.registry)
        text = (realdev / "responses" / row["file"]).read_text(encoding="utf-8")
        name = f"{truth.id if truth else 'ukendt'}.txt" if args.named else row["file"]
        found = detector.find(text, filename=name)
        ok = truth is not None and found is not None and found.body_id == truth.id
        hits += ok
        if args.verbose or not ok:
            got = f"{found.name} ({found.evidence()})" if found else "ukendt afsender"
            print(f"{'ok  ' if ok else 'MISS'} {row['file']}: {truth.name if truth else row['sender']} <- {got}")
    mode = "sender-named file names" if args.named else "neutral file names"
    print(f"senders: {hits} of {len(rows)} files match senders.csv ({mode})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
