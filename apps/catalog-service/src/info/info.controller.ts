import { Authenticated } from '@agora/auth';
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
} from './info.dto.js';
import { InfoService } from './info.service.js';
import { ApiCatalogErrors } from '../catalog.errors.js';

const At = () => Query('at', AtQueryPipe);
const ApiAt = () =>
  ApiQuery({ name: 'at', required: false, description: 'ISO 8601 instant for openNow; now by default' });

/** Seed 001 static information: `GET /info` for the apps, edited by admins. */
@ApiTags('info')
@Controller('info')
export class InfoController {
  constructor(private readonly info: InfoService) {}

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
  setProfile(@Body() dto: ShopProfileInputDto): Promise<ShopProfileDto> {
    return this.info.setProfile(dto);
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
  create(@Body() dto: LocationInputDto): Promise<LocationDto> {
    return this.info.create(dto);
  }

  @Put('locations/:id')
  @ApiCatalogErrors('VALIDATION_FAILED', 'LOCATION_NOT_FOUND')
  @Authenticated('admin')
  @ApiOkResponse({ type: LocationDto })
  @ApiConditionalWrite()
  replace(
    @UuidParam('id') id: string,
    @Body() dto: LocationInputDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<LocationDto> {
    return this.info.update(id, dto, true, expected);
  }

  @Patch('locations/:id')
  @ApiCatalogErrors('VALIDATION_FAILED', 'LOCATION_NOT_FOUND')
  @Authenticated('admin')
  @ApiOkResponse({ type: LocationDto })
  @ApiConditionalWrite()
  patch(
    @UuidParam('id') id: string,
    @Body() dto: PatchLocationDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<LocationDto> {
    return this.info.update(id, dto, false, expected);
  }

  @Delete('locations/:id')
  @HttpCode(204)
  @ApiCatalogErrors('LOCATION_NOT_FOUND')
  @Authenticated('admin')
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConditionalWrite()
  async delete(@UuidParam('id') id: string, @IfMatch() expected: ExpectedVersions): Promise<void> {
    await this.info.delete(id, expected);
  }
}
