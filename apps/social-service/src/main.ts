import 'reflect-metadata';
import { processEnvironment } from '@agora/config';
import { runServiceMain } from '@agora/runtime';
import { socialServiceDefinition } from './social-service.definition.js';

await runServiceMain(socialServiceDefinition, processEnvironment());
