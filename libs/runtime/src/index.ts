import 'reflect-metadata';
export * from './health.controller.js';
export * from './job-runner.js';
export * from './metrics.js';
export * from './platform.module.js';
export * from './service-definition.js';
export * from './shutdown.js';
export * from './start-service.js';
export * from './tokens.js';
