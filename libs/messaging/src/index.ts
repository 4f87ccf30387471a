import 'reflect-metadata';
export * from './delivery.js';
export * from './event-consumer.server.js';
export * from './kafka.js';
export * from './memory.bus.js';
export * from './message-bus.js';
export * from './topics.config.js';
