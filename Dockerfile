# syntax=docker/dockerfile:1
# One image for all services; docker-compose.yml picks the service with `command:`
# (default: ticket-api). Build: docker build -t support-tickets .
# The `gateway` target is nginx with the support panel built into it.
ARG NODE_IMAGE=node:24-bookworm-slim

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

# ---- gateway: nginx with the built support panel ------------------------------------
FROM nginx:1.27-alpine AS gateway
ENV PANEL_ROOT=/usr/share/nginx/panel
COPY --from=build /app/dist/panel /usr/share/nginx/panel
COPY deploy/nginx/gateway.conf.template /etc/nginx/templates/default.conf.template

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
