import type { Inbox, Tx } from '@agora/database';
import { RequestException } from '@agora/http';
import { actingUser, inlineUnitOfWork, rejectionOf, strictMock } from '@agora/testing';
import { describe, expect, it, vi } from 'vitest';
import type { MediaCopyService } from '../posts/media-copy.service.js';
import type { RealtimeGateway } from '../realtime/realtime.gateway.js';
import { SocialErrorCode, SocialException } from '../social.errors.js';
import type { ProfileEntity } from './profile.entity.js';
import type { ProfilesRepository } from './profiles.repository.js';
import { ProfilesService } from './profiles.service.js';

const tx = {} as Tx;
const ann = actingUser('ann');

const profile = (values: Partial<ProfileEntity> = {}): ProfileEntity =>
  ({
    id: 'ann',
    login: 'ann',
    displayName: 'Ann',
    avatarUrl: null,
    verified: true,
    bio: '',
    avatarMediaId: null,
    contacts: [],
    marketplaceLinks: [],
    isPrivate: false,
    messagesFrom: 'everyone',
    version: 3,
    createdAt: new Date('2026-11-30T10:00:00Z'),
    updatedAt: new Date('2026-11-30T10:00:00Z'),
    ...values,
  }) as ProfileEntity;

function service(profiles: Partial<ProfilesRepository>, mediaCopy: Partial<MediaCopyService> = {}) {
  return new ProfilesService(
    strictMock<ProfilesRepository>('ProfilesRepository', profiles),
    inlineUnitOfWork(tx),
    strictMock<Inbox>('Inbox'),
    strictMock<RealtimeGateway>('RealtimeGateway'),
    strictMock<MediaCopyService>('MediaCopyService', mediaCopy),
  );
}

const saving = () => vi.fn((_tx: Tx, saved: ProfileEntity) => Promise.resolve(saved));

describe('ProfilesService.update', () => {
  it('changes only the fields sent, under the row lock, one version up', async () => {
    const save = saving();
    const lockVerified = vi.fn(() => Promise.resolve(profile()));
    const updated = await service({ lockVerified, save }).update(ann, { bio: 'Roasts at home' }, [3]);
    expect(lockVerified).toHaveBeenCalledWith(tx, 'ann');
    expect(save).toHaveBeenCalledWith(
      tx,
      expect.objectContaining({ bio: 'Roasts at home', displayName: 'Ann' }),
    );
    expect(updated).toMatchObject({ bio: 'Roasts at home', displayName: 'Ann', version: 4 });
  });

  it('answers 404 for an account without a public profile and 412 for an old If-Match, saving nothing', async () => {
    const missing = await rejectionOf(
      service({ lockVerified: () => Promise.resolve(null) }).update(ann, { bio: 'x' }),
      SocialException,
    );
    expect(missing.code).toBe(SocialErrorCode.PROFILE_NOT_FOUND);
    const stale = await rejectionOf(
      service({ lockVerified: () => Promise.resolve(profile()) }).update(ann, { bio: 'x' }, [2]),
      RequestException,
    );
    expect(stale.status).toBe(412);
  });

  it('takes as avatar only a media its owner uploaded', async () => {
    const owners: Record<string, string> = { mine: 'ann', theirs: 'bob' };
    const profiles = {
      lockVerified: () => Promise.resolve(profile()),
      mediaOwner: (_tx: Tx, mediaId: string) => Promise.resolve(owners[mediaId] ?? null),
      save: saving(),
    };
    // A media not known yet is first read through from media-service (a no-op here).
    const learn = vi.fn(() => Promise.resolve());
    const unknown = await rejectionOf(
      service(profiles, { learn }).update(ann, { avatarMediaId: 'gone' }),
      SocialException,
    );
    expect(unknown.code).toBe(SocialErrorCode.MEDIA_NOT_FOUND);
    expect(learn).toHaveBeenCalledWith(['gone']);
    const theirs = await rejectionOf(
      service(profiles, { learn }).update(ann, { avatarMediaId: 'theirs' }),
      SocialException,
    );
    expect(theirs.code).toBe(SocialErrorCode.NOT_YOUR_MEDIA);
    expect(profiles.save).not.toHaveBeenCalled();
    await expect(service(profiles, { learn }).update(ann, { avatarMediaId: 'mine' })).resolves.toMatchObject({
      version: 4,
    });
  });
});
