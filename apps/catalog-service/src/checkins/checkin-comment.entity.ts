import { VersionedEntity } from '@agora/database';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CheckinEntity } from './checkin.entity.js';

/** A comment under a check-in; it goes with the check-in. */
@Entity({ name: 'checkin_comments' })
@Index('checkin_comments_checkin_created_at_sort_idx', ['checkinId', 'createdAt', 'id'])
export class CheckinCommentEntity extends VersionedEntity {
  @Column({ name: 'checkin_id', type: 'uuid' })
  checkinId!: string;

  @ManyToOne(() => CheckinEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'checkin_id' })
  checkin?: CheckinEntity;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @Column({ type: 'text' })
  text!: string;
}
