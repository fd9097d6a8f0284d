# shellcheck shell=bash disable=SC2034
# (SC2034: the variables below are used by the scripts that source this file.)
# Shared settings and helpers for the local infrastructure scripts.
# Sourced (never executed) by install.sh, start.sh, stop.sh and scripts/start.sh.
#
#   STACK=dev|test   profile (ports + run dir), default dev
#   LOCAL_DIR        cache/state dir, default <repo>/.local (git-ignored)
#   INFRA_RUN_DIR    data, logs and pid files, default $LOCAL_DIR/run/$STACK (a test's own broker)
#
# Every port and every app variable below can be overridden from the environment.

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$INFRA_DIR/../.." && pwd)"
LOCAL_DIR="${LOCAL_DIR:-$ROOT/.local}"
STACK="${STACK:-dev}"
RUN_DIR="${INFRA_RUN_DIR:-$LOCAL_DIR/run/$STACK}"
LOG_DIR="$RUN_DIR/logs"
export ROOT LOCAL_DIR STACK RUN_DIR LOG_DIR

# ---- pinned versions (versions.env, shared with docker-compose and testcontainers) ----
# shellcheck source=versions.env
source "$ROOT/versions.env"
KAFKA_HOME="$LOCAL_DIR/kafka/$KAFKA_VERSION"
MINIO_BIN="$LOCAL_DIR/bin/minio"
SCHEMATHESIS_VERSION="4.32.5"
FUZZER_VENV="$LOCAL_DIR/schemathesis"
FUZZER_BIN="$FUZZER_VENV/bin/schemathesis"
: "${CHROMIUM_BIN:=/usr/bin/chromium}"
export CHROMIUM_BIN

# ---- ports by profile --------------------------------------------------------
case "$STACK" in
  dev)
    : "${PG_PORT:=55432}"
    : "${KAFKA_PORT:=59092}" "${KAFKA_CONTROLLER_PORT:=59093}"
    : "${MINIO_PORT:=59000}" "${MINIO_CONSOLE_PORT:=59001}"
    : "${GATEWAY_PORT:=8080}"
    : "${TICKET_API_PORT:=3001}" "${ATTACHMENT_PORT:=3002}" "${PROJECTOR_PORT:=3003}"
    ;;
  test)
    # below the ephemeral range (32768-60999): a client retrying a stopped server there can connect to itself
    : "${PG_PORT:=25532}"
    : "${KAFKA_PORT:=29192}" "${KAFKA_CONTROLLER_PORT:=29193}"
    : "${MINIO_PORT:=29100}" "${MINIO_CONSOLE_PORT:=29101}"
    : "${GATEWAY_PORT:=18080}"
    : "${TICKET_API_PORT:=13001}" "${ATTACHMENT_PORT:=13002}" "${PROJECTOR_PORT:=13003}"
    ;;
  *)
    echo "env.sh: unknown STACK '$STACK' (expected dev or test)" >&2
    return 1
    ;;
esac
export PG_PORT KAFKA_PORT KAFKA_CONTROLLER_PORT MINIO_PORT MINIO_CONSOLE_PORT
# next to the projector's, so that a profile that moves the services' ports moves it too
: "${WEBHOOK_DISPATCHER_PORT:=$((PROJECTOR_PORT + 1))}"
export GATEWAY_PORT TICKET_API_PORT ATTACHMENT_PORT PROJECTOR_PORT WEBHOOK_DISPATCHER_PORT
# HTTPS beside the gateway's HTTP port (8443, 18443), served when GATEWAY_TLS_CERT is set; the test profile
# makes a self-signed certificate and trusts 127.0.0.2 as a TLS-terminating proxy (X-Forwarded-Proto).
: "${GATEWAY_TLS_PORT:=$((GATEWAY_PORT + 363))}"
if [ "$STACK" = test ]; then
  : "${GATEWAY_TLS_CERT:=$RUN_DIR/tls/gateway.crt}" "${GATEWAY_TLS_KEY:=$RUN_DIR/tls/gateway.key}"
  : "${GATEWAY_TRUSTED_PROXIES:=127.0.0.2}"
fi
export GATEWAY_TLS_PORT GATEWAY_TLS_CERT GATEWAY_TLS_KEY GATEWAY_TRUSTED_PROXIES

