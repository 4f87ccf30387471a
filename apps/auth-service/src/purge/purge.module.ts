import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module.js';
import { UnverifiedUsersPurge } from './unverified-users-purge.js';

@Module({ imports: [UsersModule], providers: [UnverifiedUsersPurge], exports: [UnverifiedUsersPurge] })
export class PurgeModule {}
