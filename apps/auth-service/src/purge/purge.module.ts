import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module.js';
import { UnverifiedUsersPurgeJob } from './unverified-users-purge.job.js';

@Module({ imports: [UsersModule], providers: [UnverifiedUsersPurgeJob] })
export class PurgeModule {}
