import 'reflect-metadata';
import { processEnvironment } from '@agora/config';
import { runServiceMain } from '@agora/runtime';
import { authServiceDefinition } from './auth-service.definition.js';

await runServiceMain(authServiceDefinition, processEnvironment());
