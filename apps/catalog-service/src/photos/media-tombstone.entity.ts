import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A media media-service deleted: kept so that its `media.uploaded` arriving late (redelivered, or overtaken
 * by the deletion) cannot bring its owner row back.
 */
@Entity({ name: 'media_tombstones' })
export class MediaTombstoneEntity {
  @PrimaryColumn({ name: 'media_id', type: 'uuid' })
  mediaId!: string;

  @Column({ name: 'deleted_at', type: 'timestamptz' })
  deletedAt!: Date;
}
