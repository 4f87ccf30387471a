import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { IdentityEntity } from './identity.entity.js';
import type { OAuthProviderName } from './oauth-provider.js';

/** The only code that touches the identities table (provider accounts linked to users). */
@Injectable()
export class IdentitiesRepository {
  constructor(private readonly dataSource: DataSource) {}

  listOfUser(userId: string, manager: EntityManager = this.dataSource.manager): Promise<IdentityEntity[]> {
    return manager.find(IdentityEntity, { where: { userId }, order: { provider: 'ASC' } });
  }

  findBySubject(
    manager: EntityManager,
    provider: OAuthProviderName,
    subject: string,
  ): Promise<IdentityEntity | null> {
    return manager.findOneBy(IdentityEntity, { provider, subject });
  }

  /** Adds a link; a second identity of one provider for one user breaks `identities_user_provider_key`. */
  async insert(
    manager: EntityManager,
    identity: Pick<IdentityEntity, 'provider' | 'subject' | 'userId' | 'email'>,
  ): Promise<void> {
    await manager.insert(IdentityEntity, identity);
  }

  async delete(manager: EntityManager, userId: string, provider: OAuthProviderName): Promise<void> {
    await manager.delete(IdentityEntity, { userId, provider });
  }
}
