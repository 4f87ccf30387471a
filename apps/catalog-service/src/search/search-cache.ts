import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  DataSource,
  type EntityManager,
  type EntitySubscriberInterface,
  type TransactionCommitEvent,
} from 'typeorm';
import { CatalogConfig } from '../catalog.config.js';
import type { SearchPageDto } from './search.dto.js';

/** Most pages the cache holds; past it the least recently used go. */
const MAX_ENTRIES = 1000;

/** The flag on a transaction's query runner that says it rewrote search documents. */
const WROTE_DOCUMENTS = 'searchDocumentsWritten';

interface Entry {
  page: SearchPageDto;
  generation: number;
  expiresAt: number;
}

/**
 * Recently served search pages, in this process, for SEARCH_CACHE_SECONDS (docs/adr/0009-search-top-k.md).
 * Search stays read-your-writes: every commit that rewrote a document (SearchIndex marks its transaction)
 * moves the generation on, and a page is served from here only when no such commit happened since the
 * search that produced it began. Writes by another catalog-service process are seen after the TTL.
 */
@Injectable()
export class SearchResultCache implements OnModuleInit, OnModuleDestroy {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private readonly ttlMs: number;
  private readonly subscriber: EntitySubscriberInterface = {
    afterTransactionCommit: (event: TransactionCommitEvent) => {
      if (event.queryRunner.data?.[WROTE_DOCUMENTS] === true) {
        this.invalidate();
      }
    },
  };

  constructor(
    private readonly dataSource: DataSource,
    config: CatalogConfig,
  ) {
    this.ttlMs = config.SEARCH_CACHE_SECONDS * 1000;
  }

  onModuleInit(): void {
    this.dataSource.subscribers.push(this.subscriber);
  }

  onModuleDestroy(): void {
    const index = this.dataSource.subscribers.indexOf(this.subscriber);
    if (index >= 0) {
      this.dataSource.subscribers.splice(index, 1);
    }
  }

  /** Called by SearchIndex on each rewrite: the cache forgets everything once the rewrite is committed. */
  wrote(manager: EntityManager): void {
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) {
      runner.data = { ...runner.data, [WROTE_DOCUMENTS]: true };
    } else {
      // Outside a transaction the statement has committed already.
      this.invalidate();
    }
  }

  /** The generation a search starts at: pass it back to `set`. */
  current(): number {
    return this.generation;
  }

  get(key: string): SearchPageDto | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      return undefined;
    }
    if (entry.generation !== this.generation || entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    // Most recently used last, so eviction takes the first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.page;
  }

  set(key: string, page: SearchPageDto, generation: number): void {
    if (this.ttlMs === 0 || generation !== this.generation) {
      return;
    }
    this.entries.delete(key);
    this.entries.set(key, { page, generation, expiresAt: Date.now() + this.ttlMs });
    if (this.entries.size > MAX_ENTRIES) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
  }

  private invalidate(): void {
    this.generation += 1;
    this.entries.clear();
  }
}
