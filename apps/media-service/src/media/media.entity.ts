import { AgoraEntity } from '@agora/database';
import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryColumn, Unique } from 'typeorm';

/** An uploaded image: who owns it, what it looks like, and the variants stored for it. */
@Entity({ name: 'media' })
@Unique('media_owner_hash_key', ['ownerId', 'contentHash'])
// List sorts of an owner's media, ties by id (the ListIndexes migration; docs/adr/0006-list-engine.md).
@Index('media_owner_created_at_sort_idx', ['ownerId', 'createdAt', 'id'])
@Index('media_owner_source_type_sort_idx', ['ownerId', 'sourceType', 'id'])
@Index('media_owner_width_sort_idx', ['ownerId', 'width', 'id'])
@Index('media_owner_height_sort_idx', ['ownerId', 'height', 'id'])
export class MediaEntity extends AgoraEntity {
  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  /** SHA-256 of the uploaded bytes: the same file uploaded again by its owner is the same media. */
  @Column({ name: 'content_hash', type: 'text' })
  contentHash!: string;

  /** The uploaded format (jpeg, png, webp, avif); every variant is WebP. */
  @Column({ name: 'source_type', type: 'text' })
  sourceType!: string;

  @Column({ type: 'integer' })
  width!: number;

  @Column({ type: 'integer' })
  height!: number;

  @Column({ type: 'text' })
  blurhash!: string;

  /** Retail barcodes decoded from its pixels when it was uploaded (media.media.uploaded.v1's); often none. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  barcodes!: string[];

  /** The variants' bytes together: what counts against the owner's quota. */
  @Column({ name: 'stored_bytes', type: 'bigint' })
  storedBytes!: string;

  /** When an item first showed it (catalog.media.attached.v1); never attached for a day: an orphan. */
  @Column({ name: 'attached_at', type: 'timestamptz', nullable: true })
  attachedAt!: Date | null;

  @OneToMany(() => MediaVariantEntity, (variant) => variant.media)
  variants?: MediaVariantEntity[];
}

/** One stored rendition of a media. */
@Entity({ name: 'media_variants' })
export class MediaVariantEntity {
  @PrimaryColumn({ name: 'media_id', type: 'uuid' })
  mediaId!: string;

  @PrimaryColumn({ type: 'text' })
  name!: string;

  @ManyToOne(() => MediaEntity, (media) => media.variants, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'media_id' })
  media?: MediaEntity;

  @Column({ name: 'storage_key', type: 'text' })
  storageKey!: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType!: string;

  @Column({ type: 'integer' })
  width!: number;

  @Column({ type: 'integer' })
  height!: number;

  @Column({ type: 'integer' })
  bytes!: number;
}
