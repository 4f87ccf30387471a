import 'reflect-metadata';
export * from './agora.entity.js';
export * from './inbox.js';
export * from './modify-returning.js';
export * from './outbox-tables.js';
export * from './outbox.relay.js';
export * from './outbox.writer.js';
export * from './provision.js';
export * from './service-data-source.js';
