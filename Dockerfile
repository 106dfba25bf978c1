# syntax=docker/dockerfile:1
# Production image: deps (every dependency, from the lockfile) -> build (the
# app, the server, the worker, the Prisma clients) -> runtime (production
# dependencies and the build output, owned by root, run as `node`).
# `npm run test:docker` (tests/deploy/docker.ts) builds and runs it.
#
# Debian slim rather than Alpine: every native package here (@libsql/*) ships
# a glibc build, and Prisma's native schema engine, which MySQL migrations
# download on first use, expects OpenSSL.
#
# Running it (docs/deployment.md):
#   docker run -p 3000:3000 --env-file .env -e DATABASE_URL=file:/data/app.sqlite -v app-data:/data IMAGE
#   docker stop -t 30 CONTAINER    # longer than the server's 20 s shutdown (server/lifecycle.ts)
#
# At every start, whatever the command, the entrypoint links the Prisma client
# generated for DATABASE_URL's provider (all three are generated here, at build
# time). The default command then migrates and serves:
#   MIGRATE_ON_START  default on; false (or 0, no, off) skips
#                     `prisma migrate deploy` at start, for hosts that migrate
#                     in a release step (Fly's release_command). Read by the
#                     command below only; the app never reads it.
# A command given to `docker run IMAGE ...` or a platform (Fly's [processes],
# a worker service: `node build/worker/run.js`) replaces the default command
# and does not migrate; it needs no `prisma generate` either.

FROM node:24-bookworm-slim AS base
ENV NPM_CONFIG_UPDATE_NOTIFIER=false
RUN apt-get update \
  && apt-get install -y --no-install-recommends openssl \
  && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/cache/apt/archives/*.deb
WORKDIR /app

# Dependencies, from package.json and the lockfile alone, so this layer is
# reused until they change. --ignore-scripts: the project's postinstall
# (`prisma generate`) needs the sources and runs in the build stage; the
# approved dependency scripts (prisma's version check, esbuild's binary check)
# are not needed for a build.
FROM base AS deps
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund

# The production dependencies: the same tree without devDependencies.
FROM deps AS production-deps
RUN npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM deps AS build
COPY . .
# The generated Prisma client is made for one provider, so one is generated per
# provider (node_modules/.prisma/client-<provider>) and the entrypoint picks
# one. Without DATABASE_URL the CLI config loads offline (prisma.config.ts).
RUN set -e; for provider in sqlite postgresql mysql; do \
      DATABASE_URL= DIRECT_URL= node_modules/.bin/prisma generate --schema "prisma/$provider/schema.prisma" >/dev/null; \
      mv node_modules/.prisma/client "node_modules/.prisma/client-$provider"; \
    done; \
    ln -s client-sqlite node_modules/.prisma/client
RUN npm run build
# What `prisma migrate deploy` loads at start: prisma.config.ts and the local
# modules it imports (esbuild lists them), copied to /prisma-cli in place.
RUN node_modules/.bin/esbuild prisma.config.ts --bundle --platform=node --format=esm --packages=external \
      --metafile=/tmp/prisma-config.json --outfile=/tmp/prisma-config.js --log-level=error \
  && node -e 'console.log(Object.keys(require("/tmp/prisma-config.json").inputs).join("\n"))' \
     | tar -cf - -T - | (mkdir /prisma-cli && tar -xf - -C /prisma-cli)

FROM base AS runtime
ENV NODE_ENV=production PORT=3000 CHECKPOINT_DISABLE=1
# Root owns the app; the `node` user can write only where it must:
# node_modules/.prisma (the client link), prisma/ (the default SQLite file when
# DATABASE_URL is unset, lost with the container) and /data (mount a volume
# there for SQLite; a new named volume takes this owner).
COPY --from=production-deps /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/node_modules/.prisma ./node_modules/.prisma
COPY package.json ./
COPY prisma ./prisma
COPY --from=build /prisma-cli/ ./
COPY --from=build /app/build ./build
RUN chown node:node prisma && mkdir /data && chown node:node /data
USER node

EXPOSE 3000
# server/lifecycle.ts HEALTH_PATH: 200 once the database answers and every
# migration is applied.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# Node is the container's main process (PID 1): each step below ends in
# `exec`, so no shell or npm stays in between to swallow or orphan signals.
# The server handles SIGTERM and SIGINT itself (graceful shutdown) and starts
# no child processes, so it needs no init; `docker run --init` (tini) works
# as well. The provider is read from DATABASE_URL as app/db/database-url.server.ts
# does: postgres(ql):// and mysql:// or mariadb:// URLs; anything else is SQLite.
ENTRYPOINT ["/bin/sh", "-c", "\
url=$(printf %s \"${DATABASE_URL:-}\" | tr -d '[:space:]' | tr '[:upper:]' '[:lower:]'); \
case \"$url\" in postgres://*|postgresql://*) provider=postgresql ;; mysql://*|mariadb://*) provider=mysql ;; *) provider=sqlite ;; esac; \
ln -sfn \"client-$provider\" node_modules/.prisma/client || exit 1; \
exec \"$@\"", "entrypoint"]
CMD ["/bin/sh", "-c", "\
case \"$(printf %s \"${MIGRATE_ON_START:-true}\" | tr '[:upper:]' '[:lower:]')\" in \
  0|false|no|off) ;; \
  *) node_modules/.bin/prisma migrate deploy || exit 1 ;; \
esac; \
exec node build/start.js"]
