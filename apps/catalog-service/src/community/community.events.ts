import { Topics, type EventEnvelope } from '@agora/contracts';
import { Inbox } from '@agora/database';
import { Controller, Injectable } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { LikesRepository } from './likes.repository.js';
import { UserItemsRepository } from './user-items.repository.js';

const CONSUMER = 'catalog.community';

/** What a deleted user leaves: their likes go (the counts with them), and their lists. */
@Injectable()
export class CommunityUserCleanup {
  constructor(
    private readonly inbox: Inbox,
    private readonly likes: LikesRepository,
    private readonly entries: UserItemsRepository,
  ) {}

  async onUserDeleted(event: EventEnvelope<'auth.user.deleted.v1'>): Promise<void> {
    await this.inbox.consumeOnce(CONSUMER, event, async (tx) => {
      await this.likes.removeAllOf(tx, event.payload.userId);
      await this.entries.removeAllOf(tx, event.payload.userId);
    });
  }
}

/** auth-service's events the likes and lists consume. */
@Controller()
export class CommunityEventsController {
  constructor(private readonly cleanup: CommunityUserCleanup) {}

  @EventPattern(Topics.UserDeleted)
  onUserDeleted(@Payload() event: EventEnvelope<'auth.user.deleted.v1'>): Promise<void> {
    return this.cleanup.onUserDeleted(event);
  }
}
