import 'reflect-metadata';
export * from './load-config.js';
export * from './service-config.js';
export * from './request-context.js';
export * from './logger.js';
export * from './shutdown.js';
