#!/usr/bin/env bash
# Rebuild the screenshots README shows: the sample corpus's notat (latest round)
# as HTML in headless chromium, and as .docx printed by LibreOffice.
# Needs: apt-get install chromium libreoffice-writer-nogui poppler-utils; make setup.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

.venv/bin/hoering report corpus --out "$tmp/notat.html" --model blank --date 2024-05-01 --quiet
.venv/bin/hoering report corpus --out "$tmp/notat.docx" --model blank --date 2024-05-01 --quiet

chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,1500 \
  --screenshot="$tmp/html.png" "file://$tmp/notat.html" 2>/dev/null
soffice --headless --convert-to pdf --outdir "$tmp" "$tmp/notat.docx" >/dev/null 2>&1
pdftoppm -r 70 -f 1 -l 2 -png "$tmp/notat.pdf" "$tmp/page"

.venv/bin/python - "$tmp" <<'EOF'
import sys
from pathlib import Path

from PIL import Image

tmp = Path(sys.argv[1])
pages = [Image.open(p).convert("RGB") for p in sorted(tmp.glob("page-*.png"))]
gap = 16
sheet = Image.new("RGB", (sum(p.width for p in pages) + gap * (len(pages) + 1), max(p.height for p in pages) + 2 * gap), "#d6dbe1")
x = gap
for page in pages:
    sheet.paste(page, (x, gap))
    x += page.width + gap
sheet.save("docs/notat-docx.png", optimize=True)
Image.open(tmp / "html.png").convert("RGB").save("docs/notat-html.png", optimize=True)
EOF
echo "wrote docs/notat-docx.png docs/notat-html.png"
