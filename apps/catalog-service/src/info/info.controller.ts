import { Authenticated } from '@agora/auth';
import { ProblemDetails, ApiConditionalWrite, IfMatch, type ExpectedVersions, UuidParam } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
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
  @ApiBadRequestResponse({ type: ProblemDetails })
  get(@At() at: Date): Promise<ShopInfoDto> {
    return this.info.info(at);
  }

  @Put()
  @Authenticated('admin')
  @ApiOkResponse({ type: ShopProfileDto })
  @ApiBadRequestResponse({ type: ProblemDetails })
  setProfile(@Body() dto: ShopProfileInputDto): Promise<ShopProfileDto> {
    return this.info.setProfile(dto);
  }

  @Get('locations')
  @ApiAt()
  @ApiListQuery(LOCATION_LIST_QUERY)
  @ApiOkResponse({ type: LocationPageDto })
  list(@ListQuery(LOCATION_LIST_QUERY) query: ParsedListQuery, @At() at: Date): Promise<LocationPageDto> {
    return this.info.list(query, at);
  }

  @Get('locations/:id')
  @ApiAt()
  @ApiOkResponse({ type: LocationDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  location(@UuidParam('id') id: string, @At() at: Date): Promise<LocationDto> {
    return this.info.get(id, at);
  }

  @Post('locations')
  @Authenticated('admin')
  @ApiCreatedResponse({ type: LocationDto })
  @ApiBadRequestResponse({ type: ProblemDetails })
  create(@Body() dto: LocationInputDto): Promise<LocationDto> {
    return this.info.create(dto);
  }

  @Put('locations/:id')
  @Authenticated('admin')
  @ApiOkResponse({ type: LocationDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConditionalWrite()
  replace(
    @UuidParam('id') id: string,
    @Body() dto: LocationInputDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<LocationDto> {
    return this.info.update(id, dto, true, expected);
  }

  @Patch('locations/:id')
  @Authenticated('admin')
  @ApiOkResponse({ type: LocationDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
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
  @Authenticated('admin')
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConditionalWrite()
  async delete(@UuidParam('id') id: string, @IfMatch() expected: ExpectedVersions): Promise<void> {
    await this.info.delete(id, expected);
  }
}
