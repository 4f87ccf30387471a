import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiCatalogErrors } from '../catalog.errors.js';
import { TagCloudDto, TagCloudQueryDto } from './tag-cloud.dto.js';
import { TagCloudService } from './tag-cloud.service.js';

@ApiTags('checkins')
@Controller('tags')
export class TagCloudController {
  constructor(private readonly cloud: TagCloudService) {}

  /** `GET /tags/cloud?kind=coffee&window=30d&limit=30`: the most used flavour tags, weighted. */
  @Get('cloud')
  @ApiOkResponse({ type: TagCloudDto })
  @ApiCatalogErrors('VALIDATION_FAILED')
  get(@Query() query: TagCloudQueryDto): Promise<TagCloudDto> {
    return this.cloud.cloud(query);
  }
}
