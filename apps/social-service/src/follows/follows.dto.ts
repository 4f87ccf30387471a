import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty } from '@nestjs/swagger';
import { ProfileSummaryDto, toProfileSummaryDto } from '../profiles/profiles.dto.js';
import type { ProfileEntity } from '../profiles/profile.entity.js';
import { FOLLOW_STATUSES, type FollowStatus } from './follow.entity.js';

/** Followers, following, follow requests, blocks and mutes: newest first, by when the link was made. */
export const RELATION_LIST_QUERY: ListQuerySpec = {
  fields: { createdAt: 'date' },
  defaultSort: '-createdAt',
};

/** `PUT /me/following/:userId`: following now, or asked (a private account). */
export class FollowStateDto {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ enum: FOLLOW_STATUSES, description: '`pending`: a request the private account must accept' })
  status!: FollowStatus;
}

/** `GET /me/relationships/:userId`: every link between the caller and the user, from the caller's side. */
export class RelationshipDto {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({
    enum: [...FOLLOW_STATUSES, 'none'],
    description:
      "The caller's follow: `active`, `pending` (a request the private account must accept) or `none`",
  })
  following!: FollowStatus | 'none';

  @ApiProperty({ description: 'The user follows the caller (accepted)' })
  followedBy!: boolean;

  @ApiProperty({ description: 'The caller blocked the user' })
  blocking!: boolean;

  @ApiProperty({ description: 'The user blocked the caller' })
  blockedBy!: boolean;

  @ApiProperty({ description: 'The caller muted the user' })
  muting!: boolean;
}

/** A user in a followers, following, requests, blocks or mutes list, and since when. */
export class RelatedUserDto {
  @ApiProperty({ type: () => ProfileSummaryDto })
  user!: ProfileSummaryDto;

  @ApiProperty({ format: 'date-time' })
  since!: string;
}

export const RelatedUserPageDto = PageOf(RelatedUserDto);
export type RelatedUserPageDto = Page<RelatedUserDto>;

export function toRelatedUserDto(profile: ProfileEntity, since: Date): RelatedUserDto {
  return { user: toProfileSummaryDto(profile), since: since.toISOString() };
}
