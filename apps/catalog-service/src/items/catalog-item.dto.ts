import { ApiProperty } from '@nestjs/swagger';
import type { CatalogItemEntity } from './catalog-item.entity.js';

/** What every seed 002 item shows besides its own fields: its version, who added it, when. */
export abstract class CatalogItemDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 1 })
  version!: number;

  @ApiProperty({ format: 'uuid', description: "Seed 002's user_id: who added it" })
  createdBy!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export function catalogItemDto(item: CatalogItemEntity): CatalogItemDto {
  return {
    id: item.id,
    version: item.version,
    createdBy: item.createdBy,
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
  };
}
