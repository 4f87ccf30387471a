import { runStatements, sqlLiteral, type Tx } from '@agora/database';
import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, type DeepPartial, type EntityManager } from 'typeorm';
import { ProfileEntity } from './profile.entity.js';
import { PROFILE_SEARCH_FIELDS } from './profiles.dto.js';

/** What an owner may change on a profile (only the fields present change). */
export type ProfileChanges = Partial<
  Pick<
    ProfileEntity,
    'displayName' | 'bio' | 'avatarMediaId' | 'contacts' | 'marketplaceLinks' | 'isPrivate' | 'messagesFrom'
  >
>;

/** What a registration brings to a new profile. */
export interface NewProfile {
  readonly id: string;
  readonly login: string;
  readonly displayName: string | null;
  readonly avatarUrl: string | null;
}

/** Takes the account's transaction-scoped lock, which serialises its events (they arrive on several topics). */
function lockAccountStatement(id: string): string {
  return `SELECT pg_advisory_xact_lock(hashtextextended(${sqlLiteral(`social.account:${id}`)}, 0))`;
}

/**
 * The only code that touches the profiles and early-account-events tables. The `apply*` methods run in the
 * inbox's transaction and take the account's lock first, so one account's events never interleave.
 */
@Injectable()
export class ProfilesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A public profile: the account is verified. */
  findPublic(id: string): Promise<ProfileEntity | null> {
    return this.dataSource.getRepository(ProfileEntity).findOneBy({ id, verified: true });
  }

  listPublic(query: ParsedListQuery): Promise<Page<ProfileEntity>> {
    const builder = this.dataSource
      .getRepository(ProfileEntity)
      .createQueryBuilder('profile')
      .where('profile.verified = true');
    return findPage(builder, query, PROFILE_SEARCH_FIELDS);
  }

  /**
   * Creates the profile of a registration, folding in whatever of the account arrived before it; returns
   * the new profile, or null when the account was deleted first or the profile exists. One round trip: the
   * account's lock, then one statement that reads the early events, inserts the profile and deletes them
   * (it takes its snapshot once the lock is held, so it sees what the lock's previous holder committed).
   */
  async applyRegistered(manager: EntityManager, profile: NewProfile): Promise<ProfileEntity | null> {
    const columns = manager.connection
      .getMetadata(ProfileEntity)
      .columns.map((column) => `"${column.databaseName}" AS "${column.propertyName}"`)
      .join(', ');
    const [id, login, displayName, avatarUrl] = [
      sqlLiteral(profile.id),
      sqlLiteral(profile.login),
      sqlLiteral(profile.displayName),
      sqlLiteral(profile.avatarUrl),
    ];
    const [, created] = await runStatements(
      manager,
      `${lockAccountStatement(profile.id)};
       WITH "early" AS (
         SELECT "login", "verified", "deleted", "changes" FROM "social"."early_account_events"
          WHERE "user_id" = ${id}::uuid
       ), "created" AS (
         INSERT INTO "social"."profiles" ("id", "login", "display_name", "avatar_url", "verified", "version")
         SELECT ${id}::uuid, COALESCE("early"."login", ${login}::text),
                COALESCE(${displayName}::text, "early"."login", ${login}::text), ${avatarUrl}::text,
                COALESCE("early"."verified", false), 1 + COALESCE("early"."changes", 0)
           FROM (VALUES (1)) AS "one" LEFT JOIN "early" ON true
          WHERE NOT COALESCE("early"."deleted", false)
         ON CONFLICT ("id") DO NOTHING
         RETURNING ${columns}
       ), "folded" AS (
         DELETE FROM "social"."early_account_events" WHERE "user_id" = ${id}::uuid AND NOT "deleted"
       )
       SELECT * FROM "created"`,
    );
    return created.length > 0
      ? manager.create(ProfileEntity, created[0] as DeepPartial<ProfileEntity>)
      : null;
  }

  /** The account proved its address; returns the profile when this made it public. */
  async applyVerified(manager: EntityManager, id: string): Promise<ProfileEntity | null> {
    await this.lockAccount(manager, id);
    const profile = await manager.findOneBy(ProfileEntity, { id });
    if (!profile) {
      await this.remember(manager, id, { verified: true });
      return null;
    }
    await manager.query(
      `UPDATE "social"."profiles" SET "verified" = true, "version" = "version" + 1, "updated_at" = now()
        WHERE "id" = $1`,
      [id],
    );
    return profile.verified ? null : manager.findOneBy(ProfileEntity, { id });
  }

  /**
   * Follows a change of the account: a login change (a display name that was the old login follows too)
   * and, when `verified` is given, the account's verification, which an admin may take back (the profile is
   * hidden) or give (it is shown). Returns the profile when this made it public.
   */
  async applyUpdated(
    manager: EntityManager,
    id: string,
    login: string,
    verified?: boolean,
  ): Promise<ProfileEntity | null> {
    await this.lockAccount(manager, id);
    const before = await manager.findOneBy(ProfileEntity, { id });
    if (!before) {
      await this.remember(manager, id, { login, ...(verified ? { verified } : {}) });
      return null;
    }
    await manager.query(
      `UPDATE "social"."profiles"
          SET "display_name" = CASE WHEN "display_name" = "login" THEN $2 ELSE "display_name" END,
              "login" = $2, "verified" = COALESCE($3, "verified"),
              "version" = "version" + 1, "updated_at" = now()
        WHERE "id" = $1`,
      [id, login, verified ?? null],
    );
    return !before.verified && verified === true ? manager.findOneBy(ProfileEntity, { id }) : null;
  }

  /**
   * The account is gone: so is its profile, and a tombstone stops a late registration. Its follows, blocks,
   * mutes, posts and comments go with the profile (foreign keys); first the counts they were part of on
   * other profiles and posts are taken back, and its likes removed.
   */
  async applyDeleted(manager: EntityManager, id: string): Promise<void> {
    await this.lockAccount(manager, id);
    await manager.query(
      `UPDATE "social"."profiles" SET "followers_count" = GREATEST("followers_count" - 1, 0)
        WHERE "id" IN (SELECT "followee_id" FROM "social"."follows" WHERE "follower_id" = $1 AND "status" = 'active')`,
      [id],
    );
    await manager.query(
      `UPDATE "social"."profiles" SET "following_count" = GREATEST("following_count" - 1, 0)
        WHERE "id" IN (SELECT "follower_id" FROM "social"."follows" WHERE "followee_id" = $1 AND "status" = 'active')`,
      [id],
    );
    await manager.query(
      `UPDATE "social"."posts" SET "likes_count" = GREATEST("likes_count" - 1, 0)
        WHERE "id" IN (SELECT "post_id" FROM "social"."post_likes" WHERE "user_id" = $1)`,
      [id],
    );
    await manager.query(`DELETE FROM "social"."post_likes" WHERE "user_id" = $1`, [id]);
    // The user's comments, and the answers to them, which go with them.
    await manager.query(
      `UPDATE "social"."posts" AS "post" SET "comments_count" = GREATEST("post"."comments_count" - "gone"."count", 0)
         FROM (SELECT "post_id", count(*)::int AS "count" FROM "social"."comments"
                WHERE "author_id" = $1
                   OR "parent_id" IN (SELECT "id" FROM "social"."comments" WHERE "author_id" = $1)
                GROUP BY "post_id") AS "gone"
        WHERE "post"."id" = "gone"."post_id"`,
      [id],
    );
    await manager.delete(ProfileEntity, { id });
    await manager.query(
      `INSERT INTO "social"."early_account_events" ("user_id", "deleted") VALUES ($1, true)
       ON CONFLICT ("user_id") DO UPDATE SET "deleted" = true, "updated_at" = now()`,
      [id],
    );
  }

  /** The verified account's profile, locked until `tx` ends; null for any other id. */
  lockVerified(tx: Tx, id: string): Promise<ProfileEntity | null> {
    return tx.findOne(ProfileEntity, { where: { id, verified: true }, lock: { mode: 'pessimistic_write' } });
  }

  /** Who uploaded a media (from `media.media.*`); null when social-service knows of no such media. */
  async mediaOwner(tx: Tx, mediaId: string): Promise<string | null> {
    const [media] = await tx.query<{ owner_id: string }[]>(
      `SELECT "owner_id" FROM "social"."media_owners" WHERE "media_id" = $1`,
      [mediaId],
    );
    return media?.owner_id ?? null;
  }

  save(tx: Tx, profile: ProfileEntity): Promise<ProfileEntity> {
    return tx.save(profile);
  }

  /** Serialises the events of one account (they arrive on several topics, in any order). */
  private async lockAccount(manager: EntityManager, id: string): Promise<void> {
    await manager.query(lockAccountStatement(id));
  }

  /** Keeps an event that overtook the registration; nothing is kept for a deleted account. */
  private async remember(
    manager: EntityManager,
    id: string,
    change: { readonly login?: string; readonly verified?: true },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO "social"."early_account_events" AS early ("user_id", "login", "verified", "changes")
       VALUES ($1, $2, $3, 1)
       ON CONFLICT ("user_id") DO UPDATE
          SET "login" = COALESCE(EXCLUDED."login", early."login"),
              "verified" = early."verified" OR EXCLUDED."verified",
              "changes" = early."changes" + 1, "updated_at" = now()
        WHERE NOT early."deleted"`,
      [id, change.login ?? null, change.verified ?? false],
    );
  }
}
