#!/usr/bin/env bash
# Plays a Dependency-Track client against a server over plain HTTP, the way CI integrations (the
# GitHub Action, the Jenkins plugin, curl scripts) do: upload a BOM by project name and version
# with autoCreate (multipart POST, then base64 PUT), poll the upload token until processing ends,
# look the project up, read its findings and its current metrics. Any unexpected status or JSON
# shape stops it with a message and exit code 1; at the end it prints "findings: N".
#
# Usage: dt-client-compat.sh [--url URL] [--api-key KEY] [--bom FILE] [--project NAME] [--version VERSION]
# Each option has an environment equivalent: DT_URL, DT_API_KEY, DT_BOM, DT_PROJECT, DT_PROJECT_VERSION.
# DT_TIMEOUT (seconds, default 120) bounds each wait for processing and metrics.
# The key needs BOM_UPLOAD, PROJECT_CREATION_UPLOAD, VIEW_PORTFOLIO and VIEW_VULNERABILITY.
set -euo pipefail

url=${DT_URL:-}
api_key=${DT_API_KEY:-}
bom=${DT_BOM:-}
project=${DT_PROJECT:-dt-client-compat}
version=${DT_PROJECT_VERSION:-1.0.0}
timeout=${DT_TIMEOUT:-120}

fail() {
  echo "dt-client-compat: $*" >&2
  exit 1
}

usage() {
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --url) url=${2:?--url needs a value}; shift 2 ;;
    --api-key) api_key=${2:?--api-key needs a value}; shift 2 ;;
    --bom) bom=${2:?--bom needs a value}; shift 2 ;;
    --project) project=${2:?--project needs a value}; shift 2 ;;
    --version) version=${2:?--version needs a value}; shift 2 ;;
    -h|--help) usage ;;
    *) echo "dt-client-compat: unknown argument $1" >&2; usage ;;
  esac
done

[ -n "$url" ] || fail "no server URL: pass --url or set DT_URL (e.g. http://localhost:8080)"
[ -n "$api_key" ] || fail "no API key: pass --api-key or set DT_API_KEY"
[ -n "$bom" ] || fail "no BOM: pass --bom or set DT_BOM"
[ -r "$bom" ] || fail "cannot read the BOM file $bom"
command -v curl >/dev/null || fail "curl is required (apt-get install -y curl)"
command -v jq >/dev/null || fail "jq is required (apt-get install -y jq)"
url=${url%/}

work=$(mktemp -d -t dt-client-compat.XXXXXX)
trap 'rm -rf "$work"' EXIT
body="$work/body"
status=""

# request METHOD PATH [curl arguments...]: sets $status and leaves the response in $body.
request() {
  local method=$1 path=$2
  shift 2
  status=$(curl --silent --show-error --max-time 120 --output "$body" --write-out '%{http_code}' \
    --request "$method" --header "X-Api-Key: $api_key" --header 'Accept: application/json' "$@" "$url$path") \
    || fail "$method $path: the server at $url could not be reached"
}

# expect STATUS WHAT: stops unless the last request answered STATUS.
expect() {
  if [ "$status" != "$1" ]; then
    fail "$2: expected HTTP $1, got $status: $(head -c 600 "$body")"
  fi
}

# expect_json FILTER WHAT: stops unless the jq FILTER holds for the last response.
expect_json() {
  jq -e "$1" "$body" >/dev/null 2>&1 || fail "$2: unexpected response shape (wanted $1): $(head -c 600 "$body")"
}

uuid_pattern='^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'

# wait_for_processing TOKEN WHAT: polls the token until the server says the work has ended.
wait_for_processing() {
  local token=$1 deadline=$((SECONDS + timeout))
  while :; do
    request GET "/api/v1/event/token/$token"
    expect 200 "$2: polling token $token"
    expect_json '.processing | type == "boolean"' "$2: polling token $token"
    [ "$(jq -r .processing "$body")" = false ] && return
    [ $SECONDS -lt $deadline ] || fail "$2: token $token still processing after ${timeout}s"
    sleep 1
  done
}

