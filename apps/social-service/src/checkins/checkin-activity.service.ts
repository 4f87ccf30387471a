import type { EventEnvelope } from '@agora/contracts';
import { Inbox } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { PostsRepository } from '../posts/posts.repository.js';
import { CheckinRefsRepository } from './checkin-refs.repository.js';

/** The inbox consumer name of catalog's check-in events in social-service. */
export const CHECKINS_CONSUMER = 'social.checkins';

/**
 * Check-ins in the feed (issue 17, Untappd's friends' check-ins): a user's first check-in of a coffee or watch
 * becomes their `checkin` activity post naming the item, fanned out to their followers like any post; it goes
 * when their last check-in of the item is deleted. Each event once (inbox).
 */
@Injectable()
export class CheckinActivityService {
  constructor(
    private readonly refs: CheckinRefsRepository,
    private readonly posts: PostsRepository,
    private readonly inbox: Inbox,
  ) {}

  async onCreated(event: EventEnvelope<'catalog.checkin.created.v1'>): Promise<void> {
    const { checkinId, authorId, itemKind, itemId } = event.payload;
    await this.inbox.consumeOnce(CHECKINS_CONSUMER, event, async (tx) => {
      await this.refs.lockAuthorItem(tx, authorId, itemId);
      if (await this.refs.add(tx, checkinId, authorId, itemId)) {
        // Once per author and item: a second check-in finds the post there (ON CONFLICT DO NOTHING).
        await this.posts.createActivity(tx, authorId, 'checkin', { kind: itemKind, id: itemId });
      }
    });
  }

  async onDeleted(event: EventEnvelope<'catalog.checkin.deleted.v1'>): Promise<void> {
    const { checkinId, authorId, itemId } = event.payload;
    await this.inbox.consumeOnce(CHECKINS_CONSUMER, event, async (tx) => {
      await this.refs.lockAuthorItem(tx, authorId, itemId);
      await this.refs.remove(tx, checkinId, authorId, itemId);
      if (!(await this.refs.anyLeft(tx, authorId, itemId))) {
        await this.posts.removeActivity(tx, authorId, 'checkin', itemId);
      }
    });
  }
}
