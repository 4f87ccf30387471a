import { ReadModelStateEntity } from '@agora/database';
import { AuthModule } from '@agora/auth';
import { RateLimitModule } from '@agora/rate-limit';
import type { ServiceDefinition } from '@agora/runtime';
import { Module } from '@nestjs/common';
import { socialMigrations } from './migrations/index.js';
import { SocialConfig } from './social.config.js';
import { ChatMemberEntity } from './chats/chat-member.entity.js';
import { ChatMessageEntity } from './chats/chat-message.entity.js';
import { ChatEntity } from './chats/chat.entity.js';
import { ChatsModule } from './chats/chats.module.js';
import { NotificationEntity } from './notifications/notification.entity.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { CheckinRefEntity } from './checkins/checkin-ref.entity.js';
import { CheckinsModule } from './checkins/checkins.module.js';
import { AchievementEntity } from './cotask/achievements/achievement.entity.js';
import { AchievementsModule } from './cotask/achievements/achievements.module.js';
import { CardReviewEntity } from './cotask/cards/card-review.entity.js';
import { CardEntity } from './cotask/cards/card.entity.js';
import { CardsModule } from './cotask/cards/cards.module.js';
import { CatalogFactEntity } from './cotask/cards/catalog-fact.entity.js';
import { DeckEntity } from './cotask/cards/deck.entity.js';
import { GoalEntity } from './cotask/goals/goal.entity.js';
import { GoalsModule } from './cotask/goals/goals.module.js';
import { ProductivityModule } from './cotask/productivity/productivity.module.js';
import { HabitCheckinEntity } from './cotask/habits/habit-checkin.entity.js';
import { HabitEntity } from './cotask/habits/habit.entity.js';
import { HabitsModule } from './cotask/habits/habits.module.js';
import { ReminderEntity } from './cotask/reminders/reminder.entity.js';
import { RemindersModule } from './cotask/reminders/reminders.module.js';
import { ProjectMemberEntity } from './cotask/tasks/project-member.entity.js';
import { ProjectSectionEntity } from './cotask/tasks/project-section.entity.js';
import { ProjectEntity } from './cotask/tasks/project.entity.js';
import { TaskCompletionEntity } from './cotask/tasks/task-completion.entity.js';
import { TaskEntity } from './cotask/tasks/task.entity.js';
import { TasksModule } from './cotask/tasks/tasks.module.js';
import { RatingsModule } from './ratings/ratings.module.js';
import { SellerReviewEntity } from './ratings/seller-review.entity.js';
import { RealtimeIoAdapter } from './realtime/realtime-io.adapter.js';
import { SOCKET_ERROR_CODES } from './realtime/realtime.events.js';
import { FeedModule } from './feed/feed.module.js';
import { FollowsModule } from './follows/follows.module.js';
import { PostsModule } from './posts/posts.module.js';
import { FeedReaderEntity } from './feed/feed-reader.entity.js';
import { TimelineEntryEntity } from './feed/timeline-entry.entity.js';
import { BlockEntity } from './follows/block.entity.js';
import { FollowEntity } from './follows/follow.entity.js';
import { MuteEntity } from './follows/mute.entity.js';
import { CatalogItemRefEntity } from './posts/catalog-item-ref.entity.js';
import { CommentEntity } from './posts/comment.entity.js';
import { MediaOwnerEntity } from './posts/media-owner.entity.js';
import { PostLikeEntity } from './posts/post-like.entity.js';
import { PostRevisionEntity } from './posts/post-revision.entity.js';
import { PostEntity } from './posts/post.entity.js';
import { EarlyAccountEventEntity } from './profiles/early-account-event.entity.js';
import { ProfileEntity } from './profiles/profile.entity.js';
import { ProfilesModule } from './profiles/profiles.module.js';
import { CatalogCopyModule } from './catalog-copy/catalog-copy.module.js';
import { seedCatalogCopy } from './catalog-copy/catalog-copy.seed.js';

@Module({
  imports: [
    AuthModule.forRoot(),
    RateLimitModule.forRoot(),
    ProfilesModule,
    FollowsModule,
    PostsModule,
    FeedModule,
    ChatsModule,
    NotificationsModule,
    RatingsModule,
    CheckinsModule,
    AchievementsModule,
    CardsModule,
    GoalsModule,
    ProductivityModule,
    HabitsModule,
    RemindersModule,
    TasksModule,
    CatalogCopyModule,
  ],
})
export class SocialServiceModule {}

export const socialServiceDefinition: ServiceDefinition = {
  name: 'social',
  title: 'Agora social-service',
  description: 'Profiles, follows, posts, feed, likes, comments, chats and notifications.',
  module: SocialServiceModule,
  entities: [
    ProfileEntity,
    EarlyAccountEventEntity,
    FollowEntity,
    BlockEntity,
    MuteEntity,
    PostEntity,
    PostRevisionEntity,
    PostLikeEntity,
    CommentEntity,
    MediaOwnerEntity,
    CatalogItemRefEntity,
    TimelineEntryEntity,
    FeedReaderEntity,
    ChatEntity,
    ChatMemberEntity,
    ChatMessageEntity,
    NotificationEntity,
    SellerReviewEntity,
    CheckinRefEntity,
    AchievementEntity,
    DeckEntity,
    CardEntity,
    CardReviewEntity,
    CatalogFactEntity,
    GoalEntity,
    HabitEntity,
    HabitCheckinEntity,
    ProjectEntity,
    ProjectSectionEntity,
    ProjectMemberEntity,
    TaskEntity,
    TaskCompletionEntity,
    ReminderEntity,
    ReadModelStateEntity,
  ],
  migrations: socialMigrations,
  config: SocialConfig,
  seed: seedCatalogCopy,
  socketErrorCodes: SOCKET_ERROR_CODES,
  configure: (app) => {
    const config = app.get(SocialConfig);
    app.useWebSocketAdapter(new RealtimeIoAdapter(app, config.REDIS_URL, config.REDIS_KEY_PREFIX));
  },
};
