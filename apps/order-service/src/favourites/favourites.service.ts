import type { AuthenticatedUser } from '@agora/auth';
import type { EventEnvelope } from '@agora/contracts';
import { Inbox, UnitOfWork } from '@agora/database';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { OrderErrorCode, OrderException } from '../order.errors.js';
import { toFavouriteDto, type FavouriteDto, type FavouritePageDto } from './favourites.dto.js';
import { FavouritesRepository } from './favourites.repository.js';

/** The inbox consumer name of auth's events in order-service's favourites module. */
export const FAVOURITES_CONSUMER = 'order.favourites';

/**
 * Buyers' favourite listings (seed 003 `Favorites`). A favourite names a published listing (active or sold) of
 * the offers read model; adding and removing are idempotent. A listing's deletion removes it from every buyer's
 * favourites through the offers consumer (OffersService.onItemDeleted), in the transaction of its tombstone.
 */
@Injectable()
export class FavouritesService {
  constructor(
    private readonly favourites: FavouritesRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly inbox: Inbox,
  ) {}

  /** Adds the listing to the caller's favourites (again: nothing changes); true when added now. */
  add(user: AuthenticatedUser, listingId: string): Promise<boolean> {
    return this.unitOfWork.run(async (tx) => {
      if (!(await this.favourites.holdListing(tx, listingId))) {
        throw new OrderException(
          OrderErrorCode.LISTING_NOT_FOUND,
          `No published listing ${listingId} in the catalog`,
        );
      }
      return this.favourites.add(tx, user.id, listingId);
    });
  }

  /** Removes the listing from the caller's favourites (when it is not there: nothing happens). */
  remove(user: AuthenticatedUser, listingId: string): Promise<void> {
    return this.favourites.remove(user.id, listingId);
  }

  /** The caller's favourite of the listing; FAVOURITE_NOT_FOUND when it is not among them. */
  async get(user: AuthenticatedUser, listingId: string): Promise<FavouriteDto> {
    const favourite = await this.favourites.findOne(user.id, listingId);
    if (!favourite) {
      throw new OrderException(OrderErrorCode.FAVOURITE_NOT_FOUND, `Listing ${listingId} is not a favourite`);
    }
    return toFavouriteDto(favourite);
  }

  async list(user: AuthenticatedUser, query: ParsedListQuery): Promise<FavouritePageDto> {
    return mapPage(await this.favourites.list(user.id, query), toFavouriteDto);
  }

  /** `auth.user.deleted.v1`: the buyer's favourites go. */
  async onUserDeleted(event: EventEnvelope<'auth.user.deleted.v1'>): Promise<void> {
    await this.inbox.consumeOnce(FAVOURITES_CONSUMER, event, (tx) =>
      this.favourites.forgetBuyer(tx, event.payload.userId),
    );
  }
}
