#!/usr/bin/env bash
# Stop local infrastructure servers of a profile (data is kept).
#
#   scripts/infra/stop.sh                    # nginx minio kafka postgres
#   STACK=test scripts/infra/stop.sh kafka   # only some
#
# Each server gets SIGTERM (PostgreSQL: pg_ctl fast shutdown, or PG_STOP_MODE=immediate
# for a crash), a bounded wait (STOP_TIMEOUT, default 30 s), then SIGKILL.
set -euo pipefail

# shellcheck source=scripts/infra/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

stop_pidfile() {
  local name="$1" pidfile="$2" pid
  if pid="$(pid_alive "$pidfile")"; then
    stop_pid "$name" "$pid"
    log "$name: stopped"
  else
    log "$name: not running"
  fi
  rm -f "$pidfile"
}

stop_postgres() {
  local data="$RUN_DIR/postgres/data" bin pid
  if [ ! -f "$data/postmaster.pid" ]; then
    log "postgres: not running"
    return
  fi
  pid="$(head -n 1 "$data/postmaster.pid" | tr -d '[:space:]')"
  if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
    log "postgres: not running (stale postmaster.pid)"
    return
  fi
  local mode="${PG_STOP_MODE:-fast}"
  log "stopping postgres (pid $pid, $mode shutdown)"
  if bin="$(pg_bin_dir)"; then
    local as=()
    if is_root; then as=(runuser -u postgres --); fi
    if (cd "$RUN_DIR/postgres" && "${as[@]}" "$bin/pg_ctl" -D "$data" -m "$mode" -w -t "$STOP_TIMEOUT" stop >/dev/null 2>&1); then
      log "postgres: stopped"
      return
    fi
  else
    kill -INT "$pid" 2>/dev/null || true # SIGINT = fast shutdown
  fi
  stop_pid postgres "$pid" 5
  log "postgres: stopped"
}

main() {
  local components=("$@")
  [ "${#components[@]}" -gt 0 ] || components=(nginx minio kafka postgres)
  local c
  for c in "${components[@]}"; do
    case "$c" in
      nginx) stop_pidfile nginx "$RUN_DIR/nginx-$GATEWAY_PORT/nginx.pid" ;;
      minio) stop_pidfile minio "$RUN_DIR/minio/minio.pid" ;;
      kafka) stop_pidfile kafka "$RUN_DIR/kafka/kafka.pid" ;;
      postgres) stop_postgres ;;
      *) die "unknown component '$c' (expected postgres, kafka, minio, nginx)" ;;
    esac
  done
}

main "$@"
