# syntax=docker/dockerfile:1
# One image for all services; docker-compose.yml picks the service with `command:`
# (default: ticket-api). Build: docker build -t support-tickets .
# The `gateway` target is nginx with the support panel built into it.
# the Node.js LTS of versions.env (NODE_VERSION); docker-compose.yml passes the exact one
ARG NODE_IMAGE=node:24-bookworm-slim
ARG DEBIAN_RELEASE=bookworm
ARG DEBIAN_IMAGE=debian:${DEBIAN_RELEASE}-slim

# ---- dependencies (all, for the build) ---------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV npm_config_fund=false \
    npm_config_audit=false \
    npm_config_update_notifier=false
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci

# ---- build (TypeScript -> dist) ------------------------------------------------
FROM deps AS build
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY libs ./libs
COPY apps ./apps
RUN npm run build

# ---- production dependencies only -----------------------------------------------
FROM deps AS prod-deps
RUN npm prune --omit=dev

# ---- gateway: Debian's nginx (versions.env) with the built support panel ------------
# Runs as a non-root user on a read-only root filesystem: what it writes is under /tmp.
FROM ${DEBIAN_IMAGE} AS gateway
ARG NGINX_VERSION=1.22
RUN apt-get update && \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      "nginx-light=${NGINX_VERSION}*" gettext-base && \
    rm -rf /var/lib/apt/lists/*
COPY deploy/nginx/gateway.conf.template /etc/gateway/gateway.conf.template
COPY --chmod=0755 deploy/nginx/render-gateway.sh /usr/local/bin/render-gateway
COPY deploy/docker/gateway/nginx.conf /etc/gateway/nginx.conf
COPY --chmod=0755 deploy/docker/gateway/entrypoint.sh /usr/local/bin/gateway-entrypoint
COPY --from=build /app/dist/panel /usr/share/nginx/panel
ENV GATEWAY_PORT=8080 \
    PANEL_ROOT=/usr/share/nginx/panel \
    GATEWAY_RATE_PER_ADDRESS=100r/s \
    GATEWAY_BURST_PER_ADDRESS=200 \
    GATEWAY_TRUSTED_PROXIES=
USER 33:33
EXPOSE 8080
STOPSIGNAL SIGQUIT
ENTRYPOINT ["/usr/local/bin/gateway-entrypoint"]

# ---- runtime (last, so a plain `docker build` gives the services' image) ------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# SQL migrations, found by dist/libs/platform/src/db/migrate.cli.js.
COPY db ./db
USER node
EXPOSE 3000
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/ticket-api/src/main.js"]
