import type { AuthenticatedUser } from '@agora/auth';
import type { EventEnvelope } from '@agora/contracts';
import { Inbox, UnitOfWork, type Tx } from '@agora/database';
import { assertVersionMatches, type ExpectedVersions } from '@agora/http';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { RealtimeGateway } from '../realtime/realtime.gateway.js';
import type { ProfileEntity } from './profile.entity.js';
import {
  DISPLAY_NAME_MAX_LENGTH,
  toProfileDto,
  type ProfileDto,
  type ProfilePageDto,
  type UpdateProfileDto,
} from './profiles.dto.js';
import { ProfilesRepository, type ProfileChanges } from './profiles.repository.js';
import { SocialErrorCode, SocialException } from '../social.errors.js';
import { MediaCopyService } from '../posts/media-copy.service.js';

/** The inbox consumer name of every profile event. */
export const PROFILES_CONSUMER = 'social.profiles';

const AVATAR_URL_MAX_LENGTH = 2048;

/** A provider's name as a display name: trimmed, at most the length a user may set; null when blank. */
export function providerDisplayName(name: string | null | undefined): string | null {
  const trimmed = name?.replace(/\s+/g, ' ').trim() ?? '';
  return trimmed ? [...trimmed].slice(0, DISPLAY_NAME_MAX_LENGTH).join('') : null;
}

/** A provider's picture, only as an absolute https URL (it is shown to anyone); null otherwise. */
export function providerAvatarUrl(url: string | null | undefined): string | null {
  if (!url || url.length > AVATAR_URL_MAX_LENGTH) {
    return null;
  }
  try {
    return new URL(url).protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

const notFound = (userId: string) =>
  new SocialException(SocialErrorCode.PROFILE_NOT_FOUND, `No profile for user ${userId}`);

@Injectable()
export class ProfilesService {
  constructor(
    private readonly profiles: ProfilesRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly inbox: Inbox,
    private readonly realtime: RealtimeGateway,
    private readonly mediaCopy: MediaCopyService,
  ) {}

  /** A verified account's profile; any other id is a 404, whether the account exists or not. */
  async get(userId: string): Promise<ProfileDto> {
    const profile = await this.profiles.findPublic(userId);
    if (!profile) {
      throw notFound(userId);
    }
    return toProfileDto(profile);
  }

  /** The caller's changes to their own profile (only the fields sent), at the version If-Match names. */
  async update(
    user: AuthenticatedUser,
    dto: UpdateProfileDto,
    expected?: ExpectedVersions,
  ): Promise<ProfileDto> {
    const changes: ProfileChanges = {
      ...(typeof dto.displayName === 'string' ? { displayName: dto.displayName } : {}),
      ...(typeof dto.bio === 'string' ? { bio: dto.bio } : {}),
      ...(dto.avatarMediaId !== undefined ? { avatarMediaId: dto.avatarMediaId } : {}),
      ...(dto.contacts ? { contacts: dto.contacts } : {}),
      ...(dto.marketplaceLinks ? { marketplaceLinks: dto.marketplaceLinks } : {}),
      ...(typeof dto.private === 'boolean' ? { isPrivate: dto.private } : {}),
      ...(dto.messagesFrom ? { messagesFrom: dto.messagesFrom } : {}),
    };
    if (changes.avatarMediaId) {
      await this.mediaCopy.learn([changes.avatarMediaId]);
    }
    // Under the profile's row lock, at the version If-Match names: one more version.
    const profile = await this.unitOfWork.run(async (tx) => {
      const current = await this.profiles.lockVerified(tx, user.id);
      if (!current) {
        throw notFound(user.id);
      }
      assertVersionMatches(expected, current.version);
      if (changes.avatarMediaId) {
        await this.checkAvatar(tx, user, changes.avatarMediaId);
      }
      Object.assign(current, changes);
      current.version += 1;
      return this.profiles.save(tx, current);
    });
    return toProfileDto(profile);
  }

  /** An avatar must be a media its owner uploaded. */
  private async checkAvatar(tx: Tx, user: AuthenticatedUser, mediaId: string): Promise<void> {
    const owner = await this.profiles.mediaOwner(tx, mediaId);
    if (!owner) {
      throw new SocialException(SocialErrorCode.MEDIA_NOT_FOUND, 'No uploaded media with this id', {
        errors: [{ field: 'avatarMediaId', messages: ['no uploaded media with this id'] }],
      });
    }
    if (owner !== user.id) {
      throw new SocialException(SocialErrorCode.NOT_YOUR_MEDIA, 'The avatar must be a media you uploaded');
    }
  }

  /** Verified accounts' profiles only. */
  async list(query: ParsedListQuery): Promise<ProfilePageDto> {
    const page = await this.profiles.listPublic(query);
    return mapPage(page, toProfileDto);
  }

  /**
   * A registered user gets a profile, once, however often the event is delivered, with the provider's
   * name and picture when the account came from Google or Yandex. It is public once the account is
   * verified (at once for a provider's account, whose `auth.user.verified.v1` comes with it).
   */
  async onUserRegistered(event: EventEnvelope<'auth.user.registered.v1'>): Promise<void> {
    const { payload } = event;
    let created: ProfileEntity | null = null;
    await this.inbox.consumeOnce(PROFILES_CONSUMER, event, async (manager) => {
      created = await this.profiles.applyRegistered(manager, {
        id: payload.userId,
        login: payload.login,
        displayName: providerDisplayName(payload.displayName),
        avatarUrl: providerAvatarUrl(payload.avatarUrl),
      });
    });
    this.announce(created);
  }

  /** A verified account's profile becomes public; subscribers of `profiles` hear of it after the commit. */
  async onUserVerified(event: EventEnvelope<'auth.user.verified.v1'>): Promise<void> {
    const { payload } = event;
    let published: ProfileEntity | null = null;
    await this.inbox.consumeOnce(PROFILES_CONSUMER, event, async (manager) => {
      published = await this.profiles.applyVerified(manager, payload.userId);
    });
    this.announce(published);
  }

  /**
   * A login change reaches the profile, and so does a change of verification: an account an admin
   * un-verifies is hidden (404, not listed), one an admin verifies is shown and announced.
   */
  async onUserUpdated(event: EventEnvelope<'auth.user.updated.v1'>): Promise<void> {
    const { payload } = event;
    let published: ProfileEntity | null = null;
    await this.inbox.consumeOnce(PROFILES_CONSUMER, event, async (manager) => {
      published = await this.profiles.applyUpdated(manager, payload.userId, payload.login, payload.verified);
    });
    this.announce(published);
  }

  /** A deleted account's profile goes too. */
  async onUserDeleted(event: EventEnvelope<'auth.user.deleted.v1'>): Promise<void> {
    const { payload } = event;
    await this.inbox.consumeOnce(PROFILES_CONSUMER, event, (manager) =>
      this.profiles.applyDeleted(manager, payload.userId),
    );
  }

  /** Tells `profiles` subscribers about a profile that just became public. */
  private announce(profile: ProfileEntity | null): void {
    if (profile?.verified) {
      this.realtime.profileCreated(toProfileDto(profile));
    }
  }
}
