import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module.js';
import { UsersModule } from '../users/users.module.js';
import { OrderMailEvents } from './order-mail.events.js';
import { OrderMailService } from './order-mail.service.js';

@Module({
  imports: [UsersModule, MailModule],
  controllers: [OrderMailEvents],
  providers: [OrderMailService],
})
export class OrderMailModule {}
