export * from './roles.js';
export * from './services.js';
export * from './events/topics.js';
export * from './events/social-topics.js';
export * from './events/envelope.js';
export * from './gateway/routes.js';
export * from './gateway/nginx.js';
export * from './events/schema.js';
