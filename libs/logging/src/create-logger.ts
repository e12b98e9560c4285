import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { AppConfig } from '#tandem/config';
import { censor, REDACTED_PATHS } from './redaction.js';
import { currentRequestId } from './request-context.js';

export type { Logger } from 'pino';

/** JSON lines for machines; colourised single lines when a person watches a terminal. `destination` (tests) replaces standard output. */
export function createLogger(config: Pick<AppConfig, 'logLevel' | 'logFormat'>, name = 'tandem', destination?: DestinationStream): Logger {
  const options = {
    name,
    level: config.logLevel,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor },
    mixin() {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  };
  if (config.logFormat === 'pretty') {
    return pino(options, pretty({ sync: true, colorize: true, ignore: 'pid,hostname,name', translateTime: 'SYS:HH:MM:ss.l' }));
  }
  return destination ? pino(options, destination) : pino(options);
}
