import type { AppConfig } from '#tandem/config';
import { redactUrl } from '#tandem/config';
import path from 'node:path';

/** One line each for the queue and mail backends, for banners and logs. */
export function describeBackends(config: AppConfig): { queue: string; mail: string } {
  const queue =
    config.queue.kind === 'redis'
      ? `BullMQ on Redis at ${redactUrl(config.queue.url)}`
      : `BullMQ on PostgreSQL (schema "${config.queue.schema}")`;
  const mail =
    config.mail.kind === 'smtp'
      ? `SMTP via ${redactUrl(config.mail.url)}`
      : `.eml files in ${path.relative(process.cwd(), config.mail.dir) || config.mail.dir}`;
  return { queue, mail };
}
