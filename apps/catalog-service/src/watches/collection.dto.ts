import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { WatchDto } from './watch.dto.js';

export class CollectionEntryDto {
  @ApiProperty({ type: WatchDto })
  watch!: WatchDto;

  @ApiProperty({ format: 'date-time' })
  addedAt!: string;
}

export const CollectionPageDto = PageOf(CollectionEntryDto);
export type CollectionPageDto = Page<CollectionEntryDto>;

export const COLLECTION_LIST_QUERY: ListQuerySpec = {
  fields: { watchId: 'uuid', createdAt: 'date' },
  defaultSort: '-createdAt',
};

export class WatchIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  watchId!: string;
}

export class UserIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId!: string;
}
