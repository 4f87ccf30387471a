import { mediaFileUrl, PHOTO_SIDES, type PhotoSide } from '@agora/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { OptionalInteger } from '../items/item-fields.js';
import type { CatalogErrorCode } from '../catalog.errors.js';
import type { ItemPhotoEntity } from './item-photo.entity.js';
import type { MediaOwnerEntity } from './media-owner.entity.js';

/** What attaching a photo may answer with besides the item's not-found. */
export const ATTACH_PHOTO_ERRORS = [
  'VALIDATION_FAILED',
  'NOT_YOUR_ITEM',
  'MEDIA_NOT_FOUND',
  'NOT_YOUR_MEDIA',
  'MAIN_PHOTO_TAKEN',
  'PHOTO_ALREADY_ATTACHED',
  'PHOTO_CONFLICT',
] as const satisfies readonly CatalogErrorCode[];

/** What detaching a photo may answer with besides the item's not-found. */
export const DETACH_PHOTO_ERRORS = [
  'PHOTO_NOT_FOUND',
  'NOT_YOUR_ITEM',
] as const satisfies readonly CatalogErrorCode[];

export class AttachPhotoDto {
  @ApiProperty({ enum: PHOTO_SIDES, example: 'main', description: 'One main photo per item' })
  @IsIn(PHOTO_SIDES)
  side!: PhotoSide;

  @OptionalInteger(0, 99, 0, 'Order among the photos, ascending')
  position?: number | null;
}

export class PhotoUrlsDto {
  @ApiProperty({ example: '/api/media/0190…/thumb.webp' }) thumb!: string;
  @ApiProperty({ example: '/api/media/0190…/medium.webp' }) medium!: string;
  @ApiProperty({ example: '/api/media/0190…/original.webp' }) original!: string;
}

export class PhotoDto {
  @ApiProperty({ format: 'uuid' })
  mediaId!: string;

  @ApiProperty({ enum: PHOTO_SIDES })
  side!: PhotoSide;

  @ApiProperty({ example: 0 })
  position!: number;

  @ApiProperty({ example: 2560 })
  width!: number;

  @ApiProperty({ example: 1707 })
  height!: number;

  @ApiProperty({ description: 'Placeholder to paint while the image loads' })
  blurhash!: string;

  @ApiProperty({ type: PhotoUrlsDto })
  urls!: PhotoUrlsDto;
}

export function toPhotoDto(
  photo: Pick<ItemPhotoEntity, 'mediaId' | 'side' | 'position'>,
  media: Pick<MediaOwnerEntity, 'width' | 'height' | 'blurhash'>,
): PhotoDto {
  return {
    mediaId: photo.mediaId,
    side: photo.side,
    position: photo.position,
    width: media.width,
    height: media.height,
    blurhash: media.blurhash,
    urls: {
      thumb: mediaFileUrl(photo.mediaId, 'thumb'),
      medium: mediaFileUrl(photo.mediaId, 'medium'),
      original: mediaFileUrl(photo.mediaId, 'original'),
    },
  };
}
