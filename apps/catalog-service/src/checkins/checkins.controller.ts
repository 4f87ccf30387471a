import {
  Authenticated,
  CurrentUser,
  MaybeUser,
  OptionallyAuthenticated,
  type AuthenticatedUser,
} from '@agora/auth';
import type { CheckinKind } from '@agora/contracts';
import { ApiConditionalWrite, IfMatch, UuidParam, type ExpectedVersions } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiCatalogErrors, ITEM_NOT_FOUND, type CatalogErrorCode } from '../catalog.errors.js';
import {
  CHECKIN_LIST_QUERY,
  CheckinDto,
  CheckinInputDto,
  CheckinPageDto,
  PatchCheckinDto,
  TopListDto,
  TopQueryDto,
} from './checkin.dto.js';
import { CheckinsService } from './checkins.service.js';

/** What writing a check-in may answer with besides its item's or its own not-found. */
const WRITE_ERRORS: CatalogErrorCode[] = [
  'VALIDATION_FAILED',
  'UNKNOWN_DICTIONARY_VALUE',
  'UNKNOWN_LOCATION',
  'MEDIA_NOT_FOUND',
  'NOT_YOUR_MEDIA',
];

/** The item routes of check-ins for one kind: `/<items>/:id/checkins` and `/<items>/top`. */
function ItemCheckinsController(kind: CheckinKind, path: string, tag: string) {
  const notFound = ITEM_NOT_FOUND[kind];

  @ApiTags(tag)
  @Controller(path)
  class KindCheckinsController {
    constructor(readonly checkins: CheckinsService) {}

    /** The best rated, by Bayesian average: `(C × m + Σ stars) / (C + count)`, m the kind's mean, C RATING_MIN_COUNT. */
    @Get('top')
    @ApiOkResponse({ type: TopListDto })
    @ApiCatalogErrors('VALIDATION_FAILED')
    top(@Query() query: TopQueryDto): Promise<TopListDto> {
      return this.checkins.top(kind, query.limit);
    }

    @Get(':id/checkins')
    @OptionallyAuthenticated()
    @ApiListQuery(CHECKIN_LIST_QUERY)
    @ApiOkResponse({ type: CheckinPageDto })
    @ApiCatalogErrors(notFound)
    list(
      @UuidParam('id') id: string,
      @ListQuery(CHECKIN_LIST_QUERY) query: ParsedListQuery,
      @MaybeUser() viewer?: AuthenticatedUser,
    ): Promise<CheckinPageDto> {
      return this.checkins.list(kind, id, query, viewer);
    }

    @Post(':id/checkins')
    @Authenticated()
    @ApiCreatedResponse({ type: CheckinDto })
    @ApiCatalogErrors(notFound, ...WRITE_ERRORS)
    create(
      @CurrentUser() user: AuthenticatedUser,
      @UuidParam('id') id: string,
      @Body() dto: CheckinInputDto,
    ): Promise<CheckinDto> {
      return this.checkins.create(user, kind, id, dto);
    }
  }
  return KindCheckinsController;
}

export const CoffeeCheckinsController = ItemCheckinsController('coffee', 'coffees', 'coffees');
export const WatchCheckinsController = ItemCheckinsController('watch', 'watches', 'watches');

/** One check-in: `/checkins/:id`. */
@ApiTags('checkins')
@Controller('checkins')
export class CheckinsController {
  constructor(private readonly checkins: CheckinsService) {}

  @Get(':id')
  @OptionallyAuthenticated()
  @ApiOkResponse({ type: CheckinDto })
  @ApiCatalogErrors('CHECKIN_NOT_FOUND')
  get(@UuidParam('id') id: string, @MaybeUser() viewer?: AuthenticatedUser): Promise<CheckinDto> {
    return this.checkins.get(id, viewer);
  }

  @Patch(':id')
  @Authenticated()
  @ApiOkResponse({ type: CheckinDto })
  @ApiConditionalWrite()
  @ApiCatalogErrors('CHECKIN_NOT_FOUND', 'NOT_YOUR_CHECKIN', ...WRITE_ERRORS)
  update(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: PatchCheckinDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<CheckinDto> {
    return this.checkins.update(user, id, dto, expected);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated()
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConditionalWrite()
  @ApiCatalogErrors('CHECKIN_NOT_FOUND', 'NOT_YOUR_CHECKIN')
  async delete(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<void> {
    await this.checkins.delete(user, id, expected);
  }
}
