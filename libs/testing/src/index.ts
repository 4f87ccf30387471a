export * from './processes.js';
export * from './test-database.js';
export * from './realtime-client.js';
export * from './smtp-inbox.js';
export * from './in-process-services.js';
export * from './oauth-provider.js';
export * from './auth-test-client.js';
export * from './s3-server.js';
