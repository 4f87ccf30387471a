import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty } from '@nestjs/swagger';
import { SEARCH_KINDS, type SearchKind } from './search-index.js';

export class SearchHitDto {
  @ApiProperty({ enum: SEARCH_KINDS })
  kind!: SearchKind;

  @ApiProperty({ format: 'uuid', description: 'Read it at /coffees|watches|products|listings/:id' })
  id!: string;

  @ApiProperty({ example: 'Восток Амфибия 420059' })
  title!: string;

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'Восток',
    description: 'Roaster, brand, categories or price',
  })
  subtitle!: string | null;

  @ApiProperty({ example: 0.83, description: 'Higher is better' })
  rank!: number;
}

export const SearchPageDto = PageOf(SearchHitDto);
export type SearchPageDto = Page<SearchHitDto>;

/** `GET /search`: `q`, `filter[kind]` (eq, ne, in), `page`, `limit`; always ranked. */
export const SEARCH_LIST_QUERY: ListQuerySpec = {
  fields: { kind: 'string' },
  sortable: ['rank'],
  defaultSort: '-rank',
  parameters: ['q'],
  maxLimit: 50,
};
