import 'reflect-metadata';
export * from './access-token.guard.js';
export * from './access-token.js';
export * from './auth.module.js';
export * from './decorators.js';
export * from './roles.js';
export * from './web-session.js';
