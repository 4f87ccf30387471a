import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { CATALOG_ITEM_KINDS, type CatalogItemKind } from '@agora/contracts';
import { EnumParam, UuidParam } from '@agora/http';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiSocialErrors } from '../social.errors.js';
import { ChatDto } from './chats.dto.js';
import { ChatsService } from './chats.service.js';

@ApiTags('chats')
@Controller('items')
export class ItemDiscussionController {
  constructor(private readonly chats: ChatsService) {}

  /** The catalog item's discussion room (seed 000's coffee card chat); its history is `GET /chats/:id/messages`. */
  @Get(':kind/:id/discussion')
  @Authenticated()
  @ApiOkResponse({ type: ChatDto })
  @ApiSocialErrors('ITEM_NOT_FOUND')
  discussion(
    @CurrentUser() user: AuthenticatedUser,
    @EnumParam('kind', CATALOG_ITEM_KINDS) kind: CatalogItemKind,
    @UuidParam('id') id: string,
  ): Promise<ChatDto> {
    return this.chats.itemDiscussion(user, kind, id);
  }
}
