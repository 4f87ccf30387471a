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

  /**
   * The retail barcodes media-service decoded from the image's pixels when it was uploaded (digits, check digit
   * included): a check-in photo showing its coffee's barcode verifies the check-in.
   */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  barcodes!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
