import { Omittable } from '@agora/http';
import { trimmed } from '../items/item-fields.js';
import { DRAFT_SUBJECTS, type DraftSubject } from '@agora/contracts';
import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsObject, IsString, MaxLength, MinLength } from 'class-validator';
import {
  DRAFT_ACTIONS,
  DRAFT_STATUSES,
  type DraftAction,
  type DraftEntity,
  type DraftStatus,
  type FieldValues,
} from './draft.entity.js';
import type { DraftFieldDiff } from './field-diff.js';
import {
  HISTORY_ACTIONS,
  type FieldChange,
  type HistoryAction,
  type ItemHistoryEntity,
} from './item-history.entity.js';

export class DraftDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: DRAFT_SUBJECTS })
  subject!: DraftSubject;

  @ApiProperty({ enum: DRAFT_ACTIONS })
  action!: DraftAction;

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The item edited, or created on approval; a proposed dictionary value: its pending id',
  })
  targetId!: string | null;

  @ApiProperty({ description: 'The proposed fields, as the item route takes them', type: Object })
  payload!: FieldValues;

  @ApiProperty({ enum: DRAFT_STATUSES })
  status!: DraftStatus;

  @ApiProperty({ nullable: true, type: String, description: "The moderator's message to the author" })
  message!: string | null;

  @ApiProperty({ format: 'uuid' })
  authorId!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  reviewerId!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  reviewedAt!: string | null;

  @ApiProperty({ nullable: true, type: Number, description: 'The item version the edit was written on' })
  baseVersion!: number | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

/** A field's value as the item route takes it: text, a number, a flag, a list or an object, or null. */
const anyFieldValue = (description: string): ApiPropertyOptions => ({
  description,
  nullable: true,
  oneOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'array', items: {} },
    { type: 'object' },
  ],
});

export class DraftFieldDiffDto {
  @ApiProperty({ example: 'variety' })
  field!: string;

  @ApiProperty(anyFieldValue('When the draft was written'))
  base!: unknown;

  @ApiProperty(anyFieldValue('Now'))
  current!: unknown;

  @ApiProperty(anyFieldValue('What the draft proposes'))
  proposed!: unknown;

  @ApiProperty({ description: 'Changed by someone else since the draft was written' })
  conflict!: boolean;
}

export class DraftDetailDto extends DraftDto {
  @ApiProperty({ nullable: true, type: Number, description: "The item's version now" })
  currentVersion!: number | null;

  @ApiProperty({
    description: 'The item changed (or was deleted) since the draft was written',
  })
  conflict!: boolean;

  @ApiProperty({ type: [DraftFieldDiffDto], description: 'Field by field, against the current item' })
  changes!: DraftFieldDiff[];
}

export const DraftPageDto = PageOf(DraftDto);
export type DraftPageDto = Page<DraftDto>;

export const DRAFT_LIST_QUERY: ListQuerySpec = {
  fields: {
    id: 'uuid',
    subject: 'string',
    action: 'string',
    status: 'string',
    targetId: 'uuid',
    authorId: 'uuid',
    reviewerId: 'uuid',
    createdAt: 'date',
    updatedAt: 'date',
  },
  defaultSort: 'createdAt',
};

export class ApproveDraftDto {
  @ApiPropertyOptional({ maxLength: 2000, example: 'Thanks, merged.' })
  @Omittable()
  @Transform(trimmed)
  @IsString()
  @MaxLength(2000)
  message?: string;

  @ApiPropertyOptional({
    description: 'Apply over fields someone else changed since the draft was written',
    default: false,
  })
  @Omittable()
  @IsBoolean()
  overrideConflict?: boolean;
}

export class RejectDraftDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, example: 'Kochere is in Yirgacheffe, not Sidamo.' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  message!: string;

  @ApiPropertyOptional({
    description: 'Return the draft to its author for changes instead of closing it',
    default: false,
  })
  @Omittable()
  @IsBoolean()
  returnForChanges?: boolean;
}

export class ReviseDraftDto {
  @ApiProperty({
    type: Object,
    description: "The whole new payload, validated as the item route's body (POST for new, PATCH for edits)",
  })
  @IsObject()
  payload!: FieldValues;
}

export class HistoryEntryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 2 })
  version!: number;

  @ApiProperty({ enum: HISTORY_ACTIONS })
  action!: HistoryAction;

  @ApiProperty({
    type: Object,
    example: { variety: { from: 'Heirloom', to: '74110' } },
    description: 'Changed fields: from, to',
  })
  changes!: Record<string, FieldChange>;

  @ApiProperty({ format: 'uuid' })
  authorId!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  reviewerId!: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  draftId!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export const HistoryPageDto = PageOf(HistoryEntryDto);
export type HistoryPageDto = Page<HistoryEntryDto>;

export function toDraftDto(draft: DraftEntity): DraftDto {
  return {
    id: draft.id,
    subject: draft.subject,
    action: draft.action,
    targetId: draft.targetId,
    payload: draft.payload,
    status: draft.status,
    message: draft.message,
    authorId: draft.authorId,
    reviewerId: draft.reviewerId,
    reviewedAt: draft.reviewedAt?.toISOString() ?? null,
    baseVersion: draft.baseVersion,
    createdAt: draft.createdAt.toISOString(),
    updatedAt: draft.updatedAt.toISOString(),
  };
}

export function toHistoryEntryDto(entry: ItemHistoryEntity): HistoryEntryDto {
  return {
    id: entry.id,
    version: entry.version,
    action: entry.action,
    changes: entry.changes,
    authorId: entry.authorId,
    reviewerId: entry.reviewerId,
    draftId: entry.draftId,
    createdAt: entry.createdAt.toISOString(),
  };
}
