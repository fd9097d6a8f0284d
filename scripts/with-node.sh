#!/usr/bin/env bash
# Runs a command with the Node.js LTS of versions.env first on PATH: `bash scripts/with-node.sh npm run x`.
set -euo pipefail
# shellcheck source=scripts/infra/node.sh
source "$(dirname "${BASH_SOURCE[0]}")/infra/node.sh"
exec "$@"
