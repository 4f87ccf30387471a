import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  MarkNotificationsReadDto,
  NOTIFICATION_LIST_QUERY,
  NotificationPageDto,
  UnreadCountDto,
} from './notifications.dto.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('notifications')
@Controller('notifications')
@Authenticated()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** The caller's notifications, newest first; the socket pushes new ones as `notification`. */
  @Get()
  @ApiListQuery(NOTIFICATION_LIST_QUERY)
  @ApiOkResponse({ type: NotificationPageDto })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @ListQuery(NOTIFICATION_LIST_QUERY) query: ParsedListQuery,
  ): Promise<NotificationPageDto> {
    return this.notifications.list(user, query);
  }

  @Get('unread')
  @ApiOkResponse({ type: UnreadCountDto })
  unread(@CurrentUser() user: AuthenticatedUser): Promise<UnreadCountDto> {
    return this.notifications.unread(user);
  }

  /** Marks `ids` (or all, with `{"all": true}`) read and answers the unread count left. */
  @Post('read')
  @HttpCode(200)
  @ApiOkResponse({ type: UnreadCountDto })
  read(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: MarkNotificationsReadDto,
  ): Promise<UnreadCountDto> {
    return this.notifications.markRead(user, dto);
  }
}
