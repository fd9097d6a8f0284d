#!/usr/bin/env bash
# Start local infrastructure servers for a profile (idempotent).
#
#   scripts/infra/start.sh                   # postgres kafka minio
#   scripts/infra/start.sh nginx             # the gateway (needs the app ports)
#   STACK=test scripts/infra/start.sh        # test profile ports / run dir
#
# Every server is daemonized in its own session (Ctrl-C in a parent terminal
# does not reach it), binds to 127.0.0.1 only, and keeps data, logs and pid
# files under $LOCAL_DIR/run/$STACK. Run scripts/infra/install.sh first.
set -euo pipefail

# shellcheck source=scripts/infra/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

# Start "$@" detached in a new session; the process itself writes its pid
# (exec keeps the pid), so this is right even if setsid has to fork.
spawn_daemon() {
  local pidfile="$1" outfile="$2"
  shift 2
  rm -f "$pidfile"
  # shellcheck disable=SC2016 # $$ and $@ are expanded by the inner bash
  setsid bash -c 'echo "$$" >"$1"; shift; exec "$@"' spawn "$pidfile" "$@" \
    </dev/null >>"$outfile" 2>&1 &
  # Wait (briefly) for the pid file so callers can watch the process.
  local _
  for _ in $(seq 1 50); do
    [ -s "$pidfile" ] && return 0
    sleep 0.1
  done
  die "could not start $1 (no pid file $pidfile)"
}

# Readiness poll that fails fast when the daemon has died.
# daemon_ready <pidfile> <logfile> <name> <check command...>
daemon_ready() {
  local pidfile="$1" logfile="$2" name="$3"
  shift 3
  if ! pid_alive "$pidfile" >/dev/null; then
    tail_log "$logfile"
    die "$name exited during startup (log: $logfile)"
  fi
  "$@"
}

# Waits until a daemon answers its health check, failing fast when it dies.
# await_daemon <name> <pidfile> <logfile> <health check> <where it listens>
await_daemon() {
  wait_until "$READY_TIMEOUT" "$1" "$3" daemon_ready "$2" "$3" "$1" "$4"
  log "$1: ready ($5)"
}

# Succeeds once a daemon that is already running (or still starting) answers; fails when none runs.
# join_running <name> <pidfile> <logfile> <health check> <where it listens>
join_running() {
  pid_alive "$2" >/dev/null || return 1
  if "$4"; then
    log "$1: already running on $5"
  else
    await_daemon "$@"
  fi
}

# --------------------------------------------------------------------------
# PostgreSQL
# --------------------------------------------------------------------------
PG_BASE="$RUN_DIR/postgres"
PG_DATA="$PG_BASE/data"
PG_SOCK="$PG_BASE/sock"
PG_LOG="$LOG_DIR/postgres.log"

pg_as() {
  if is_root; then
    (cd "$PG_BASE" && runuser -u postgres -- "$@")
  else
    (cd "$PG_BASE" && "$@")
  fi
}

pg_psql() {
  pg_as "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres
}

pg_ensure_app_db() {
  pg_psql <<'SQL'
SELECT 'CREATE ROLE tickets LOGIN CREATEDB PASSWORD ''tickets'''
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tickets')\gexec
SELECT 'CREATE DATABASE tickets OWNER tickets'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'tickets')\gexec
SQL
}

