import 'reflect-metadata';
import { processEnvironment } from '@agora/config';
import { runServiceMain } from '@agora/runtime';
import { orderServiceDefinition } from './order-service.definition.js';

await runServiceMain(orderServiceDefinition, processEnvironment());
