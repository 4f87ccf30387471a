import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { ApiConditionalWrite, IfMatch, type ExpectedVersions, UuidParam } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AtQueryPipe } from './at-query.pipe.js';
import {
  LOCATION_LIST_QUERY,
  LocationDto,
  LocationInputDto,
  LocationPageDto,
  PatchLocationDto,
  ShopInfoDto,
  ShopProfileDto,
  ShopProfileInputDto,
} from './shop-info.dto.js';
import { ShopInfoService } from './shop-info.service.js';
import { ApiCatalogErrors } from '../catalog.errors.js';

const At = () => Query('at', AtQueryPipe);
const ApiAt = () =>
  ApiQuery({ name: 'at', required: false, description: 'ISO 8601 instant for openNow; now by default' });

/** Seed 001 static information: `GET /info` for the apps, edited by admins. */
@ApiTags('info')
@Controller('info')
export class ShopInfoController {
  constructor(private readonly info: ShopInfoService) {}

  @Get()
  @ApiAt()
  @ApiOkResponse({ type: ShopInfoDto })
  @ApiCatalogErrors('VALIDATION_FAILED')
  get(@At() at: Date): Promise<ShopInfoDto> {
    return this.info.info(at);
  }

  @Put()
  @ApiCatalogErrors('VALIDATION_FAILED')
  @Authenticated('admin')
  @ApiOkResponse({ type: ShopProfileDto })
  setProfile(
    @CurrentUser() admin: AuthenticatedUser,
    @Body() dto: ShopProfileInputDto,
  ): Promise<ShopProfileDto> {
    return this.info.setProfile(admin, dto);
  }

  @Get('locations')
  @ApiAt()
  @ApiListQuery(LOCATION_LIST_QUERY)
  @ApiOkResponse({ type: LocationPageDto })
  @ApiCatalogErrors('VALIDATION_FAILED')
  list(@ListQuery(LOCATION_LIST_QUERY) query: ParsedListQuery, @At() at: Date): Promise<LocationPageDto> {
    return this.info.list(query, at);
  }

  @Get('locations/:id')
  @ApiAt()
  @ApiOkResponse({ type: LocationDto })
  @ApiCatalogErrors('VALIDATION_FAILED', 'LOCATION_NOT_FOUND')
  location(@UuidParam('id') id: string, @At() at: Date): Promise<LocationDto> {
    return this.info.get(id, at);
  }

  @Post('locations')
  @ApiCatalogErrors('VALIDATION_FAILED')
  @Authenticated('admin')
  @ApiCreatedResponse({ type: LocationDto })
  create(@CurrentUser() admin: AuthenticatedUser, @Body() dto: LocationInputDto): Promise<LocationDto> {
    return this.info.create(admin, dto);
  }

  @Put('locations/:id')
  @ApiCatalogErrors('VALIDATION_FAILED', 'LOCATION_NOT_FOUND')
  @Authenticated('admin')
  @ApiOkResponse({ type: LocationDto })
  @ApiConditionalWrite()
  replace(
    @CurrentUser() admin: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: LocationInputDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<LocationDto> {
    return this.info.update(admin, id, dto, true, expected);
  }

  @Patch('locations/:id')
  @ApiCatalogErrors('VALIDATION_FAILED', 'LOCATION_NOT_FOUND')
  @Authenticated('admin')
  @ApiOkResponse({ type: LocationDto })
  @ApiConditionalWrite()
  patch(
    @CurrentUser() admin: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: PatchLocationDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<LocationDto> {
    return this.info.update(admin, id, dto, false, expected);
  }

  @Delete('locations/:id')
  @HttpCode(204)
  @ApiCatalogErrors('LOCATION_NOT_FOUND')
  @Authenticated('admin')
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConditionalWrite()
  async delete(
    @CurrentUser() admin: AuthenticatedUser,
    @UuidParam('id') id: string,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<void> {
    await this.info.delete(admin, id, expected);
  }
}