start_postgres() {
  PG_BIN="$(pg_bin_dir)" || die "PostgreSQL is not installed; run scripts/infra/install.sh postgres"
  mkdir -p "$PG_BASE" "$PG_SOCK" "$LOG_DIR"
  touch "$PG_LOG"
  if is_root; then
    id postgres >/dev/null 2>&1 || die "system user 'postgres' missing; run scripts/infra/install.sh postgres"
    chown postgres: "$PG_BASE" "$PG_SOCK" "$PG_LOG"
    make_traversable "$PG_BASE"
  fi
  chmod 700 "$PG_SOCK"
  if [ "${#PG_SOCK}" -gt 90 ]; then
    die "postgres: socket dir path too long for a unix socket ($PG_SOCK); use a shorter LOCAL_DIR"
  fi

  if pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    if pg_as "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
      pg_ensure_app_db
      log "postgres: already running on 127.0.0.1:$PG_PORT"
      return
    fi
    wait_until "$READY_TIMEOUT" "postgres" "$PG_LOG" \
      pg_as "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"
    pg_ensure_app_db
    return
  fi
  require_port_free "$PG_PORT" postgres

  local major
  major="$("$PG_BIN/postgres" --version | sed -E 's/.* ([0-9]+)[.].*/\1/')"
  if [ ! -s "$PG_DATA/PG_VERSION" ]; then
    log "postgres: initdb ($PG_DATA, PostgreSQL $major)"
    rm -rf "$PG_DATA"
    pg_as "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >>"$PG_LOG" 2>&1 ||
      { tail_log "$PG_LOG"; die "postgres: initdb failed"; }
    echo "include_if_exists = 'stack.conf'" >>"$PG_DATA/postgresql.conf"
  elif [ "$(cat "$PG_DATA/PG_VERSION")" != "$major" ]; then
    die "postgres: $PG_DATA was created by PostgreSQL $(cat "$PG_DATA/PG_VERSION") but the newest installed is $major; remove $PG_BASE (data loss) or install the old version"
  fi

  # Regenerated on every start so port changes take effect.
  # Local (unix socket) connections are trusted: the socket dir is 0700 and
  # owned by the server user. TCP on 127.0.0.1 requires scram-sha-256.
  cat >"$PG_DATA/stack.conf" <<EOF
# Generated by scripts/infra/start.sh (STACK=$STACK) - do not edit.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCK'
unix_socket_permissions = 0700
max_connections = 200
password_encryption = 'scram-sha-256'
fsync = on
synchronous_commit = on
full_page_writes = on
shared_buffers = 128MB
timezone = 'UTC'
log_timezone = 'UTC'
log_line_prefix = '%m [%p] %q%u@%d '
logging_collector = off
EOF
  if is_root; then chown postgres: "$PG_DATA/stack.conf"; fi

  log "postgres: starting on 127.0.0.1:$PG_PORT"
  if ! pg_as setsid "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t "$READY_TIMEOUT" start >/dev/null 2>&1; then
    tail_log "$PG_LOG"
    die "postgres did not start within ${READY_TIMEOUT}s (log: $PG_LOG)"
  fi
  wait_until "$READY_TIMEOUT" "postgres" "$PG_LOG" \
    pg_as "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"
  pg_ensure_app_db
  log "postgres: ready ($DATABASE_URL)"
}

# --------------------------------------------------------------------------
# Kafka (single-node KRaft: broker + controller in one JVM)
# --------------------------------------------------------------------------
KAFKA_BASE="$RUN_DIR/kafka"
KAFKA_DATA="$KAFKA_BASE/data"
KAFKA_PID="$KAFKA_BASE/kafka.pid"
KAFKA_LOG="$LOG_DIR/kafka.log"    # log4j2 output
KAFKA_OUT="$LOG_DIR/kafka.out"    # JVM stdout/stderr (crashes, format output)

kafka_healthy() {
  port_open 127.0.0.1 "$KAFKA_PORT" && grep -q 'Kafka Server started' "$KAFKA_LOG" 2>/dev/null
}

write_kafka_config() {
  cat >"$KAFKA_BASE/server.properties" <<EOF
# Generated by scripts/infra/start.sh (STACK=$STACK) - do not edit.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DATA
num.partitions=6
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
delete.topic.enable=true
num.network.threads=2
num.io.threads=4
log.retention.hours=168
EOF
  cat >"$KAFKA_BASE/log4j2.properties" <<EOF
# Generated by scripts/infra/start.sh - Kafka logs to a file, not the console.
status = warn
name = kafka-local
appender.file.type = File
appender.file.name = FILE
appender.file.fileName = $KAFKA_LOG
appender.file.append = true
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = FILE
logger.statechange.name = state.change.logger
logger.statechange.level = WARN
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.cleaner.name = kafka.log.LogCleaner
logger.cleaner.level = WARN
logger.authorizer.name = kafka.authorizer.logger
logger.authorizer.level = WARN
logger.clients.name = org.apache.kafka.clients
logger.clients.level = WARN
EOF
}

# JVM command line (array) for the Kafka classpath; KAFKA_HEAP_OPTS overrides the heap.
kafka_jvm() {
  local heap=(-Xms256m -Xmx512m)
  if [ -n "${KAFKA_HEAP_OPTS:-}" ]; then read -r -a heap <<<"$KAFKA_HEAP_OPTS"; fi
  KAFKA_JVM=(
    "$JAVA" "${heap[@]}"
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError
    -Djava.awt.headless=true
    -Dlog4j2.configurationFile="$KAFKA_BASE/log4j2.properties"
    -Dkafka.logs.dir="$LOG_DIR"
    -cp "$KAFKA_HOME/libs/*"
  )
}

