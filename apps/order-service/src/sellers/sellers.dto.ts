import { Omittable } from '@agora/http';
import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsString, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';
import {
  SELLER_APPLICATION_STATUSES,
  type SellerApplicationEntity,
  type SellerApplicationStatus,
} from './seller-application.entity.js';

export const SHOP_NAME_MIN_LENGTH = 2;
export const SHOP_NAME_MAX_LENGTH = 100;
export const SHOP_DESCRIPTION_MAX_LENGTH = 2000;
export const DECISION_MESSAGE_MAX_LENGTH = 2000;
const EMAIL_MAX_LENGTH = 320;
const URL_MAX_LENGTH = 500;

/** Admins' queue of applications: oldest first; `filter[status]=pending` for those waiting. */
export const SELLER_APPLICATION_LIST_QUERY: ListQuerySpec = {
  fields: { createdAt: 'date', status: 'string', userId: 'uuid', shopName: 'string' },
  sortable: ['createdAt'],
  defaultSort: 'createdAt',
};

/** The shop a user would open as a seller (seed 003). */
export class ApplyForSellerDto {
  @ApiProperty({ example: 'Grinders & Co', minLength: SHOP_NAME_MIN_LENGTH, maxLength: SHOP_NAME_MAX_LENGTH })
  @IsString()
  @MinLength(SHOP_NAME_MIN_LENGTH)
  @MaxLength(SHOP_NAME_MAX_LENGTH * 2)
  shopName!: string;

  @ApiProperty({ description: 'What the shop sells, as plain text', maxLength: SHOP_DESCRIPTION_MAX_LENGTH })
  @IsString()
  @MaxLength(SHOP_DESCRIPTION_MAX_LENGTH * 2)
  description!: string;

  @ApiProperty({ example: 'shop@example.com', maxLength: EMAIL_MAX_LENGTH })
  @IsString()
  @MaxLength(EMAIL_MAX_LENGTH)
  @IsEmail()
  contactEmail!: string;

  @ApiPropertyOptional({
    example: '+7 701 234 56 78',
    description: 'International format, digits and spaces',
  })
  @Omittable()
  @IsString()
  @Matches(/^\+[1-9][0-9 ()-]{6,24}$/, {
    message: 'contactPhone must be an international number like +7 701 234 56 78',
  })
  contactPhone?: string;

  @ApiPropertyOptional({ example: 'https://grinders.example', maxLength: URL_MAX_LENGTH })
  @Omittable()
  @IsString()
  @MaxLength(URL_MAX_LENGTH)
  @IsUrl({ protocols: ['https'], require_protocol: true })
  website?: string;
}

/** An admin's decision; a rejection needs a message, an approval may carry one. */
export class DecideApplicationDto {
  @ApiPropertyOptional({ description: 'To the applicant', maxLength: DECISION_MESSAGE_MAX_LENGTH })
  @Omittable()
  @IsString()
  @MaxLength(DECISION_MESSAGE_MAX_LENGTH * 2)
  message?: string;
}

export class RejectApplicationDto {
  @ApiProperty({ description: 'Why, to the applicant', maxLength: DECISION_MESSAGE_MAX_LENGTH })
  @IsString()
  @MaxLength(DECISION_MESSAGE_MAX_LENGTH * 2)
  message!: string;
}

export class SellerApplicationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: 'The applicant' })
  userId!: string;

  @ApiProperty()
  shopName!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty()
  contactEmail!: string;

  @ApiProperty({ type: String, nullable: true })
  contactPhone!: string | null;

  @ApiProperty({ type: String, nullable: true })
  website!: string | null;

  @ApiProperty({ enum: SELLER_APPLICATION_STATUSES })
  status!: SellerApplicationStatus;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The admin who decided' })
  reviewerId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The admin's message to the applicant" })
  decisionMessage!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  decidedAt!: string | null;

  @ApiProperty({ description: 'The ETag for If-Match on decisions' })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export const SellerApplicationPageDto = PageOf(SellerApplicationDto);
export type SellerApplicationPageDto = Page<SellerApplicationDto>;

export function toSellerApplicationDto(application: SellerApplicationEntity): SellerApplicationDto {
  return {
    id: application.id,
    userId: application.userId,
    shopName: application.shopName,
    description: application.description,
    contactEmail: application.contactEmail,
    contactPhone: application.contactPhone,
    website: application.website,
    status: application.status,
    reviewerId: application.reviewerId,
    decisionMessage: application.decisionMessage,
    decidedAt: application.decidedAt?.toISOString() ?? null,
    version: application.version,
    createdAt: application.createdAt.toISOString(),
  };
}
