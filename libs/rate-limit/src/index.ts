import 'reflect-metadata';
export * from './rate-limit-store.js';
export * from './rate-limit.errors.js';
export * from './rate-limiter.js';
export * from './rate-limit.decorator.js';
export * from './rate-limit.module.js';
