#!/usr/bin/env bash
# Renders the CLI's real output for the example enterprise into
# docs/screenshot-cli.png, the README's screenshot. Needs Debian's imagemagick
# and fonts-noto-cjk (installed here if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v convert >/dev/null || ! convert -version 2>/dev/null | grep -q ImageMagick || ! fc-list | grep -q "Noto Sans Mono CJK SC"; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq imagemagick fonts-noto-cjk >/dev/null
fi
python3 -c "import fontTools" 2>/dev/null || pip install -q fonttools
# ImageMagick reads only the first face of a font collection, which in Debian's
# NotoSansCJK-Regular.ttc is the proportional Japanese one; the monospaced
# Simplified Chinese face (index 7) is written out on its own so that columns align.
font=$(mktemp --suffix=.otf)
python3 -c "from fontTools.ttLib import TTCollection; TTCollection('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc').fonts[7].save('$font')"
cargo build --release --locked -p chanjiao-cli
out=$(mktemp)
{
  echo "\$ chanjiao evaluate --answers examples/enterprise.json --on 2025-06-30"
  target/release/chanjiao evaluate --answers examples/enterprise.json --on 2025-06-30 --format table | head -n 62
} > "$out"
# ImageMagick's policy forbids reading label text from a file, label text treats
# % as an escape, and its multi-line layout fails on some lines of box drawing;
# so each line is rendered on its own, with % doubled, and the lines are stacked.
# Long reason lines are wrapped at 120 display columns, a CJK character counting two.
dir=$(mktemp -d)
python3 - "$out" > "$dir/lines.txt" <<'PY'
import sys, unicodedata
def width(c):
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1
for line in open(sys.argv[1], encoding="utf-8").read().splitlines():
    current, used = "", 0
    for c in line:
        if used + width(c) > 120:
            print(current)
            current, used = "    ", 4
        current += c
        used += width(c)
    # ImageMagick trims leading spaces and refuses a label with no width.
    stripped = current.lstrip(" ")
    print("\u00a0" * (len(current) - len(stripped)) + stripped.rstrip() if stripped.strip() else "\u3000")
PY
n=0
while IFS= read -r line; do
  n=$((n + 1))
  convert -background '#101418' -fill '#e8e8e8' -font "$font" -pointsize 15 \
    "label:${line//%/%%}" "$dir/$(printf '%04d' "$n").png"
done < "$dir/lines.txt"
convert "$dir"/0*.png -background '#101418' -append -bordercolor '#101418' -border 24 docs/screenshot-cli.png
rm -rf "$dir" "$out" "$font"
echo "wrote docs/screenshot-cli.png"
