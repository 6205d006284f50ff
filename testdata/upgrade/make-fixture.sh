#!/usr/bin/env bash
# Makes an upgrade fixture: a database written by a released Depwatch server, with projects, components,
# findings (one of them resolved), tags, a parent project, a team with an API key, the administrator user and an
# encrypted Trivy token, plus what that server answered for them (expected/*.json). The upgrade tests open a copy
# with the current server and check that it serves the same.
#
#   make-fixture.sh SERVER_DIR TRIVY_URL OUT_DIR sqlite
#   make-fixture.sh SERVER_DIR TRIVY_URL OUT_DIR postgres CONNECTION_STRING
#
# SERVER_DIR is `dotnet publish src/Depwatch.Server` of the release (e.g. a worktree at its commit); TRIVY_URL is a
# Trivy server over the fixture DB (testdata/trivy-db) whose token is "fixture-trivy-token". For PostgreSQL the
# database named by CONNECTION_STRING must be empty; the script writes OUT_DIR/postgres.sql with pg_dump.
set -euo pipefail
server_dir=$1 trivy_url=$2 out=$3 provider=$4 connection=${5:-}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
admin_key="dwk_UpgradeFixture_0123456789abcdefghijKLMNOP"
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
data=$(mktemp -d)
mkdir -p "$out/expected"

export DEPWATCH_ADMIN_API_KEY=$admin_key DEPWATCH_ADMIN_PASSWORD=fixture-admin-password
export Depwatch__DataDirectory=$data Depwatch__Storage__Provider=$provider Depwatch__Storage__ConnectionString=$connection
"$server_dir/depwatch-server" --urls "$base" > "$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT
until curl -sf "$base/health/ready" >/dev/null; do sleep 0.5; done

api() { curl -sf -H "X-Api-Key: $admin_key" -H 'Content-Type: application/json' "$@"; }
wait_token() { until [ "$(api "$base/api/v1/event/token/$1" | jq -r .processing)" = false ]; do sleep 0.5; done; }
upload() { # name version bom [extra form fields…]
  local name=$1 version=$2 bom=$3; shift 3
  curl -sf -H "X-Api-Key: $admin_key" -F autoCreate=true -F "projectName=$name" -F "projectVersion=$version" \
    -F "bom=@$bom" "$@" "$base/api/v1/bom" | jq -r .token
}

api -X POST "$base/api/v1/configProperty/aggregate" -d "[
  {\"groupName\":\"scanner\",\"propertyName\":\"trivy.enabled\",\"propertyValue\":\"true\"},
  {\"groupName\":\"scanner\",\"propertyName\":\"trivy.base.url\",\"propertyValue\":\"$trivy_url\"},
  {\"groupName\":\"scanner\",\"propertyName\":\"trivy.api.token\",\"propertyValue\":\"fixture-trivy-token\"}]" >/dev/null

team=$(api -X PUT "$base/api/v1/team" -d '{"name":"Pipelines"}' | jq -r .uuid)
for permission in BOM_UPLOAD VIEW_PORTFOLIO PROJECT_CREATION_UPLOAD; do
  api -X POST "$base/api/v1/permission/$permission/team/$team" >/dev/null
done
api -X PUT "$base/api/v1/team/$team/key" | jq -r .key > "$out/expected/pipeline-key.txt"

wait_token "$(upload shop 1.0 "$here/boms/shop-1.json" -F projectTags=web,payments)"
shop=$(api "$base/api/v1/project/lookup?name=shop&version=1.0" | jq -r .uuid)
wait_token "$(upload shop-worker 1.0 "$here/boms/debian.json" -F "parentUUID=$shop")"
# The second BOM drops minimist: its finding is resolved, and kept.
wait_token "$(upload shop 1.0 "$here/boms/shop-2.json")"

api "$base/api/v1/project" > "$out/expected/projects.json"
for uuid in $(jq -r '.[].uuid' "$out/expected/projects.json"); do
  api "$base/api/v1/component/project/$uuid" > "$out/expected/components-$uuid.json"
  api "$base/api/v1/finding/project/$uuid" > "$out/expected/findings-$uuid.json"
  api "$base/api/v1/metrics/project/$uuid/current" > "$out/expected/metrics-$uuid.json"
done
api "$base/api/v1/team" > "$out/expected/teams.json"
api "$base/api/v1/configProperty" > "$out/expected/config-properties.json"
api "$base/api/version" > "$out/expected/version.json"

kill $server; wait $server || true
cp "$data/secret.key" "$out/secret.key"
if [ "$provider" = sqlite ]; then
  sqlite3 "$data/depwatch.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
  cp "$data/depwatch.db" "$out/depwatch.db"
else
  # INSERT statements and no psql meta-commands, so that the tests can replay the dump through a plain connection.
  pg_dump --no-owner --no-privileges --inserts "$(echo "$connection" | sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Database=/dbname=/')" \
    | grep -v '^\\\(un\)\?restrict ' > "$out/postgres.sql"
fi
rm -f "$out/server.log"
echo "wrote $out"
