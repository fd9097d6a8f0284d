#!/bin/sh
# Renders deploy/nginx/gateway.conf.template: the one renderer of the gateway image's entrypoint and of
# scripts/infra/start.sh. Only the variables listed below are substituted; nginx's own $vars stay.
#
#   render-gateway.sh TEMPLATE OUT
#   GATEWAY_PORT, TICKET_API_UPSTREAM, ATTACHMENT_UPSTREAM, PANEL_ROOT   (required)
#   GATEWAY_RATE_PER_ADDRESS, GATEWAY_BURST_PER_ADDRESS  the per-address limit: 100r/s, 200
#   GATEWAY_TRUSTED_PROXIES  addresses or CIDRs, space- or comma-separated, of the proxies in front (a
#                            TLS-terminating load balancer or ingress) whose X-Forwarded-For and
#                            X-Forwarded-Proto are believed; default: none
#   GATEWAY_TLS_PORT, GATEWAY_TLS_CERT, GATEWAY_TLS_KEY   serve HTTPS too, with a mounted certificate
set -eu
template="$1"
out="$2"
: "${GATEWAY_PORT:?}" "${TICKET_API_UPSTREAM:?}" "${ATTACHMENT_UPSTREAM:?}" "${PANEL_ROOT:?}"
: "${GATEWAY_RATE_PER_ADDRESS:=100r/s}" "${GATEWAY_BURST_PER_ADDRESS:=200}"

GATEWAY_TRUSTED_PROXY_ENTRIES=""
# nginx needs one set_real_ip_from; a unix socket address trusts no TCP peer
GATEWAY_REAL_IP_FROM="set_real_ip_from unix:;"
for proxy in $(printf '%s' "${GATEWAY_TRUSTED_PROXIES:-}" | tr ',' ' '); do
  [ "$proxy" = "unix:" ] && continue
  GATEWAY_TRUSTED_PROXY_ENTRIES="$GATEWAY_TRUSTED_PROXY_ENTRIES    $proxy 1;
"
  GATEWAY_REAL_IP_FROM="$GATEWAY_REAL_IP_FROM
set_real_ip_from $proxy;"
done

GATEWAY_TLS_LISTEN=""
if [ -n "${GATEWAY_TLS_CERT:-}" ]; then
  : "${GATEWAY_TLS_PORT:?GATEWAY_TLS_PORT is required with GATEWAY_TLS_CERT}"
  : "${GATEWAY_TLS_KEY:?GATEWAY_TLS_KEY is required with GATEWAY_TLS_CERT}"
  GATEWAY_TLS_LISTEN="    listen $GATEWAY_TLS_PORT ssl;
    ssl_certificate $GATEWAY_TLS_CERT;
    ssl_certificate_key $GATEWAY_TLS_KEY;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache shared:gateway_tls:1m;"
fi

export GATEWAY_PORT TICKET_API_UPSTREAM ATTACHMENT_UPSTREAM PANEL_ROOT GATEWAY_RATE_PER_ADDRESS \
  GATEWAY_BURST_PER_ADDRESS GATEWAY_TRUSTED_PROXY_ENTRIES GATEWAY_REAL_IP_FROM GATEWAY_TLS_LISTEN
# shellcheck disable=SC2016 # the single-quoted list is envsubst syntax
envsubst '${GATEWAY_PORT} ${TICKET_API_UPSTREAM} ${ATTACHMENT_UPSTREAM} ${PANEL_ROOT} ${GATEWAY_RATE_PER_ADDRESS} ${GATEWAY_BURST_PER_ADDRESS} ${GATEWAY_TRUSTED_PROXY_ENTRIES} ${GATEWAY_REAL_IP_FROM} ${GATEWAY_TLS_LISTEN}' \
  <"$template" >"$out"
