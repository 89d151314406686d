# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim AS build
# Build-time facts of a particular network, empty unless passed (scripts/verify-image.sh passes
# them): a CA bundle for a TLS-intercepting proxy in front of the npm registry, and a Node
# headers directory for node-gyp where it cannot download them (/usr/local in node images).
ARG NODE_EXTRA_CA_CERTS
ARG npm_config_nodedir
WORKDIR /app
# better-sqlite3 is compiled from source.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
# pg_dump/pg_restore for backups of a PostgreSQL database.
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client \
  && rm -rf /var/lib/apt/lists/*
# The code stays root's (read-only to the service); only what it writes belongs to `node`.
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/config ./config
COPY --from=build /app/package.json ./
RUN mkdir -p data logs backups && chown node:node data logs backups
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# Migrations first (they are also applied at start unless MIGRATIONS_RUN=false), then the app.
# The TypeORM CLI is started with node, not npx: npx wants a writable $HOME for its cache (an
# arbitrary --user or a read-only root file system has none) and may look for npm updates.
CMD ["sh", "-c", "node node_modules/typeorm/cli.js migration:run -d dist/ormconfig.js && exec node dist/src/main.js"]
