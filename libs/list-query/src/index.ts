import 'reflect-metadata';
export * from './find-page.js';
export * from './cursor.js';
export * from './list-query.decorators.js';
export * from './list-query.js';
export * from './page.dto.js';
