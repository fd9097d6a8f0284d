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
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }
npx eslint . --max-warnings 0
npx tsc --noEmit -p tsconfig.json
npx tsc --noEmit -p apps/panel/tsconfig.json
npx depcruise apps libs test scripts --config .dependency-cruiser.cjs

echo "[test] unit tests"
npx jest -c jest.unit.config.js --ci

echo "[test] build, and the typed client checked against the API description"
npm run --silent build
node dist/apps/ticket-api/src/openapi/generate-client.cli.js --check

echo "[test] integration and e2e tests against real servers"
SKIP_BUILD=1 npx jest -c jest.servers.config.js --ci "$@"
