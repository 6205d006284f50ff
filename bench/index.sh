#!/usr/bin/env bash
# Benchmarks loading a full Debian main package index, as the server does for each release SBOMs name and as
# `depwatch scan --package-index` does: load time and peak memory for the plain, .gz and .xz forms.
#
#   ./bench/index.sh              # 5 runs per form
#   ./bench/index.sh --runs 3
#
# The index comes from this machine's apt lists (run `apt-get update` first if /var/lib/apt/lists has no
# *_main_binary-amd64_Packages*); the compressed forms are made with gzip and xz into bench/results/index/ (git-ignored).
# A benchmark, not a test: scripts/test.sh and CI never run it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
work="$root/bench/results/index"
artifacts="$root/bench/results/artifacts"
mkdir -p "$work"

list=$(ls /var/lib/apt/lists/*_dists_*_main_binary-amd64_Packages* 2>/dev/null | grep -v -- '-updates_\|-security_' | head -n1 || true)
if [[ -z "$list" ]]; then
  echo "No Debian main index in /var/lib/apt/lists: run apt-get update first." >&2
  exit 1
fi
echo "==> Index: $list"
/usr/lib/apt/apt-helper cat-file "$list" > "$work/Packages"
gzip -9 -n -c "$work/Packages" > "$work/Packages.gz"
xz -6 -T1 -c "$work/Packages" > "$work/Packages.xz"

echo "==> Building the benchmark (Release)"
dotnet build bench/Depwatch.IndexBench -c Release --artifacts-path "$artifacts" --nologo -v quiet

echo "==> Running (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
"$artifacts/bin/Depwatch.IndexBench/release/Depwatch.IndexBench" "$@" "$work/Packages" "$work/Packages.gz" "$work/Packages.xz" | tee "$work/results.md"
echo "    load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
