#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium and its driver for the browser tests, if missing.
# The tests drive the system browser (/usr/bin/chromium); nothing downloads a browser of its own.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi
echo "    installing chromium and chromium-driver from Debian's packages"
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
/usr/bin/chromium --version
