import { Topics, type LikeKind } from '@agora/contracts';
import { OutboxWriter, type Tx } from '@agora/database';
import { Injectable } from '@nestjs/common';

/** A like given or taken back, in the transaction of the change (outbox); key: the liked thing. */
@Injectable()
export class LikeEvents {
  constructor(private readonly outbox: OutboxWriter) {}

  async changed(
    tx: Tx,
    change: 'added' | 'removed',
    like: { targetKind: LikeKind; targetId: string; userId: string; ownerId: string; likeCount: number },
  ): Promise<void> {
    await this.outbox.add(
      tx,
      change === 'added' ? Topics.CatalogLikeAdded : Topics.CatalogLikeRemoved,
      like.targetId,
      { ...like, changedAt: new Date().toISOString() },
    );
  }
}
