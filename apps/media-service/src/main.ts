import 'reflect-metadata';
import { processEnvironment } from '@agora/config';
import { runServiceMain } from '@agora/runtime';
import { mediaServiceDefinition } from './media-service.definition.js';

await runServiceMain(mediaServiceDefinition, processEnvironment());
