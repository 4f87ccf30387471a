import {
  Authenticated,
  CurrentUser,
  MaybeUser,
  OptionallyAuthenticated,
  type AuthenticatedUser,
} from '@agora/auth';
import { UuidParam } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiCatalogErrors } from '../catalog.errors.js';
import { CheckinCommentsService } from './checkin-comments.service.js';
import { COMMENT_LIST_QUERY, CommentDto, CommentInputDto, CommentPageDto } from './checkin.dto.js';

/** Comments under a check-in: `/checkins/:id/comments`, and `/comments/:id` to delete one. */
@ApiTags('checkins')
@Controller()
export class CheckinCommentsController {
  constructor(private readonly comments: CheckinCommentsService) {}

  @Get('checkins/:id/comments')
  @OptionallyAuthenticated()
  @ApiListQuery(COMMENT_LIST_QUERY)
  @ApiOkResponse({ type: CommentPageDto })
  @ApiCatalogErrors('CHECKIN_NOT_FOUND')
  list(
    @UuidParam('id') id: string,
    @ListQuery(COMMENT_LIST_QUERY) query: ParsedListQuery,
    @MaybeUser() viewer?: AuthenticatedUser,
  ): Promise<CommentPageDto> {
    return this.comments.list(id, query, viewer);
  }

  @Post('checkins/:id/comments')
  @Authenticated()
  @ApiCreatedResponse({ type: CommentDto })
  @ApiCatalogErrors('CHECKIN_NOT_FOUND', 'VALIDATION_FAILED')
  create(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: CommentInputDto,
  ): Promise<CommentDto> {
    return this.comments.create(user, id, dto);
  }

  @Delete('comments/:id')
  @HttpCode(204)
  @Authenticated()
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiCatalogErrors('COMMENT_NOT_FOUND', 'NOT_YOUR_COMMENT')
  async delete(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<void> {
    await this.comments.delete(user, id);
  }
}
