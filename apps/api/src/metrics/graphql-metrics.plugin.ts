import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Gauge, Histogram, register } from 'prom-client';

/** Distinct operation names (and error codes) kept as labels; the rest collapse into "other". */
const MAX_LABEL_VALUES = 100;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

function metric<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

const requests = metric(
  'tandem_graphql_requests_total',
  () =>
    new Counter({
      name: 'tandem_graphql_requests_total',
      help: 'GraphQL requests answered, by operation and outcome (ok or error)',
      labelNames: ['operation', 'type', 'outcome'],
    }),
);
const errors = metric(
  'tandem_graphql_errors_total',
  () =>
    new Counter({
      name: 'tandem_graphql_errors_total',
      help: 'Errors in GraphQL responses, by operation and error code',
      labelNames: ['operation', 'code'],
    }),
);
const duration = metric(
  'tandem_graphql_request_duration_seconds',
  () =>
    new Histogram({
      name: 'tandem_graphql_request_duration_seconds',
      help: 'Time from receiving a GraphQL request to sending its response',
      labelNames: ['operation', 'type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
);
const inFlight = metric(
  'tandem_graphql_requests_in_flight',
  () => new Gauge({ name: 'tandem_graphql_requests_in_flight', help: 'GraphQL requests received and not yet answered' }),
);

/** Keeps a label's values bounded: the first MAX_LABEL_VALUES seen stay, later ones read "other". */
class BoundedLabel {
  private readonly seen = new Set<string>();

  of(value: string): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= MAX_LABEL_VALUES) return 'other';
    this.seen.add(value);
    return value;
  }
}

const operations = new BoundedLabel();
const codes = new BoundedLabel();

/**
 * The operation label: its name once the document parsed and validated, "anonymous"
 * for an unnamed one, "unknown" when it never got that far (bad JSON, bad document).
 */
function operationLabel(name: string | null | undefined, resolved: boolean): string {
  if (!resolved) return 'unknown';
  if (!name) return 'anonymous';
  return OPERATION_NAME.test(name) ? operations.of(name) : 'unknown';
}

/** Request rate, latency and errors per GraphQL operation, in the default registry (GET /metrics). */
export function graphqlMetricsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      inFlight.inc();
      let operation = 'unknown';
      let type = 'unknown';
      return {
        async didResolveOperation({ operationName, operation: definition }) {
          operation = operationLabel(operationName, true);
          type = definition?.operation ?? 'unknown';
        },
        async didEncounterErrors({ errors: encountered }) {
          for (const error of encountered) {
            const code = typeof error.extensions?.code === 'string' ? codes.of(error.extensions.code) : 'INTERNAL_SERVER_ERROR';
            errors.inc({ operation, code });
          }
        },
        async willSendResponse({ response }) {
          inFlight.dec();
          const failed = response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
          requests.inc({ operation, type, outcome: failed ? 'error' : 'ok' });
          duration.observe({ operation, type }, Number(process.hrtime.bigint() - started) / 1e9);
        },
      };
    },
  };
}
