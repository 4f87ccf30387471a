import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { Page } from './find-page.js';

/** The Swagger schema of a list route's answer, `{items, total, totalExact, page, limit, nextCursor}`. */
export function PageOf<T>(item: Type<T>): Type<Page<T>> {
  class PageDto implements Page<T> {
    @ApiProperty({ type: [item] })
    items!: T[];

    @ApiProperty({
      example: 1,
      description:
        'Items matching the filters and search: exact up to LIST_TOTAL_CAP (default 10,000), else the cap (then totalExact is false)',
    })
    total!: number;

    @ApiProperty({
      example: true,
      description: 'False when more items match than LIST_TOTAL_CAP: total is then the cap, a lower bound',
    })
    totalExact!: boolean;

    @ApiProperty({ type: Number, nullable: true, example: 1, description: 'Null when paged by cursor' })
    page!: number | null;

    @ApiProperty({ example: 20 })
    limit!: number;

    @ApiProperty({
      type: String,
      nullable: true,
      description: 'Send as cursor for the next page; null at the end',
    })
    nextCursor!: string | null;
  }
  Object.defineProperty(PageDto, 'name', { value: `${item.name.replace(/Dto$/, '')}PageDto` });
  return PageDto;
}
