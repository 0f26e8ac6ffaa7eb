#!/usr/bin/env bash
# Debian packages the build and the tests use, installed only when missing:
# the three browser engines the tests run in (never a browser a tool downloads
# itself): Chromium with its driver, Firefox ESR, and WebKitGTK's WebDriver with
# Xvfb for its window; the Noto CJK fonts the PDF font is cut from; and the PDF
# tools the PDF tests run (pdftotext and pdftoppm from poppler, qpdf, zbarimg).
set -euo pipefail
packages=(chromium chromium-driver firefox-esr webkit2gtk-driver xvfb fonts-noto-cjk poppler-utils qpdf zbar-tools)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "== setup: installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
