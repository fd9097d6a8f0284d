#!/usr/bin/env bash
# Offline checks of the deployment files, run by `npm test`:
#   - docker-compose.yml loads with compose-go (docker compose's loader), with .env.example as .env,
#     names no minio/minio image, and takes its server versions from versions.env;
#   - the Helm chart passes `helm lint --strict` and renders with explicit development values and
#     production-like values, refuses to render without credentials (or with the well-known
#     defaults), gives the webhook dispatcher an egress NetworkPolicy, and every rendered object validates strictly (unknown fields rejected) against the
#     Kubernetes API schemas shipped by the kubernetes-validate package.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=versions.env
source versions.env
LOCAL_DIR="${LOCAL_DIR:-$PWD/.local}"
BIN="$LOCAL_DIR/bin"
OUT="$LOCAL_DIR/deploy-check"
CHART=deploy/helm/support-tickets

bash scripts/infra/install.sh helm kubernetes-validate compose-config
rm -rf "$OUT"
mkdir -p "$OUT/compose"

fail() {
  echo "[deploy-check] FAILED: $*" >&2
  exit 1
}

# ---- docker compose ------------------------------------------------------------------------------
cp -r docker-compose.yml versions.env Dockerfile deploy "$OUT/compose/"
if (cd "$OUT/compose" && "$BIN/compose-config" docker-compose.yml >/dev/null 2>&1); then
  fail "docker-compose.yml loads without .env: credentials must come from .env"
fi
cp .env.example "$OUT/compose/.env"
(cd "$OUT/compose" && "$BIN/compose-config" docker-compose.yml) >"$OUT/compose.resolved.yml" ||
  fail "compose-go could not load docker-compose.yml"
! grep -E 'image: *minio/minio' "$OUT/compose.resolved.yml" || fail "compose names the removed minio/minio image"
for want in "image: postgres:$POSTGRES_VERSION-$DEBIAN_RELEASE" "image: apache/kafka:$KAFKA_VERSION" \
  "MINIO_VERSION: $MINIO_VERSION" "NGINX_VERSION: \"$NGINX_VERSION\""; do
  grep -qF "$want" "$OUT/compose.resolved.yml" || fail "resolved compose file lacks '$want' (versions.env)"
done
echo "[deploy-check] docker-compose.yml: loads with compose-go, versions from versions.env, credentials from .env"

# ---- Helm chart ------------------------------------------------------------------------------------
DEV_VALUES="$CHART/ci/development-values.yaml"
"$BIN/helm" lint --strict "$CHART" -f "$DEV_VALUES"
"$BIN/helm" lint --strict "$CHART" -f "$CHART/ci/production-values.yaml"
"$BIN/helm" template tickets "$CHART" --kube-version "$KUBERNETES_VERSION" --namespace support -f "$DEV_VALUES" \
  >"$OUT/default.yaml"
"$BIN/helm" template tickets "$CHART" --kube-version "$KUBERNETES_VERSION" --namespace support -f "$CHART/ci/production-values.yaml" \
  >"$OUT/production.yaml"
if "$BIN/helm" template tickets "$CHART" --kube-version "$KUBERNETES_VERSION" -f "$DEV_VALUES" --set projector.replicas=7 >/dev/null 2>&1; then
  fail "the chart renders more projector replicas than topic partitions"
fi
# no credentials in the chart: without secret.existingSecret or given values it refuses to render
"$BIN/helm" template tickets "$CHART" --kube-version "$KUBERNETES_VERSION" >/dev/null 2>"$OUT/no-credentials.err" &&
  fail "the chart renders without secret.existingSecret or secret.values"
grep -q 'is required without secret.existingSecret' "$OUT/no-credentials.err" ||
  fail "the chart's refusal without credentials does not say what is missing: $(cat "$OUT/no-credentials.err")"
