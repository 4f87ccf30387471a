import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { UuidParam } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Controller, Delete, Get, HttpCode, Post, Put, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiSocialErrors } from '../social.errors.js';
import { ChatDto, ChatPageDto, SUPPORT_QUEUE_QUERY } from './chats.dto.js';
import { ChatsService } from './chats.service.js';

@ApiTags('support')
@Controller('support')
export class SupportController {
  constructor(private readonly chats: ChatsService) {}

  /** The caller's support room (201 when opened now, 200 when it exists); staff answer it. */
  @Post()
  @Authenticated()
  @ApiCreatedResponse({ type: ChatDto, description: 'Opened' })
  @ApiOkResponse({ type: ChatDto, description: 'Already open' })
  async open(
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ChatDto> {
    const { chat, created } = await this.chats.openSupport(user);
    reply.status(created ? 201 : 200);
    return chat;
  }

  /** Staff's queue of support rooms, longest waiting first; `filter[assigneeId][null]=true` for unassigned ones. */
  @Get('queue')
  @Authenticated('moderator', 'admin')
  @ApiListQuery(SUPPORT_QUEUE_QUERY)
  @ApiOkResponse({ type: ChatPageDto })
  queue(@ListQuery(SUPPORT_QUEUE_QUERY) query: ParsedListQuery): Promise<ChatPageDto> {
    return this.chats.supportQueue(query);
  }

  /** The caller (staff) takes the support room; when several take it at once one wins, the others get a 409. */
  @Put(':chatId/assignment')
  @Authenticated('moderator', 'admin')
  @HttpCode(200)
  @ApiOkResponse({ type: ChatDto })
  @ApiSocialErrors('CHAT_NOT_FOUND', 'SUPPORT_ALREADY_ASSIGNED')
  assign(@CurrentUser() staff: AuthenticatedUser, @UuidParam('chatId') chatId: string): Promise<ChatDto> {
    return this.chats.assign(staff, chatId);
  }

  /** The assignee (or an admin) puts the room back in the queue. */
  @Delete(':chatId/assignment')
  @Authenticated('moderator', 'admin')
  @HttpCode(200)
  @ApiOkResponse({ type: ChatDto })
  @ApiSocialErrors('CHAT_NOT_FOUND', 'NOT_SUPPORT_ASSIGNEE')
  release(@CurrentUser() staff: AuthenticatedUser, @UuidParam('chatId') chatId: string): Promise<ChatDto> {
    return this.chats.release(staff, chatId);
  }
}
