import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A catalog check-in as social-service knows it (from `catalog.checkin.*`): whose, on which item. A user's first
 * check-in of an item becomes their `checkin` activity post; it goes when their last one on the item does. A
 * deleted check-in stays as a tombstone, so its creation arriving late cannot bring it back.
 */
@Entity({ name: 'checkin_refs' })
@Index('checkin_refs_author_item_idx', ['authorId', 'itemId'], { where: 'NOT "deleted"' })
export class CheckinRefEntity {
  @PrimaryColumn({ name: 'checkin_id', type: 'uuid' })
  checkinId!: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @Column({ type: 'boolean', default: false })
  deleted!: boolean;
}
