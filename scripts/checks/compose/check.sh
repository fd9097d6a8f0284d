#!/usr/bin/env bash
# npm run check:compose: docker-compose.yml started and driven, with Debian's podman and docker compose.
#   builds the images (base images from Debian's packages where no registry answers; cached by inputs),
#   starts the stack under its own project name on 127.0.0.1:28080/28443, drives the seed's journey through
#   the gateway with the typed client, checks HTTPS and HSTS, recreates the stack and finds the data again,
#   then removes the project's containers, networks and volumes. Everything runs under nice -n 19.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/infra/env.sh
source "$HERE/../../infra/env.sh"
# shellcheck source=scripts/infra/node.sh
source "$ROOT/scripts/infra/node.sh"
# shellcheck source=scripts/checks/compose/podman.sh
source "$HERE/podman.sh"
# shellcheck source=scripts/checks/compose/images.sh
source "$HERE/images.sh"
log() { printf '[compose-check %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

PROJECT=support-tickets-compose-check
COMPOSE_PROJECT_DIR="$LOCAL_DIR/compose-check/project"
: "${COMPOSE_CHECK_HTTP_PORT:=28080}" "${COMPOSE_CHECK_HTTPS_PORT:=28443}"
GATEWAY="http://127.0.0.1:$COMPOSE_CHECK_HTTP_PORT"

compose() {
  timeout 900 nice -n 19 "$LOCAL_DIR/bin/docker-compose" -p "$PROJECT" -f "$COMPOSE_PROJECT_DIR/docker-compose.yml" "$@"
}

# A copy of the compose files with .env from .env.example, the local images and a self-signed certificate.
project_dir() {
  rm -rf "$COMPOSE_PROJECT_DIR" && mkdir -p "$COMPOSE_PROJECT_DIR/tls"
  cp -r "$ROOT/docker-compose.yml" "$ROOT/versions.env" "$ROOT/Dockerfile" "$ROOT/deploy" "$COMPOSE_PROJECT_DIR/"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$COMPOSE_PROJECT_DIR/tls/tls.key" -out "$COMPOSE_PROJECT_DIR/tls/tls.crt" 2>/dev/null
  chmod 644 "$COMPOSE_PROJECT_DIR/tls/tls.key" # read by the gateway's user; a throwaway key
  {
    grep -v -e '^WEBHOOK_SECRET_KEYS=' -e '^AUDIT_SIGNING_KEYS=' -e '^DATA_MASTER_KEYS=' "$ROOT/.env.example"
    printf '%s\n' "WEBHOOK_SECRET_KEYS=check:$(openssl rand -base64 32)" "AUDIT_SIGNING_KEYS=check:$(openssl rand -base64 32)" "DATA_MASTER_KEYS=check:$(openssl rand -base64 32)" "GATEWAY_HOST_PORT=$COMPOSE_CHECK_HTTP_PORT" "GATEWAY_HOST_TLS_PORT=$COMPOSE_CHECK_HTTPS_PORT" \
      "GATEWAY_TLS_DIR=$COMPOSE_PROJECT_DIR/tls" GATEWAY_TLS_CERT=/etc/gateway/tls/tls.crt GATEWAY_TLS_KEY=/etc/gateway/tls/tls.key \
      "DEBIAN_IMAGE=$DEBIAN_IMAGE" "NODE_IMAGE=$NODE_IMAGE" "GO_IMAGE=$GO_IMAGE" \
      "POSTGRES_IMAGE=$POSTGRES_IMAGE" "KAFKA_IMAGE=$KAFKA_IMAGE"
  } >"$COMPOSE_PROJECT_DIR/.env"
}

teardown() {
  local rc=$?
  if [ "$rc" -ne 0 ] && [ -S "$PODMAN_DIR/podman.sock" ]; then
    compose ps -a >&2 || true
    compose logs --no-color --tail 40 >&2 || true
  fi
  log "removing the project's containers, networks and volumes"
  compose down --volumes --remove-orphans --timeout 30 >/dev/null 2>&1 || true
  podman_stop_helpers
  log "$([ "$rc" -eq 0 ] && echo passed || echo FAILED) in $((SECONDS / 60))m$((SECONDS % 60))s"
}

api_key() {
  podman exec "$(compose ps -q ticket-api)" node dist/apps/ticket-api/src/api-keys/api-key.cli.js create "$@"
}

up() {
  compose up --detach --no-build --pull never --wait --wait-timeout 600 >&2
  log "stack healthy: $(compose ps --format '{{.Service}}' | tr '\n' ' ')"
}

# As the chart's pods: no container runs as root or may write its root file system.
locked_down() {
  local id name user read_only
  for id in $(compose ps --all --quiet); do
    read -r name user read_only < <(podman inspect --format '{{.Name}} {{.Config.User}} {{.HostConfig.ReadonlyRootfs}}' "$id")
    case "$user" in "" | 0 | 0:* | root | root:*) die "$name runs as root" ;; esac
    [ "$read_only" = true ] || die "$name has a writable root file system"
  done
  log "every container runs as a non-root user on a read-only root file system"
  local published
  published="$(compose port gateway 8080) $(compose port gateway 8443)"
  [ "$published" = "127.0.0.1:$COMPOSE_CHECK_HTTP_PORT 127.0.0.1:$COMPOSE_CHECK_HTTPS_PORT" ] ||
    die "the gateway is published on $published, not on loopback only"
  log "the gateway is published on 127.0.0.1 only ($published)"
}

