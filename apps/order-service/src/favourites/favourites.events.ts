import { Topics, type EventEnvelope } from '@agora/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { FavouritesService } from './favourites.service.js';

/** auth's account deletions, for favourites (listings' deletions come through the offers consumer). */
@Controller()
export class FavouritesEvents {
  constructor(private readonly favourites: FavouritesService) {}

  @EventPattern(Topics.UserDeleted)
  onUserDeleted(@Payload() event: EventEnvelope<'auth.user.deleted.v1'>): Promise<void> {
    return this.favourites.onUserDeleted(event);
  }
}
