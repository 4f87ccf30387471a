import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CheckinEntity } from './checkin.entity.js';

/**
 * A photo on a check-in: a media its author owns (catalog learns owners from media-service's events), in
 * order. A deleted media stops showing (answers join the media catalog knows).
 */
@Entity({ name: 'checkin_photos' })
export class CheckinPhotoEntity {
  @PrimaryColumn({ name: 'checkin_id', type: 'uuid' })
  checkinId!: string;

  @PrimaryColumn({ name: 'media_id', type: 'uuid' })
  @Index('checkin_photos_media_idx')
  mediaId!: string;

  @Column({ type: 'smallint' })
  position!: number;

  @ManyToOne(() => CheckinEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'checkin_id' })
  checkin?: CheckinEntity;
}
