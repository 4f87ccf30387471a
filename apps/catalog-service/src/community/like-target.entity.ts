import { LIKE_KINDS, type LikeKind } from '@agora/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CheckinCommentEntity } from '../checkins/checkin-comment.entity.js';
import { CheckinEntity } from '../checkins/checkin.entity.js';
import { CoffeeEntity } from '../coffees/coffee.entity.js';
import { ListingEntity } from '../listings/listing.entity.js';
import { MechanismEntity } from '../mechanisms/mechanism.entity.js';
import { WatchEntity } from '../watches/watch.entity.js';

const cascade = { onDelete: 'CASCADE', nullable: true } as const;

/**
 * Something liked at least once (issue 17), with its like count kept incrementally: every like and unlike
 * row-locks this row and changes the count with the like rows, in one transaction. Its id is the liked
 * thing's; the one non-null reference column points at it, so the row and its likes go with the thing.
 */
@Entity({ name: 'like_targets' })
@Index('like_targets_checkin_idx', ['checkinId'])
@Index('like_targets_comment_idx', ['commentId'])
@Index('like_targets_coffee_idx', ['coffeeId'])
@Index('like_targets_watch_idx', ['watchId'])
@Index('like_targets_mechanism_idx', ['mechanismId'])
@Index('like_targets_listing_idx', ['listingId'])
@Check(
  'like_targets_one_thing_check',
  `num_nonnulls("checkin_id", "comment_id", "coffee_id", "watch_id", "mechanism_id", "listing_id") = 1`,
)
@Check('like_targets_kind_check', `"kind" IN (${LIKE_KINDS.map((kind) => `'${kind}'`).join(', ')})`)
@Check('like_targets_count_check', `"like_count" >= 0`)
export class LikeTargetEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: LikeKind;

  @Column({ name: 'like_count', type: 'integer', default: 0 })
  likeCount!: number;

  @Column({ name: 'checkin_id', type: 'uuid', nullable: true })
  checkinId!: string | null;

  @ManyToOne(() => CheckinEntity, cascade)
  @JoinColumn({ name: 'checkin_id' })
  checkin?: CheckinEntity | null;

  @Column({ name: 'comment_id', type: 'uuid', nullable: true })
  commentId!: string | null;

  @ManyToOne(() => CheckinCommentEntity, cascade)
  @JoinColumn({ name: 'comment_id' })
  comment?: CheckinCommentEntity | null;

  @Column({ name: 'coffee_id', type: 'uuid', nullable: true })
  coffeeId!: string | null;

  @ManyToOne(() => CoffeeEntity, cascade)
  @JoinColumn({ name: 'coffee_id' })
  coffee?: CoffeeEntity | null;

  @Column({ name: 'watch_id', type: 'uuid', nullable: true })
  watchId!: string | null;

  @ManyToOne(() => WatchEntity, cascade)
  @JoinColumn({ name: 'watch_id' })
  watch?: WatchEntity | null;

  @Column({ name: 'mechanism_id', type: 'uuid', nullable: true })
  mechanismId!: string | null;

  @ManyToOne(() => MechanismEntity, cascade)
  @JoinColumn({ name: 'mechanism_id' })
  mechanism?: MechanismEntity | null;

  @Column({ name: 'listing_id', type: 'uuid', nullable: true })
  listingId!: string | null;

  @ManyToOne(() => ListingEntity, cascade)
  @JoinColumn({ name: 'listing_id' })
  listing?: ListingEntity | null;
}
