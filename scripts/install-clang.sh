#!/usr/bin/env bash
# Installs Debian's clang and zlib headers, which Native AOT links the `depwatch` CLI with, if missing.
set -euo pipefail

if command -v clang >/dev/null && [ -f /usr/include/zlib.h ]; then
  exit 0
fi
echo "    installing clang and zlib1g-dev from Debian's packages (Native AOT's linker)" >&2
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang zlib1g-dev >/dev/null
