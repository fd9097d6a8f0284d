#!/usr/bin/env bash
# Install the local infrastructure binaries (idempotent; fast when already done).
#
#   scripts/infra/install.sh                 # all: postgres kafka minio nginx chromium fuzzer
#   scripts/infra/install.sh kafka minio     # only some
#   scripts/infra/install.sh helm kubernetes-validate compose-config   # tools of scripts/checks/deploy.sh
#
# postgres, nginx : Debian packages (apt-get) when the binaries are missing.
# kafka           : jars from Maven Central via scripts/infra/kafka/pom.xml
#                   into $LOCAL_DIR/kafka/<version>/libs.
# minio           : `go install` (pinned pseudo-version) into $LOCAL_DIR/bin.
# chromium        : Debian package, the headless browser of the panel's browser tests.
# helm            : `go install helm.sh/helm/v3/cmd/helm@$HELM_VERSION` into $LOCAL_DIR/bin.
# kubernetes-validate : PyPI package shipping the Kubernetes API JSON schemas, in a venv under $LOCAL_DIR.
# compose-config  : scripts/checks/compose-config (compose-go, docker compose's loader), built with go.
# podman          : Debian's podman, runc and friends, the engine of scripts/checks/compose.
# docker-compose  : docker compose (DOCKER_COMPOSE_VERSION) built from its Go module into $LOCAL_DIR/bin.
# fuzzer          : schemathesis (pinned) from PyPI into a venv at $LOCAL_DIR/schemathesis.
set -euo pipefail

# shellcheck source=scripts/infra/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

APT_UPDATED=0
# wait for another apt run (a parallel install) instead of failing on the dpkg lock
APT_LOCK_WAIT=(-o DPkg::Lock::Timeout=600)
apt_install() {
  if ! is_root; then
    if command -v sudo >/dev/null 2>&1; then
      log "installing with sudo apt-get: $*"
      sudo apt-get "${APT_LOCK_WAIT[@]}" update
      sudo DEBIAN_FRONTEND=noninteractive apt-get "${APT_LOCK_WAIT[@]}" install -y --no-install-recommends "$@"
      return
    fi
    die "missing packages ($*) and not root: run 'apt-get install -y $*' as root"
  fi
  command -v apt-get >/dev/null 2>&1 || die "missing packages ($*) and no apt-get on this machine"
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    apt-get "${APT_LOCK_WAIT[@]}" update
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get "${APT_LOCK_WAIT[@]}" install -y --no-install-recommends "$@"
}

install_postgres() {
  local bin
  if ! bin="$(pg_bin_dir)"; then
    # Debian auto-starts its own cluster on 5432; we never use it (our own
    # instances run on their own ports and data dirs), so it does not matter.
    apt_install "postgresql-$POSTGRES_VERSION" "postgresql-client-$POSTGRES_VERSION"
    bin="$(pg_bin_dir)" || die "PostgreSQL installed but no initdb under /usr/lib/postgresql/$POSTGRES_VERSION/bin"
  fi
  command -v runuser >/dev/null 2>&1 || die "runuser (util-linux) is required"
  if is_root && ! id postgres >/dev/null 2>&1; then
    log "creating system user postgres"
    useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
  fi
  log "postgres: ok ($("$bin/postgres" --version))"
}

install_nginx() {
  local pkgs=()
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || pkgs+=(nginx-light)
  command -v envsubst >/dev/null 2>&1 || pkgs+=(gettext-base)
  command -v curl >/dev/null 2>&1 || pkgs+=(curl)
  if [ "${#pkgs[@]}" -gt 0 ]; then
    apt_install "${pkgs[@]}"
  fi
  local version
  version="$(PATH="$PATH:/usr/sbin" nginx -v 2>&1)"
  case "$version" in
    *"nginx/$NGINX_VERSION".*) log "nginx: ok ($version)" ;;
    *) log "nginx: WARNING $version, versions.env names $NGINX_VERSION" ;;
  esac
}

