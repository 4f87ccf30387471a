import { Module } from '@nestjs/common';
import { AccountModule } from '../account/account.module.js';
import { MailModule } from '../mail/mail.module.js';
import { UsersModule } from '../users/users.module.js';
import { SellerRolesEvents } from './seller-roles.events.js';
import { SellerRolesService } from './seller-roles.service.js';

@Module({
  imports: [AccountModule, UsersModule, MailModule],
  controllers: [SellerRolesEvents],
  providers: [SellerRolesService],
})
export class SellerRolesModule {}