upload_multipart() {
  request POST /api/v1/bom --form autoCreate=true --form "projectName=$project" \
    --form "projectVersion=$version" --form "bom=@$bom"
  expect 200 "POST /api/v1/bom (multipart)"
  expect_json ".token | test(\"$uuid_pattern\")" "POST /api/v1/bom (multipart)"
  jq -r .token "$body"
}

upload_base64() {
  base64 -w0 "$bom" >"$work/bom.b64"
  jq -n --arg name "$project" --arg version "$version" --rawfile bom "$work/bom.b64" \
    '{projectName: $name, projectVersion: $version, autoCreate: true, bom: $bom}' >"$work/request.json"
  request PUT /api/v1/bom --header 'Content-Type: application/json' --data-binary "@$work/request.json"
  expect 200 "PUT /api/v1/bom (base64)"
  expect_json ".token | test(\"$uuid_pattern\")" "PUT /api/v1/bom (base64)"
  jq -r .token "$body"
}

request GET /api/version
expect 200 "GET /api/version"
expect_json '.version | type == "string"' "GET /api/version"

token=$(upload_multipart)
wait_for_processing "$token" "multipart upload"
second_token=$(upload_base64)
[ "$second_token" != "$token" ] || fail "both uploads answered the same token $token; every upload needs its own"
wait_for_processing "$second_token" "base64 upload"

request GET /api/v1/project/lookup --get --data-urlencode "name=$project" --data-urlencode "version=$version"
expect 200 "GET /api/v1/project/lookup"
jq -e --arg name "$project" --arg version "$version" \
  "(.uuid | test(\"$uuid_pattern\")) and .name == \$name and .version == \$version" "$body" >/dev/null \
  || fail "GET /api/v1/project/lookup: not the project $project $version: $(head -c 600 "$body")"
project_uuid=$(jq -r .uuid "$body")

request GET "/api/v1/finding/project/$project_uuid"
expect 200 "GET /api/v1/finding/project/$project_uuid"
jq -e --arg project "$project_uuid" 'type == "array" and all(.[];
    (.component.uuid | type == "string") and .component.project == $project
    and (.vulnerability.vulnId | type == "string") and (.vulnerability.source | type == "string")
    and (.vulnerability.severity | IN("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO", "UNASSIGNED"))
    and (.analysis.isSuppressed | type == "boolean")
    and .matrix == "\($project):\(.component.uuid):\(.vulnerability.uuid)")' "$body" >/dev/null \
  || fail "GET /api/v1/finding/project/$project_uuid: findings not in Dependency-Track's shape: $(head -c 600 "$body")"
jq -r '.[] | "  \(.vulnerability.vulnId)  \(.vulnerability.severity)  \(.component.name)@\(.component.version // "")"' "$body" | sort
findings=$(jq length "$body")

# Metrics follow the analysis and may lag behind it: wait until they count the same findings.
deadline=$((SECONDS + timeout))
while :; do
  request GET "/api/v1/metrics/project/$project_uuid/current"
  expect 200 "GET /api/v1/metrics/project/$project_uuid/current"
  if [ -s "$body" ]; then
    expect_json 'all(.critical, .high, .medium, .low, .unassigned, .vulnerabilities, .findingsTotal, .components, .inheritedRiskScore;
        type == "number")' "GET /api/v1/metrics/project/$project_uuid/current"
    [ "$(jq .findingsTotal "$body")" = "$findings" ] && break
  fi
  [ $SECONDS -lt $deadline ] || fail "metrics of $project_uuid never reported $findings findings within ${timeout}s: $(head -c 600 "$body")"
  sleep 1
done

echo "project: $project $version ($project_uuid)"
echo "metrics: $(jq -c '{critical, high, medium, low, unassigned, components, inheritedRiskScore}' "$body")"
echo "findings: $findings"
