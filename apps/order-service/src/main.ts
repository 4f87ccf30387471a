import 'reflect-metadata';
import { runServiceMain } from '@agora/http';
import { orderServiceDefinition } from './order-service.definition.js';

await runServiceMain(orderServiceDefinition, process.env);
