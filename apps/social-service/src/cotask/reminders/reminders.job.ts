import { JobRunner, type ScheduledJob } from '@agora/runtime';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SocialConfig } from '../../social.config.js';
import { RemindersService } from './reminders.service.js';

/**
 * Every SOCIAL_REMINDERS_EVERY_MS, and once at start (reminders due while the service was down go at once),
 * in one replica at a time (the job runner's advisory lock): fires the CoTask reminders that are due.
 */
@Injectable()
export class RemindersJob implements ScheduledJob<number>, OnModuleInit {
  static readonly NAME = 'social.cotask-reminders';
  readonly name = RemindersJob.NAME;
  readonly everyMs: number;
  readonly runAtStart = true;

  constructor(
    private readonly jobs: JobRunner,
    private readonly reminders: RemindersService,
    config: SocialConfig,
  ) {
    this.everyMs = config.SOCIAL_REMINDERS_EVERY_MS;
  }

  onModuleInit(): void {
    this.jobs.register(this);
  }

  /** How many reminders were due (fired, or dropped because their subject is gone). */
  run(): Promise<number> {
    return this.reminders.fireDue();
  }
}
