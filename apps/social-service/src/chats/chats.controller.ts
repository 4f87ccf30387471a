import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { ApiConditionalWrite, IfMatch, UuidParam, type ExpectedVersions } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { ApiRateLimitErrors, RateLimitErrorCode } from '@agora/rate-limit';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiSocialErrors } from '../social.errors.js';
import {
  CHAT_LIST_QUERY,
  ChatDto,
  ChatMessageDto,
  ChatMessagePageDto,
  ChatPageDto,
  MarkReadDto,
  MESSAGE_LIST_QUERY,
  OpenDirectChatDto,
  ReadStateDto,
  SendMessageDto,
} from './chats.dto.js';
import { ChatsService } from './chats.service.js';

@ApiTags('chats')
@Controller('chats')
@Authenticated()
export class ChatsController {
  constructor(private readonly chats: ChatsService) {}

  /** Opens the direct chat with the user (201), or returns it when it exists (200). */
  @Post()
  @ApiRateLimitErrors(RateLimitErrorCode.RATE_LIMITED)
  @ApiCreatedResponse({ type: ChatDto, description: 'Opened' })
  @ApiOkResponse({ type: ChatDto, description: 'Already open' })
  @ApiSocialErrors(
    'CANNOT_MESSAGE_SELF',
    'PROFILE_REQUIRED',
    'PROFILE_NOT_FOUND',
    'BLOCKED',
    'MESSAGES_NOT_ACCEPTED',
  )
  async open(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: OpenDirectChatDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ChatDto> {
    const { chat, created } = await this.chats.openDirect(user, dto.userId);
    reply.status(created ? 201 : 200);
    return chat;
  }

  /** The caller's chats (direct, support, and rooms they wrote in), most recent first, with unread counts. */
  @Get()
  @ApiListQuery(CHAT_LIST_QUERY)
  @ApiOkResponse({ type: ChatPageDto })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @ListQuery(CHAT_LIST_QUERY) query: ParsedListQuery,
  ): Promise<ChatPageDto> {
    return this.chats.list(user, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ChatDto })
  @ApiSocialErrors('CHAT_NOT_FOUND')
  get(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<ChatDto> {
    return this.chats.get(user, id);
  }

  /** The chat's history by keyset (`cursor`), newest first; messages of users blocked either way are left out. */
  @Get(':id/messages')
  @ApiListQuery(MESSAGE_LIST_QUERY)
  @ApiOkResponse({ type: ChatMessagePageDto })
  @ApiSocialErrors('CHAT_NOT_FOUND')
  history(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @ListQuery(MESSAGE_LIST_QUERY) query: ParsedListQuery,
  ): Promise<ChatMessagePageDto> {
    return this.chats.history(user, id, query);
  }

  /** Stores the message, then pushes `chat.message` over the socket (the same as the socket's `chat.send`). */
  @Post(':id/messages')
  @ApiRateLimitErrors(RateLimitErrorCode.RATE_LIMITED)
  @ApiCreatedResponse({ type: ChatMessageDto })
  @ApiSocialErrors(
    'CHAT_NOT_FOUND',
    'PROFILE_REQUIRED',
    'PROFILE_NOT_FOUND',
    'BLOCKED',
    'MESSAGES_NOT_ACCEPTED',
    'ITEM_NOT_FOUND',
    'EMPTY_MESSAGE',
    'TEXT_TOO_LONG',
  )
  send(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: SendMessageDto,
  ): Promise<ChatMessageDto> {
    return this.chats.send(user, id, dto.text);
  }

  /** The author edits the message; `If-Match` with its version guards against a lost update. */
  @Patch(':id/messages/:messageId')
  @ApiOkResponse({ type: ChatMessageDto })
  @ApiSocialErrors(
    'CHAT_NOT_FOUND',
    'MESSAGE_NOT_FOUND',
    'NOT_YOUR_MESSAGE',
    'PROFILE_NOT_FOUND',
    'BLOCKED',
    'MESSAGES_NOT_ACCEPTED',
    'EMPTY_MESSAGE',
    'TEXT_TOO_LONG',
  )
  @ApiConditionalWrite()
  edit(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @UuidParam('messageId') messageId: string,
    @Body() dto: SendMessageDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<ChatMessageDto> {
    return this.chats.edit(user, id, messageId, dto.text, expected);
  }

  /** The author, or staff in an item or support room, deletes the message: it stays in the history, emptied. */
  @Delete(':id/messages/:messageId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiSocialErrors('CHAT_NOT_FOUND', 'MESSAGE_NOT_FOUND', 'NOT_YOUR_MESSAGE')
  @ApiConditionalWrite()
  remove(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @UuidParam('messageId') messageId: string,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<void> {
    return this.chats.remove(user, id, messageId, expected);
  }

  /** Read receipt: the caller has read up to the message; the chat hears `chat.read`. */
  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: ReadStateDto })
  @ApiSocialErrors('CHAT_NOT_FOUND', 'MESSAGE_NOT_FOUND')
  read(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: MarkReadDto,
  ): Promise<ReadStateDto> {
    return this.chats.markRead(user, id, dto.messageId);
  }
}
