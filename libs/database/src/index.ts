export * from './data-source.options.js';
export * from './database.module.js';
export * from './embedded-postgres.server.js';
export * from './migrator.js';
export * from './typeorm-pino.logger.js';
export * from './pool-guard.js';
export * from './database-unavailable.js';
export * from './backup.js';
