import type { Language, Translations } from '@agora/http';
import type { TranslatedField } from '../translations/translatable.js';
import { TranslatableProperties } from '../translations/translation.dto.js';
import { CHECKIN_KINDS, type CheckinKind } from '@agora/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

/** The windows the cloud counts over, in days (`all`: since the first check-in). */
export const TAG_CLOUD_WINDOWS = { '7d': 7, '30d': 30, '90d': 90, '365d': 365, all: null } as const;
export type TagCloudWindow = keyof typeof TAG_CLOUD_WINDOWS;
const WINDOWS = Object.keys(TAG_CLOUD_WINDOWS) as TagCloudWindow[];

export class TagCloudQueryDto {
  @ApiPropertyOptional({
    enum: CHECKIN_KINDS,
    description: 'Check-ins on this kind only (all kinds without)',
  })
  @IsOptional()
  @IsIn(CHECKIN_KINDS)
  kind?: CheckinKind;

  @ApiPropertyOptional({ enum: WINDOWS, default: '30d', description: 'Check-ins of the last days (UTC)' })
  @IsOptional()
  @IsIn(WINDOWS)
  window?: TagCloudWindow;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 30 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class CloudTagDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'bergamot' }) name!: string;
  @TranslatableProperties.description() description!: string | null;
  @TranslatableProperties.language() language!: Language;
  @TranslatableProperties.originalLanguage() originalLanguage!: Language;
  @TranslatableProperties.translations() translations!: Translations<TranslatedField>;
  @ApiProperty({ example: 42, description: 'Check-ins in the window carrying the tag' }) uses!: number;
  @ApiProperty({ example: 0.5, description: "uses / the top tag's uses (two decimals): 1 for the top tag" })
  weight!: number;
}

export class TagCloudDto {
  @ApiProperty({ enum: CHECKIN_KINDS, nullable: true }) kind!: CheckinKind | null;
  @ApiProperty({ enum: WINDOWS }) window!: TagCloudWindow;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'First day counted (null: all)' })
  since!: string | null;
  @ApiProperty({ type: [CloudTagDto], description: 'Most used first (ties by name)' }) tags!: CloudTagDto[];
}
