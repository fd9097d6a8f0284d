# shellcheck shell=bash
# Sourced by check.sh: a project-owned podman (config, storage, networks and socket under $PODMAN_DIR),
# its Docker API for docker compose, and the health checks podman 4.3 leaves to systemd.
PODMAN_DIR="$LOCAL_DIR/compose-check/podman"
export CONTAINERS_CONF="$PODMAN_DIR/containers.conf"
export CONTAINERS_STORAGE_CONF="$PODMAN_DIR/storage.conf"
export DOCKER_HOST="unix://$PODMAN_DIR/podman.sock"

podman_configure() {
  mkdir -p "$PODMAN_DIR"
  # runc: Debian's crun refuses this machine's cgroup mode; no ulimits: the defaults exceed the hard limits
  cat >"$CONTAINERS_CONF" <<CONF
[containers]
default_ulimits = []
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
[network]
network_backend = "netavark"
network_config_dir = "$PODMAN_DIR/networks"
CONF
  cat >"$CONTAINERS_STORAGE_CONF" <<CONF
[storage]
driver = "overlay"
graphroot = "$PODMAN_DIR/storage"
runroot = "$PODMAN_DIR/run"
CONF
}

# Niced: conmon and every container inherit the service's niceness.
PODMAN_SERVICE_PID=""
podman_service_start() {
  rm -f "$PODMAN_DIR/podman.sock"
  nice -n 19 podman system service --time=0 "$DOCKER_HOST" >>"$PODMAN_DIR/service.log" 2>&1 &
  PODMAN_SERVICE_PID=$!
  wait_until 30 "podman service" "$PODMAN_DIR/service.log" test -S "$PODMAN_DIR/podman.sock"
}

# podman 4.3 runs health checks from systemd timers; with no systemd this loop runs them, for the containers
# not yet healthy (all that `depends_on` and `up --wait` look at).
HEALTH_TICKER_PID=""
health_ticker_start() {
  local project="$1"
  (
    while sleep 2; do
      for id in $(podman ps -q --filter "label=com.docker.compose.project=$project" \
        --filter health=starting --filter health=unhealthy 2>/dev/null); do
        nice -n 19 podman healthcheck run "$id" >/dev/null 2>&1 || true
      done
    done
  ) &
  HEALTH_TICKER_PID=$!
}

podman_stop_helpers() {
  local pid
  for pid in "$HEALTH_TICKER_PID" "$PODMAN_SERVICE_PID"; do
    [ -z "$pid" ] || kill "$pid" 2>/dev/null || true
  done
  HEALTH_TICKER_PID="" PODMAN_SERVICE_PID=""
}
