import type { AuthenticatedUser } from '@agora/auth';
import type { LikeKind } from '@agora/contracts';
import { UnitOfWork } from '@agora/database';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { CatalogErrorCode, CatalogException, itemNotFound } from '../catalog.errors.js';
import { LikeEvents } from './like-events.js';
import type { LikePage, LikesDto } from './like.dto.js';
import { LikesRepository } from './likes.repository.js';

/** Each likeable kind's not-found code. */
export const LIKE_NOT_FOUND = {
  checkin: CatalogErrorCode.CHECKIN_NOT_FOUND,
  comment: CatalogErrorCode.COMMENT_NOT_FOUND,
  coffee: CatalogErrorCode.COFFEE_NOT_FOUND,
  watch: CatalogErrorCode.WATCH_NOT_FOUND,
  mechanism: CatalogErrorCode.MECHANISM_NOT_FOUND,
  listing: CatalogErrorCode.LISTING_NOT_FOUND,
} as const satisfies Record<LikeKind, CatalogErrorCode>;

const notFound = (kind: LikeKind, id: string): CatalogException =>
  kind === 'checkin' || kind === 'comment'
    ? new CatalogException(LIKE_NOT_FOUND[kind], `No ${kind === 'checkin' ? 'check-in' : kind} ${id}`)
    : itemNotFound(kind, id);

/**
 * Likes (issue 17): idempotent like and unlike of check-ins, comments, items and listings. Each change
 * key-share locks the liked thing (so it cannot go meanwhile; one gone is a 404), then row-locks its like
 * target and changes the like rows and the count together, and leaves an event for the owner's notification.
 */
@Injectable()
export class LikesService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly likes: LikesRepository,
    private readonly events: LikeEvents,
  ) {}

  async like(user: AuthenticatedUser, kind: LikeKind, id: string): Promise<LikesDto> {
    return this.change(user, kind, id, 'added');
  }

  async unlike(user: AuthenticatedUser, kind: LikeKind, id: string): Promise<LikesDto> {
    return this.change(user, kind, id, 'removed');
  }

  /** Who liked the thing, with its count and whether the caller likes it. */
  async list(
    user: AuthenticatedUser | undefined,
    kind: LikeKind,
    id: string,
    query: ParsedListQuery,
  ): Promise<LikePage> {
    if (!(await this.likes.thingExists(kind, id))) {
      throw notFound(kind, id);
    }
    const [page, likes] = await Promise.all([this.likes.page(id, query), this.state(user, kind, id)]);
    return {
      ...mapPage(page, (like) => ({ userId: like.userId, likedAt: like.createdAt.toISOString() })),
      likes,
    };
  }

  /** The thing's count and the caller's like now. */
  async state(user: AuthenticatedUser | undefined, kind: LikeKind, id: string): Promise<LikesDto> {
    const [count, likedByMe] = await Promise.all([
      this.likes.countOf(id),
      user ? this.likes.likedBy(id, user.id) : Promise.resolve(false),
    ]);
    return { kind, id, count, likedByMe };
  }

  private async change(
    user: AuthenticatedUser,
    kind: LikeKind,
    id: string,
    change: 'added' | 'removed',
  ): Promise<LikesDto> {
    return this.unitOfWork.run(async (tx) => {
      const ownerId = await this.likes.lockThing(tx, kind, id);
      if (ownerId === null) {
        throw notFound(kind, id);
      }
      let count = await this.likes.lockCount(tx, kind, id);
      const changed =
        change === 'added' ? await this.likes.add(tx, id, user.id) : await this.likes.remove(tx, id, user.id);
      if (changed) {
        count += change === 'added' ? 1 : -1;
        await this.likes.setCount(tx, id, count);
        await this.events.changed(tx, change, {
          targetKind: kind,
          targetId: id,
          userId: user.id,
          ownerId,
          likeCount: count,
        });
      }
      return { kind, id, count, likedByMe: change === 'added' };
    });
  }
}
