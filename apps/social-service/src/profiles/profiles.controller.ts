import { Topics, type EventEnvelope } from '@agora/contracts';
import { ProblemDetails } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PROFILE_LIST_QUERY, ProfileDto, ProfilePageDto } from './profiles.dto.js';
import { ProfilesService } from './profiles.service.js';

@ApiTags('profiles')
@Controller('profiles')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Get()
  @ApiListQuery(PROFILE_LIST_QUERY)
  @ApiOkResponse({ type: ProfilePageDto })
  list(@ListQuery(PROFILE_LIST_QUERY) query: ParsedListQuery): Promise<ProfilePageDto> {
    return this.profiles.list(query);
  }

  @Get(':userId')
  @ApiOkResponse({ type: ProfileDto })
  @ApiBadRequestResponse({ type: ProblemDetails })
  @ApiNotFoundResponse({ type: ProblemDetails })
  get(@Param('userId', new ParseUUIDPipe({ version: undefined })) userId: string): Promise<ProfileDto> {
    return this.profiles.get(userId);
  }

  @EventPattern(Topics.UserRegistered)
  onUserRegistered(@Payload() event: EventEnvelope<'auth.user.registered.v1'>): Promise<void> {
    return this.profiles.onUserRegistered(event);
  }

  @EventPattern(Topics.UserUpdated)
  onUserUpdated(@Payload() event: EventEnvelope<'auth.user.updated.v1'>): Promise<void> {
    return this.profiles.onUserUpdated(event);
  }

  @EventPattern(Topics.UserDeleted)
  onUserDeleted(@Payload() event: EventEnvelope<'auth.user.deleted.v1'>): Promise<void> {
    return this.profiles.onUserDeleted(event);
  }
}
