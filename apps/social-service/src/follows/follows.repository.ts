import { SocialTopics } from '@agora/contracts';
import { inTransaction, modifyReturning, newId, OutboxWriter } from '@agora/database';
import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { BlockEntity } from './block.entity.js';
import { FollowEntity, type FollowStatus } from './follow.entity.js';
import { MuteEntity } from './mute.entity.js';

/** Why a change between two users could not be made. */
export type PairRefusal = 'no-profile' | 'not-found' | 'blocked';

export type FollowOutcome = { readonly status: FollowStatus } | { readonly refused: PairRefusal };

export type Access = 'open' | 'private' | 'blocked' | 'not-found';

/** Everything between the viewer and another user, from the viewer's side (Mastodon's "relationship"). */
export interface Relationship {
  /** The viewer's follow of the user: accepted, asked (a private account) or none. */
  readonly following: FollowStatus | 'none';
  /** The user follows the viewer (accepted). */
  readonly followedBy: boolean;
  readonly blocking: boolean;
  readonly blockedBy: boolean;
  readonly muting: boolean;
}

/** What stands between a viewer and an author. */
export interface Relation {
  /** Either one blocked the other. */
  readonly blocked: boolean;
  /** The viewer follows the author (accepted). */
  readonly follows: boolean;
}

interface LockedProfile {
  readonly id: string;
  readonly verified: boolean;
  readonly private: boolean;
}

const now = () => new Date().toISOString();

/**
 * The only code that touches follows, blocks and mutes, and the follow counts on profiles. Every change
 * between two users first locks both profile rows in id order, so changes of one pair run one after
 * another (follow and unfollow sent N times at once leave one row and right counts) and two users
 * following each other at once cannot deadlock. Events go to the outbox in the same transaction.
 */
