import 'reflect-metadata';
export * from './apply-list-query.js';
export * from './cursor.js';
export * from './list-query.decorators.js';
export * from './list-query.js';
export * from './page.dto.js';
