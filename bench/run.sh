#!/usr/bin/env bash
# Benchmarks `depwatch scan` (Native AOT and JIT) against Trivy's own client (`trivy sbom --server`) on the same Trivy server and
# SBOMs, and writes the figures into docs/benchmarks.md (between the bench:results markers).
#
#   ./bench/run.sh                 # 5 timed runs of each tool per SBOM
#   ./bench/run.sh --runs 3        # extra arguments go to the bench program (--runs, --components, --rootfs-source; see --help)
#
# A benchmark, not a test: scripts/test.sh and CI never run it. It builds into bench/results/ (git-ignored), never
# into the bin/ and obj/ folders the test command uses, and talks only to a Trivy server it starts on 127.0.0.1.
# Run it on an otherwise idle machine: other work on the same cores shows up in the figures.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
results="$root/bench/results"
artifacts="$results/artifacts"
doc="$root/docs/benchmarks.md"

for tool in time strace; do
  if [ ! -x "/usr/bin/$tool" ]; then
    echo "==> Installing $tool (Debian's package): the runs are timed with /usr/bin/time, Trivy's UPX stage measured with strace"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null
  fi
done

echo "==> Installing the Trivy binary (scripts/install-trivy.sh)"
DEPWATCH_TRIVY_BINARY=$("$root/scripts/install-trivy.sh")
export DEPWATCH_TRIVY_BINARY
echo "    $DEPWATCH_TRIVY_BINARY"

echo "==> Publishing depwatch, Native AOT and JIT, to bench/results/depwatch-native and bench/results/depwatch (scripts/publish.sh)"
rm -rf "$results/depwatch" "$results/depwatch-native"
DEPWATCH_ARTIFACTS_PATH="$artifacts" "$root/scripts/publish.sh" cli linux-x64 "$results/depwatch-native"
DEPWATCH_ARTIFACTS_PATH="$artifacts" "$root/scripts/publish.sh" cli-jit linux-x64 "$results/depwatch"

echo "==> Building the benchmark (Release)"
dotnet build bench/Depwatch.Bench -c Release --artifacts-path "$artifacts" --nologo -v quiet

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "==> Running (load average now: $load_before)"
rm -rf "$results/last-run"
"$artifacts/bin/Depwatch.Bench/release/Depwatch.Bench" --depwatch "$results/depwatch-native/depwatch" --depwatch-jit "$results/depwatch/depwatch" \
  --markdown "$results/results.md" --keep "$results/last-run" "$@"

cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
memory=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain -- src 2>/dev/null)" ]; then commit="$commit with uncommitted changes in src/"; fi
{
  echo "Run of $(date -u '+%Y-%m-%d %H:%M UTC') with \`./bench/run.sh${*:+ $*}\`:"
  echo ""
  echo "- machine: $(nproc) cores ($cpu), $memory memory, $(uname -sr); load average before the run: $load_before"
  echo "- Trivy: \`$("$DEPWATCH_TRIVY_BINARY" --version | head -n 1)\` ($(basename "$DEPWATCH_TRIVY_BINARY") from scripts/install-trivy.sh), as server and as client"
  echo "- .NET: SDK $(dotnet --version), runtime $(dotnet --list-runtimes | awk '/^Microsoft.NETCore.App/ { v = $2 } END { print v }'); depwatch $("$results/depwatch-native/depwatch" --version) (commit $commit)"
  echo ""
  cat "$results/results.md"
} > "$results/section.md"

start='<!-- bench:results:start -->'
end='<!-- bench:results:end -->'
if grep -qF "$start" "$doc" 2>/dev/null && grep -qF "$end" "$doc"; then
  awk -v start="$start" -v end="$end" -v section="$results/section.md" '
    $0 == start { print; while ((getline line < section) > 0) print line; skipping = 1; next }
    $0 == end { skipping = 0 }
    !skipping { print }' "$doc" > "$doc.tmp"
  mv "$doc.tmp" "$doc"
else
  { [ -f "$doc" ] && cat "$doc" && echo ""; echo "## Results"; echo ""; echo "$start"; cat "$results/section.md"; echo "$end"; } > "$doc.tmp"
  mv "$doc.tmp" "$doc"
fi
echo "==> Wrote the results into docs/benchmarks.md (also in bench/results/section.md)"
