import 'reflect-metadata';
import { runServiceMain } from '@agora/http';
import { socialServiceDefinition } from './social-service.definition.js';

await runServiceMain(socialServiceDefinition, process.env);
