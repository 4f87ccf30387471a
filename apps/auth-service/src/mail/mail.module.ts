import { Module } from '@nestjs/common';
import { AuthMail } from './auth-mail.js';

@Module({ providers: [AuthMail], exports: [AuthMail] })
export class MailModule {}
