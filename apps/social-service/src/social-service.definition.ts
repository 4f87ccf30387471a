import { AuthModule } from '@agora/auth';
import type { ServiceDefinition } from '@agora/runtime';
import { Module } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { socialMigrations } from './migrations/index.js';
import { SocialConfig } from './social.config.js';
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

@Module({ imports: [AuthModule.forRoot(), ProfilesModule, FollowsModule, PostsModule, FeedModule] })
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
  ],
  migrations: socialMigrations,
  config: SocialConfig,
  configure: (app) => {
    app.useWebSocketAdapter(new IoAdapter(app));
  },
};
