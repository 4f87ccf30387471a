import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { UuidParam } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
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
import { EditRoutesController } from '../items/edit-routes.controller.js';

const At = () => Query('at', AtQueryPipe);
const ApiAt = () =>
  ApiQuery({ name: 'at', required: false, description: 'ISO 8601 instant for openNow; now by default' });

/** Seed 001 static information: `GET /info` for the apps, edited by admins. */
@ApiTags('info')
@Controller('info')
export class ShopInfoController extends EditRoutesController({
  service: ShopInfoService,
  path: 'locations',
  dto: LocationDto,
  createInput: LocationInputDto,
  patchInput: PatchLocationDto,
  creators: ['admin'],
  editors: ['admin'],
  notFound: 'LOCATION_NOT_FOUND',
  writeErrors: ['VALIDATION_FAILED'],
}) {
  @Get()
  @ApiAt()
  @ApiOkResponse({ type: ShopInfoDto })
  @ApiCatalogErrors('VALIDATION_FAILED')
  get(@At() at: Date): Promise<ShopInfoDto> {
    return this.service.info(at);
  }

  @Put()
  @ApiCatalogErrors('VALIDATION_FAILED')
  @Authenticated('admin')
  @ApiOkResponse({ type: ShopProfileDto })
  setProfile(
    @CurrentUser() admin: AuthenticatedUser,
    @Body() dto: ShopProfileInputDto,
  ): Promise<ShopProfileDto> {
    return this.service.setProfile(admin, dto);
  }

  @Get('locations')
  @ApiAt()
  @ApiListQuery(LOCATION_LIST_QUERY)
  @ApiOkResponse({ type: LocationPageDto })
  @ApiCatalogErrors('VALIDATION_FAILED')
  list(@ListQuery(LOCATION_LIST_QUERY) query: ParsedListQuery, @At() at: Date): Promise<LocationPageDto> {
    return this.service.list(query, at);
  }

  @Get('locations/:id')
  @ApiAt()
  @ApiOkResponse({ type: LocationDto })
  @ApiCatalogErrors('VALIDATION_FAILED', 'LOCATION_NOT_FOUND')
  location(@UuidParam('id') id: string, @At() at: Date): Promise<LocationDto> {
    return this.service.get(id, at);
  }
}
