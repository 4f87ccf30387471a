import 'reflect-metadata';
import { runServiceMain } from '@agora/http';
import { catalogServiceDefinition } from './catalog-service.definition.js';

await runServiceMain(catalogServiceDefinition, process.env);
