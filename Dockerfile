# One image for both processes: `node --max-semi-space-size=64 dist/apps/api/src/main.js` (a
# larger young generation: fewer scavenges and promotions under concurrent GraphQL requests,
# ~10 % less CPU per roster page; docs/performance.md) or
# `node --max-old-space-size=256 dist/apps/worker/src/main.js` (the cap keeps the worker's RSS
# under 300 MB in a burst; its live heap is ~50 MB).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY tsconfig.json .swcrc nest-cli.json schema.graphql ./
COPY apps apps
COPY libs libs
COPY migrations migrations
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
USER node
EXPOSE 3000
CMD ["node", "--max-semi-space-size=64", "dist/apps/api/src/main.js"]