start_kafka() {
  [ -f "$KAFKA_HOME/.installed" ] || die "Kafka $KAFKA_VERSION is not installed; run scripts/infra/install.sh kafka"
  mkdir -p "$KAFKA_DATA" "$LOG_DIR"

  join_running kafka "$KAFKA_PID" "$KAFKA_LOG" kafka_healthy "127.0.0.1:$KAFKA_PORT" && return
  require_port_free "$KAFKA_PORT" kafka
  require_port_free "$KAFKA_CONTROLLER_PORT" "kafka controller"

  write_kafka_config
  kafka_jvm
  if [ ! -f "$KAFKA_DATA/meta.properties" ]; then
    local cluster_id
    cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
    # the tool's argument parser takes an id that starts with "-" for an option
    [[ $cluster_id == -* ]] && cluster_id="A${cluster_id:1}"
    log "kafka: formatting storage (cluster id $cluster_id)"
    "${KAFKA_JVM[@]}" kafka.tools.StorageTool format -t "$cluster_id" \
      -c "$KAFKA_BASE/server.properties" >>"$KAFKA_OUT" 2>&1 ||
      { tail_log "$KAFKA_OUT"; die "kafka: storage format failed"; }
  fi

  # Fresh log per run (the previous one is kept), so the readiness check
  # only sees this run's "Kafka Server started".
  if [ -f "$KAFKA_LOG" ]; then mv -f "$KAFKA_LOG" "$KAFKA_LOG.prev"; fi
  log "kafka: starting $KAFKA_VERSION on 127.0.0.1:$KAFKA_PORT (controller $KAFKA_CONTROLLER_PORT)"
  spawn_daemon "$KAFKA_PID" "$KAFKA_OUT" "${KAFKA_JVM[@]}" kafka.Kafka "$KAFKA_BASE/server.properties"
  await_daemon kafka "$KAFKA_PID" "$KAFKA_LOG" kafka_healthy "127.0.0.1:$KAFKA_PORT"
}

# --------------------------------------------------------------------------
# MinIO
# --------------------------------------------------------------------------
MINIO_BASE="$RUN_DIR/minio"
MINIO_DATA="$MINIO_BASE/data"
MINIO_PID="$MINIO_BASE/minio.pid"
MINIO_LOG="$LOG_DIR/minio.log"

minio_healthy() {
  curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$MINIO_PORT/minio/health/ready"
}

start_minio() {
  [ -x "$MINIO_BIN" ] || die "MinIO is not installed; run scripts/infra/install.sh minio"
  mkdir -p "$MINIO_DATA" "$LOG_DIR"

  join_running minio "$MINIO_PID" "$MINIO_LOG" minio_healthy "$S3_ENDPOINT" && return
  require_port_free "$MINIO_PORT" minio
  require_port_free "$MINIO_CONSOLE_PORT" "minio console"

  log "minio: starting on 127.0.0.1:$MINIO_PORT (console $MINIO_CONSOLE_PORT)"
  spawn_daemon "$MINIO_PID" "$MINIO_LOG" \
    env MINIO_ROOT_USER="${MINIO_ROOT_USER:-$S3_ACCESS_KEY}" \
    MINIO_ROOT_PASSWORD="${MINIO_ROOT_PASSWORD:-$S3_SECRET_KEY}" \
    MINIO_UPDATE=off \
    "$MINIO_BIN" server \
    --address "127.0.0.1:$MINIO_PORT" \
    --console-address "127.0.0.1:$MINIO_CONSOLE_PORT" \
    "$MINIO_DATA"
  await_daemon minio "$MINIO_PID" "$MINIO_LOG" minio_healthy "$S3_ENDPOINT"
}

# --------------------------------------------------------------------------
# nginx gateway
# --------------------------------------------------------------------------
NGINX_BASE="$RUN_DIR/nginx-$GATEWAY_PORT"
NGINX_CONF="$NGINX_BASE/nginx.conf"
NGINX_PID="$NGINX_BASE/nginx.pid"
NGINX_ERROR_LOG="$LOG_DIR/nginx-error.log"
NGINX_TEMPLATE="$ROOT/deploy/nginx/gateway.conf.template"
PANEL_ROOT="${PANEL_ROOT:-$ROOT/dist/panel}"

nginx_bin() {
  command -v nginx 2>/dev/null || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } ||
    die "nginx is not installed; run scripts/infra/install.sh nginx"
}

gateway_healthy() {
  curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$GATEWAY_PORT/health"
}

