import { Omittable } from '@agora/http';
import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  CONTACT_KINDS,
  MARKETPLACE_SITES,
  MESSAGE_PRIVACIES,
  type MessagePrivacy,
  type ContactKind,
  type MarketplaceSite,
  type ProfileEntity,
} from './profile.entity.js';

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

  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'A media the user owns' })
  avatarMediaId!: string | null;

  @ApiProperty({ example: 'Roasting at home since 2019.' })
  bio!: string;

  @ApiProperty({ type: () => ContactDto, isArray: true })
  contacts!: ContactDto[];

  @ApiProperty({ type: () => MarketplaceLinkDto, isArray: true })
  marketplaceLinks!: MarketplaceLinkDto[];

  @ApiProperty({ description: 'Follows need acceptance; posts and lists are for followers only' })
  private!: boolean;

  @ApiProperty({ enum: MESSAGE_PRIVACIES, description: 'Who may write to the user in a direct chat' })
  messagesFrom!: MessagePrivacy;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 4.5,
    description:
      "The average stars of verified-purchase reviews of the user's listings (their authors have an issued order of the listing); null before the first",
  })
  sellerRating!: number | null;

  @ApiProperty({ example: 12, description: 'How many verified-purchase reviews the seller rating is from' })
  sellerReviewsCount!: number;

  @ApiProperty({ example: 12 })
  followersCount!: number;

  @ApiProperty({ example: 40 })
  followingCount!: number;

  @ApiProperty({ example: 7 })
  postsCount!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ example: 3, description: 'Rises with every change; the ETag, for If-Match' })
  version!: number;
}

/** Who a user is, in lists (followers, posts' authors). */
export class ProfileSummaryDto {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ example: 'anna' })
  login!: string;

  @ApiProperty({ example: 'Anna K.' })
  displayName!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  avatarMediaId!: string | null;
}

export const BIO_MAX_LENGTH = 1000;
export const CONTACTS_MAX = 10;
export const CONTACT_VALUE_MAX_LENGTH = 200;
export const URL_MAX_LENGTH = 2048;

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ContactDto {
  @ApiProperty({ enum: CONTACT_KINDS })
  @IsIn(CONTACT_KINDS)
  kind!: ContactKind;

  @ApiProperty({ example: '@anna', maxLength: CONTACT_VALUE_MAX_LENGTH })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(CONTACT_VALUE_MAX_LENGTH)
  value!: string;
}

export class MarketplaceLinkDto {
  @ApiProperty({ enum: MARKETPLACE_SITES })
  @IsIn(MARKETPLACE_SITES)
  site!: MarketplaceSite;

  @ApiProperty({ example: 'https://www.avito.ru/user/anna', maxLength: URL_MAX_LENGTH })
  @IsString()
  @MaxLength(URL_MAX_LENGTH)
  @IsUrl({ protocols: ['https'], require_protocol: true })
  url!: string;
}

/** Longest display name, whether set by its owner or taken from an identity provider. */
export const DISPLAY_NAME_MAX_LENGTH = 64;

/** What a user may change on their own profile: only the fields sent change. */
export class UpdateProfileDto {
  @ApiPropertyOptional({ example: 'Anna K.', minLength: 1, maxLength: DISPLAY_NAME_MAX_LENGTH })
  @Omittable()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(DISPLAY_NAME_MAX_LENGTH)
  displayName?: string;

  @ApiPropertyOptional({ maxLength: BIO_MAX_LENGTH })
  @Omittable()
  @Transform(trimmed)
  @IsString()
  @MaxLength(BIO_MAX_LENGTH)
  bio?: string;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: 'A media you uploaded' })
  @IsOptional()
  @IsUUID()
  avatarMediaId?: string | null;

  @ApiPropertyOptional({ type: () => ContactDto, isArray: true, maxItems: CONTACTS_MAX })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(CONTACTS_MAX)
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts?: ContactDto[];

  @ApiPropertyOptional({ type: () => MarketplaceLinkDto, isArray: true, maxItems: CONTACTS_MAX })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(CONTACTS_MAX)
  @ValidateNested({ each: true })
  @Type(() => MarketplaceLinkDto)
  marketplaceLinks?: MarketplaceLinkDto[];

  @ApiPropertyOptional({ description: 'Make follows need your acceptance' })
  @Omittable()
  @IsBoolean()
  private?: boolean;

  @ApiPropertyOptional({
    enum: MESSAGE_PRIVACIES,
    description: 'Who may write to you: everyone, people you follow, mutual follows, or nobody',
  })
  @Omittable()
  @IsIn(MESSAGE_PRIVACIES)
  messagesFrom?: MessagePrivacy;
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
    avatarMediaId: profile.avatarMediaId,
    bio: profile.bio,
    contacts: profile.contacts,
    marketplaceLinks: profile.marketplaceLinks,
    private: profile.isPrivate,
    messagesFrom: profile.messagesFrom,
    sellerRating: profile.sellerRating,
    sellerReviewsCount: profile.sellerReviewsCount,
    followersCount: profile.followersCount,
    followingCount: profile.followingCount,
    postsCount: profile.postsCount,
    createdAt: profile.createdAt.toISOString(),
    version: profile.version,
  };
}

export function toProfileSummaryDto(profile: ProfileEntity): ProfileSummaryDto {
  return {
    userId: profile.id,
    login: profile.login,
    displayName: profile.displayName,
    avatarMediaId: profile.avatarMediaId,
  };
}
