# One image for both processes: `node --max-semi-space-size=64 dist/apps/api/src/main.js` (a
# larger young generation: fewer scavenges and promotions under concurrent GraphQL requests,
# ~10 % less CPU per roster page; docs/performance.md) or
# `node --max-old-space-size=256 dist/apps/worker/src/main.js` (the cap keeps the worker's RSS
# under 300 MB in a burst; its live heap is ~50 MB).
#
# The base is node:24.21.0-bookworm-slim pinned by the digest of its multi-platform index, so two
# builds of one commit get the same Node and Debian. To refresh it: `docker pull
# node:24-bookworm-slim`, then `docker inspect --format '{{index .RepoDigests 0}}'
# node:24-bookworm-slim`, and put the new version and digest in both FROM lines (and keep
# package.json's `node` devDependency on the same major).
#
# test/image-build.spec.ts copies exactly what the COPY lines below name (minus .dockerignore)
# and runs the build stage's `npm run build` there, so a missing file fails CI, not a deploy.
FROM node:24.21.0-bookworm-slim@sha256:0e0ff40c39bc087845bfb27465a0df4ea419520094bc35842ff83dd8cbe6f9b6 AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json .swcrc schema.graphql ./
COPY apps apps
COPY libs libs
COPY migrations migrations
RUN npm run build && npm prune --omit=dev

FROM node:24.21.0-bookworm-slim@sha256:0e0ff40c39bc087845bfb27465a0df4ea419520094bc35842ff83dd8cbe6f9b6
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
# The code stays root's, read-only to the process (with DATABASE_URL and SMTP_URL set, as in
# docker-compose.yml, it writes no files).
USER node
EXPOSE 3000
# The API's liveness (the worker's compose service replaces it with its own check).
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["node", "dist/apps/api/src/health-check.js"]
CMD ["node", "--max-semi-space-size=64", "dist/apps/api/src/main.js"]
