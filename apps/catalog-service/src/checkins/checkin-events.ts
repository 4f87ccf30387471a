import { Topics, type CheckinKind, type ItemRatingV1 } from '@agora/contracts';
import { OutboxWriter, type Tx } from '@agora/database';
import { Injectable } from '@nestjs/common';
import type { CheckinEntity } from './checkin.entity.js';
import type { RatingAggregate } from './rating.js';

const itemRating = (aggregate: RatingAggregate): ItemRatingV1 => ({
  count: aggregate.count,
  sumQuarters: aggregate.sumQuarters,
  distribution: [...aggregate.distribution],
});

/** A check-in's events with the item's rating after the change, in the transaction of the change (outbox). */
@Injectable()
export class CheckinEvents {
  constructor(private readonly outbox: OutboxWriter) {}

  async saved(
    tx: Tx,
    change: 'created' | 'updated',
    checkin: CheckinEntity,
    about: { kind: CheckinKind; itemId: string; tagIds: readonly string[]; mediaIds: readonly string[] },
    aggregate: RatingAggregate,
  ): Promise<void> {
    await this.outbox.add(
      tx,
      change === 'created' ? Topics.CatalogCheckinCreated : Topics.CatalogCheckinUpdated,
      checkin.id,
      {
        checkinId: checkin.id,
        itemKind: about.kind,
        itemId: about.itemId,
        authorId: checkin.authorId,
        ratingQuarters: checkin.ratingQuarters,
        counted: checkin.counted,
        text: checkin.text,
        tagIds: [...about.tagIds],
        mediaIds: [...about.mediaIds],
        version: checkin.version,
        itemRating: itemRating(aggregate),
        createdAt: checkin.createdAt.toISOString(),
        savedAt: new Date().toISOString(),
      },
    );
  }

  async deleted(
    tx: Tx,
    checkin: CheckinEntity,
    about: { kind: CheckinKind; itemId: string; deletedBy: string },
    aggregate: RatingAggregate,
  ): Promise<void> {
    await this.outbox.add(tx, Topics.CatalogCheckinDeleted, checkin.id, {
      checkinId: checkin.id,
      itemKind: about.kind,
      itemId: about.itemId,
      authorId: checkin.authorId,
      deletedBy: about.deletedBy,
      itemRating: itemRating(aggregate),
      deletedAt: new Date().toISOString(),
    });
  }
}
