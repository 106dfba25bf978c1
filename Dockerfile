# syntax=docker/dockerfile:1
# Production image: deps (all dependencies) -> build -> runtime (production
# dependencies + build output). Run with `docker run --init ...` so signals
# reach the server. Debian slim rather than Alpine: every native package here
# (@libsql/*) ships a glibc build, and Prisma's native schema engine, which
# MySQL migrations download at start, expects OpenSSL.

FROM node:24-bookworm-slim AS base
RUN apt-get update \
  && apt-get install -y --no-install-recommends openssl ca-certificates \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The app user owns /app: `npm run setup` at start regenerates the Prisma
# client in node_modules and, with SQLite, writes the database file.
RUN chown node:node /app
USER node

# The `postinstall` script (prisma generate) loads prisma.config.ts, which
# imports prisma/*.ts and app/db/*.ts, so those come in with package.json.
FROM base AS deps
COPY --chown=node:node package.json package-lock.json prisma.config.ts ./
COPY --chown=node:node prisma ./prisma
COPY --chown=node:node app/db ./app/db
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY --chown=node:node . .
RUN npm run build

FROM base AS runtime
ENV NODE_ENV=production PORT=3000
COPY --chown=node:node package.json package-lock.json prisma.config.ts ./
COPY --chown=node:node prisma ./prisma
COPY --chown=node:node app/db ./app/db
# --omit=dev leaves out @shopify/cli and the build tools, so there is no need
# to `npm remove @shopify/cli`. prisma is a runtime dependency: postinstall
# generates the client, and `npm run setup` migrates at start.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build --chown=node:node /app/build ./build

EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Migrates (npm run setup), then serves (remix-serve).
CMD ["npm", "run", "docker-start"]
