import { Module } from '@nestjs/common';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { ChatMessagesRepository } from './chat-messages.repository.js';
import { ChatSocketGateway } from './chat-socket.gateway.js';
import { ChatsController } from './chats.controller.js';
import { ChatsRepository } from './chats.repository.js';
import { ChatsService } from './chats.service.js';
import { ItemDiscussionController } from './item-discussion.controller.js';
import { SupportController } from './support.controller.js';

@Module({
  imports: [RealtimeModule],
  controllers: [ChatsController, ItemDiscussionController, SupportController],
  providers: [ChatsRepository, ChatMessagesRepository, ChatsService, ChatSocketGateway],
})
export class ChatsModule {}
