import 'reflect-metadata';
import { runServiceMain } from '@agora/http';
import { mediaServiceDefinition } from './media-service.definition.js';

await runServiceMain(mediaServiceDefinition, process.env);
