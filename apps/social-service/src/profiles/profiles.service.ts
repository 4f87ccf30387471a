import type { EventEnvelope, UserDeletedV1, UserRegisteredV1, UserUpdatedV1 } from '@agora/contracts';
import { Inbox } from '@agora/database';
import { ProblemException } from '@agora/http';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import { PoisonMessageError } from '@agora/messaging';
import { Injectable } from '@nestjs/common';
import { RealtimeGateway } from '../realtime/realtime.gateway.js';
import { toProfileDto, type ProfileDto, type ProfilePageDto } from './profiles.dto.js';
import { ProfilesRepository } from './profiles.repository.js';

const CONSUMER = 'social.profiles';

function assertUserRegistered(payload: unknown): asserts payload is UserRegisteredV1 {
  const candidate = payload as Partial<UserRegisteredV1> | null;
  if (
    typeof candidate?.userId !== 'string' ||
    typeof candidate.login !== 'string' ||
    typeof candidate.email !== 'string'
  ) {
    throw new PoisonMessageError('auth.user.registered.v1 payload lacks userId, login or email');
  }
}

function assertUserUpdated(payload: unknown): asserts payload is UserUpdatedV1 {
  const candidate = payload as Partial<UserUpdatedV1> | null;
  if (typeof candidate?.userId !== 'string' || typeof candidate.login !== 'string') {
    throw new PoisonMessageError('auth.user.updated.v1 payload lacks userId or login');
  }
}

function assertUserDeleted(payload: unknown): asserts payload is UserDeletedV1 {
  if (typeof (payload as Partial<UserDeletedV1> | null)?.userId !== 'string') {
    throw new PoisonMessageError('auth.user.deleted.v1 payload lacks userId');
  }
}

@Injectable()
export class ProfilesService {
  constructor(
    private readonly profiles: ProfilesRepository,
    private readonly inbox: Inbox,
    private readonly realtime: RealtimeGateway,
  ) {}

  async get(userId: string): Promise<ProfileDto> {
    const profile = await this.profiles.findById(userId);
    if (!profile) {
      throw new ProblemException(404, { code: 'PROFILE_NOT_FOUND', detail: `No profile for user ${userId}` });
    }
    return toProfileDto(profile);
  }

  async updateDisplayName(userId: string, displayName: string): Promise<ProfileDto> {
    const profile = await this.profiles.updateDisplayName(userId, displayName);
    if (!profile) {
      throw new ProblemException(404, { code: 'PROFILE_NOT_FOUND', detail: `No profile for user ${userId}` });
    }
    return toProfileDto(profile);
  }

  async list(query: ParsedListQuery): Promise<ProfilePageDto> {
    const page = await this.profiles.list(query);
    return mapPage(page, toProfileDto);
  }

  /**
   * A registered user gets a profile, once, however often the event is delivered; subscribers of the
   * `profiles` channel hear about it after the commit.
   */
  async onUserRegistered(event: EventEnvelope<'auth.user.registered.v1'>): Promise<void> {
    const payload: unknown = event.payload;
    assertUserRegistered(payload);
    const applied = await this.inbox.consumeOnce(CONSUMER, event, (manager) =>
      this.profiles.insertIfAbsent(manager, {
        id: payload.userId,
        login: payload.login,
        displayName: payload.login,
      }),
    );
    const profile = applied ? await this.profiles.findById(payload.userId) : null;
    if (profile) {
      this.realtime.profileCreated(toProfileDto(profile));
    }
  }

  /** A login change reaches the profile. */
  async onUserUpdated(event: EventEnvelope<'auth.user.updated.v1'>): Promise<void> {
    const payload: unknown = event.payload;
    assertUserUpdated(payload);
    await this.inbox.consumeOnce(CONSUMER, event, (manager) =>
      this.profiles.renameLogin(manager, payload.userId, payload.login),
    );
  }

  /** A deleted account's profile goes too. */
  async onUserDeleted(event: EventEnvelope<'auth.user.deleted.v1'>): Promise<void> {
    const payload: unknown = event.payload;
    assertUserDeleted(payload);
    await this.inbox.consumeOnce(CONSUMER, event, (manager) => this.profiles.delete(manager, payload.userId));
  }
}
