import { Module } from '@nestjs/common';
import { NotificationsModule } from '../../notifications/notifications.module.js';
import { RemindersJob } from './reminders.job.js';
import { RemindersRepository } from './reminders.repository.js';
import { RemindersService } from './reminders.service.js';

/** CoTask reminders of tasks and habits, fired by a scheduled job as notifications (issue 19). */
@Module({
  imports: [NotificationsModule],
  providers: [RemindersRepository, RemindersService, RemindersJob],
  exports: [RemindersService],
})
export class RemindersModule {}
