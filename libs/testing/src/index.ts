export * from './processes.js';
export * from './test-database.js';
export * from './realtime-client.js';
