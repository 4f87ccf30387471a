import { LOGGER } from '@agora/logging';
import { JobRunner, type ScheduledJob } from '@agora/runtime';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { CatalogConfig } from '../catalog.config.js';
import type { ImportReportDto } from './import.dto.js';
import { IMPORT_ROBOT_ID, ImportService } from './import.service.js';

/**
 * The scheduled import: every CATALOG_IMPORT_EVERY_MINUTES (0: only when asked) it re-reads each feed of
 * CATALOG_IMPORT_FEEDS as the importer robot, in one replica at a time (the job runner's advisory lock).
 * A feed that fails is logged and the next one still runs; unchanged feeds queue nothing.
 */
@Injectable()
export class ImportFeedsJob implements ScheduledJob<ImportReportDto[]>, OnModuleInit {
  static readonly NAME = 'catalog.import-feeds';
  readonly name = ImportFeedsJob.NAME;
  readonly everyMs: number;

  constructor(
    private readonly jobs: JobRunner,
    private readonly imports: ImportService,
    private readonly config: CatalogConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.everyMs = config.CATALOG_IMPORT_EVERY_MINUTES * 60_000;
  }

  onModuleInit(): void {
    this.jobs.register(this);
  }

  async run(): Promise<ImportReportDto[]> {
    const reports: ImportReportDto[] = [];
    for (const source of this.config.CATALOG_IMPORT_FEEDS) {
      try {
        reports.push(await this.imports.import(IMPORT_ROBOT_ID, await this.imports.load(source)));
      } catch (error) {
        this.logger.warn({ err: error, source }, 'scheduled catalog import failed');
      }
    }
    return reports;
  }
}
