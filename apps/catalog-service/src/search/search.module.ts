import { Global, Module } from '@nestjs/common';
import { SearchResultCache } from './search-cache.js';
import { SearchIndex } from './search-index.js';
import { SearchController } from './search.controller.js';
import { SearchRepository } from './search.repository.js';
import { SearchService } from './search.service.js';

/** `GET /search`, and the index every item module writes to (global: they all need it). */
@Global()
@Module({
  controllers: [SearchController],
  providers: [SearchService, SearchRepository, SearchIndex, SearchResultCache],
  exports: [SearchIndex],
})
export class SearchModule {}
