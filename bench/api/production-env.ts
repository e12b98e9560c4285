/**
 * Imported first by api.bench.ts, so it runs before any library is loaded:
 * production runs Tandem with NODE_ENV=production in its environment (see the
 * Dockerfile), and some libraries read it once, when they load (graphql-js then
 * picks its cheap `instanceOf`; Express its production behaviour). Unset means
 * "as in production"; a value that is set (Jest's "test") is kept. The worker
 * benchmark starts its processes with an environment of its own, so this does
 * not reach them.
 */
process.env.NODE_ENV ??= 'production';

export {};
