import type { ListQuerySpec, Page } from '@agora/list-query';
import { PageOf } from '@agora/list-query';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO31661Alpha2, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { AddressEntity } from './address.entity.js';

/** Most addresses one address book holds. */
export const MAX_ADDRESSES = 50;

/** The caller's addresses: newest first; filter by city or country. */
export const ADDRESS_LIST_QUERY: ListQuerySpec = {
  fields: { createdAt: 'date' },
  defaultSort: '-createdAt',
  defaultLimit: 50,
  maxLimit: 50,
};

const trimmed = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** The fields of an address, as a checkout's `address` and the address book take them. */
export class AddressInputDto {
  @ApiProperty({ example: 'ul. Tverskaya, 1', maxLength: 200 })
  @trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  line1!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'apt. 5', maxLength: 200 })
  @IsOptional()
  @trimmed()
  @IsString()
  @MaxLength(200)
  line2?: string | null;

  @ApiProperty({ example: 'Moscow', maxLength: 100 })
  @trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  city!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100 })
  @IsOptional()
  @trimmed()
  @IsString()
  @MaxLength(100)
  region?: string | null;

  @ApiProperty({ example: '125009', maxLength: 20 })
  @trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  postalCode!: string;

  @ApiProperty({ example: 'RU', description: 'ISO 3166-1 alpha-2' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @IsISO31661Alpha2()
  country!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Anna Petrova', maxLength: 200 })
  @IsOptional()
  @trimmed()
  @IsString()
  @MaxLength(200)
  recipient?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+7 900 000-00-00', maxLength: 40 })
  @IsOptional()
  @trimmed()
  @IsString()
  @MaxLength(40)
  phone?: string | null;
}

export class SaveAddressDto extends AddressInputDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Home', maxLength: 100 })
  @IsOptional()
  @trimmed()
  @IsString()
  @MaxLength(100)
  label?: string | null;
}

/** A partial address: a field left out stays; `null` clears only the fields that may be empty (400 otherwise). */
export class PatchAddressDto extends PartialType(SaveAddressDto, { skipNullProperties: false }) {}

/** An address as an order keeps it: a copy, unchanged by later edits of the address book. */
export class AddressSnapshotDto {
  @ApiProperty()
  line1!: string;

  @ApiProperty({ type: String, nullable: true })
  line2!: string | null;

  @ApiProperty()
  city!: string;

  @ApiProperty({ type: String, nullable: true })
  region!: string | null;

  @ApiProperty()
  postalCode!: string;

  @ApiProperty()
  country!: string;

  @ApiProperty({ type: String, nullable: true })
  recipient!: string | null;

  @ApiProperty({ type: String, nullable: true })
  phone!: string | null;
}

export class AddressDto extends AddressSnapshotDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, nullable: true })
  label!: string | null;

  @ApiProperty({ description: 'The ETag for If-Match on changes' })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export const AddressPageDto = PageOf(AddressDto);
export type AddressPageDto = Page<AddressDto>;

const orNull = (value: string | null | undefined): string | null => (value ? value : null);

export function toAddressSnapshot(address: AddressInputDto | AddressEntity): AddressSnapshotDto {
  return {
    line1: address.line1,
    line2: orNull(address.line2),
    city: address.city,
    region: orNull(address.region),
    postalCode: address.postalCode,
    country: address.country,
    recipient: orNull(address.recipient),
    phone: orNull(address.phone),
  };
}

export function toAddressDto(address: AddressEntity): AddressDto {
  return {
    id: address.id,
    label: address.label,
    ...toAddressSnapshot(address),
    version: address.version,
    createdAt: address.createdAt.toISOString(),
    updatedAt: address.updatedAt.toISOString(),
  };
}
