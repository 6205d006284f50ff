#!/usr/bin/env bash
# The one place that says how Depwatch is published: scripts/release.sh, the Dockerfile, the native CLI tests'
# fixture and bench/run.sh all publish through it.
#
#   scripts/publish.sh cli RID OUT       # the `depwatch` CLI: Native AOT where it can be built here, see below
#   scripts/publish.sh cli-jit RID OUT   # the same CLI as a framework-dependent JIT build (the benchmark's baseline)
#   scripts/publish.sh server RID OUT    # `depwatch-server`, self-contained (no .NET runtime needed on the host)
#
# RID is linux-x64, linux-arm64, osx-arm64 or win-x64. Native AOT compiles for the OS it runs on (and links with
# that OS's toolchain), so on Linux x64 the CLI is Native AOT for linux-x64 only; for the other RIDs it is a
# self-contained single-file JIT build (see docs/native-cli.md). DEPWATCH_ARTIFACTS_PATH, when set, keeps the
# build's intermediate files there instead of the projects' bin/ and obj/ folders.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

if [ $# -ne 3 ]; then
  echo "usage: scripts/publish.sh cli|cli-jit|server RID OUT" >&2
  exit 2
fi
what=$1 rid=$2 out=$3
case "$rid" in
  linux-x64 | linux-arm64 | osx-arm64 | win-x64) ;;
  *) echo "scripts/publish.sh: unsupported runtime identifier '$rid'" >&2; exit 2 ;;
esac

common=(-c Release --nologo -v quiet -o "$out" -p:DebugType=none -p:PublishDocumentationFile=false -p:PublishReferencesDocumentationFiles=false)
if [ -n "${DEPWATCH_ARTIFACTS_PATH:-}" ]; then
  common+=(--artifacts-path "$DEPWATCH_ARTIFACTS_PATH")
fi

native_rid() {
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) echo linux-x64 ;;
    Linux-aarch64) echo linux-arm64 ;;
    Darwin-arm64) echo osx-arm64 ;;
    *) echo none ;;
  esac
}

case "$what" in
  cli)
    if [ "$rid" = "$(native_rid)" ]; then
      "$root/scripts/install-clang.sh"
      dotnet publish src/Depwatch.Cli -r "$rid" "${common[@]}"
    else
      dotnet publish src/Depwatch.Cli -r "$rid" "${common[@]}" -p:PublishAot=false --self-contained \
        -p:PublishSingleFile=true -p:PublishTrimmed=true -p:EnableCompressionInSingleFile=true
    fi
    ;;
  cli-jit)
    dotnet publish src/Depwatch.Cli -r "$rid" "${common[@]}" -p:PublishAot=false --self-contained false
    ;;
  server)
    dotnet publish src/Depwatch.Server -r "$rid" "${common[@]}" --self-contained
    ;;
  *)
    echo "scripts/publish.sh: unknown artifact '$what' (cli, cli-jit or server)" >&2
    exit 2
    ;;
esac
