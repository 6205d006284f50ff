#!/usr/bin/env bash
# Benchmarks policy evaluation: 50 policies over a 10,000-component project with the core evaluator, as the server
# evaluates a project after each analysis (storage not included).
#
#   ./bench/policies.sh           # 7 timed runs after one warm-up
#   ./bench/policies.sh 15
#
# A benchmark, not a test: scripts/test.sh and CI never run it. Run it on an otherwise idle machine.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
artifacts="$root/bench/results/artifacts"
echo "==> Building the benchmark (Release)"
dotnet build bench/Depwatch.PolicyBench -c Release --artifacts-path "$artifacts" --nologo -v quiet
dotnet "$artifacts/bin/Depwatch.PolicyBench/release/Depwatch.PolicyBench.dll" "$@"
