export * from './processes.js';
export * from './test-database.js';