java_major() {
  "$JAVA" -XshowSettings:properties -version 2>&1 |
    awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

install_kafka() {
  local pom="$INFRA_DIR/kafka/pom.xml" marker="$KAFKA_HOME/.installed" want
  want="$KAFKA_VERSION $(sha256sum "$pom" | cut -d' ' -f1)"
  if [ -f "$marker" ] && [ "$(cat "$marker")" = "$want" ]; then
    log "kafka: ok ($KAFKA_VERSION, cached in $KAFKA_HOME)"
    return
  fi
  local pkgs=()
  command -v "$JAVA" >/dev/null 2>&1 || pkgs+=(openjdk-17-jre-headless)
  command -v mvn >/dev/null 2>&1 || pkgs+=(maven)
  if [ "${#pkgs[@]}" -gt 0 ]; then
    apt_install "${pkgs[@]}"
  fi
  local major
  major="$(java_major)"
  [ "${major%%.*}" -ge 17 ] 2>/dev/null || die "Kafka $KAFKA_VERSION needs Java >= 17 (found '$major' at $JAVA)"

  log "kafka: resolving $KAFKA_VERSION from Maven Central (first run downloads ~45 MB)"
  local started=$SECONDS tmp="$KAFKA_HOME/libs.tmp"
  rm -rf "$tmp"
  mkdir -p "$KAFKA_HOME"
  # Output goes to a log (Maven 3.8 prints stray ANSI codes even with -q -B).
  local mvnlog="$KAFKA_HOME/mvn.log"
  if ! mvn -B -Dstyle.color=never -f "$pom" \
    -Dkafka.version="$KAFKA_VERSION" \
    dependency:copy-dependencies \
    -DincludeScope=runtime \
    -DoutputDirectory="$tmp" >"$mvnlog" 2>&1; then
    tail_log "$mvnlog" 60
    die "kafka: mvn dependency:copy-dependencies failed (log: $mvnlog)"
  fi
  [ -f "$tmp/kafka_2.13-$KAFKA_VERSION.jar" ] || die "kafka: kafka_2.13-$KAFKA_VERSION.jar missing after mvn"
  rm -rf "$KAFKA_HOME/libs"
  mv "$tmp" "$KAFKA_HOME/libs"
  printf '%s\n' "$want" >"$marker"
  log "kafka: installed $KAFKA_VERSION in $((SECONDS - started))s"
}

install_minio() {
  local marker="$LOCAL_DIR/bin/.minio.version"
  if [ -x "$MINIO_BIN" ] && [ -f "$marker" ] && [ "$(cat "$marker")" = "$MINIO_VERSION" ]; then
    log "minio: ok ($MINIO_VERSION)"
    return
  fi
  command -v go >/dev/null 2>&1 || die "minio: Go toolchain not found (need a recent Go to 'go install $MINIO_MODULE@$MINIO_VERSION')"
  log "minio: go install $MINIO_MODULE@$MINIO_VERSION (compiles from source; several minutes on a cold cache)"
  local started=$SECONDS
  mkdir -p "$LOCAL_DIR/bin"
  rm -f "$marker"
  GOBIN="$LOCAL_DIR/bin" go install "$MINIO_MODULE@$MINIO_VERSION"
  [ -x "$MINIO_BIN" ] || die "minio: go install finished but $MINIO_BIN is missing"
  printf '%s\n' "$MINIO_VERSION" >"$marker"
  log "minio: installed in $((SECONDS - started))s"
}

install_chromium() {
  [ -x "$CHROMIUM_BIN" ] || apt_install chromium fonts-liberation
  log "chromium: ok ($("$CHROMIUM_BIN" --version 2>/dev/null | head -n 1))"
}

# go_install_pinned <name> <module@version> <marker value>: once per version, into $LOCAL_DIR/bin.
go_install_pinned() {
  local name="$1" target="$2" marker="$LOCAL_DIR/bin/.$1.version"
  if [ -x "$LOCAL_DIR/bin/$name" ] && [ "$(cat "$marker" 2>/dev/null)" = "$target" ]; then
    log "$name: ok ($target)"
    return
  fi
  command -v go >/dev/null 2>&1 || die "$name: Go toolchain not found"
  log "$name: go install $target (compiles from source; minutes on a cold cache)"
  mkdir -p "$LOCAL_DIR/bin"
  GOBIN="$LOCAL_DIR/bin" go install "$target"
  printf '%s\n' "$target" >"$marker"
}

install_compose_config() {
  local src="$ROOT/scripts/checks/compose-config" marker="$LOCAL_DIR/bin/.compose-config.version" want
  want="$(cat "$src/go.mod" "$src/go.sum" "$src/main.go" | sha256sum | cut -d' ' -f1)"
  if [ -x "$LOCAL_DIR/bin/compose-config" ] && [ "$(cat "$marker" 2>/dev/null)" = "$want" ]; then
    log "compose-config: ok"
    return
  fi
  command -v go >/dev/null 2>&1 || die "compose-config: Go toolchain not found"
  log "compose-config: go build (compose-go from the Go module proxy)"
  (cd "$src" && go build -o "$LOCAL_DIR/bin/compose-config" .)
  printf '%s\n' "$want" >"$marker"
}

install_podman() {
  local pkgs=() p
  for p in podman runc netavark aardvark-dns catatonit mmdebstrap uidmap openssl; do
    dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || pkgs+=("$p")
  done
  [ "${#pkgs[@]}" -eq 0 ] || apt_install "${pkgs[@]}"
  log "podman: ok ($(podman --version))"
}

install_docker_compose() {
  local bin="$LOCAL_DIR/bin/docker-compose" marker="$LOCAL_DIR/bin/.docker-compose.version" dir
  if [ -x "$bin" ] && [ "$(cat "$marker" 2>/dev/null)" = "$DOCKER_COMPOSE_VERSION" ]; then
    log "docker-compose: ok ($DOCKER_COMPOSE_VERSION)"
    return
  fi
  command -v go >/dev/null 2>&1 || die "docker-compose: Go toolchain not found"
  log "docker-compose: go build $DOCKER_COMPOSE_VERSION (Go module proxy; minutes on a cold cache)"
  dir="$(go mod download -json "github.com/docker/compose/v5@$DOCKER_COMPOSE_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
  [ -d "$dir" ] || die "docker-compose: go mod download gave no directory"
  # not `go install module@version`: compose's go.mod has exclude directives, which go install refuses
  mkdir -p "$LOCAL_DIR/bin"
  (cd "$dir" && CGO_ENABLED=0 nice -n 19 go build -trimpath -ldflags "-s -w -X github.com/docker/compose/v5/internal.Version=$DOCKER_COMPOSE_VERSION" -o "$bin" ./cmd)
  printf '%s\n' "$DOCKER_COMPOSE_VERSION" >"$marker"
}

install_kubernetes_validate() {
  local venv="$LOCAL_DIR/venv-kubernetes-validate" marker
  marker="$venv/.version"
  if [ -x "$venv/bin/kubernetes-validate" ] && [ "$(cat "$marker" 2>/dev/null)" = "$KUBERNETES_VALIDATE_VERSION" ]; then
    log "kubernetes-validate: ok ($KUBERNETES_VALIDATE_VERSION)"
    return
  fi
  python3 -m venv --help >/dev/null 2>&1 || apt_install python3-venv
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION"
  printf '%s\n' "$KUBERNETES_VALIDATE_VERSION" >"$marker"
  log "kubernetes-validate: installed $KUBERNETES_VALIDATE_VERSION"
}

install_fuzzer() {
  local marker="$FUZZER_VENV/.installed"
  if [ -x "$FUZZER_BIN" ] && [ -f "$marker" ] && [ "$(cat "$marker")" = "$SCHEMATHESIS_VERSION" ]; then
    log "fuzzer: ok (schemathesis $SCHEMATHESIS_VERSION)"
    return
  fi
  command -v python3 >/dev/null 2>&1 || apt_install python3
  python3 -c 'import venv, ensurepip' 2>/dev/null || apt_install python3-venv
  log "fuzzer: pip install schemathesis==$SCHEMATHESIS_VERSION into $FUZZER_VENV"
  rm -rf "$FUZZER_VENV"
  python3 -m venv "$FUZZER_VENV"
  "$FUZZER_VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  [ -x "$FUZZER_BIN" ] || die "fuzzer: pip finished but $FUZZER_BIN is missing"
  printf '%s\n' "$SCHEMATHESIS_VERSION" >"$marker"
  log "fuzzer: installed"
}

main() {
  local components=("$@")
  [ "${#components[@]}" -gt 0 ] || components=(postgres kafka minio nginx chromium fuzzer)
  mkdir -p "$LOCAL_DIR"
  local c
  for c in "${components[@]}"; do
    case "$c" in
      postgres) install_postgres ;;
      kafka) install_kafka ;;
      minio) install_minio ;;
      nginx) install_nginx ;;
      chromium) install_chromium ;;
      helm) go_install_pinned helm "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" ;;
      kubernetes-validate) install_kubernetes_validate ;;
      compose-config) install_compose_config ;;
      podman) install_podman ;;
      docker-compose) install_docker_compose ;;
      fuzzer) install_fuzzer ;;
      *) die "unknown component '$c' (expected postgres, kafka, minio, nginx, chromium, fuzzer, helm, kubernetes-validate, compose-config, podman, docker-compose)" ;;
    esac
  done
}

main "$@"
