import { CATALOG_ITEM_KINDS, CHAT_KINDS, type CatalogItemKind } from '@agora/contracts';
import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import type { ChatMemberEntity } from './chat-member.entity.js';
import type { ChatMessageEntity } from './chat-message.entity.js';
import type { ChatEntity, ChatKind } from './chat.entity.js';

/** Longest message, in characters (code points) after sanitizing. */
export const MESSAGE_TEXT_MAX_LENGTH = 4000;

/** The caller's chats: most recent activity first. */
export const CHAT_LIST_QUERY: ListQuerySpec = {
  fields: { lastMessageAt: 'date' },
  defaultSort: '-lastMessageAt',
};

/** Staff's support queue: oldest waiting first; `filter[assigneeId][null]=true` for the unassigned. */
export const SUPPORT_QUEUE_QUERY: ListQuerySpec = {
  fields: { lastMessageAt: 'date', assigneeId: 'uuid' },
  sortable: ['lastMessageAt'],
  defaultSort: 'lastMessageAt',
};

/** A chat's history: newest first; `sort=createdAt` reads forward. */
export const MESSAGE_LIST_QUERY: ListQuerySpec = {
  fields: { createdAt: 'date' },
  defaultSort: '-createdAt',
  defaultLimit: 50,
  maxLimit: 100,
};

export class OpenDirectChatDto {
  @ApiProperty({ format: 'uuid', description: 'The user to write to' })
  @IsUUID()
  userId!: string;
}

export class SendMessageDto {
  @ApiProperty({ maxLength: MESSAGE_TEXT_MAX_LENGTH })
  @IsString()
  @MaxLength(MESSAGE_TEXT_MAX_LENGTH * 2)
  text!: string;
}

export class MarkReadDto {
  @ApiProperty({ format: 'uuid', description: 'The newest message read; earlier ones count as read too' })
  @IsUUID()
  messageId!: string;
}

export class ChatItemDto {
  @ApiProperty({ enum: CATALOG_ITEM_KINDS })
  kind!: CatalogItemKind;

  @ApiProperty({ format: 'uuid' })
  id!: string;
}

export class ChatMemberDto {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Their newest read message' })
  lastReadId!: string | null;
}

export class ChatDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: CHAT_KINDS })
  kind!: ChatKind;

  @ApiProperty({ type: () => ChatItemDto, nullable: true, description: "An item room's catalog item" })
  item!: ChatItemDto | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "A support room's customer" })
  customerId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Staff who took a support room' })
  assigneeId!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastMessageAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiPropertyOptional({ type: Number, description: "The caller's unread messages (members only)" })
  unreadCount?: number;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "The caller's read position",
  })
  lastReadId?: string | null;

  @ApiPropertyOptional({
    type: () => ChatMemberDto,
    isArray: true,
    description: 'Members and their read positions (direct and support chats)',
  })
  members?: ChatMemberDto[];
}

export const ChatPageDto = PageOf(ChatDto);
export type ChatPageDto = Page<ChatDto>;

export class ChatMessageDto {
  @ApiProperty({ format: 'uuid', description: 'Time-ordered (UUIDv7): a later message has a greater id' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  chatId!: string;

  @ApiProperty({ format: 'uuid' })
  authorId!: string;

  @ApiProperty({ description: 'Plain text (render it as text); empty once deleted' })
  text!: string;

  @ApiProperty({ description: 'The ETag for If-Match on edits and deletions' })
  version!: number;

  @ApiProperty()
  edited!: boolean;

  @ApiProperty()
  deleted!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export const ChatMessagePageDto = PageOf(ChatMessageDto);
export type ChatMessagePageDto = Page<ChatMessageDto>;

export class ReadStateDto {
  @ApiProperty({ format: 'uuid' })
  chatId!: string;

  @ApiProperty({ format: 'uuid' })
  lastReadId!: string;

  @ApiProperty()
  unreadCount!: number;
}

export function toChatDto(
  chat: ChatEntity,
  own?: Pick<ChatMemberEntity, 'unreadCount' | 'lastReadId'> | null,
  members?: readonly ChatMemberEntity[],
): ChatDto {
  return {
    id: chat.id,
    kind: chat.kind,
    item: chat.itemKind && chat.itemId ? { kind: chat.itemKind as CatalogItemKind, id: chat.itemId } : null,
    customerId: chat.customerId,
    assigneeId: chat.assigneeId,
    lastMessageAt: chat.lastMessageAt?.toISOString() ?? null,
    createdAt: chat.createdAt.toISOString(),
    ...(own ? { unreadCount: own.unreadCount, lastReadId: own.lastReadId } : {}),
    ...(members
      ? { members: members.map((member) => ({ userId: member.userId, lastReadId: member.lastReadId })) }
      : {}),
  };
}

export function toMessageDto(message: ChatMessageEntity): ChatMessageDto {
  return {
    id: message.id,
    chatId: message.chatId,
    authorId: message.authorId,
    text: message.text,
    version: message.version,
    edited: message.version > 1 && !message.deletedAt,
    deleted: message.deletedAt !== null,
    createdAt: message.createdAt.toISOString(),
    updatedAt: message.updatedAt.toISOString(),
  };
}