for default in 'secret.values.S3_SECRET_KEY=minioadmin' 'secret.values.DATABASE_URL=postgres://tickets:tickets@postgres:5432/tickets' 'secret.values.AUDIT_SIGNING_KEYS=dev:YXVkaXQtc2lnbmluZy1rZXktZm9yLWRldi1vbmx5ISE=' 'secret.values.DATA_MASTER_KEYS=dev:ZGF0YS1tYXN0ZXIta2V5LWZvci1kZXYtb25seSEhISE='; do
  if "$BIN/helm" template tickets "$CHART" --kube-version "$KUBERNETES_VERSION" -f "$DEV_VALUES" --set "$default" >/dev/null 2>&1; then
    fail "the chart renders the well-known default credential $default"
  fi
done
grep -q 'name: tickets-support-tickets-webhook-dispatcher-egress' "$OUT/production.yaml" ||
  fail "the webhook dispatcher has no egress NetworkPolicy"

# kubernetes-validate takes one object per file: split the rendered streams.
split_objects() {
  local stream="$1" dir="$2"
  mkdir -p "$dir"
  awk -v dir="$dir" 'BEGIN { n = 0; file = sprintf("%s/%03d.yaml", dir, n) }
    /^---/ { n++; file = sprintf("%s/%03d.yaml", dir, n); next }
    { print > file }' "$stream"
  # drop files that hold only comments or blank lines
  local f
  for f in "$dir"/*.yaml; do
    grep -qvE '^\s*(#.*)?$' "$f" || rm -f "$f"
  done
}
for values in default production; do
  split_objects "$OUT/$values.yaml" "$OUT/$values"
  count=$(find "$OUT/$values" -name '*.yaml' | wc -l)
  "$LOCAL_DIR/venv-kubernetes-validate/bin/kubernetes-validate" --strict --quiet \
    -k "$KUBERNETES_VERSION" "$OUT/$values"/*.yaml ||
    fail "rendered objects ($values values) do not validate against the Kubernetes $KUBERNETES_VERSION schemas"
  kinds=$(grep -h '^kind:' "$OUT/$values"/*.yaml | sort | uniq -c | awk '{printf "%s %s, ", $1, $3}')
  echo "[deploy-check] chart with $values values: $count objects valid for Kubernetes $KUBERNETES_VERSION (${kinds%, })"
done

# ---- TLS: the Ingress ends TLS with the named secret, the gateway believes only its proxies ----------
ingress="$(grep -l '^kind: Ingress' "$OUT/production"/*.yaml)" || fail "production values render no Ingress"
grep -q 'secretName: support-tickets-tls' "$ingress" || fail "the Ingress names no TLS secret"
grep -q 'cert-manager.io/cluster-issuer: letsencrypt' "$ingress" || fail "the Ingress lost its cert-manager annotation"
grep -A1 'name: GATEWAY_TRUSTED_PROXIES' "$OUT/production.yaml" | grep -q '10.0.0.0/8' ||
  fail "the gateway is not told which proxies to trust"
if "$BIN/helm" template tickets "$CHART" --kube-version "$KUBERNETES_VERSION" --set ingress.enabled=true --set secret.existingSecret=credentials \
  --set 'ingress.hosts[0]=support.example.com' >/dev/null 2>&1; then
  fail "the chart renders an Ingress without TLS"
fi
echo "[deploy-check] chart TLS: the Ingress ends TLS with its secret (cert-manager annotated), and refuses to render without one"

# ---- rolling upgrades: no Deployment ever goes below its replica count ------------------------------
for values in default production; do
  deployments=$(grep -l '^kind: Deployment' "$OUT/$values"/*.yaml)
  for file in $deployments; do
    grep -q 'maxUnavailable: 0' "$file" || fail "$(grep -m1 'name:' "$file") ($values values) may roll below its replicas"
  done
done
grep -q 'helm.sh/hook: pre-install,pre-upgrade' "$OUT/default.yaml" || fail "the migrations Job no longer runs before the new pods"
echo "[deploy-check] rolling upgrades: every Deployment surges with maxUnavailable 0; migrations run first (pre-upgrade hook)"
