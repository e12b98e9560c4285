/**
 * The image's HEALTHCHECK (slim images have no curl): exit 0 when this container's API
 * answers GET /health/live, 1 otherwise. Liveness, not readiness: a database outage makes
 * the API unready but restarting it would not help.
 */
const port = process.env.PORT ?? '3000';
const response = await fetch(`http://127.0.0.1:${port}/health/live`, { signal: AbortSignal.timeout(4_000) }).catch((error: unknown) => {
  process.stderr.write(`unhealthy: ${error instanceof Error ? error.message : String(error)}\n`);
  return undefined;
});
if (response && !response.ok) process.stderr.write(`unhealthy: /health/live answered ${response.status}\n`);
process.exit(response?.ok ? 0 : 1);
