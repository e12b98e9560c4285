import type { AppConfig } from '#tandem/config';

/** Where jobs live: Redis when REDIS_URL is set, otherwise BullMQ's PostgreSQL backend beside Tandem's tables. */
export type QueueConnection =
  { backend: 'redis'; url: string; prefix: string } | { backend: 'postgres'; url: string; schema: string; prefix: string };

/** The single place the backend is chosen. */
export function queueConnection(config: AppConfig, databaseUrl: string): QueueConnection {
  return config.queue.kind === 'redis'
    ? { backend: 'redis', url: config.queue.url, prefix: config.queue.prefix }
    : { backend: 'postgres', url: databaseUrl, schema: config.queue.schema, prefix: config.queue.prefix };
}