# ---- app environment (only when not already set) ------------------------------
: "${DATABASE_URL:=postgres://tickets:tickets@127.0.0.1:$PG_PORT/tickets}"
: "${KAFKA_BROKERS:=127.0.0.1:$KAFKA_PORT}"
: "${S3_ENDPOINT:=http://127.0.0.1:$MINIO_PORT}"
: "${S3_ACCESS_KEY:=minioadmin}"
: "${S3_SECRET_KEY:=minioadmin}"
: "${S3_BUCKET:=tickets}"
: "${GATEWAY_URL:=http://127.0.0.1:$GATEWAY_PORT}"
# a development stack: one key may load-test it (the services' own defaults are 20/s, burst 40)
: "${RATE_LIMIT_PER_SECOND:=100000}" "${RATE_LIMIT_BURST:=100000}"
export DATABASE_URL KAFKA_BROKERS S3_ENDPOINT S3_ACCESS_KEY S3_SECRET_KEY S3_BUCKET GATEWAY_URL
export RATE_LIMIT_PER_SECOND RATE_LIMIT_BURST
# the gateway's limit per client address, as high for the same reason (the image's defaults: 100r/s, burst 200)
: "${GATEWAY_RATE_PER_ADDRESS:=100000r/s}" "${GATEWAY_BURST_PER_ADDRESS:=100000}"
export GATEWAY_RATE_PER_ADDRESS GATEWAY_BURST_PER_ADDRESS GATEWAY_TRUSTED_PROXIES

# ---- helpers -------------------------------------------------------------------
READY_TIMEOUT="${READY_TIMEOUT:-60}"   # seconds to wait for a server to become ready
STOP_TIMEOUT="${STOP_TIMEOUT:-30}"     # seconds between SIGTERM and SIGKILL

log() { printf '[infra:%s] %s\n' "$STACK" "$*" >&2; }
die() { printf '[infra:%s] ERROR: %s\n' "$STACK" "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Print the last lines of a log file to stderr (used in error paths).
tail_log() {
  local file="$1" lines="${2:-40}"
  if [ -f "$file" ]; then
    printf -- '----- last %s lines of %s -----\n' "$lines" "$file" >&2
    tail -n "$lines" "$file" >&2 || true
    printf -- '-----\n' >&2
  fi
}

# TCP connect test (bash /dev/tcp, bounded by `timeout`).
port_open() {
  local host="$1" port="$2"
  timeout 2 bash -c ": </dev/tcp/$host/$port" 2>/dev/null
}

# Fail early and clearly if something else already owns a port we need.
require_port_free() {
  local port="$1" what="$2"
  if port_open 127.0.0.1 "$port"; then
    die "$what: port 127.0.0.1:$port is already in use by another process (STACK=$STACK). Stop it or override the port."
  fi
}

# pid from a pid file if that process is alive, else nothing (status 1).
pid_alive() {
  local pidfile="$1" pid
  [ -f "$pidfile" ] || return 1
  pid="$(tr -d '[:space:]' <"$pidfile")"
  [ -n "$pid" ] || return 1
  if kill -0 "$pid" 2>/dev/null; then
    printf '%s\n' "$pid"
    return 0
  fi
  return 1
}

# wait_until <timeout-seconds> <description> <logfile> <command...>
# Polls the command every 0.5 s; on timeout prints the log tail and fails.
wait_until() {
  local timeout="$1" what="$2" logfile="$3"
  shift 3
  local deadline=$((SECONDS + timeout))
  until "$@"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail_log "$logfile"
      die "$what did not become ready within ${timeout}s (log: $logfile)"
    fi
    sleep 0.5
  done
}

# stop_pid <name> <pid> [timeout]: SIGTERM, bounded wait, then SIGKILL.
stop_pid() {
  local name="$1" pid="$2" timeout="${3:-$STOP_TIMEOUT}"
  kill -0 "$pid" 2>/dev/null || return 0
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + timeout))
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "$name did not exit within ${timeout}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.2
  done
}

# Make every ancestor of a directory traversable by others (o+x, not o+r) so
# that a service user (postgres, nginx workers) can reach its files when we
# run as root.
make_traversable() {
  local dir perm
  dir="$(cd "$1" && pwd)"
  while [ "$dir" != "/" ]; do
    perm="$(stat -c '%a' "$dir")"
    if [ $((8#$perm & 1)) -eq 0 ]; then
      chmod o+x "$dir"
    fi
    dir="$(dirname "$dir")"
  done
}

# The bin dir of PostgreSQL $POSTGRES_VERSION (Debian layout), or nothing.
pg_bin_dir() {
  local d="/usr/lib/postgresql/$POSTGRES_VERSION/bin"
  [ -x "$d/initdb" ] && printf '%s\n' "$d"
}

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
