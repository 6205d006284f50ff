#!/usr/bin/env bash
# Builds Depwatch's release artifacts into dist/: for each target, the `depwatch` CLI and the self-contained server,
# each as an archive, and SHA256SUMS over them. Everything is published by scripts/publish.sh, as the Dockerfile's
# image is.
#
#   scripts/release.sh                          # every target: linux-x64 linux-arm64 osx-arm64 win-x64
#   scripts/release.sh linux-x64 win-x64        # only these
#
# On Linux x64 the linux-x64 CLI is Native AOT; the other targets' CLIs are self-contained single-file builds (see
# docs/native-cli.md). Archives are tar.gz, zip for Windows; each unpacks into one folder named like the archive.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(linux-x64 linux-arm64 osx-arm64 win-x64)
fi
version=$(git describe --tags --always --dirty 2>/dev/null || echo dev)
dist="$root/dist"
staging=$(mktemp -d -t depwatch-release.XXXXXX)
trap 'rm -rf "$staging"' EXIT
export DEPWATCH_ARTIFACTS_PATH="$staging/artifacts"
rm -rf "$dist"
mkdir -p "$dist"

package() {
  local name=$1 rid=$2
  if [ "${rid%%-*}" = win ]; then
    (cd "$staging" && zip -qr "$dist/$name.zip" "$name")
  else
    tar -czf "$dist/$name.tar.gz" -C "$staging" "$name"
  fi
}

for rid in "${targets[@]}"; do
  echo "==> $rid: depwatch (CLI)"
  "$root/scripts/publish.sh" cli "$rid" "$staging/depwatch-$version-$rid"
  package "depwatch-$version-$rid" "$rid"
  echo "==> $rid: depwatch-server"
  "$root/scripts/publish.sh" server "$rid" "$staging/depwatch-server-$version-$rid"
  package "depwatch-server-$version-$rid" "$rid"
done

(cd "$dist" && sha256sum -- * > SHA256SUMS)
echo "==> dist/:"
(cd "$dist" && ls -l)
