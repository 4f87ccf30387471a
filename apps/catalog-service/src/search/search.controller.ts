import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { ApiLanguage, RequestLanguage, type Language } from '@agora/http';
import { RateLimit } from '@agora/rate-limit';
import { Controller, Get, Headers, Query } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CatalogConfig } from '../catalog.config.js';
import { SearchQueryPipe } from './search-query.pipe.js';
import { SEARCH_LIST_QUERY, SearchPageDto } from './search.dto.js';
import { ApiCatalogErrors } from '../catalog.errors.js';
import { SearchService } from './search.service.js';

/** `GET /search?q=`: one ranked list over coffees, watches, products and public listings. */
@ApiTags('search')
@Controller('search')
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  @Get()
  @ApiQuery({
    name: 'q',
    required: true,
    description:
      'Words in Russian, English or Spanish (any translated name finds its item); typos are forgiven',
  })
  @ApiListQuery(SEARCH_LIST_QUERY)
  @ApiHeader({
    name: 'Cache-Control',
    required: false,
    description:
      '`no-cache` ranks afresh instead of answering a page served in the last SEARCH_CACHE_SECONDS',
  })
  @ApiLanguage()
  @ApiOkResponse({ type: SearchPageDto })
  @ApiCatalogErrors('VALIDATION_FAILED')
  @RateLimit<CatalogConfig>({
    name: 'catalog.search.ip',
    by: 'ip',
    limit: (config) => config.SEARCH_MAX_PER_IP,
    windowSeconds: (config) => config.SEARCH_WINDOW_SECONDS,
    detail: 'Too many searches from this address',
  })
  search(
    @Query('q', SearchQueryPipe) text: string,
    @ListQuery(SEARCH_LIST_QUERY) query: ParsedListQuery,
    @RequestLanguage() language: Language | null,
    @Headers('cache-control') cacheControl?: string,
  ): Promise<SearchPageDto> {
    return this.searchService.search(text, query, {
      fresh: /\bno-(cache|store)\b/i.test(cacheControl ?? ''),
      language,
    });
  }
}
