import { SocialTopics, type CatalogItemKind, type PostVisibility } from '@agora/contracts';
import { inTransaction, modifyReturning, newId, OutboxWriter } from '@agora/database';
import { assertVersionMatches, type ExpectedVersions } from '@agora/http';
import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CommentEntity } from './comment.entity.js';
import { PostLikeEntity } from './post-like.entity.js';
import { PostRevisionEntity } from './post-revision.entity.js';
import { visibleTo } from './post-visibility.js';
import { PostEntity, type PostActivity } from './post.entity.js';

export interface PostDraft {
  readonly text: string;
  readonly mentionedLogins: readonly string[];
  readonly tags: readonly string[];
  readonly mediaIds: readonly string[];
  readonly item: { readonly kind: CatalogItemKind; readonly id: string } | null;
  readonly visibility: PostVisibility;
}

export interface PostEdit {
  readonly text?: string;
  readonly mentionedLogins?: readonly string[];
  readonly tags?: readonly string[];
  readonly mediaIds?: readonly string[];
  readonly visibility?: PostVisibility;
}

/** Why a post could not be written; `mediaId` names the photo at fault. */
export type PostRefusal =
  | { readonly refused: 'no-profile' | 'item-not-found' | 'not-found' | 'not-yours' }
  | { readonly refused: 'media-not-found' | 'not-your-media'; readonly mediaId: string };

/** An activity post without a catalog item: a CoTask achievement. */
export interface AchievementPostDraft {
  readonly activity: PostActivity;
  readonly text: string;
  readonly visibility: PostVisibility;
  readonly milestone: number | null;
}

export type PostWrite = { readonly post: PostEntity } | PostRefusal;

export type CommentWrite =
  { readonly comment: CommentEntity } | { readonly refused: 'no-profile' | 'comment-not-found' | 'too-deep' };

const now = () => new Date().toISOString();

/**
 * The only code that touches posts, their revisions, likes and comments, and the posts count on profiles.
 * Writes lock the post row (or the author's profile for a new post), so likes and comments sent at once
 * are each counted once; events go to the outbox in the same transaction.
 */
