#!/usr/bin/env bash
# Benchmarks the Depwatch server against a real Trivy server: upload → findings time against `depwatch scan` on the
# same SBOM, ingest throughput, findings-endpoint latency under 32 concurrent clients, and the server's peak memory.
# Prints the figures and writes them to bench/results/server-section.md; docs/benchmarks.md ("Depwatch server")
# holds a recorded run, copied in by hand with its analysis.
#
#   ./bench/server.sh                      # 3 runs per SBOM, 32 clients × 20 requests
#   ./bench/server.sh --runs 5 --clients 32 --requests 50 --components 10000 --findings-components 5000
#   ./bench/server.sh --only uploads --uploads 8   # only peak memory under concurrent maximum-size uploads
#
# A benchmark, not a test: scripts/test.sh and CI never run it. It builds into bench/results/ (git-ignored), never
# into the bin/ and obj/ folders the test command uses, and talks only to servers it starts on 127.0.0.1.
# Run it on an otherwise idle machine: other work on the same cores shows up in the figures.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
results="$root/bench/results"
artifacts="$results/artifacts"

echo "==> Installing the Trivy binary (scripts/install-trivy.sh)"
DEPWATCH_TRIVY_BINARY=$("$root/scripts/install-trivy.sh")
export DEPWATCH_TRIVY_BINARY

echo "==> Publishing depwatch-server and depwatch (Release) to bench/results/"
rm -rf "$results/depwatch-server" "$results/depwatch"
dotnet publish src/Depwatch.Server -c Release -o "$results/depwatch-server" --artifacts-path "$artifacts" --nologo -v quiet
dotnet publish src/Depwatch.Cli -c Release -o "$results/depwatch" --artifacts-path "$artifacts" --nologo -v quiet

echo "==> Building the server benchmark (Release)"
dotnet build bench/Depwatch.ServerBench -c Release --artifacts-path "$artifacts" --nologo -v quiet

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "==> Running (load average now: $load_before)"
"$artifacts/bin/Depwatch.ServerBench/release/Depwatch.ServerBench" \
  --server "$results/depwatch-server/depwatch-server" --depwatch "$results/depwatch/depwatch" \
  --markdown "$results/server-results.md" "$@"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
memory=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain -- src 2>/dev/null)" ]; then commit="$commit with uncommitted changes in src/"; fi
{
  echo "Run of $(date -u '+%Y-%m-%d %H:%M UTC') with \`./bench/server.sh${*:+ $*}\`:"
  echo ""
  echo "- machine: $(nproc) cores ($cpu), $memory memory, $(uname -sr); load average before the run: $load_before, after: $load_after"
  echo "- Trivy: \`$("$DEPWATCH_TRIVY_BINARY" --version | head -n 1)\` as server, fixture DB (testdata/trivy-db); depwatch-server on SQLite, default settings; .NET SDK $(dotnet --version) (commit $commit)"
  echo ""
  cat "$results/server-results.md"
} > "$results/server-section.md"
echo "==> Wrote bench/results/server-section.md"
