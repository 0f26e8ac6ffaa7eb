#!/usr/bin/env python3
"""Makes the font the application PDFs are written in, reproducibly.

Source: Noto Sans CJK SC Regular (SIL Open Font License 1.1), face 2 of
Debian's fonts-noto-cjk NotoSansCJK-Regular.ttc (face 0 is Japanese). Kept:
every character of GB2312, printable ASCII, CJK symbols and punctuation,
full-width forms, general punctuation, the symbols the forms print (× ÷ ¥ □ ·)
and the .notdef glyph. Dropped: layout tables (the PDF writer places glyphs
one by one), vertical metrics and hinting, none of which a PDF needs. The name
table keeps its copyright and license records, as the OFL asks.

Nothing is downloaded: the font comes from the Debian package, the subsetter
from fontTools (PyPI, pinned in scripts/setup.sh). The copyright and OFL text
go beside the font, as OUTPUT's stem + .LICENSE.txt. The result's SHA-256 is
pinned below; a different one fails, so a changed input is noticed rather than
shipped. Usage: make-font.py OUTPUT
"""

import hashlib
import os
import sys

from fontTools import subset, version as fonttools_version
from fontTools.ttLib import TTFont

SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
# Debian's copyright file for the package: the font's copyright and the OFL text,
# which must travel with the font.
LICENSE = "/usr/share/doc/fonts-noto-cjk/copyright"
FACE = 2  # Noto Sans CJK SC
FONTTOOLS = "4.68.0"
SHA256 = "78edb68249d2e5df868b9dd5a50449e7ec2f93a77c929530050ec82cafab949e"


def gb2312():
    """Every character GB2312 encodes: rows 0xA1-0xF7, cells 0xA1-0xFE."""
    chars = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def wanted():
    chars = gb2312()
    ranges = [
        (0x20, 0x7E),  # printable ASCII
        (0x2010, 0x2027),  # dashes, quotes, ellipsis, middle dots
        (0x2030, 0x205E),  # per mille, primes, reference marks
        (0x3000, 0x303F),  # CJK symbols and punctuation
        (0xFF01, 0xFF5E),  # full-width ASCII
        (0xFF5F, 0xFF65),  # full-width brackets and half-width punctuation
        (0xFFE0, 0xFFE6),  # full-width signs (￥)
    ]
    for lo, hi in ranges:
        chars.update(chr(c) for c in range(lo, hi + 1))
    # Signs the forms print: times, divide, yen, the placeholder box, middle dot, degree.
    chars.update("×÷¥□·°§№")
    return chars


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make-font.py OUTPUT")
    if fonttools_version != FONTTOOLS:
        sys.exit(f"fontTools {FONTTOOLS} is required (found {fonttools_version}); scripts/setup.sh installs it")
    font = TTFont(SOURCE, fontNumber=FACE, lazy=False, recalcTimestamp=False)
    family = font["name"].getDebugName(4)
    if family != "Noto Sans CJK SC":
        sys.exit(f"face {FACE} of {SOURCE} is {family!r}, not Noto Sans CJK SC")
    cmap = font.getBestCmap()
    text = "".join(sorted(c for c in wanted() if ord(c) in cmap))
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "VORG", "DSIG"]
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keeps copyright (0) and license (13, 14)
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    out = sys.argv[1]
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    font.save(out)
    data = open(out, "rb").read()
    digest = hashlib.sha256(data).hexdigest()
    print(f"{out}: {len(data)} bytes, {len(text)} characters, sha256 {digest}")
    with open(LICENSE, "rb") as src, open(out.rsplit(".", 1)[0] + ".LICENSE.txt", "wb") as dst:
        dst.write(src.read())
    if digest != SHA256:
        sys.exit(f"the font's SHA-256 is {digest}, not the pinned {SHA256}: a different source or fontTools?")


if __name__ == "__main__":
    main()
