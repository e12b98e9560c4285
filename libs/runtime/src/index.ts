export * from './core.module.js';
export * from './describe-backends.js';
export * from './platform-metrics.js';
export * from './process-lifecycle.js';
export * from './runtime.js';
export * from './startup-error.js';
export * from './version.js';
