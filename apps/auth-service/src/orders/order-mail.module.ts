import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module.js';
import { UsersModule } from '../users/users.module.js';
import { OrderMailEvents } from './order-mail.events.js';
import { OrderMailService } from './order-mail.service.js';
import { OrderMailsRepository } from './order-mails.repository.js';

@Module({
  imports: [UsersModule, MailModule],
  controllers: [OrderMailEvents],
  providers: [OrderMailService, OrderMailsRepository],
})
export class OrderMailModule {}