@Injectable()
export class PostsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  create(authorId: string, draft: PostDraft): Promise<PostWrite> {
    return inTransaction(this.dataSource, async (manager): Promise<PostWrite> => {
      const [author] = await manager.query<{ id: string }[]>(
        `SELECT "id" FROM "social"."profiles" WHERE "id" = $1 AND "verified" FOR UPDATE`,
        [authorId],
      );
      if (!author) {
        return { refused: 'no-profile' };
      }
      const media = await this.checkMedia(manager, authorId, draft.mediaIds);
      if (media) {
        return media;
      }
      if (draft.item) {
        const [item] = await manager.query<unknown[]>(
          `SELECT 1 FROM "social"."catalog_items" WHERE "item_id" = $1 AND "kind" = $2 AND NOT "deleted"`,
          [draft.item.id, draft.item.kind],
        );
        if (!item) {
          return { refused: 'item-not-found' };
        }
      }
      const id = newId();
      await manager.insert(PostEntity, {
        id,
        authorId,
        text: draft.text,
        mentions: await this.userIdsOf(manager, draft.mentionedLogins, authorId),
        tags: [...draft.tags],
        mediaIds: [...draft.mediaIds],
        itemKind: draft.item?.kind ?? null,
        itemId: draft.item?.id ?? null,
        visibility: draft.visibility,
      });
      await manager.query(
        `UPDATE "social"."profiles" SET "posts_count" = "posts_count" + 1 WHERE "id" = $1`,
        [authorId],
      );
      const post = await this.loadWithAuthor(manager, id);
      await this.outbox.add(manager, SocialTopics.PostCreated, id, {
        postId: id,
        authorId,
        visibility: post.visibility,
        mentions: post.mentions,
        tags: post.tags,
        mediaIds: post.mediaIds,
        item: draft.item ? { kind: draft.item.kind, id: draft.item.id } : null,
        createdAt: post.createdAt.toISOString(),
      });
      return { post };
    });
  }

  /**
   * A post of the user's catalog activity (a new listing, an approved item), in the inbox's transaction:
   * once per user, activity and item; none when the user has no public profile.
   */
  async createActivity(
    manager: EntityManager,
    authorId: string,
    activity: PostActivity,
    item: { readonly kind: CatalogItemKind; readonly id: string },
  ): Promise<void> {
    await this.insertActivity(manager, authorId, {
      activity,
      item,
      text: '',
      visibility: 'public',
      milestone: null,
    });
  }

  /**
   * A post of the user's CoTask achievement (a completed task, a habit's streak, a mastered deck) in the
   * caller's transaction: `text` is the subject's title, `milestone` its number. Returns the post's id, or
   * null when the user has no public profile.
   */
  createAchievement(
    manager: EntityManager,
    authorId: string,
    achievement: AchievementPostDraft,
  ): Promise<string | null> {
    return this.insertActivity(manager, authorId, { ...achievement, item: null });
  }

  private async insertActivity(
    manager: EntityManager,
    authorId: string,
    post: AchievementPostDraft & {
      readonly item: { readonly kind: CatalogItemKind; readonly id: string } | null;
    },
  ): Promise<string | null> {
    const [author] = await manager.query<unknown[]>(
      `SELECT 1 FROM "social"."profiles" WHERE "id" = $1 AND "verified" FOR UPDATE`,
      [authorId],
    );
    if (!author) {
      return null;
    }
    const id = newId();
    // A catalog activity is once per author and item; an achievement (no item) never meets the index.
    const inserted = await manager.query<{ created_at: Date }[]>(
      `INSERT INTO "social"."posts" ("id", "author_id", "text", "visibility", "item_kind", "item_id", "activity", "milestone")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT ("author_id", "activity", "item_id") WHERE "activity" IS NOT NULL DO NOTHING
       RETURNING "created_at"`,
      [
        id,
        authorId,
        post.text,
        post.visibility,
        post.item?.kind ?? null,
        post.item?.id ?? null,
        post.activity,
        post.milestone,
      ],
    );
    if (inserted.length === 0) {
      return null;
    }
    await manager.query(`UPDATE "social"."profiles" SET "posts_count" = "posts_count" + 1 WHERE "id" = $1`, [
      authorId,
    ]);
    await this.outbox.add(manager, SocialTopics.PostCreated, id, {
      postId: id,
      authorId,
      visibility: post.visibility,
      mentions: [],
      tags: [],
      mediaIds: [],
      item: post.item ? { kind: post.item.kind, id: post.item.id } : null,
      createdAt: new Date(inserted[0].created_at).toISOString(),
    });
    return id;
  }

  /**
   * Deleted catalog items' activity posts go with them (and leave the feeds), in the caller's transaction (the
   * inbox's, or a catalog copy rebuild's).
   */
  async removeActivitiesOf(manager: EntityManager, itemIds: readonly string[]): Promise<void> {
    if (itemIds.length === 0) {
      return;
    }
    const removed = await modifyReturning<{ id: string; author_id: string }>(
      manager,
      `DELETE FROM "social"."posts" WHERE "item_id" = ANY($1::uuid[]) AND "activity" IS NOT NULL
       RETURNING "id", "author_id"`,
      [[...itemIds]],
    );
    for (const post of removed) {
      await manager.query(
        `UPDATE "social"."profiles" SET "posts_count" = GREATEST("posts_count" - 1, 0) WHERE "id" = $1`,
        [post.author_id],
      );
      await this.outbox.add(manager, SocialTopics.PostDeleted, post.id, {
        postId: post.id,
        authorId: post.author_id,
        deletedAt: now(),
      });
    }
  }

  /** The author's activity post about the item (a review they deleted), with its feed entries. */
  async removeActivity(
    manager: EntityManager,
    authorId: string,
    activity: PostActivity,
    itemId: string,
  ): Promise<void> {
    const removed = await modifyReturning<{ id: string }>(
      manager,
      `DELETE FROM "social"."posts" WHERE "author_id" = $1 AND "activity" = $2 AND "item_id" = $3 RETURNING "id"`,
      [authorId, activity, itemId],
    );
    for (const post of removed) {
      await manager.query(
        `UPDATE "social"."profiles" SET "posts_count" = GREATEST("posts_count" - 1, 0) WHERE "id" = $1`,
        [authorId],
      );
      await this.outbox.add(manager, SocialTopics.PostDeleted, post.id, {
        postId: post.id,
        authorId,
        deletedAt: now(),
      });
    }
  }

  /** The author's edit at the version `expected` names; the content it replaces goes to the history. */
  update(userId: string, postId: string, edit: PostEdit, expected: ExpectedVersions): Promise<PostWrite> {
    return inTransaction(this.dataSource, async (manager): Promise<PostWrite> => {
      const post = await manager.findOne(PostEntity, {
        where: { id: postId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!post) {
        return { refused: 'not-found' };
      }
      if (post.authorId !== userId) {
        return { refused: 'not-yours' };
      }
      assertVersionMatches(expected, post.version);
      if (edit.mediaIds) {
        const media = await this.checkMedia(
          manager,
          userId,
          edit.mediaIds.filter((id) => !post.mediaIds.includes(id)),
        );
        if (media) {
          return media;
        }
      }
      await manager.insert(PostRevisionEntity, {
        id: newId(),
        postId,
        version: post.version,
        text: post.text,
        mediaIds: post.mediaIds,
        visibility: post.visibility,
      });
      if (edit.text !== undefined) {
        post.text = edit.text;
        post.mentions = await this.userIdsOf(manager, edit.mentionedLogins ?? [], userId);
        post.tags = [...(edit.tags ?? [])];
      }
      post.mediaIds = edit.mediaIds ? [...edit.mediaIds] : post.mediaIds;
      post.visibility = edit.visibility ?? post.visibility;
      post.version += 1;
      await manager.save(post);
      await this.outbox.add(manager, SocialTopics.PostUpdated, postId, {
        postId,
        authorId: post.authorId,
        version: post.version,
        visibility: post.visibility,
        mentions: post.mentions,
        tags: post.tags,
        mediaIds: post.mediaIds,
        updatedAt: now(),
      });
      return { post: await this.loadWithAuthor(manager, postId) };
    });
  }

  /** Deletes the post (its author, or anyone when `anyAuthor`); its likes, comments and history go with it. */
  remove(userId: string, postId: string, anyAuthor: boolean): Promise<PostRefusal | null> {
    return inTransaction(this.dataSource, async (manager): Promise<PostRefusal | null> => {
      const post = await manager.findOne(PostEntity, {
        where: { id: postId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!post) {
        return { refused: 'not-found' };
      }
      if (post.authorId !== userId && !anyAuthor) {
        return { refused: 'not-yours' };
      }
      await manager.delete(PostEntity, { id: postId });
      await manager.query(
        `UPDATE "social"."profiles" SET "posts_count" = GREATEST("posts_count" - 1, 0) WHERE "id" = $1`,
        [post.authorId],
      );
      await this.outbox.add(manager, SocialTopics.PostDeleted, postId, {
        postId,
        authorId: post.authorId,
        deletedAt: now(),
      });
      return null;
    });
  }

  /** The post with its author, when the viewer may read it. */
  findVisible(viewerId: string | undefined, postId: string): Promise<PostEntity | null> {
    return this.posts()
      .innerJoinAndSelect('post.author', 'author')
      .where('post.id = :postId', { postId })
      .andWhere(visibleTo('post'), { viewerId: viewerId ?? null })
      .getOne();
  }

  /** The author's posts the viewer may read. */
  listByAuthor(
    viewerId: string | undefined,
    authorId: string,
    query: ParsedListQuery,
  ): Promise<Page<PostEntity>> {
    const builder = this.posts()
      .innerJoinAndSelect('post.author', 'author')
      .where('post.authorId = :authorId', { authorId })
      .andWhere(visibleTo('post'), { viewerId: viewerId ?? null });
    return findPage(builder, query);
  }

  /** Ids of the posts among `postIds` that `userId` likes. */
  async likedBy(userId: string | undefined, postIds: readonly string[]): Promise<Set<string>> {
    if (!userId || postIds.length === 0) {
      return new Set();
    }
    const rows = await this.dataSource.query<{ post_id: string }[]>(
      `SELECT "post_id" FROM "social"."post_likes" WHERE "user_id" = $1 AND "post_id" = ANY($2::uuid[])`,
      [userId, postIds],
    );
    return new Set(rows.map((row) => row.post_id));
  }

  /** Likes once however often asked; returns the post's likes count after it. */
  like(userId: string, post: PostEntity): Promise<number> {
    return inTransaction(this.dataSource, async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(PostLikeEntity)
        .values({ postId: post.id, userId })
        .orIgnore()
        .returning('post_id')
        .execute();
      if ((inserted.raw as unknown[]).length === 0) {
        return this.likesCount(manager, post.id);
      }
      const [row] = await modifyReturning<{ likes_count: number }>(
        manager,
        `UPDATE "social"."posts" SET "likes_count" = "likes_count" + 1 WHERE "id" = $1 RETURNING "likes_count"`,
        [post.id],
      );
      await this.outbox.add(manager, SocialTopics.PostLiked, post.id, {
        postId: post.id,
        authorId: post.authorId,
        userId,
        likedAt: now(),
      });
      return row?.likes_count ?? 0;
    });
  }

  unlike(userId: string, post: PostEntity): Promise<number> {
    return inTransaction(this.dataSource, async (manager) => {
      const removed = await modifyReturning(
        manager,
        `DELETE FROM "social"."post_likes" WHERE "post_id" = $1 AND "user_id" = $2 RETURNING "post_id"`,
        [post.id, userId],
      );
      if (removed.length === 0) {
        return this.likesCount(manager, post.id);
      }
      const [row] = await modifyReturning<{ likes_count: number }>(
        manager,
        `UPDATE "social"."posts" SET "likes_count" = GREATEST("likes_count" - 1, 0) WHERE "id" = $1
         RETURNING "likes_count"`,
        [post.id],
      );
      await this.outbox.add(manager, SocialTopics.PostUnliked, post.id, {
        postId: post.id,
        authorId: post.authorId,
        userId,
        unlikedAt: now(),
      });
      return row?.likes_count ?? 0;
    });
  }

  addComment(
    userId: string,
    post: PostEntity,
    text: string,
    mentionedLogins: readonly string[],
    parentId: string | undefined,
  ): Promise<CommentWrite> {
    return inTransaction(this.dataSource, async (manager): Promise<CommentWrite> => {
      const [author] = await manager.query<unknown[]>(
        `SELECT 1 FROM "social"."profiles" WHERE "id" = $1 AND "verified"`,
        [userId],
      );
      if (!author) {
        return { refused: 'no-profile' };
      }
      if (parentId) {
        const parent = await manager.findOneBy(CommentEntity, { id: parentId, postId: post.id });
        if (!parent) {
          return { refused: 'comment-not-found' };
        }
        if (parent.parentId) {
          return { refused: 'too-deep' };
        }
      }
      const id = newId();
      const mentions = await this.userIdsOf(manager, mentionedLogins, userId);
      await manager.insert(CommentEntity, {
        id,
        postId: post.id,
        authorId: userId,
        parentId: parentId ?? null,
        text,
        mentions,
      });
      await manager.query(
        `UPDATE "social"."posts" SET "comments_count" = "comments_count" + 1 WHERE "id" = $1`,
        [post.id],
      );
      const comment = await manager
        .createQueryBuilder(CommentEntity, 'comment')
        .innerJoinAndSelect('comment.author', 'author')
        .where('comment.id = :id', { id })
        .getOneOrFail();
      await this.outbox.add(manager, SocialTopics.CommentCreated, post.id, {
        commentId: id,
        postId: post.id,
        postAuthorId: post.authorId,
        authorId: userId,
        parentId: parentId ?? null,
        mentions,
        createdAt: comment.createdAt.toISOString(),
      });
      return { comment };
    });
  }

  /** A post's comments by public profiles, without those of users the viewer blocked or who blocked them. */
  listComments(
    viewerId: string | undefined,
    postId: string,
    query: ParsedListQuery,
  ): Promise<Page<CommentEntity>> {
    const builder = this.dataSource
      .getRepository(CommentEntity)
      .createQueryBuilder('comment')
      .innerJoinAndSelect('comment.author', 'author')
      .where('comment.postId = :postId', { postId })
      .andWhere(
        `EXISTS (SELECT 1 FROM "social"."profiles" "commenter" WHERE "commenter"."id" = "comment"."author_id" AND "commenter"."verified")
         AND NOT EXISTS (
           SELECT 1 FROM "social"."blocks" "comment_block"
            WHERE ("comment_block"."blocker_id" = CAST(:viewerId AS uuid) AND "comment_block"."blocked_id" = "comment"."author_id")
               OR ("comment_block"."blocker_id" = "comment"."author_id" AND "comment_block"."blocked_id" = CAST(:viewerId AS uuid)))`,
        { viewerId: viewerId ?? null },
      );
    return findPage(builder, query);
  }

  listRevisions(postId: string, query: ParsedListQuery): Promise<Page<PostRevisionEntity>> {
    const builder = this.dataSource
      .getRepository(PostRevisionEntity)
      .createQueryBuilder('revision')
      .where('revision.postId = :postId', { postId });
    return findPage(builder, query);
  }

  private posts() {
    return this.dataSource.getRepository(PostEntity).createQueryBuilder('post');
  }

  private async likesCount(manager: EntityManager, postId: string): Promise<number> {
    const [row] = await manager.query<{ likes_count: number }[]>(
      `SELECT "likes_count" FROM "social"."posts" WHERE "id" = $1`,
      [postId],
    );
    return row?.likes_count ?? 0;
  }

  private loadWithAuthor(manager: EntityManager, id: string): Promise<PostEntity> {
    return manager
      .createQueryBuilder(PostEntity, 'post')
      .innerJoinAndSelect('post.author', 'author')
      .where('post.id = :id', { id })
      .getOneOrFail();
  }

  /** The first photo that is not an upload of `ownerId`, as a refusal; null when all are theirs. */
  private async checkMedia(
    manager: EntityManager,
    ownerId: string,
    mediaIds: readonly string[],
  ): Promise<PostRefusal | null> {
    if (mediaIds.length === 0) {
      return null;
    }
    const rows = await manager.query<{ media_id: string; owner_id: string }[]>(
      `SELECT "media_id", "owner_id" FROM "social"."media_owners" WHERE "media_id" = ANY($1::uuid[])`,
      [mediaIds],
    );
    const owners = new Map(rows.map((row) => [row.media_id, row.owner_id]));
    for (const mediaId of mediaIds) {
      const owner = owners.get(mediaId);
      if (!owner) {
        return { refused: 'media-not-found', mediaId };
      }
      if (owner !== ownerId) {
        return { refused: 'not-your-media', mediaId };
      }
    }
    return null;
  }

  /** Ids of the public profiles with these logins (case-insensitive), without the writer's own. */
  private async userIdsOf(
    manager: EntityManager,
    logins: readonly string[],
    writerId: string,
  ): Promise<string[]> {
    if (logins.length === 0) {
      return [];
    }
    const rows = await manager.query<{ id: string }[]>(
      `SELECT "id" FROM "social"."profiles"
        WHERE lower("login") = ANY($1::text[]) AND "verified" AND "id" <> $2 ORDER BY "login"`,
      [logins, writerId],
    );
    return rows.map((row) => row.id);
  }
}
