export * from './cadence.js';
