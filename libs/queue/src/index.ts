export * from './job-queue.js';
export * from './queue-connection.js';
export * from './bullmq-job-queue.js';
export * from './backoff.js';
export * from './queue.module.js';
export * from './recurring-schedules.js';
