import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ProfileEntity } from './profile.entity.js';
import { PROFILE_SEARCH_FIELDS } from './profiles.dto.js';

/** The only code that touches the profiles table. */
@Injectable()
export class ProfilesRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<ProfileEntity | null> {
    return this.dataSource.getRepository(ProfileEntity).findOneBy({ id });
  }

  list(query: ParsedListQuery): Promise<Page<ProfileEntity>> {
    const builder = this.dataSource.getRepository(ProfileEntity).createQueryBuilder('profile');
    return findPage(builder, query, PROFILE_SEARCH_FIELDS);
  }

  /** Inserts the profile of a new user; a profile that already exists is left as it is. */
  async insertIfAbsent(
    manager: EntityManager,
    profile: Pick<ProfileEntity, 'id' | 'login' | 'displayName'>,
  ): Promise<void> {
    await manager.createQueryBuilder().insert().into(ProfileEntity).values(profile).orIgnore().execute();
  }

  /** Follows a login change; a display name that was the old login follows too. */
  async renameLogin(manager: EntityManager, id: string, login: string): Promise<void> {
    await manager.query(
      `UPDATE "social"."profiles"
          SET "display_name" = CASE WHEN "display_name" = "login" THEN $2 ELSE "display_name" END,
              "login" = $2, "updated_at" = now()
        WHERE "id" = $1`,
      [id, login],
    );
  }

  async updateDisplayName(id: string, displayName: string): Promise<ProfileEntity | null> {
    await this.dataSource.manager.update(ProfileEntity, { id }, { displayName });
    return this.findById(id);
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(ProfileEntity, { id });
  }
}
