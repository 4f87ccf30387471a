import { modifyReturning } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { IdentityLinkOfferEntity } from './identity-link-offer.entity.js';

/** The only code that touches the identity link offers table (ACCOUNT_LINK_REQUIRED's tokens). */
@Injectable()
export class IdentityLinkOffersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The offer of a token hash while it has not expired. */
  findLive(tokenHash: string): Promise<IdentityLinkOfferEntity | null> {
    return this.dataSource.manager
      .createQueryBuilder(IdentityLinkOfferEntity, 'offer')
      .where('offer.tokenHash = :hash AND offer.expiresAt > now()', { hash: tokenHash })
      .getOne();
  }

  /** Deletes the offer; false when another request spent it first. */
  async spend(manager: EntityManager, tokenHash: string): Promise<boolean> {
    const spent = await modifyReturning(
      manager,
      `DELETE FROM "auth"."identity_link_offers" WHERE "token_hash" = $1 RETURNING "token_hash"`,
      [tokenHash],
    );
    return spent.length > 0;
  }

  /** Adds an offer, clearing expired ones on the way. */
  async insert(manager: EntityManager, offer: Omit<IdentityLinkOfferEntity, 'createdAt'>): Promise<void> {
    await manager.query(`DELETE FROM "auth"."identity_link_offers" WHERE "expires_at" < now()`);
    await manager.insert(IdentityLinkOfferEntity, offer);
  }
}
