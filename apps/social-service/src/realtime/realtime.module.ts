import { Module } from '@nestjs/common';
import { RealtimeHub } from './realtime-hub.js';
import { RealtimeGateway } from './realtime.gateway.js';

@Module({ providers: [RealtimeHub, RealtimeGateway], exports: [RealtimeHub, RealtimeGateway] })
export class RealtimeModule {}
