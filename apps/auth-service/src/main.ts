import 'reflect-metadata';
import { runServiceMain } from '@agora/http';
import { authServiceDefinition } from './auth-service.definition.js';

await runServiceMain(authServiceDefinition, process.env);
