import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { RateLimit } from '@agora/rate-limit';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CatalogConfig } from '../catalog.config.js';
import { ApiCatalogErrors, CatalogErrorCode, CatalogException } from '../catalog.errors.js';
import { ImportFeedDto, ImportReportDto } from './import.dto.js';
import { ImportService } from './import.service.js';

/** `POST /admin/imports`: admins run the importer on a feed sent or fetched; the report answers. */
@ApiTags('imports')
@Controller('admin/imports')
export class ImportsController {
  constructor(private readonly imports: ImportService) {}

  /**
   * Queues drafts for the feed's new coffees and for the changed fields of the coffees it matches (by
   * barcode, or roaster and normalised name), authored by the admin; the same feed again queues nothing.
   */
  @Post()
  @HttpCode(200)
  @Authenticated('admin')
  @RateLimit<CatalogConfig>({
    name: 'catalog.imports.ip',
    by: 'ip',
    limit: (config) => config.CATALOG_IMPORT_MAX_PER_HOUR,
    windowSeconds: 3600,
    detail: 'Too many imports from this address',
  })
  @ApiOkResponse({ type: ImportReportDto })
  @ApiCatalogErrors(
    'VALIDATION_FAILED',
    'IMPORT_FEED_INVALID',
    'IMPORT_SOURCE_NOT_ALLOWED',
    'IMPORT_FEED_TOO_LARGE',
    'IMPORT_SOURCE_FAILED',
  )
  async run(@CurrentUser() user: AuthenticatedUser, @Body() dto: ImportFeedDto): Promise<ImportReportDto> {
    if ((dto.content === undefined) === (dto.url === undefined)) {
      throw new CatalogException(
        CatalogErrorCode.VALIDATION_FAILED,
        'Send the feed as content, or its url; one of the two',
        { errors: [{ field: 'content', messages: ['send content or url, one of the two'] }] },
      );
    }
    const feed =
      dto.url !== undefined
        ? await this.imports.fetch(dto.url)
        : { source: 'request', text: dto.content ?? '', format: dto.format };
    return this.imports.import(
      user.id,
      dto.url !== undefined && dto.format ? { ...feed, format: dto.format } : feed,
    );
  }
}
