#!/usr/bin/env bash
# `npm start`: the whole system on this machine, in the foreground.
#
#   deps (npm ci if needed) -> infra install + start (postgres, kafka, minio)
#   -> build -> migrate -> ticket-api, attachment-service, projector, webhook-dispatcher
#   -> nginx gateway on http://127.0.0.1:$GATEWAY_PORT
#
# Ctrl-C (SIGINT) or SIGTERM stops the gateway, the services (SIGTERM, bounded
# wait) and the infrastructure. KEEP_INFRA=1 leaves postgres/kafka/minio running.
# STACK=test npm start uses the test profile ports instead of dev.
set -euo pipefail

# shellcheck source=scripts/infra/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/infra/env.sh"
# shellcheck source=scripts/infra/node.sh
source "$(dirname "${BASH_SOURCE[0]}")/infra/node.sh"
cd "$ROOT"

SERVICE_TIMEOUT="${SERVICE_TIMEOUT:-60}"
# coloured one-line logs in a terminal, JSON lines otherwise (a log file, a pipe)
if [ -t 2 ]; then : "${LOG_FORMAT:=pretty}"; else : "${LOG_FORMAT:=json}"; fi
export LOG_FORMAT
SERVICE_NAMES=()
SERVICE_PIDS=()
INFRA_STARTED=0
CLEANED_UP=0

say() { printf '[start] %s\n' "$*" >&2; }

# shellcheck disable=SC2317 # invoked via trap
cleanup() {
  local status=$?
  [ "$CLEANED_UP" -eq 0 ] || return 0
  CLEANED_UP=1
  trap '' INT TERM
  say "shutting down..."
  bash scripts/infra/stop.sh nginx || true
  local i
  for i in "${!SERVICE_PIDS[@]}"; do
    kill -TERM "${SERVICE_PIDS[$i]}" 2>/dev/null || true
  done
  local deadline=$((SECONDS + STOP_TIMEOUT))
  for i in "${!SERVICE_PIDS[@]}"; do
    local pid="${SERVICE_PIDS[$i]}"
    while kill -0 "$pid" 2>/dev/null; do
      if [ "$SECONDS" -ge "$deadline" ]; then
        say "${SERVICE_NAMES[$i]} (pid $pid) did not stop within ${STOP_TIMEOUT}s, sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        break
      fi
      sleep 0.2
    done
    wait "$pid" 2>/dev/null || true
  done
  if [ "$INFRA_STARTED" -eq 1 ] && [ "${KEEP_INFRA:-0}" != "1" ]; then
    bash scripts/infra/stop.sh || true
  fi
  say "stopped."
  return "$status"
}
trap cleanup EXIT
trap 'exit 0' INT TERM

# ---- 1. dependencies -------------------------------------------------------
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies (npm ci)"
  npm ci
fi

# ---- 2. infrastructure -----------------------------------------------------
bash scripts/infra/install.sh
INFRA_STARTED=1
bash scripts/infra/start.sh postgres kafka minio

# ---- 3. build + migrate ----------------------------------------------------
say "building"
npm run --silent build
say "migrating $DATABASE_URL"
npm run --silent migrate

# ---- 4. services -----------------------------------------------------------
# A development stack: webhooks may target a receiver on this machine (production refuses loopback).
export WEBHOOK_ALLOW_LOOPBACK="${WEBHOOK_ALLOW_LOOPBACK:-true}"
# A development key for the webhook secrets at rest, kept with the stack's data (production: a secret).
mkdir -p "$RUN_DIR"
DEV_KEYS_FILE="$RUN_DIR/webhook-secret-keys"
[ -s "$DEV_KEYS_FILE" ] || echo "dev:$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64"))')" >"$DEV_KEYS_FILE"
export WEBHOOK_SECRET_KEYS="${WEBHOOK_SECRET_KEYS:-$(cat "$DEV_KEYS_FILE")}"
# Each service runs in its own session (so Ctrl-C reaches only this script,
# which then shuts everything down in order); output is prefixed with its name.
start_service() {
  local name="$1" port="$2" entry="$3"
  [ -f "$entry" ] || die "$entry not found (did the build succeed?)"
  require_port_free "$port" "$name"
  say "starting $name on 127.0.0.1:$port"
  # shellcheck disable=SC2016 # expanded by the inner bash
  PORT="$port" setsid bash -c 'exec node "$1" > >(exec sed -u "s/^/[$0] /") 2>&1' \
    "$name" "$entry" </dev/null &
  SERVICE_NAMES+=("$name")
  SERVICE_PIDS+=("$!")
}

wait_healthy() {
  local name="$1" port="$2" pid="$3"
  local deadline=$((SECONDS + SERVICE_TIMEOUT))
  until curl -fs -o /dev/null --max-time 3 "http://127.0.0.1:$port/readyz"; do
    kill -0 "$pid" 2>/dev/null || die "$name exited during startup (see its output above)"
    [ "$SECONDS" -lt "$deadline" ] || die "$name did not answer GET /readyz with 200 within ${SERVICE_TIMEOUT}s"
    sleep 0.5
  done
  say "$name healthy"
}

start_service ticket-api "$TICKET_API_PORT" dist/apps/ticket-api/src/main.js
start_service attachment-service "$ATTACHMENT_PORT" dist/apps/attachment-service/src/main.js
start_service projector "$PROJECTOR_PORT" dist/apps/projector/src/main.js
start_service webhook-dispatcher "$WEBHOOK_DISPATCHER_PORT" dist/apps/webhook-dispatcher/src/main.js

wait_healthy ticket-api "$TICKET_API_PORT" "${SERVICE_PIDS[0]}"
wait_healthy attachment-service "$ATTACHMENT_PORT" "${SERVICE_PIDS[1]}"
wait_healthy projector "$PROJECTOR_PORT" "${SERVICE_PIDS[2]}"
wait_healthy webhook-dispatcher "$WEBHOOK_DISPATCHER_PORT" "${SERVICE_PIDS[3]}"

# ---- 5. gateway ------------------------------------------------------------
bash scripts/infra/start.sh nginx

cat >&2 <<EOF

  Support-ticket API ready on $GATEWAY_URL

  Create an API key:
    npm run --silent api-key -- create --account <id> --role customer

  Logs of postgres/kafka/minio/nginx: $LOG_DIR
  Press Ctrl-C to stop everything.

EOF

# ---- 6. run until Ctrl-C or a service dies ---------------------------------
exited=""
set +e
wait -n -p exited "${SERVICE_PIDS[@]}"
code=$?
set -e
for i in "${!SERVICE_PIDS[@]}"; do
  if [ "${SERVICE_PIDS[$i]}" = "$exited" ]; then
    say "${SERVICE_NAMES[$i]} exited unexpectedly (status $code)"
  fi
done
exit 1