@Injectable()
export class FollowsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Follows at once, or asks a private account; following again changes nothing. */
  follow(followerId: string, followeeId: string): Promise<FollowOutcome> {
    return inTransaction(this.dataSource, async (manager) => {
      const refused = await this.lockPublicPair(manager, followerId, followeeId);
      if (typeof refused === 'string') {
        return { refused };
      }
      if (await this.isBlocked(manager, followerId, followeeId)) {
        return { refused: 'blocked' };
      }
      const existing = await manager.findOneBy(FollowEntity, { followerId, followeeId });
      if (existing) {
        return { status: existing.status };
      }
      const status: FollowStatus = refused.get(followeeId)!.private ? 'pending' : 'active';
      await manager.insert(
        FollowEntity,
        manager.create(FollowEntity, { id: newId(), followerId, followeeId, status }),
      );
      if (status === 'active') {
        await this.count(manager, followerId, followeeId, +1);
        await this.outbox.add(manager, SocialTopics.FollowCreated, followerId, {
          followerId,
          followeeId,
          followedAt: now(),
        });
      } else {
        await this.outbox.add(manager, SocialTopics.FollowRequested, followerId, {
          followerId,
          followeeId,
          requestedAt: now(),
        });
      }
      return { status };
    });
  }

  /** Ends a follow or withdraws a request; returns whether there was one. */
  unfollow(followerId: string, followeeId: string): Promise<boolean> {
    return inTransaction(this.dataSource, async (manager) => {
      await this.lockPair(manager, followerId, followeeId);
      return this.removeFollow(manager, followerId, followeeId, 'unfollowed');
    });
  }

  /** Accepts `followerId`'s request to follow `followeeId`; false when there is no pending request. */
  accept(followeeId: string, followerId: string): Promise<boolean> {
    return inTransaction(this.dataSource, async (manager) => {
      await this.lockPair(manager, followerId, followeeId);
      const accepted = await modifyReturning(
        manager,
        `UPDATE "social"."follows" SET "status" = 'active', "updated_at" = now()
          WHERE "follower_id" = $1 AND "followee_id" = $2 AND "status" = 'pending' RETURNING "id"`,
        [followerId, followeeId],
      );
      if (accepted.length === 0) {
        return false;
      }
      await this.count(manager, followerId, followeeId, +1);
      await this.outbox.add(manager, SocialTopics.FollowCreated, followerId, {
        followerId,
        followeeId,
        followedAt: now(),
      });
      return true;
    });
  }

  /** Turns down `followerId`'s pending request; false when there is none. */
  reject(followeeId: string, followerId: string): Promise<boolean> {
    return inTransaction(this.dataSource, async (manager) => {
      await this.lockPair(manager, followerId, followeeId);
      const pending = await manager.findOneBy(FollowEntity, { followerId, followeeId, status: 'pending' });
      return pending ? this.removeFollow(manager, followerId, followeeId, 'rejected') : false;
    });
  }

  /** Blocks, ending follows and requests both ways; blocking again changes nothing. */
  block(blockerId: string, blockedId: string): Promise<PairRefusal | null> {
    return inTransaction(this.dataSource, async (manager) => {
      const refused = await this.lockPublicPair(manager, blockerId, blockedId);
      if (typeof refused === 'string') {
        return refused;
      }
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(BlockEntity)
        .values(manager.create(BlockEntity, { id: newId(), blockerId, blockedId }))
        .orIgnore()
        .returning('id')
        .execute();
      if ((inserted.raw as unknown[]).length === 0) {
        return null;
      }
      await this.removeFollow(manager, blockerId, blockedId, 'blocked');
      await this.removeFollow(manager, blockedId, blockerId, 'blocked');
      await this.outbox.add(manager, SocialTopics.BlockCreated, blockerId, {
        blockerId,
        blockedId,
        blockedAt: now(),
      });
      return null;
    });
  }

  unblock(blockerId: string, blockedId: string): Promise<void> {
    return inTransaction(this.dataSource, async (manager) => {
      const removed = await modifyReturning(
        manager,
        `DELETE FROM "social"."blocks" WHERE "blocker_id" = $1 AND "blocked_id" = $2 RETURNING "id"`,
        [blockerId, blockedId],
      );
      if (removed.length > 0) {
        await this.outbox.add(manager, SocialTopics.BlockDeleted, blockerId, {
          blockerId,
          blockedId,
          unblockedAt: now(),
        });
      }
    });
  }

  /** Mutes (once however often asked); refused when either profile is missing. */
  mute(muterId: string, mutedId: string): Promise<PairRefusal | null> {
    return inTransaction(this.dataSource, async (manager) => {
      const refused = await this.lockPublicPair(manager, muterId, mutedId);
      if (typeof refused === 'string') {
        return refused;
      }
      await manager
        .createQueryBuilder()
        .insert()
        .into(MuteEntity)
        .values(manager.create(MuteEntity, { id: newId(), muterId, mutedId }))
        .orIgnore()
        .execute();
      return null;
    });
  }

  async unmute(muterId: string, mutedId: string): Promise<void> {
    await this.dataSource.getRepository(MuteEntity).delete({ muterId, mutedId });
  }

  /** Accepted followers of `userId` whose profiles are public, with them loaded as `follower`. */
  followersOf(
    userId: string,
    query: ParsedListQuery,
    status: FollowStatus = 'active',
  ): Promise<Page<FollowEntity>> {
    const builder = this.dataSource
      .getRepository(FollowEntity)
      .createQueryBuilder('follow')
      .innerJoinAndSelect('follow.follower', 'follower', 'follower.verified = true')
      .where('follow.followeeId = :userId AND follow.status = :status', { userId, status });
    return findPage(builder, query);
  }

  /** Whom `userId` follows (accepted), with them loaded as `followee`. */
  followingOf(userId: string, query: ParsedListQuery): Promise<Page<FollowEntity>> {
    const builder = this.dataSource
      .getRepository(FollowEntity)
      .createQueryBuilder('follow')
      .innerJoinAndSelect('follow.followee', 'followee', 'followee.verified = true')
      .where(`follow.followerId = :userId AND follow.status = 'active'`, { userId });
    return findPage(builder, query);
  }

  blocksOf(userId: string, query: ParsedListQuery): Promise<Page<BlockEntity>> {
    const builder = this.dataSource
      .getRepository(BlockEntity)
      .createQueryBuilder('block')
      .innerJoinAndSelect('block.blocked', 'blocked')
      .where('block.blockerId = :userId', { userId });
    return findPage(builder, query);
  }

  mutesOf(userId: string, query: ParsedListQuery): Promise<Page<MuteEntity>> {
    const builder = this.dataSource
      .getRepository(MuteEntity)
      .createQueryBuilder('mute')
      .innerJoinAndSelect('mute.muted', 'muted')
      .where('mute.muterId = :userId', { userId });
    return findPage(builder, query);
  }

  /**
   * How far `viewerId` (anonymous when undefined) may look into `userId`'s account: `open`, `private`
   * (a private account the viewer does not follow), `blocked` (either blocked the other) or `not-found`.
   */
  async access(viewerId: string | undefined, userId: string): Promise<Access> {
    const [row] = await this.dataSource.query<{ private: boolean }[]>(
      `SELECT "private" FROM "social"."profiles" WHERE "id" = $1 AND "verified"`,
      [userId],
    );
    if (!row) {
      return 'not-found';
    }
    const relation = await this.relation(viewerId, userId);
    if (relation.blocked) {
      return 'blocked';
    }
    return row.private && !relation.follows ? 'private' : 'open';
  }

  /** Whether either blocked the other and whether the viewer follows the author. */
  async relation(viewerId: string | undefined, authorId: string): Promise<Relation> {
    if (!viewerId || viewerId === authorId) {
      return { blocked: false, follows: viewerId === authorId };
    }
    const [row] = await this.dataSource.query<{ blocked: boolean; follows: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM "social"."blocks"
                       WHERE ("blocker_id" = $1 AND "blocked_id" = $2) OR ("blocker_id" = $2 AND "blocked_id" = $1)) AS blocked,
              EXISTS (SELECT 1 FROM "social"."follows"
                       WHERE "follower_id" = $1 AND "followee_id" = $2 AND "status" = 'active') AS follows`,
      [viewerId, authorId],
    );
    return row;
  }

  /** Every link between `viewerId` and `userId` in one statement; null when `userId` has no listed profile. */
  async relationship(viewerId: string, userId: string): Promise<Relationship | null> {
    const [row] = await this.dataSource.query<
      {
        following: FollowStatus | null;
        followed_by: boolean;
        blocking: boolean;
        blocked_by: boolean;
        muting: boolean;
      }[]
    >(
      `SELECT (SELECT "status" FROM "social"."follows" WHERE "follower_id" = $1 AND "followee_id" = $2) AS following,
              EXISTS (SELECT 1 FROM "social"."follows"
                       WHERE "follower_id" = $2 AND "followee_id" = $1 AND "status" = 'active') AS followed_by,
              EXISTS (SELECT 1 FROM "social"."blocks" WHERE "blocker_id" = $1 AND "blocked_id" = $2) AS blocking,
              EXISTS (SELECT 1 FROM "social"."blocks" WHERE "blocker_id" = $2 AND "blocked_id" = $1) AS blocked_by,
              EXISTS (SELECT 1 FROM "social"."mutes" WHERE "muter_id" = $1 AND "muted_id" = $2) AS muting
         FROM "social"."profiles" WHERE "id" = $2 AND "verified"`,
      [viewerId, userId],
    );
    return row
      ? {
          following: row.following ?? 'none',
          followedBy: row.followed_by,
          blocking: row.blocking,
          blockedBy: row.blocked_by,
          muting: row.muting,
        }
      : null;
  }

  /** Ids of everyone following `userId` (accepted), a page at a time in id order after `after`. */
  async followerIds(userId: string, after: string | null, limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ follower_id: string }[]>(
      `SELECT "follower_id" FROM "social"."follows"
        WHERE "followee_id" = $1 AND "status" = 'active' AND ($2::uuid IS NULL OR "follower_id" > $2)
        ORDER BY "follower_id" LIMIT $3`,
      [userId, after, limit],
    );
    return rows.map((row) => row.follower_id);
  }

  private async isBlocked(manager: EntityManager, one: string, other: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM "social"."blocks"
        WHERE ("blocker_id" = $1 AND "blocked_id" = $2) OR ("blocker_id" = $2 AND "blocked_id" = $1) LIMIT 1`,
      [one, other],
    );
    return rows.length > 0;
  }

  /** Deletes the follow (or request) and, when it was accepted, takes it off both counts. */
  private async removeFollow(
    manager: EntityManager,
    followerId: string,
    followeeId: string,
    reason: 'unfollowed' | 'rejected' | 'blocked',
  ): Promise<boolean> {
    const removed = await modifyReturning<{ status: FollowStatus }>(
      manager,
      `DELETE FROM "social"."follows" WHERE "follower_id" = $1 AND "followee_id" = $2 RETURNING "status"`,
      [followerId, followeeId],
    );
    if (removed.length === 0) {
      return false;
    }
    if (removed[0].status === 'active') {
      await this.count(manager, followerId, followeeId, -1);
    }
    await this.outbox.add(manager, SocialTopics.FollowDeleted, followerId, {
      followerId,
      followeeId,
      reason,
      deletedAt: now(),
    });
    return true;
  }

  private async count(manager: EntityManager, followerId: string, followeeId: string, delta: 1 | -1) {
    await manager.query(
      `UPDATE "social"."profiles"
          SET "following_count" = "following_count" + CASE WHEN "id" = $1 THEN $3::int ELSE 0 END,
              "followers_count" = "followers_count" + CASE WHEN "id" = $2 THEN $3::int ELSE 0 END
        WHERE "id" IN ($1, $2)`,
      [followerId, followeeId, delta],
    );
  }

  /** Locks both profile rows in id order; returns them by id (missing ones are absent). */
  private async lockPair(manager: EntityManager, one: string, other: string) {
    const rows = await manager.query<LockedProfile[]>(
      `SELECT "id", "verified", "private" FROM "social"."profiles" WHERE "id" IN ($1, $2) ORDER BY "id" FOR UPDATE`,
      [one, other],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Locks the pair; refuses when the actor or the target has no public profile. */
  private async lockPublicPair(
    manager: EntityManager,
    actorId: string,
    targetId: string,
  ): Promise<PairRefusal | Map<string, LockedProfile>> {
    const profiles = await this.lockPair(manager, actorId, targetId);
    if (!profiles.get(actorId)?.verified) {
      return 'no-profile';
    }
    if (!profiles.get(targetId)?.verified) {
      return 'not-found';
    }
    return profiles;
  }
}
