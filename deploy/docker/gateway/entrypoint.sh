#!/bin/sh
# Renders the gateway template (render-gateway: only our variables; nginx's own $vars stay) and runs nginx.
set -eu
: "${TICKET_API_UPSTREAM:?TICKET_API_UPSTREAM (host:port of ticket-api) is required}"
: "${ATTACHMENT_UPSTREAM:?ATTACHMENT_UPSTREAM (host:port of attachment-service) is required}"
mkdir -p /tmp/nginx/client_body /tmp/nginx/proxy /tmp/nginx/fastcgi /tmp/nginx/uwsgi /tmp/nginx/scgi
render-gateway /etc/gateway/gateway.conf.template /tmp/nginx/gateway.conf
exec nginx -c /etc/gateway/nginx.conf -e stderr -g 'daemon off;'