https_check() {
  local headers
  headers="$(curl -sS --max-time 10 --cacert "$COMPOSE_PROJECT_DIR/tls/tls.crt" -o /dev/null -D - \
    "https://127.0.0.1:$COMPOSE_CHECK_HTTPS_PORT/api/me" -H "X-API-Key: $1")"
  grep -qi '^strict-transport-security: max-age=' <<<"$headers" || die "no HSTS over HTTPS: $headers"
  ! curl -sS --max-time 10 -D - -o /dev/null "$GATEWAY/api/me" -H "X-API-Key: $1" | grep -qi '^strict-transport-security' ||
    die "HSTS sent over plain HTTP"
  log "HTTPS on 127.0.0.1:$COMPOSE_CHECK_HTTPS_PORT answers with HSTS; plain HTTP without"
}

main() {
  trap teardown EXIT
  podman_configure
  bash "$ROOT/scripts/infra/install.sh" podman docker-compose
  if [ ! -d "$ROOT/node_modules" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    (cd "$ROOT" && nice -n 19 npm ci --no-audit --no-fund --loglevel=error)
  fi
  (cd "$ROOT" && npm run --silent client:types)
  project_dir
  podman_service_start
  base_images
  compose_images
  health_ticker_start "$PROJECT"

  require_port_free "$COMPOSE_CHECK_HTTP_PORT" "the compose gateway"
  require_port_free "$COMPOSE_CHECK_HTTPS_PORT" "the compose gateway (HTTPS)"
  log "starting the stack (project $PROJECT)"
  up
  local account=acct-compose customer staff
  customer="$(api_key --account "$account" --role customer)"
  staff="$(api_key --role staff)"
  (cd "$ROOT" && nice -n 19 node_modules/.bin/tsx "$HERE/journey.ts" drive "$GATEWAY" "$customer" "$staff" "$account" \
    "$COMPOSE_PROJECT_DIR/journey.json")
  locked_down
  https_check "$customer"

  log "recreating the stack: containers removed, volumes kept"
  compose down --timeout 30 >&2
  up
  (cd "$ROOT" && nice -n 19 node_modules/.bin/tsx "$HERE/journey.ts" verify "$GATEWAY" "$customer" "$COMPOSE_PROJECT_DIR/journey.json")
}

main "$@"
