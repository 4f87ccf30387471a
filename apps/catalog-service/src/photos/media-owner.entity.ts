import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** What catalog-service knows of each media, from media-service's events: who owns it, how it looks. */
@Entity({ name: 'media_owners' })
export class MediaOwnerEntity {
  @PrimaryColumn({ name: 'media_id', type: 'uuid' })
  mediaId!: string;

  @Index('media_owners_owner_idx')
  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @Column({ type: 'integer' })
  width!: number;

  @Column({ type: 'integer' })
  height!: number;

  @Column({ type: 'text' })
  blurhash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
