import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { ProfileEntity } from './profile.entity.js';

export const PROFILE_SEARCH_FIELDS = ['login', 'displayName'] as const;

export const PROFILE_LIST_QUERY: ListQuerySpec = {
  fields: { id: 'uuid', login: 'string', displayName: 'string', createdAt: 'date' },
  searchable: PROFILE_SEARCH_FIELDS,
  defaultSort: '-createdAt',
};

export class ProfileDto {
  @ApiProperty({ format: 'uuid', description: 'The user id' })
  userId!: string;

  @ApiProperty({ example: 'anna' })
  login!: string;

  @ApiProperty({ example: 'anna' })
  displayName!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uri',
    example: 'https://lh3.googleusercontent.com/a/photo.jpg',
    description: "The identity provider's picture at sign-up (https); null otherwise",
  })
  avatarUrl!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ example: 3, description: 'Rises with every change; the ETag, for If-Match' })
  version!: number;
}

/** Longest display name, whether set by its owner or taken from an identity provider. */
export const DISPLAY_NAME_MAX_LENGTH = 64;

/** What a user may change on their own profile. */
export class UpdateProfileDto {
  @ApiProperty({ example: 'Anna K.', minLength: 1, maxLength: DISPLAY_NAME_MAX_LENGTH })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(DISPLAY_NAME_MAX_LENGTH)
  displayName!: string;
}

/** `GET /profiles`: a page of profiles. */
export const ProfilePageDto = PageOf(ProfileDto);
export type ProfilePageDto = Page<ProfileDto>;

export function toProfileDto(profile: ProfileEntity): ProfileDto {
  return {
    userId: profile.id,
    login: profile.login,
    displayName: profile.displayName,
    avatarUrl: profile.avatarUrl,
    createdAt: profile.createdAt.toISOString(),
    version: profile.version,
  };
}
