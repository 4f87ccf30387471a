import { PHOTO_KINDS, PHOTO_SIDES, type PhotoKind, type PhotoSide } from '@agora/contracts';
import { AgoraEntity } from '@agora/database';
import { Check, Column, Entity, Index, Unique } from 'typeorm';

/**
 * A photo of an item from one side (seed 002: main, left, right, bottom), in order; one main per item.
 * Not a foreign key to the item (several kinds share the table): the item's deletion removes its rows.
 */
@Entity({ name: 'item_photos' })
@Unique('item_photos_item_media_key', ['kind', 'itemId', 'mediaId'])
@Index('item_photos_main_key', ['kind', 'itemId'], { unique: true, where: `"side" = 'main'` })
@Index('item_photos_media_idx', ['mediaId'])
@Check('item_photos_side_check', `"side" IN (${PHOTO_SIDES.map((side) => `'${side}'`).join(', ')})`)
@Check('item_photos_kind_check', `"kind" IN (${PHOTO_KINDS.map((kind) => `'${kind}'`).join(', ')})`)
export class ItemPhotoEntity extends AgoraEntity {
  @Column({ type: 'text' })
  kind!: PhotoKind;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @Column({ name: 'media_id', type: 'uuid' })
  mediaId!: string;

  @Column({ type: 'text' })
  side!: PhotoSide;

  @Column({ type: 'integer', default: 0 })
  position!: number;

  @Column({ name: 'attached_by', type: 'uuid' })
  attachedBy!: string;
}
