import { Module } from '@nestjs/common';
import { CommunityEventsController, CommunityUserCleanup } from './community.events.js';
import { LikeEvents } from './like-events.js';
import {
  CheckinLikesController,
  CoffeeLikesController,
  CommentLikesController,
  ListingLikesController,
  MechanismLikesController,
  WatchLikesController,
} from './likes.controller.js';
import { LikesRepository } from './likes.repository.js';
import { LikesService } from './likes.service.js';
import { TagCloudController } from './tag-cloud.controller.js';
import { TagCloudRepository } from './tag-cloud.repository.js';
import { TagCloudService } from './tag-cloud.service.js';
import { HadListController, WishlistController } from './user-lists.controller.js';
import { UserItemsRepository } from './user-items.repository.js';
import { UserItemsService } from './user-items.service.js';

/** Likes, the wishlist and "had it" lists, and the tag cloud (issue 17). */
@Module({
  controllers: [
    CheckinLikesController,
    CommentLikesController,
    CoffeeLikesController,
    WatchLikesController,
    MechanismLikesController,
    ListingLikesController,
    WishlistController,
    HadListController,
    TagCloudController,
    CommunityEventsController,
  ],
  providers: [
    LikesService,
    LikesRepository,
    LikeEvents,
    UserItemsService,
    UserItemsRepository,
    TagCloudService,
    TagCloudRepository,
    CommunityUserCleanup,
  ],
})
export class CommunityModule {}
