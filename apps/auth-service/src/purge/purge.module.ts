import { Module } from '@nestjs/common';
import { UnverifiedUsersPurge } from './unverified-users-purge.js';

@Module({ providers: [UnverifiedUsersPurge], exports: [UnverifiedUsersPurge] })
export class PurgeModule {}
