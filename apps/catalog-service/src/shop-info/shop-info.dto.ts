import { IsTimeZone, NestedObject } from '@agora/http';
import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsISO31661Alpha2,
  IsNumber,
  IsObject,
  IsOptional,
  IsUrl,
  Matches,
  Max,
  Min,
  isEmail,
  registerDecorator,
  ValidateNested,
} from 'class-validator';
import { OptionalInteger, OptionalText, RequiredText, trimmed } from '../items/item-fields.js';
import type { LocationEntity } from './location.entity.js';
import type { ShopProfileEntity } from './shop-profile.entity.js';
import { WEEKDAYS, type OpeningHours } from './opening-hours.js';

const TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export class OpeningIntervalDto {
  @ApiProperty({ example: '08:00', description: 'Local time HH:MM' })
  @Matches(TIME, { message: 'opens must be HH:MM' })
  opens!: string;

  @ApiProperty({ example: '22:00', description: 'At or before opens: past midnight' })
  @Matches(TIME, { message: 'closes must be HH:MM (24:00 for midnight)' })
  closes!: string;
}

const Day = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ type: [OpeningIntervalDto], description: 'Empty: closed all day' }),
    IsArray(),
    ArrayMaxSize(4),
    // ValidateNested alone walks into an inner array ([[]]) and finds nothing to refuse: each must be an object.
    IsObject({ each: true, message: 'each opening interval must be an object' }),
    ValidateNested({ each: true }),
    Type(() => OpeningIntervalDto),
  );

export class OpeningHoursDto implements OpeningHours {
  @Day() monday!: OpeningIntervalDto[];
  @Day() tuesday!: OpeningIntervalDto[];
  @Day() wednesday!: OpeningIntervalDto[];
  @Day() thursday!: OpeningIntervalDto[];
  @Day() friday!: OpeningIntervalDto[];
  @Day() saturday!: OpeningIntervalDto[];
  @Day() sunday!: OpeningIntervalDto[];
}

/** A half of a UTF-16 surrogate pair without its other half: JSON can carry one (`"\ud800"`), UTF-8 cannot. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** An e-mail address; text with a lone surrogate is refused first, as validator.js's isEmail throws on it. */
function IsEmailAddress(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isEmailAddress',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && !LONE_SURROGATE.test(value) && isEmail(value),
        defaultMessage: () => 'email must be an e-mail address',
      },
    });
}

/**
 * A latitude or longitude in degrees: any finite JSON number within bounds (class-validator's IsLatitude reads
 * the number back as text and refused `1e-7`).
 */
const Coordinate = (min: number, max: number, example: number): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ example, minimum: min, maximum: max, type: Number }),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(min),
    Max(max),
  );

/** `POST /info/locations` and `PUT /info/locations/:id`. */
export class LocationInputDto {
  @RequiredText(120, 'Agora Coffee on Pokrovka')
  name!: string;

  @RequiredText(300, 'Pokrovka St, 17')
  address!: string;

  @RequiredText(120, 'Moscow')
  city!: string;

  @ApiProperty({ example: 'RU' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @IsISO31661Alpha2()
  countryCode!: string;

  @Coordinate(-90, 90, 55.7586)
  latitude!: number;

  @Coordinate(-180, 180, 37.6476)
  longitude!: number;

  @ApiProperty({ example: 'Europe/Moscow' })
  @IsTimeZone()
  timeZone!: string;

  @OptionalText(40, '+7 495 000-00-00')
  phone?: string | null;

  @ApiProperty({ type: OpeningHoursDto })
  @NestedObject(() => OpeningHoursDto)
  openingHours!: OpeningHoursDto;

  @OptionalInteger(0, 10_000, 10, 'Display order, ascending; null or left out: 0 (a PATCH keeps it)')
  position?: number | null;
}

export class PatchLocationDto extends PartialType(LocationInputDto, { skipNullProperties: false }) {}

export class LocationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 1, description: 'Rises with every change; the ETag, for If-Match' })
  version!: number;
  @ApiProperty() name!: string;
  @ApiProperty() address!: string;
  @ApiProperty() city!: string;
  @ApiProperty({ example: 'RU' }) countryCode!: string;
  @ApiProperty() latitude!: number;
  @ApiProperty() longitude!: number;
  @ApiProperty({ example: 'Europe/Moscow' }) timeZone!: string;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ type: OpeningHoursDto }) openingHours!: OpeningHours;
  @ApiProperty({ description: 'Open at the time asked about (now by default), in its own time zone' })
  openNow!: boolean;
  @ApiProperty() position!: number;
}

export const LocationPageDto = PageOf(LocationDto);
export type LocationPageDto = Page<LocationDto>;

export const LOCATION_LIST_QUERY: ListQuerySpec = {
  fields: { id: 'uuid', name: 'string', city: 'string', countryCode: 'string', position: 'integer' },
  searchable: ['name', 'address', 'city'],
  defaultSort: 'position',
  parameters: ['at'],
};

export class ShopProfileInputDto {
  @RequiredText(120, 'Agora Coffee')
  name!: string;

  @OptionalText(2000, 'Speciality coffee to go')
  description?: string | null;

  @ApiPropertyOptional({ example: 'hello@agora.example', nullable: true, type: String })
  @IsOptional()
  @Transform(trimmed)
  @IsEmailAddress()
  email?: string | null;

  @OptionalText(40, '+7 495 000-00-00')
  phone?: string | null;

  @ApiPropertyOptional({ example: 'https://agora.example', nullable: true, type: String })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  website?: string | null;
}

export class ShopProfileDto {
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ nullable: true, type: String }) website!: string | null;
}

export class ShopInfoDto {
  @ApiProperty({ type: ShopProfileDto, nullable: true, description: 'Null until an admin sets it' })
  shop!: ShopProfileDto | null;

  @ApiProperty({ type: [LocationDto] })
  locations!: LocationDto[];

  @ApiProperty({ format: 'date-time', description: 'The instant openNow was computed for' })
  at!: string;
}

export function toLocationDto(location: LocationEntity, openNow: boolean): LocationDto {
  return {
    id: location.id,
    version: location.version,
    name: location.name,
    address: location.address,
    city: location.city,
    countryCode: location.countryCode,
    latitude: location.latitude,
    longitude: location.longitude,
    timeZone: location.timeZone,
    phone: location.phone,
    openingHours: Object.fromEntries(
      WEEKDAYS.map((day) => [day, location.openingHours[day] ?? []]),
    ) as OpeningHours,
    openNow,
    position: location.position,
  };
}

export function toShopProfileDto(profile: ShopProfileEntity): ShopProfileDto {
  return {
    name: profile.name,
    description: profile.description,
    email: profile.email,
    phone: profile.phone,
    website: profile.website,
  };
}
