#!/usr/bin/env bash
# Adds a schema migration for both databases after a change to the EF model (Data/Entities, DepwatchDbContext):
#   ./scripts/add-migration.sh AddFindingAnalysis
# writes Data/Migrations/Sqlite/<timestamp>_NAME.cs and Data/Migrations/Postgres/<timestamp>_NAME.cs (with their
# designer files and model snapshots). Review both, then extend tests/Depwatch.Server.Tests/Storage/UpgradeTests.cs.
set -euo pipefail
name=${1:?usage: add-migration.sh NAME}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
server=src/Depwatch.Server
dotnet tool restore >/dev/null
dotnet build "$server" -c Debug --nologo -v quiet
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project "$server" --context "${provider}DepwatchDbContext" --no-build \
    --output-dir "Data/Migrations/$provider" --namespace "Depwatch.Server.Data.Migrations.$provider"
  # With --namespace, EF writes the model snapshot under a folder named after the namespace: bring it home.
  if [ -d "$server/Depwatch" ]; then
    mv "$server/Depwatch/Server/Data/Migrations/$provider/"*.cs "$server/Data/Migrations/$provider/"
    rm -rf "$server/Depwatch"
  fi
done
sed -i '1s/^\xEF\xBB\xBF//' "$server"/Data/Migrations/{Sqlite,Postgres}/*.cs
git status --short -- "$server/Data/Migrations"
