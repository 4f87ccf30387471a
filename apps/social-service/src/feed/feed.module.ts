import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SocialConfig } from '../social.config.js';
import { FeedController } from './feed.controller.js';
import { FeedEvents } from './feed.events.js';
import { FeedRepository } from './feed.repository.js';
import { FeedService } from './feed.service.js';
import { RedisTimelineStore } from './redis-timeline.store.js';
import { TableTimelineStore } from './table-timeline.store.js';
import { TIMELINE_STORE, type TimelineStore } from './timeline-store.js';

/** The timeline store the configuration asks for: Redis with REDIS_URL, the table otherwise. */
export function createTimelineStore(config: SocialConfig, dataSource: DataSource): TimelineStore {
  return config.REDIS_URL
    ? new RedisTimelineStore(config.REDIS_URL, config.REDIS_KEY_PREFIX, config.SOCIAL_TIMELINE_CAP)
    : new TableTimelineStore(dataSource, config.SOCIAL_TIMELINE_CAP);
}

@Module({
  controllers: [FeedController, FeedEvents],
  providers: [
    FeedService,
    FeedRepository,
    { provide: TIMELINE_STORE, inject: [SocialConfig, DataSource], useFactory: createTimelineStore },
  ],
})
export class FeedModule {}
