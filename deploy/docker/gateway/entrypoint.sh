#!/bin/sh
# Renders the gateway template (only our variables; nginx's own $vars stay) and runs nginx.
set -eu
: "${TICKET_API_UPSTREAM:?TICKET_API_UPSTREAM (host:port of ticket-api) is required}"
: "${ATTACHMENT_UPSTREAM:?ATTACHMENT_UPSTREAM (host:port of attachment-service) is required}"
mkdir -p /tmp/nginx/client_body /tmp/nginx/proxy /tmp/nginx/fastcgi /tmp/nginx/uwsgi /tmp/nginx/scgi
# shellcheck disable=SC2016 # the single-quoted list is envsubst syntax
envsubst '${GATEWAY_PORT} ${TICKET_API_UPSTREAM} ${ATTACHMENT_UPSTREAM} ${PANEL_ROOT} ${GATEWAY_RATE_PER_ADDRESS} ${GATEWAY_BURST_PER_ADDRESS} ${GATEWAY_TRUSTED_PROXIES}' \
  </etc/gateway/gateway.conf.template >/tmp/nginx/gateway.conf
exec nginx -c /etc/gateway/nginx.conf -e stderr -g 'daemon off;'
