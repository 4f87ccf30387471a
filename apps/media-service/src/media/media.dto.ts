import { mediaFileUrl, type MediaUploadedV1 } from '@agora/contracts';
import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import type { AuthenticatedUser } from '@agora/auth';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import type { MediaEntity, MediaVariantEntity } from './media.entity.js';

export const VARIANT_NAMES = ['thumb', 'medium', 'original'] as const;

export class MediaVariantDto {
  @ApiProperty({ enum: VARIANT_NAMES })
  name!: string;

  @ApiProperty({ example: 256 })
  width!: number;

  @ApiProperty({ example: 171 })
  height!: number;

  @ApiProperty({ example: 'image/webp' })
  contentType!: string;

  @ApiProperty({ example: '/api/media/0190…/thumb.webp', description: 'Served with long cache headers' })
  url!: string;
}

export class MediaDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "Who uploaded it: only in answers to the media's owner and to admins",
  })
  ownerId?: string;

  @ApiProperty({ example: 2560 })
  width!: number;

  @ApiProperty({ example: 1707 })
  height!: number;

  @ApiProperty({
    example: 'LEHV6nWB2yk8pyo0adR*.7kCMdnj',
    description: 'A placeholder to paint while loading',
  })
  blurhash!: string;

  @ApiProperty({ example: 'jpeg', description: 'The uploaded format' })
  sourceType!: string;

  @ApiPropertyOptional({
    description: "SHA-256 of the uploaded bytes: only in answers to the media's owner and to admins",
  })
  contentHash?: string;

  @ApiProperty({ type: [MediaVariantDto] })
  variants!: MediaVariantDto[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export const MediaPageDto = PageOf(MediaDto);
export type MediaPageDto = Page<MediaDto>;

export const MEDIA_LIST_QUERY: ListQuerySpec = {
  fields: { id: 'uuid', sourceType: 'string', width: 'integer', height: 'integer', createdAt: 'date' },
  defaultSort: '-createdAt',
};

export class MediaFileParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;

  @ApiProperty({ enum: VARIANT_NAMES.map((name) => `${name}.webp`) })
  @IsIn(VARIANT_NAMES.map((name) => `${name}.webp`))
  file!: string;
}

export class UploadMediaDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'JPEG, PNG, WebP or AVIF' })
  file!: unknown;
}

/**
 * A media as `viewer` may see it. Who uploaded it and the hash of the uploaded bytes are the owner's and the
 * admins' only: an item's photo does not tell who took it, and the hash cannot be used to test whether someone
 * uploaded a file one already has.
 */
export function toMediaDto(
  media: MediaEntity,
  viewer: Pick<AuthenticatedUser, 'id' | 'role'> | undefined,
): MediaDto {
  const privileged = viewer !== undefined && (viewer.id === media.ownerId || viewer.role === 'admin');
  return {
    id: media.id,
    ...(privileged ? { ownerId: media.ownerId } : {}),
    width: media.width,
    height: media.height,
    blurhash: media.blurhash,
    sourceType: media.sourceType,
    ...(privileged ? { contentHash: media.contentHash } : {}),
    variants: VARIANT_NAMES.flatMap((name) => {
      const variant = media.variants?.find((candidate) => candidate.name === name);
      return variant
        ? [
            {
              name,
              width: variant.width,
              height: variant.height,
              contentType: variant.contentType,
              url: mediaFileUrl(media.id, name),
            },
          ]
        : [];
    }),
    createdAt: media.createdAt.toISOString(),
  };
}

/** Variants in the order the upload makes them (smallest first), however the database returns them. */
const variantRank = (name: string): number => VARIANT_NAMES.indexOf(name as (typeof VARIANT_NAMES)[number]);

/**
 * The `media.media.uploaded.v1` payload of a stored media: what its upload writes to the outbox, and what
 * `GET /internal/media/:id` answers (libs/contracts internal/media-record.ts).
 */
export function toMediaUploaded(
  media: MediaEntity,
  variants: readonly MediaVariantEntity[],
  uploadedAt: Date,
): MediaUploadedV1 {
  return {
    mediaId: media.id,
    ownerId: media.ownerId,
    width: media.width,
    height: media.height,
    blurhash: media.blurhash,
    variants: [...variants]
      .sort((a, b) => variantRank(a.name) - variantRank(b.name))
      .map(({ name, width, height }) => ({ name, width, height })),
    uploadedAt: uploadedAt.toISOString(),
    barcodes: [...media.barcodes],
  };
}
