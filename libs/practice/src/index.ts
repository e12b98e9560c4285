export * from './practice.entity.js';
export * from './practice.module.js';
