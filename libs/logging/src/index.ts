export * from './create-logger.js';
export * from './pino-logger.service.js';
export * from './request-context.js';
export * from './request-logging.middleware.js';
export * from './logging.module.js';
export * from './redaction.js';
export * from './repeated-error-log.js';
