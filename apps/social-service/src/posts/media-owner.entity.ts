import { CreateDateColumn, Entity, Index, PrimaryColumn, Column } from 'typeorm';

/** Who owns a media, learned from media-service's `media.media.*` events: only its owner puts it on a post. */
@Entity({ name: 'media_owners' })
export class MediaOwnerEntity {
  @PrimaryColumn({ name: 'media_id', type: 'uuid' })
  mediaId!: string;

  @Index('media_owners_owner_idx')
  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
