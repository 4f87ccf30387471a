import 'reflect-metadata';
import { processEnvironment } from '@agora/config';
import { runServiceMain } from '@agora/runtime';
import { catalogServiceDefinition } from './catalog-service.definition.js';

await runServiceMain(catalogServiceDefinition, processEnvironment());