render_nginx_config() {
  local tmp="$NGINX_BASE/tmp" user_line="" worker_user=""
  mkdir -p "$tmp"/{client_body,proxy,fastcgi,uwsgi,scgi} "$LOG_DIR"
  if is_root; then
    worker_user="$(id -un www-data >/dev/null 2>&1 && echo www-data || echo nobody)"
    user_line="user $worker_user $(id -gn "$worker_user");"
    chown -R "$worker_user": "$tmp"
    chmod 700 "$tmp"
    make_traversable "$tmp"
  fi

  # the workers (www-data when we are root) read the built panel
  if is_root && [ -d "$PANEL_ROOT" ]; then
    make_traversable "$PANEL_ROOT"
    chmod -R o+rX "$PANEL_ROOT"
  fi

  # TICKET_API_MORE_PORTS (space-separated) adds ticket-api instances to the upstream, as more server lines
  local api_upstream="127.0.0.1:$TICKET_API_PORT" port
  # shellcheck disable=SC2086 # a space-separated list, split on purpose
  for port in ${TICKET_API_MORE_PORTS:-}; do api_upstream+="; server 127.0.0.1:$port"; done

  GATEWAY_PORT="127.0.0.1:$GATEWAY_PORT" \
    TICKET_API_UPSTREAM="$api_upstream" \
    ATTACHMENT_UPSTREAM="127.0.0.1:$ATTACHMENT_PORT" \
    PANEL_ROOT="$PANEL_ROOT" \
    GATEWAY_TLS_PORT="${GATEWAY_TLS_PORT:+127.0.0.1:$GATEWAY_TLS_PORT}" \
    sh "$ROOT/deploy/nginx/render-gateway.sh" "$NGINX_TEMPLATE" "$NGINX_BASE/gateway.conf"

  cat >"$NGINX_CONF" <<EOF
# Generated by scripts/infra/start.sh (STACK=$STACK) - do not edit.
$user_line
worker_processes 2;
pid $NGINX_PID;
error_log $NGINX_ERROR_LOG warn;

events {
    worker_connections 1024;
}

http {
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65s;

    client_body_temp_path $tmp/client_body;
    proxy_temp_path $tmp/proxy;
    fastcgi_temp_path $tmp/fastcgi;
    uwsgi_temp_path $tmp/uwsgi;
    scgi_temp_path $tmp/scgi;

    include $NGINX_BASE/gateway.conf;
    access_log $LOG_DIR/nginx-access.log gateway_json;
}
EOF
}

# The test profile's certificate for 127.0.0.1 and localhost, made once (an operator mounts a real one).
ensure_test_certificate() {
  [ "$STACK" = test ] && [ -n "${GATEWAY_TLS_CERT:-}" ] && [ ! -s "$GATEWAY_TLS_CERT" ] || return 0
  mkdir -p "$(dirname "$GATEWAY_TLS_CERT")"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$GATEWAY_TLS_KEY" -out "$GATEWAY_TLS_CERT" 2>/dev/null || die "openssl could not make $GATEWAY_TLS_CERT"
  chmod 600 "$GATEWAY_TLS_KEY"
}

start_nginx() {
  command -v envsubst >/dev/null 2>&1 || die "envsubst missing; run scripts/infra/install.sh nginx"
  local nginx
  nginx="$(nginx_bin)"
  mkdir -p "$NGINX_BASE"
  ensure_test_certificate
  render_nginx_config
  if ! "$nginx" -t -q -p "$NGINX_BASE" -c "$NGINX_CONF" -e "$NGINX_ERROR_LOG" 2>"$NGINX_BASE/configtest.log"; then
    cat "$NGINX_BASE/configtest.log" >&2
    die "nginx: configuration test failed ($NGINX_CONF)"
  fi

  local pid
  if pid="$(pid_alive "$NGINX_PID")"; then
    log "nginx: already running, reloading configuration"
    kill -HUP "$pid"
    wait_until "$READY_TIMEOUT" "nginx" "$NGINX_ERROR_LOG" gateway_healthy
    return
  fi
  require_port_free "$GATEWAY_PORT" "nginx gateway"

  log "nginx: starting gateway on 127.0.0.1:$GATEWAY_PORT -> ticket-api :$TICKET_API_PORT, attachment-service :$ATTACHMENT_PORT"
  # nginx daemonizes itself (fork + setsid) and writes its pid file.
  if ! "$nginx" -p "$NGINX_BASE" -c "$NGINX_CONF" -e "$NGINX_ERROR_LOG" 2>"$NGINX_BASE/startup.log"; then
    cat "$NGINX_BASE/startup.log" >&2
    tail_log "$NGINX_ERROR_LOG"
    die "nginx failed to start"
  fi
  wait_until "$READY_TIMEOUT" "nginx" "$NGINX_ERROR_LOG" gateway_healthy
  log "nginx: ready ($GATEWAY_URL)"
}

# --------------------------------------------------------------------------
main() {
  local components=("$@")
  [ "${#components[@]}" -gt 0 ] || components=(postgres kafka minio)
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  local c
  for c in "${components[@]}"; do
    case "$c" in
      postgres) start_postgres ;;
      kafka) start_kafka ;;
      minio) start_minio ;;
      nginx) start_nginx ;;
      *) die "unknown component '$c' (expected postgres, kafka, minio, nginx)" ;;
    esac
  done
}

main "$@"
