#!/usr/bin/env bash
# Debian's Chromium for the browser tests; never a browser a tool downloads itself.
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  echo "== setup: installing Debian's chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
